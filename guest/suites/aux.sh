#!/bin/sh
# The perf AUX path end to end on the test PMU (CONFIG_TEST_AUX_PMU):
# perf_event_open -> mmap of the AUX area -> rb_alloc_aux() -> setup_aux ->
# perf_aux_vmap(), for buffers from 2 pages to 64 MiB, in normal and
# snapshot mode.  aux-map-check prints one KTAP result per size and mode.
if [ ! -d /sys/bus/event_source/devices/test_aux ]; then
	modprobe test_aux_pmu 2>/dev/null
fi
if [ ! -d /sys/bus/event_source/devices/test_aux ]; then
	. /lib/ktap_helpers.sh
	ktap_print_header
	ktap_set_plan 1
	ktap_test_skip "AUX mapping on the test PMU (no test_aux PMU in this kernel: the perf half of the series is not applied)"
	ktap_finished
	exit 0
fi
# /proc/vmallocinfo shows real addresses only with kptr_restrict=1 (root).
echo 1 >/proc/sys/kernel/kptr_restrict
exec aux-map-check test_aux 2p 64 1024 4096 8192 65536
