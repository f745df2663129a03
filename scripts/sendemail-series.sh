#!/bin/sh
# The series goes out as it is: git send-email --dry-run, from the kernel
# tree, of the cover letter and every patch in patches/, to the lists the
# series is for, Cc from scripts/sendemail-cc.sh (get_maintainer.pl).
# send-email's own checks apply (lines of at most 998 characters, a
# From and a Subject).  One KTAP result per mail: accepted, threaded
# under the cover letter, and (patches) Cc'd to the maintainers
# get_maintainer.pl names.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
patches=${PATCHES:-$top/patches}
. "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh"
files=$("$top/scripts/series.sh" | sed "s|^|$patches/|")
ktap_print_header
if [ -z "$files" ]; then
	ktap_set_plan 1
	ktap_test_skip "send-email: patches/series lists no patch yet"
	exit 0
fi
files="$patches/0000-cover-letter.patch
$files"
ktap_set_plan "$(echo "$files" | grep -c .)"
git send-email --help >/dev/null 2>&1 ||
	ktap_exit_fail_msg "git send-email is not installed (Debian: git-email)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
from=$(git -C "$tree" log -1 --format='%an <%ae>' work)
rc=0
# shellcheck disable=SC2086 # one argument per patch file
(cd "$tree" && git send-email --dry-run --confirm=never --no-annotate \
	--from "$from" --to linux-mm@kvack.org \
	--to linux-arm-kernel@lists.infradead.org \
	--to linux-perf-users@vger.kernel.org \
	--cc-cmd "$top/scripts/sendemail-cc.sh" --suppress-cc=self \
	$files) >"$tmp/out" 2>"$tmp/err" || rc=$?
[ "$rc" = 0 ] || { sed 's/^/# /' "$tmp/err" | head -n 20; }
# One block per mail, from "Dry-OK" to "Result:".
awk -v dir="$tmp" '
	/^Dry-OK/ { n++; f = dir "/mail." n }
	n { print > f }' "$tmp/out"
i=0
for p in $files; do
	i=$((i + 1))
	m=$tmp/mail.$i
	name=${p##*/}
	if [ ! -f "$m" ] || ! grep -q '^Result: OK' "$m"; then
		ktap_test_fail "send-email accepts $name (exit status $rc)"
		continue
	fi
	subject=$(sed -n 's/^Subject: //p' "$m" | head -n 1)
	want=$(grep -c '^Subject: ' "$p")
	cc=$(grep -c '^RCPT TO:' "$m")
	expect=$( (cd "$tree" && "$top/scripts/sendemail-cc.sh" "$p") 2>/dev/null | grep -c @ || true)
	ok=1
	if [ "$want" != 1 ] || [ -z "$subject" ]; then
		ktap_print_msg "$name: no single Subject"
		ok=
	fi
	# Recipients: the three lists and what get_maintainer.pl names (some
	# of it the same lists).
	if [ "$cc" -lt 3 ] || [ "$cc" -lt "$expect" ]; then
		ktap_print_msg "$name: $cc recipients, get_maintainer.pl names $expect"
		ok=
	fi
	if [ "$i" -gt 1 ] && ! grep -q '^In-Reply-To: ' "$m"; then
		ktap_print_msg "$name: not threaded under the cover letter"
		ok=
	fi
	if [ -n "$ok" ]; then
		ktap_test_pass "send-email accepts $name ($cc recipients)"
	else
		ktap_test_fail "send-email accepts $name"
	fi
done
ktap_print_totals
