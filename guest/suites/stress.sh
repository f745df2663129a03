#!/bin/sh
# Bounded stress, all at once for bench.stress_secs (default 20) seconds:
#  - lib/test_vmalloc with 4 threads, 10 of its 14 tests (see mask), with
#    huge mappings (use_huge=1) and then without, again and again;
#  - vmap_edge "layouts" in a loop: vmap() of mixed page layouts with and
#    without VM_ALLOW_HUGE_VMAP, vmalloc_huge() and vmalloc(), data checked;
#  - aux-stress: 3 processes mapping and unmapping AUX areas of random
#    sizes up to 8 MiB on the test PMU, the event toggled underneath.
# Then every test_vmalloc run must have passed, and (after a warm-up
# round of each before the baseline) MemFree, Slab, page
# tables, vmallocinfo and the vmalloc area's mappings must be back to their
# baselines (guest/lib/leak-check.sh).
. /lib/ktap_helpers.sh
. /lib/ktap-relay.sh
. /lib/leak-check.sh
. /lib/param.sh
[ -d /sys/bus/event_source/devices/test_aux ] || modprobe test_aux_pmu 2>/dev/null
[ -d /sys/kernel/debug/vmap_edge ] || insmod /lib/vmap_edge.ko 2>/dev/null
run=/sys/kernel/debug/vmap_edge/run
secs=$(bench_param stress_secs 20)
# Loops per test_vmalloc test: 500, or bench.tv_loops (the debug kernel
# takes over a minute for one run of 500).
loops=$(bench_param tv_loops 500)
# Every test but pcpu_alloc_test (bit 7: 35000 per-CPU objects a loop) and
# the two that are meant to fail, align_shift_alloc_test and
# no_block_alloc_test (bits 6 and 11: their failures print warn_alloc()).
# bench.tv_mask: the debug kernel also leaves out full_fit_alloc_test and
# long_busy_list_alloc_test (bits 1 and 2: 75 s and 40 s a run there).
mask=$(bench_param tv_mask 0x173f)
# long_busy_list_alloc_test (bit 2) holds 15000 pages per thread: 234 MiB
# with 4K pages, 3.7 GiB for 4 threads with 64K pages.  Left out when the
# 4 threads would hold more than a quarter of the guest's memory (16K and
# 64K pages): then the OOM killer, not the code under test, ends the run.
pagekb=$(awk '/^KernelPageSize:/ { print $2; exit }' /proc/self/smaps)
memkb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
busy_note=
if [ $((mask & 4)) != 0 ] && [ $((4 * 15000 * pagekb)) -gt $((memkb / 4)) ]; then
	mask=$(printf '0x%x' $((mask & ~4)))
	busy_note=" (without long_busy_list_alloc_test: 4 x 15000 pages of ${pagekb} KiB exceed a quarter of ${memkb} kB)"
fi

# vmap_huge_test (bit 13, the series' own: a base kernel has no such test),
# once, before the baselines: its 2 MiB blocks make the kernel free the
# PTE tables they replace and allocate others later, which swings the page
# table count by more than the leak check's tolerance.
echo "bench: vmap_huge_test begins" >/dev/kmsg
modprobe test_vmalloc nr_threads=4 test_loop_count="$loops" run_test_mask=0x2000 2>/dev/null
dmesg | sed -n '/bench: vmap_huge_test begins/,$p' | grep 'Summary: vmap_huge_test ' >/tmp/stress.huge
huge_ok() {
	n=$(grep -c 'passed: 1 failed: 0 ' /tmp/stress.huge)
	ktap_print_msg "vmap_huge_test: $n of $(grep -c . /tmp/stress.huge) thread summaries passed"
	[ "$n" -ge 4 ] && ! grep -qv 'passed: 1 failed: 0 ' /tmp/stress.huge
}

