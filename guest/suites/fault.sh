#!/bin/sh
# Fault injection (CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC; the debug
# scenario): slab and page allocations fail under
#  - an AUX mmap on the test PMU of 4 pages, 2 MiB and 8 MiB (perf_event_open,
#    the ring buffer, rb_alloc_aux()'s blocks and page array, setup_aux,
#    perf_aux_vmap()'s page list, vmap area and page tables),
#  - vmap() of mixed layouts with and without VM_ALLOW_HUGE_VMAP and
#    vmalloc_huge() (vmap_edge "layouts-fault"),
# first each fault point in turn (fail-nth), then at random (probability
# 1, 10, 50 %) and every Nth call (interval 3, 7, 31). Every failure must
# return an error or be coped with, no mapping may be bad or left in
# vmallocinfo, and afterwards nothing has leaked: the baselines of
# guest/lib/leak-check.sh, and kmemleak in the kmemleak suite.
. /lib/ktap_helpers.sh
. /lib/leak-check.sh
dbg=/sys/kernel/debug
[ -d /sys/bus/event_source/devices/test_aux ] || modprobe test_aux_pmu 2>/dev/null
[ -d $dbg/vmap_edge ] || insmod /lib/vmap_edge.ko 2>/dev/null
ktap_print_header
if [ ! -d $dbg/failslab ] || [ ! -d $dbg/fail_page_alloc ] || [ ! -w /proc/self/fail-nth ]; then
	ktap_set_plan 1
	ktap_test_skip "fault injection (this kernel has no CONFIG_FAILSLAB/CONFIG_FAIL_PAGE_ALLOC with debugfs; the arm64-4k-debug scenario has)"
	ktap_finished
	exit 0
fi
if [ ! -d /sys/bus/event_source/devices/test_aux ] || [ ! -w $dbg/vmap_edge/run ]; then
	ktap_set_plan 1
	ktap_test_fail "fault injection: the test PMU or the vmap_edge module is missing"
	ktap_finished
	exit 0
fi

# fault_attrs PROBABILITY INTERVAL: both injectors, this task's allocations
# only (make-it-fail / fail-nth), sleeping and order-0 ones included.
fault_attrs() {
	for a in failslab fail_page_alloc; do
		echo "$1" >$dbg/$a/probability
		echo "$2" >$dbg/$a/interval
		echo -1 >$dbg/$a/times
		echo 0 >$dbg/$a/space
		echo 0 >$dbg/$a/verbose
		echo Y >$dbg/$a/task-filter
		echo N >$dbg/$a/ignore-gfp-wait
	done
	echo 0 >$dbg/fail_page_alloc/min-order
	echo N >$dbg/fail_page_alloc/ignore-gfp-highmem
	echo N >$dbg/failslab/cache-filter
}
# aux SIZE [ITER] (SIZE: KiB, or pages with a p suffix) / vmap [ITER]: fail-nth sweep, or ITER runs with
# make-it-fail; each checks that vmallocinfo keeps nothing of its caller.
aux() { fault-sweep ${2:+-r "$2"} -l perf_aux_vmap aux test_aux "$1"; }
vmap() { fault-sweep ${1:+-r "$1"} -l vmap_edge write $dbg/vmap_edge/run "layouts-fault 1"; }
aux_sizes() { aux 4p 10 && aux 2048 10 && aux 8192 5; }

ktap_set_plan $((4 + 6 * 2 + LEAK_CHECKS))
fault_attrs 0 1
# Warm-up round, then the baseline (see leak-check.sh).
aux 8192 1 && vmap 1
leak_snapshot fault.before
ktap_test_result "each fault point of an AUX mmap of 4 pages fails in turn" aux 4p
ktap_test_result "each fault point of an AUX mmap of 2 MiB fails in turn" aux 2048
ktap_test_result "each fault point of an AUX mmap of 8 MiB fails in turn" aux 8192
ktap_test_result "each fault point of vmap()/vmalloc_huge() of mixed layouts fails in turn" vmap
for p in 1 10 50; do
	fault_attrs "$p" 1
	ktap_test_result "AUX mmap of 4 pages to 8 MiB, allocations failing at $p %" \
		aux_sizes
	ktap_test_result "vmap()/vmalloc_huge() of mixed layouts, allocations failing at $p %" \
		vmap 10
done
for n in 3 7 31; do
	fault_attrs 100 "$n"
	ktap_test_result "AUX mmap of 4 pages to 8 MiB, every ${n}th allocation failing" \
		aux_sizes
	ktap_test_result "vmap()/vmalloc_huge() of mixed layouts, every ${n}th allocation failing" \
		vmap 10
done
fault_attrs 0 1
leak_snapshot fault.after
leak_check fault.before fault.after "after fault injection"
ktap_finished
