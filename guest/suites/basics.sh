#!/bin/sh
# What every later suite relies on: the kernel interfaces the series is
# checked through (ptdump, vmallocinfo, perf events, modules) and the
# static perf tool.
. /lib/ktap_helpers.sh

debugfs_mounted() { grep -q ' /sys/kernel/debug debugfs ' /proc/mounts; }
# arm64 dumps init_mm to kernel_page_tables, x86 to page_tables/kernel.
ptdump_file() {
	for f in /sys/kernel/debug/kernel_page_tables /sys/kernel/debug/page_tables/kernel; do
		[ -r "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}
ptdump_lists_vmalloc() { f=$(ptdump_file) && grep -qi 'vmalloc() area' "$f"; }
vmallocinfo_lists_areas() { grep -q 'vmalloc' /proc/vmallocinfo; }
perf_counts_task_clock() { perf stat -x, -e task-clock true 2>&1 | grep -q task-clock; }
test_vmalloc_smoke() {
	# 10000 loops, not the default million: debug kernels run it too.
	modprobe test_vmalloc run_test_mask=1 nr_threads=1 test_repeat_count=1 \
		test_loop_count=10000 2>/dev/null
	dmesg | grep -q 'Summary: fix_size_alloc_test passed: 1 failed: 0'
}

arch=$(uname -m)
ktap_print_header
ktap_set_plan 7
ktap_test_result "debugfs is mounted" debugfs_mounted
ktap_test_result "ptdump lists the vmalloc area" ptdump_lists_vmalloc
ktap_test_result "vmallocinfo lists areas" vmallocinfo_lists_areas
ktap_test_result "perf_event_paranoid is readable" test -r /proc/sys/kernel/perf_event_paranoid
if [ "$arch" = aarch64 ]; then
	ktap_test_result "CoreSight ETM PMU is registered" test -d /sys/bus/event_source/devices/cs_etm
	ktap_test_result "static perf counts a software event" perf_counts_task_clock
else
	ktap_test_skip "CoreSight ETM PMU is registered (no CoreSight on $arch)"
	ktap_test_skip "static perf counts a software event (perf is built for arm64 only)"
fi
ktap_test_result "test_vmalloc module loads and passes its smoke test" test_vmalloc_smoke
ktap_finished
