#!/bin/sh
# AUX mmaps in memory aged like a long-running device's (make bench-aging):
# anonymous, slab, THP and page cache churn (aux-age workers) and pinned
# scattered pages (test_aux_pmu/fragment) for bench.age_secs, then AUX
# mmap + munmap latency at 128 KiB, 4, 64 and 256 MiB (aux-lat) twice:
# "quiet", with the workers stopped, so that the vmstat deltas are the AUX
# mmaps' own, and "contended", with the workers running, for the THP
# user's success rate. Figures are "# age_*" and "# aux_lat" diagnostics,
# which scripts/aging-report.sh reads. Runs only when bench.age_secs is
# set: make test's scenarios skip it.
. /lib/ktap_helpers.sh
. /lib/param.sh
dbg=/sys/kernel/debug/test_aux_pmu
secs=$(bench_param age_secs 0)
ktap_print_header
if [ "$secs" = 0 ]; then
	ktap_set_plan 1
	ktap_test_skip "AUX mmaps in aged memory (only with bench.age_secs, which make bench-aging sets)"
	ktap_finished
	exit 0
fi
[ -d /sys/bus/event_source/devices/test_aux ] || modprobe test_aux_pmu 2>/dev/null
if [ ! -w "$dbg/fragment" ]; then
	ktap_set_plan 1
	ktap_test_skip "AUX mmaps in aged memory (no test_aux PMU with a fragment file in this kernel)"
	ktap_finished
	exit 0
fi
seed=$(bench_param age_seed 1)
reps=$(bench_param age_reps 20)
sizes=$(bench_param age_sizes_kib 128,4096,65536,262144 | tr , ' ')
ktap_set_plan 5
echo 1 >/proc/sys/kernel/kptr_restrict
thp=/sys/kernel/mm/transparent_hugepage/enabled
[ -w "$thp" ] && echo madvise >"$thp"

counters='compact_stall compact_fail compact_success compact_migrate_scanned compact_free_scanned compact_daemon_wake allocstall_normal allocstall_movable pgscan_direct pgsteal_direct pgscan_kswapd pgsteal_kswapd pgmigrate_success thp_fault_alloc thp_fault_fallback oom_kill'

# snap PHASE: free blocks of order >= 4 and >= 9 (all zones), free pages,
# and the free pages of order >= 9 an unmovable allocation can use
# (Unmovable, Reclaimable and Movable lists of non-Movable zones).
snap() {
	# No "^": busybox awk may be built without math support.
	awk -v p="$1" '
		function blocks(n, o, min) { while (o-- > min) n *= 2; return n }
		FILENAME ~ /buddyinfo/ {
			for (i = 5; i <= NF; i++) { o = i - 5
				if (o >= 4) b4 += blocks($i, o, 4)
				if (o >= 9) b9 += blocks($i, o, 9) }
			next }
		FILENAME ~ /pagetypeinfo/ && /^Node .* zone .* type / && $4 != "Movable," &&
		    ($6 == "Unmovable" || $6 == "Reclaimable" || $6 == "Movable") {
			for (i = 16; i <= NF; i++) u9 += blocks($i, i - 7, 9)
			next }
		FILENAME ~ /vmstat/ && $1 == "nr_free_pages" { free = $2 }
		END { printf "# age_snap phase=%s free_pages=%d free_o4_blocks=%d free_o9_blocks=%d usable_o9_blocks=%d\n",
			p, free, b4, b9, u9 }' /proc/buddyinfo /proc/pagetypeinfo /proc/vmstat ||
		snapfail="$snapfail $1"
}
snapfail=
# delta PHASE FROM TO: the counters' growth between two vmstat copies.
delta() {
	awk -v p="$1" -v list="$counters" '
		BEGIN { n = split(list, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
		FNR == NR { if ($1 in want) a[$1] = $2; next }
		$1 in want { d[$1] = $2 - a[$1] }
		END { s = "# age_vmstat phase=" p
			for (i = 1; i <= n; i++) s = s " " c[i] "=" (d[c[i]] + 0)
			print s }' "$2" "$3"
}
# lat PHASE: map every size in normal mode, and 64 MiB in snapshot mode.
lat() {
	rc=0
	# shellcheck disable=SC2086 # sizes are numbers
	aux-lat -r "$reps" -l "$1" test_aux $sizes >"/tmp/age-lat.$1" 2>&1 || rc=1
	aux-lat -s -r "$reps" -l "$1" test_aux 65536 >>"/tmp/age-lat.$1" 2>&1 || rc=1
	grep -E '^# aux_lat|^not ok' "/tmp/age-lat.$1" | sed 's/^not ok/# failed:/'
	return $rc
}

snap clean
mem_mib=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
pids=
aux-age anon $((mem_mib * 35 / 100)) "$seed" & pids="$pids $!"
aux-age slab 20000 "$seed" & pids="$pids $!"
aux-age thp 64 "$seed" & pids="$pids $!"
if [ -b /dev/vda ]; then
	aux-age cache /dev/vda "$seed" & pids="$pids $!"
else
	ktap_print_msg "no /dev/vda: no page cache churn"
fi
# Long-lived unmovable pages scattered through 64 MiB.
echo 64 >"$dbg/fragment"
ktap_print_msg "aging for $secs s with seed $seed (workers:$pids, pinned pages: $(cat "$dbg/fragment"))"
sleep "$secs"
alive=0
for p in $pids; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
snap aged
if [ "$alive" = "$(echo "$pids" | wc -w)" ]; then
	ktap_test_pass "aging: all $alive workers ran for $secs s"
else
	ktap_test_fail "aging: only $alive workers of$pids still run"
fi

# phase NAME SIGNAL: send the workers SIGNAL, then map every size and
# report the vmstat counters' growth meanwhile.
phase() {
	# shellcheck disable=SC2086 # pids are numbers
	kill "-$2" $pids
	cp /proc/vmstat "/tmp/age-vm.$1.0"
	if lat "$1"; then
		ktap_test_pass "$1 phase: every AUX mmap succeeded or failed with ENOMEM"
	else
		ktap_test_fail "$1 phase: an AUX mmap failed otherwise, or its data did not read back"
	fi
	cp /proc/vmstat "/tmp/age-vm.$1.1"
	delta "$1" "/tmp/age-vm.$1.0" "/tmp/age-vm.$1.1"
}
phase quiet STOP
snap quiet
phase contended CONT

# shellcheck disable=SC2086
kill -TERM $pids 2>/dev/null
wait
echo 0 >"$dbg/fragment"
rm -rf /tmp/age-slab
snap after
if dmesg | grep -q -e 'invoked oom-killer' -e 'Out of memory'; then
	ktap_test_fail "no OOM kill while aging and mapping"
else
	ktap_test_pass "no OOM kill while aging and mapping"
fi
if [ -z "$snapfail" ]; then
	ktap_test_pass "free-block snapshots taken"
else
	ktap_test_fail "free-block snapshots failed:$snapfail"
fi
ktap_finished
