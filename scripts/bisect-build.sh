#!/bin/sh
# Bisectability: build arm64-4k at every commit of the series, in order,
# in the scenario's own output directory (each step is incremental and the
# last one is the scenario's build).  Prints one KTAP result per patch.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
logs=$top/build/results/bisect
. "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh"
series=$("$top/scripts/series.sh")
commits=$(git -C "$tree" rev-list --reverse base..work)
ktap_print_header
if [ -z "$series" ]; then
	ktap_set_plan 1
	ktap_test_skip "bisect: patches/series lists no patch yet"
	exit 0
fi
ktap_set_plan "$(echo "$series" | grep -c .)"
if [ "$(echo "$commits" | wc -l)" != "$(echo "$series" | wc -l)" ]; then
	ktap_exit_fail_msg "build/linux does not hold the series of patches/ (run make tree)"
fi
mkdir -p "$logs"
trap 'git -C "$tree" checkout -q work' EXIT
broken=
i=0
for c in $commits; do
	i=$((i + 1))
	p=$(echo "$series" | sed -n "${i}p")
	if [ -n "$broken" ]; then
		ktap_test_skip "arm64-4k builds at $p (an earlier patch does not build)"
		continue
	fi
	git -C "$tree" checkout -q --detach "$c"
	if PARTIAL_SERIES=1 "$top/scripts/build-kernel.sh" arm64-4k "$tree" >"$logs/$p.log" 2>&1; then
		ktap_test_pass "arm64-4k builds at $p"
	else
		broken=1
		grep -E 'error|Error' "$logs/$p.log" | head -n 5 | sed 's/^/# /'
		ktap_test_fail "arm64-4k builds at $p"
	fi
done
ktap_print_totals
