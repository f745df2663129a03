#!/bin/sh
# make mutants: every tests/mutants/*.patch is a small, deliberately wrong
# change to the series.  Each is applied on top of the series in
# build/linux, its scenario's kernel is rebuilt incrementally in the
# scenario's own build directory, booted with only the KUnit suites and
# guest suites the mutant names, and the test named in its "Kills:" line
# must fail.  A mutant that survives, or that no longer applies, fails.
# The tree is restored after each mutant.  One KTAP result per mutant.
# Header of a mutant (before its diff):
#   Mutant: what is wrong          Scenario: arm64-4k
#   Kunit: suite glob, or none     Guest: suite[,suite], or none
#   Kills: <kunit suite>.<case>, or guest-<suite>.<test description>
# Usage: run-mutants.sh [MUTANT.patch...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
res=$top/build/results/mutants
. "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh"
[ $# -gt 0 ] || set -- "$top"/tests/mutants/*.patch
mkdir -p "$res"
ktap_print_header
ktap_set_plan $#

field() { sed -n "s/^$1: *//p" "$2" | head -n 1; }

# failed_in JSON GROUP NAME: NAME (a case, or a parameterised case's
# group) failed inside GROUP (a KUnit suite; "" for a guest suite's
# stream, whose cases are named by their description).
failed_in() {
	jq -e --arg g "$2" --arg n "$3" '
		def bad: (.status? == "FAIL") or
			(((.misc.failed // 0) + (.misc.crashed // 0) + (.misc.errors // 0)) > 0);
		[ (if $g == "" then . else (.. | objects | select(.name? == $g)) end)
		  | .. | objects | select(.name? == $n) | select(bad) ] | length > 0' \
		"$1" >/dev/null 2>&1
}

for m in "$@"; do
	m=$(cd "$(dirname "$m")" && pwd)/$(basename "$m")
	name=$(basename "$m" .patch)
	what=$(field Mutant "$m")
	scenario=$(field Scenario "$m")
	kunit=$(field Kunit "$m")
	guest=$(field Guest "$m")
	kills=$(field Kills "$m")
	dir=$res/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	if [ -z "$scenario" ] || [ -z "$kills" ] || [ -z "$what" ]; then
		ktap_test_fail "$name: header lacks Mutant:, Scenario: or Kills:"
		continue
	fi
	if ! git -C "$tree" apply --check "$m" 2>"$dir/apply.log"; then
		sed 's/^/# /' "$dir/apply.log" | head -n 3
		ktap_test_fail "$name: applies to the series ($what)"
		continue
	fi
	git -C "$tree" apply "$m"
	ok=1
	if ! { "$top/scripts/build-kernel.sh" "$scenario" &&
		"$top/scripts/build-initramfs.sh" "$scenario"; } >"$dir/build.log" 2>&1; then
		ok=0
	fi
	git -C "$tree" apply -R "$m"
	if [ $ok = 0 ]; then
		grep -E 'error' "$dir/build.log" | head -n 3 | sed 's/^/# /'
		ktap_test_fail "$name: builds ($what)"
		continue
	fi
	cmd="bench.suites=${guest:-none}"
	if [ "${kunit:-none}" = none ]; then
		cmd="$cmd kunit.enable=0"
	else
		cmd="$cmd kunit.filter_glob=$kunit"
	fi
	"$top/scripts/boot.sh" "$scenario" "$top/build/out/$scenario" "$dir" "$cmd" >/dev/null
	line=$("$top/scripts/classify.sh" "$dir" "$name")
	suite=${kills%%.*}
	test=${kills#*.}
	case "$suite" in
	guest-*) json=$dir/$suite.json group= ;;
	*) json=$dir/kernel.json group=$suite ;;
	esac
	if [ -f "$json" ] && failed_in "$json" "$group" "$test"; then
		ktap_test_pass "$name: killed by $kills ($what)"
	else
		ktap_print_msg "survived: $line"
		ktap_test_fail "$name: killed by $kills ($what)"
	fi
done
# The scenario directories hold mutant objects: the next build of each
# rebuilds what the mutants touched (their sources are newer).
ktap_print_totals
