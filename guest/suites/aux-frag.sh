#!/bin/sh
# AUX buffers of 8, 64 and 256 MiB on the test PMU, before and after
# memory is fragmented on purpose (test_aux_pmu/fragment pins every other
# page of all but 64 MiB of free memory): each mmap succeeds, the data
# reads back, no OOM kill happens, fragmentation makes no mmap + munmap
# more than 10 times slower, and the entries, the blocks obtained and
# the times are reported (make bench reads them).
. /lib/ktap_helpers.sh
. /lib/param.sh
dbg=/sys/kernel/debug/test_aux_pmu
[ -d /sys/bus/event_source/devices/test_aux ] || modprobe test_aux_pmu 2>/dev/null
ktap_print_header
if [ ! -w "$dbg/fragment" ]; then
	ktap_set_plan 1
	ktap_test_skip "AUX mmap under fragmentation (no test_aux PMU with a fragment file in this kernel)"
	ktap_finished
	exit 0
fi
reps=$(bench_param reps 3)
# Left unfragmented: 64 MiB, or bench.frag_reserve_mib (the debug kernel's
# order-1 slabs need more, see scenarios/arm64-4k-debug.conf).
reserve_mib=$(bench_param frag_reserve_mib 64)
slower=10
echo 1 >/proc/sys/kernel/kptr_restrict

# aux_sizes STATE: map, check and time the three sizes; diagnostics only.
aux_sizes() {
	out=/tmp/aux-frag.$1
	aux-map-check -t "$reps" test_aux 8192 65536 262144 >"$out" 2>&1
	rc=$?
	grep -E '^# |^not ok' "$out" | grep -v '^# Totals' |
		sed -e "s/^# aux_\(time\|entries\) /# aux_\1 state=$1 /" -e 's/^not ok/# failed:/'
	[ "$rc" -eq 0 ] && ! grep -q '^not ok' "$out"
}
# bounded: no fragmented time above $slower x the clean one, same size/mode
# (a clean time below 20 ms counts as 20 ms: a guest clock ticking in
# jiffies reads 0 for short calls).
bounded() {
	awk -v x="$slower" '
		$2 != "aux_time" { next }
		{ for (i = 3; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
		FILENAME ~ /clean$/ { clean[f["size_kib"], f["mode"]] = f["median_ns"]; next }
		{
			c = clean[f["size_kib"], f["mode"]]
			printf "# %s KiB %s: fragmented %.1f ms, clean %.1f ms\n",
				f["size_kib"], f["mode"], f["median_ns"] / 1e6, c / 1e6
			if (c == "" || f["median_ns"] > x * (c < 2e7 ? 2e7 : c)) bad++
			n++
		}
		END { exit !(n == 6 && !bad) }' /tmp/aux-frag.clean /tmp/aux-frag.fragmented
}
no_oom() { ! dmesg | grep -q -e 'invoked oom-killer' -e 'Out of memory'; }
fragment() {
	free_mib=$(awk '/^MemFree:/ { print int($2 / 1024) }' /proc/meminfo)
	echo $((free_mib - reserve_mib)) >"$dbg/fragment" || return 1
	held=$(cat "$dbg/fragment")
	ktap_print_msg "fragment: took $((free_mib - reserve_mib)) MiB, pins $held pages; free blocks per order (buddyinfo):"
	sed 's/^/# /' /proc/buddyinfo
	[ "$held" -gt 0 ]
}

ktap_set_plan 6
ktap_test_result "AUX mmap of 8, 64 and 256 MiB ($reps timed each)" aux_sizes clean
ktap_test_result "every other page of all but $reserve_mib MiB of free memory pinned" fragment
ktap_test_result "AUX mmap of 8, 64 and 256 MiB with memory fragmented" aux_sizes fragmented
ktap_test_result "fragmentation makes no AUX mmap + munmap more than $slower times slower" bounded
ktap_test_result "no OOM kill" no_oom
echo 0 >"$dbg/fragment"
ktap_test_result "pinned pages released" test "$(cat "$dbg/fragment")" = 0
ktap_finished
