#!/bin/sh
# kernel-doc of the files the series touches: scripts/kernel-doc -none
# -Wall reports no more warnings on the patched file than on its base
# version (new files: none).  One KTAP result per C file or header.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
kdoc=${KERNEL_DOC:-$tree/scripts/kernel-doc}
. "$top/build/linux/tools/testing/selftests/kselftest/ktap_helpers.sh"
files=$(git -C "$tree" diff --name-only base..work -- '*.c' '*.h')
ktap_print_header
if [ -z "$files" ]; then
	ktap_set_plan 1
	ktap_test_skip "kernel-doc: the series touches no C file yet"
	exit 0
fi
ktap_set_plan "$(echo "$files" | grep -c .)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in $files; do
	(git -C "$tree" show "work:$f" >"$tmp/new.${f##*.}" &&
		"$kdoc" -none -Wall "$tmp/new.${f##*.}") >"$tmp/new.log" 2>&1 || true
	: >"$tmp/base.log"
	if git -C "$tree" cat-file -e "base:$f" 2>/dev/null; then
		(git -C "$tree" show "base:$f" >"$tmp/base.${f##*.}" &&
			"$kdoc" -none -Wall "$tmp/base.${f##*.}") >"$tmp/base.log" 2>&1 || true
	fi
	new=$(grep -c . "$tmp/new.log" || true)
	old=$(grep -c . "$tmp/base.log" || true)
	if [ "$new" -le "$old" ]; then
		ktap_test_pass "kernel-doc $f ($new warnings, base $old)"
	else
		sed 's/^/# /' "$tmp/new.log" | head -n 10
		ktap_test_fail "kernel-doc $f ($new warnings, base $old)"
	fi
done
ktap_print_totals
