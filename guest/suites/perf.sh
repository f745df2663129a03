#!/bin/sh
# perf test in the guest, with the series' perf and its test "AUX area
# kernel mapping uses large blocks" (the only shell test installed: the
# others need bash).  Each top-level test or subtest is one KTAP result.
# A few of perf's own tests cannot pass in this guest whatever the kernel
# does; they are reported as skips with the reason (see "env" below).
. /lib/ktap_helpers.sh
ktap_print_header
if ! command -v perf >/dev/null; then
	ktap_set_plan 1
	ktap_test_skip "perf test (perf is built for arm64 only)"
	ktap_finished
	exit 0
fi
# perf test finds the shell tests in ./tests/shell.
cd /usr/libexec/perf-core || exit 1
echo 1 >/proc/sys/kernel/kptr_restrict
out=/tmp/perf-test.out
# One test at a time: in parallel, perf's watchpoint tests failed once
# under TCG with 2 vCPUs.  The series' test runs on its own, with its
# details (the entries it found), and its result line joins the others.
aux=$(perf test list 2>&1 | sed -n 's/^ *\([0-9][0-9]*\): AUX area kernel mapping.*/\1/p')
perf test -S ${aux:+--skip "$aux"} >"$out" 2>&1
if [ -n "$aux" ]; then
	# Not its "Skip (user override)" line from the run above.
	sed -i "/^ *$aux: /d" "$out"
	perf test -vv "$aux" >/tmp/perf-test.aux 2>&1
	grep -E "^ *$aux: .*: (Ok|Skip|FAILED!)" /tmp/perf-test.aux >>"$out" ||
		echo "$aux: AUX area kernel mapping (no result line) : FAILED!" >>"$out"
	head -n 60 /tmp/perf-test.aux | sed 's/^/# /'
fi
# name|reason of the tests this guest cannot pass.
env='Test event parsing|needs syscall tracepoints (no ftrace in the bench kernels)
PERF_RECORD_* events & perf_sample fields|expects a dynamically linked sleep (the guest has static busybox)
Object code reading|needs objdump in the guest
Read samples using the mmap interface|needs syscall tracepoints (no ftrace in the bench kernels)
User space counter reading of cycles|needs /proc/sys/kernel/perf_user_access and a PMU QEMU TCG lets EL0 read
User space counter disabling cycles|needs /proc/sys/kernel/perf_user_access and a PMU QEMU TCG lets EL0 read'
# "  70.3: Name   : Result", one per test; lines ending in ":" are parents.
grep -E '^ *[0-9]+(\.[0-9]+)?: .*: (Ok|Skip|FAILED!)' "$out" | grep -v 'Running (' >/tmp/perf-test.res
ktap_set_plan "$(grep -c . /tmp/perf-test.res)"
while IFS= read -r line; do
	name=$(echo "$line" | sed 's/^ *[0-9.]*: \(.*[^ ]\) *: [A-Za-z!]*.*$/\1/')
	res=$(echo "$line" | sed 's/^.*: \(Ok\|Skip\|FAILED!\)\(.*\)$/\1\2/')
	why=$(echo "$env" | awk -F'|' -v n="$name" '$1 == n { print $2 }')
	case $res in
	Ok)
		ktap_test_pass "perf test: $name" ;;
	Skip*)
		ktap_test_skip "perf test: $name (perf skips it: ${res#Skip})" ;;
	*)
		if [ -n "$why" ]; then
			ktap_test_skip "perf test: $name (fails in this guest for a reason outside the series: $why)"
		elif ! echo "$name" | grep -q '^AUX area kernel mapping' &&
			perf test -S "$name" 2>&1 | grep -q ': Ok$'; then
			# perf's own tests get one retry; the series' test none.
			ktap_test_pass "perf test: $name (failed once, passed when run again)"
		else
			ktap_test_fail "perf test: $name"
		fi ;;
	esac
done </tmp/perf-test.res
ktap_finished
