#!/bin/sh
# An AUX area of 4 GiB on the test PMU, normal mode: the mmap succeeds
# (before the series, with 4K pages, rb_alloc_aux() refused any area whose
# page array needed more than one kmalloc() block, i.e. above 2 GiB), the
# data written by the PMU reads back, and the kernel mapping uses the
# fewest entries its pages allow.  Needs 5 GiB of memory (the area and
# a margin for everything else): scenarios that have less skip it.
. /lib/ktap_helpers.sh
[ -d /sys/bus/event_source/devices/test_aux ] || modprobe test_aux_pmu 2>/dev/null
size_kib=$((4 << 20))
mem_kib=$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)
why=
if [ ! -d /sys/bus/event_source/devices/test_aux ]; then
	why="no test_aux PMU in this kernel: the perf half of the series is not applied"
elif [ "$mem_kib" -lt $((size_kib + (1 << 20))) ]; then
	why="needs 5 GiB of memory, this guest has $((mem_kib >> 10)) MiB"
fi
if [ -n "$why" ]; then
	ktap_print_header
	ktap_set_plan 1
	ktap_test_skip "AUX area of 4 GiB ($why)"
	ktap_finished
	exit 0
fi
echo 1 >/proc/sys/kernel/kptr_restrict
exec aux-map-check -n test_aux "$size_kib"