# A warm-up round of each, for the baselines (see leak-check.sh).
modprobe test_vmalloc nr_threads=4 test_loop_count="$loops" run_test_mask="$mask" use_huge=1 2>/dev/null
modprobe test_vmalloc nr_threads=4 test_loop_count="$loops" run_test_mask="$mask" use_huge=0 2>/dev/null
[ -w "$run" ] && echo "layouts 2" >"$run"
aux-stress test_aux 2 3 8192 >/dev/null 2>&1
leak_snapshot stress.before
echo "bench: stress begins" >/dev/kmsg
end=$(($(date +%s) + secs))
(
	n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		for huge in 1 0; do
			modprobe test_vmalloc nr_threads=4 test_repeat_count=1 \
				test_loop_count="$loops" run_test_mask="$mask" use_huge=$huge 2>/dev/null
			n=$((n + 1))
		done
	done
	echo "$n" >/tmp/stress.tv
) &
tv=$!
# Each run's counts are read back and summed: a high-order allocation
# failing under this much pressure is no error ("failed"), a mapping that
# is wrong is ("bad"), and so is a run that did not complete.
(
	n=0 mapped=0 failed=0 bad=0 broken=0
	if [ -w "$run" ]; then
		while [ "$(date +%s)" -lt "$end" ]; do
			echo "layouts 1" >"$run" 2>/dev/null
			r=$(cat "$run")
			n=$((n + 1))
			case "$r" in
			"layouts iterations=1 mapped="*" failed="*" bad="*) ;;
			*) broken=$((broken + 1)); echo "$r"; continue ;;
			esac
			# shellcheck disable=SC2086 # split "name k=v k=v k=v"
			set -- $r
			mapped=$((mapped + ${3#mapped=})) failed=$((failed + ${4#failed=}))
			[ "${5#bad=}" = 0 ] || echo "$r"
			bad=$((bad + ${5#bad=}))
		done
	fi
	echo "$n $mapped $failed $bad $broken" >/tmp/stress.vmap
) >/tmp/stress.vmap.log 2>&1 &
vm=$!
aux-stress test_aux "$secs" 3 8192 >/tmp/stress.aux 2>&1
wait "$tv" "$vm"
leak_snapshot stress.after

# test_vmalloc prints one Summary line per test and run.
dmesg | sed -n '/bench: stress begins/,$p' >/tmp/stress.dmesg
tv_runs=$(cat /tmp/stress.tv)
tv_sum=$(grep -c 'Summary: .* passed: ' /tmp/stress.dmesg)
tv_bad=$(grep 'Summary: .* passed: ' /tmp/stress.dmesg | grep -vc 'failed: 0 ')
tv_ok() {
	ktap_print_msg "test_vmalloc: $tv_runs runs, $tv_sum test summaries, $tv_bad with failures"
	grep 'Summary: .* passed: ' /tmp/stress.dmesg | grep -v 'failed: 0 ' | head -n 5 | sed 's/^/# /'
	[ "$tv_runs" -gt 0 ] && [ "$tv_sum" -ge "$tv_runs" ] && [ "$tv_bad" = 0 ]
}
read -r vm_runs vm_mapped vm_failed vm_bad vm_broken </tmp/stress.vmap
vm_ok() {
	ktap_print_msg "vmap_edge layouts: $vm_runs runs, $vm_mapped mappings right, $vm_bad wrong, $vm_failed allocations failed, $vm_broken runs incomplete"
	sed 's/^/# /' /tmp/stress.vmap.log | head -n 5
	[ "$vm_runs" -gt 0 ] && [ "$vm_mapped" -gt 0 ] && [ "$vm_bad" = 0 ] && [ "$vm_broken" = 0 ]
}
no_oom() { ! dmesg | grep -q -e 'invoked oom-killer' -e 'Out of memory'; }

ktap_print_header
ktap_set_plan $((3 + $(ktap_relay_count /tmp/stress.aux) + 1 + LEAK_CHECKS))
if grep -q 'vmap_huge_test' /tmp/stress.huge; then
	ktap_test_result "test_vmalloc vmap_huge_test, 4 threads, $loops loops: passed" huge_ok
else
	ktap_test_skip "test_vmalloc vmap_huge_test (no such test: the series is not applied)"
fi
ktap_test_result "test_vmalloc, 4 threads, huge and not, for ${secs}s: every test passed$busy_note" tv_ok
if [ -w "$run" ]; then
	ktap_test_result "vmap_edge layouts in a loop for ${secs}s: every mapping right" vm_ok
else
	ktap_test_skip "vmap_edge layouts in a loop (the vmap_edge module did not load)"
fi
ktap_relay /tmp/stress.aux
ktap_test_result "no OOM kill" no_oom
leak_check stress.before stress.after "after the stress"
ktap_finished
