#!/bin/sh
# make cross: build and link the whole series on every architecture that
# compiles its code but is not booted here (scenarios with BUILD_ONLY=1:
# powerpc64le book3s, powerpc 8xx, riscv64 nommu), with every KUnit test
# whose dependencies hold.  One KTAP result per architecture; a build or
# link error, or any compiler warning in a file the series touches, fails
# it, with the architecture and the first errors in the result.
# Usage: cross-build.sh [SCENARIO...]   (default: every BUILD_ONLY one)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
logs=$top/build/results/cross
. "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh"
if [ $# = 0 ]; then
	# shellcheck disable=SC2046 # scenario names have no blanks
	set -- $(grep -l '^BUILD_ONLY=1' "$top"/scenarios/*.conf | xargs -n1 basename | sed 's/\.conf$//')
fi
mkdir -p "$logs"
touched=$(git -C "$tree" diff --name-only base..HEAD -- '*.c' '*.h')
ktap_print_header
ktap_set_plan $#
for s in "$@"; do
	log=$logs/$s.log
	# shellcheck source=/dev/null
	CROSS=$(. "$top/scenarios/$s.conf" && . "$top/scripts/arch.sh" && echo "$CROSS_COMPILE")
	if ! "$top/scripts/build-kernel.sh" "$s" >"$log" 2>&1; then
		grep -E 'error|undefined reference|check-config' "$log" | head -n 5 | sed "s/^/# $s: /"
		ktap_test_fail "$s: the series builds and links"
		continue
	fi
	# A relocatable image (riscv) is linked as a shared object, where an
	# undefined symbol is no link error: look for one.
	undef=$("${CROSS:-}nm" -u "$top/build/out/$s/vmlinux" 2>/dev/null | head -n 5 || true)
	if [ -n "$undef" ]; then
		echo "$undef" | sed "s/^/# $s: undefined symbol in vmlinux: /"
		ktap_test_fail "$s: the series builds and links"
		continue
	fi
	warned=
	for f in $touched; do
		grep -F "$f:" "$log" | grep -E 'warning:' >>"$log.series-warnings" || true
	done
	if [ -s "$log.series-warnings" ]; then
		head -n 5 "$log.series-warnings" | sed "s/^/# $s: /"
		warned=1
	fi
	rm -f "$log.series-warnings"
	if [ -n "$warned" ]; then
		ktap_test_fail "$s: the series builds and links without warnings in the files it touches"
	else
		ktap_test_pass "$s: the series builds and links without warnings in the files it touches"
	fi
done
ktap_print_totals
