#!/bin/sh
# Bad and odd input: AUX mmap requests the perf core must refuse or handle
# (aux-hostile, as root and as an unprivileged user) and vmap() inputs that
# must behave as before the series (vmap_edge "hostile": count 0, counts
# beyond totalram, duplicate pages, pages in reverse order); afterwards
# nothing has leaked.
. /lib/ktap_helpers.sh
. /lib/ktap-relay.sh
. /lib/leak-check.sh
[ -d /sys/bus/event_source/devices/test_aux ] || modprobe test_aux_pmu 2>/dev/null
[ -d /sys/kernel/debug/vmap_edge ] || insmod /lib/vmap_edge.ko 2>/dev/null
run=/sys/kernel/debug/vmap_edge/run

# Warm-up round, then the baseline (see leak-check.sh).
aux-hostile test_aux >/dev/null 2>&1
[ -w "$run" ] && echo "hostile 1" >"$run"
leak_snapshot hostile.before
aux-hostile test_aux >/tmp/hostile.aux 2>&1
if [ -w "$run" ]; then
	vmap_rc=0
	echo "hostile 1" >"$run" 2>/tmp/hostile.vmap || vmap_rc=1
	cat "$run" >>/tmp/hostile.vmap
fi
leak_snapshot hostile.after

ktap_print_header
ktap_set_plan $(($(ktap_relay_count /tmp/hostile.aux) + 1 + LEAK_CHECKS))
ktap_relay /tmp/hostile.aux
if [ -n "${vmap_rc:-}" ]; then
	sed 's/^/# vmap_edge: /' /tmp/hostile.vmap
	ktap_test_result "vmap(): count 0, count beyond totalram, duplicate and reversed pages, with and without VM_ALLOW_HUGE_VMAP" test "$vmap_rc" = 0
else
	ktap_test_skip "vmap() with hostile input (the vmap_edge module did not load)"
fi
leak_check hostile.before hostile.after "bad input"
ktap_finished
