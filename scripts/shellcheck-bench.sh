#!/bin/sh
# Lint every script of the bench with shellcheck; one KTAP result per file.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/build/linux/tools/testing/selftests/kselftest/ktap_helpers.sh"
cd "$top"
files="$(echo scripts/*.sh tests/*.sh guest/init guest/suites/*.sh guest/lib/*.sh .ci/run)"
ktap_print_header
# shellcheck disable=SC2086
ktap_set_plan "$(echo $files | wc -w)"
for f in $files; do
	if out=$(shellcheck -x "$f" 2>&1); then
		ktap_test_pass "shellcheck $f"
	else
		echo "$out" | head -n 10 | sed 's/^/# /'
		ktap_test_fail "shellcheck $f"
	fi
done
ktap_print_totals
