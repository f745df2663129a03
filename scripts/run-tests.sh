#!/bin/sh
# make test: the bench's own tests, checkpatch, kernel-doc,
# bisectability, the cross-architecture builds and a send-email dry run
# of the series, then every scenario, the mutants, then W=1 and sparse
# per patch; one summary table; last line
# "N passed, N failed, N skipped".  Exit status 1 when anything failed.
# Usage: run-tests.sh SCENARIO...
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
res=$top/build/results
mkdir -p "$res"
rows=$res/summary.rows
: >"$rows"
t_start=$(date +%s)

# host_suite NAME COMMAND...: run a host-side KTAP suite, record its row.
host_suite() {
	name=$1
	shift
	t0=$(date +%s)
	"$@" >"$res/$name.log" 2>&1 || true
	# shellcheck disable=SC2046 # three numbers
	set -- $("$top/scripts/ktap-count.sh" "$res/$name.log")
	verdict=pass
	[ "$2" -gt 0 ] && verdict=fail
	why=$(grep '^not ok' "$res/$name.log" | head -n 2 | cut -c1-80 | tr '\n' ' ' || true)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$verdict" "$1" "$2" "$3" \
		"$(($(date +%s) - t0))" "${why:-ok}" >>"$rows"
	echo "test: $name: $verdict ($1 passed, $2 failed, $3 skipped)"
}

host_suite bench-selftest "$top/tests/run.sh"
host_suite shellcheck "$top/scripts/shellcheck-bench.sh"
host_suite checkpatch "$top/scripts/checkpatch-series.sh"
host_suite kernel-doc "$top/scripts/kerneldoc-series.sh"
host_suite bisect "$top/scripts/bisect-build.sh"
host_suite cross-build "$top/scripts/cross-build.sh"
host_suite send-email "$top/scripts/sendemail-series.sh"

for s in "$@"; do
	echo "test: $s: building and booting..."
	line=$("$top/scripts/run-scenario.sh" "$s")
	# classify.sh wrote the row's figures, and applied the failure rule.
	jq -r '[.scenario, .verdict, .passed, .failed, .skipped,
		.build_s + .boot_s, (.reason | .[0:160])] | @tsv' \
		"$res/$s/results.json" >>"$rows"
	echo "test: $line"
	# CI keeps only this output: the end of a failed boot's console.
	if [ "$(jq -r .verdict "$res/$s/results.json")" != pass ]; then
		tail -n 20 "$res/$s/kernel.log" 2>/dev/null | sed "s/^/test: $s: console: /"
	fi
done

# Deliberately wrong changes, each rebuilt incrementally in its scenario's
# build directory (after the scenarios, which leave those warm).
if ls "$top"/tests/mutants/*.patch >/dev/null 2>&1; then
	host_suite mutants "$top/scripts/run-mutants.sh"
fi

# W=1 and sparse per patch: after the scenarios, which tell which files
# each configuration builds.
host_suite warnings "$top/scripts/warnings-series.sh"

echo
printf '%-22s %-10s %6s %6s %7s %6s  %s\n' suite verdict passed failed skipped time_s notes
awk -F'\t' '{ printf "%-22s %-10s %6s %6s %7s %6s  %s\n", $1, $2, $3, $4, $5, $6, ($7 == "" ? "ok" : $7) }' "$rows"
echo "total time: $(($(date +%s) - t_start)) s"
awk -F'\t' '{ p += $3; f += $4; s += $5 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit (f > 0) }' "$rows"
