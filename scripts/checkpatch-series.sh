#!/bin/sh
# checkpatch.pl --strict on every patch of the series; prints one KTAP
# result per patch.  Justified exceptions: patches/checkpatch-exceptions,
# lines "<patch file> <TYPE> <reason>".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
patches=${PATCHES:-$top/patches}
tree=${TREE:-$top/build/linux}
exc=$patches/checkpatch-exceptions
. "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh"
series=$("$top/scripts/series.sh")
ktap_print_header
if [ -z "$series" ]; then
	ktap_set_plan 1
	ktap_test_skip "checkpatch: patches/series lists no patch yet"
	exit 0
fi
ktap_set_plan "$(echo "$series" | grep -c .)"
# checkpatch runs scripts/spdxcheck.py with "env python3"; Debian's python3
# is the one that has python3-ply and python3-git (host-setup.sh).
PATH=/usr/bin:$PATH
for p in $series; do
	ignore=$(awk -v p="$p" '$1 == p { printf "%s%s", sep, $2; sep = "," }' "$exc" 2>/dev/null || true)
	if out=$(cd "$tree" && scripts/checkpatch.pl --strict --quiet --no-summary \
		${ignore:+--ignore "$ignore"} "$patches/$p" 2>&1) && [ -z "$out" ]; then
		ktap_test_pass "checkpatch $p"
	else
		echo "$out" | head -n 20 | sed 's/^/# /'
		ktap_test_fail "checkpatch $p"
	fi
done
ktap_print_totals
