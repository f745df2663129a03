#!/bin/sh
# Summarise make bench-aging: for each phase, AUX size and mode, the median
# over boots of the mmap and munmap p50/p99 of base and patched and their
# ratio; the vmstat deltas of each phase; the THP user's success rate in
# the contended phase; the free high-order blocks at each snapshot.
# Writes DIR/table.md and DIR/aging.json.
# Usage: aging-report.sh DIR   (DIR holds base-N/ and patched-N/ consoles)
set -eu
dir=$1
for c in "$dir"/*-[0-9]*/console.log; do
	k=$(basename "$(dirname "$c")")
	tr -d '\r' <"$c" | sed -n 's/^GUEST:aux-age: # \(aux_lat\|age_vmstat\|age_snap\) /\1 /p' |
		awk -v k="${k%-*}" -v b="${k##*-}" '{ print k, b, $0 }'
done >"$dir/samples.txt"
[ -s "$dir/samples.txt" ] || { echo "aging-report: no figures in $dir" >&2; exit 1; }
awk -v date="$(date -u +%Y-%m-%d)" -v commit="$(git -C "$(dirname "$0")/../build/linux" rev-parse --short work 2>/dev/null || echo unknown)" -v json="$dir/aging.json" '
function kv(i, a) { for (i = 4; i <= NF; i++) { split($i, a, "="); f[a[1]] = a[2] } }
function add(key, val) { v[key, ++n[key]] = val; if (!(key in seen)) { seen[key] = 1; keys[++nk] = key } }
function med(key, c, i, j, t, a) {
	c = n[key]; if (!c) return ""
	for (i = 1; i <= c; i++) a[i] = v[key, i]
	for (i = 2; i <= c; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
}
function ratio(p, b) { return b > 0 ? sprintf("%.2f", p / b) : "-" }
{
	delete f; kv(); k = $1
	if ($3 == "aux_lat") {
		id = f["label"] SUBSEP f["size_kib"] SUBSEP f["mode"]
		if (!(id in lat)) { lat[id] = 1; lats[++nl] = id }
		add(k SUBSEP "p50" SUBSEP id, f["mmap_p50_us"]); add(k SUBSEP "p99" SUBSEP id, f["mmap_p99_us"])
		add(k SUBSEP "u50" SUBSEP id, f["munmap_p50_us"]); enomem[k, id] += f["enomem"]
	} else if ($3 == "age_vmstat") {
		for (c in f) if (c != "phase") { add(k SUBSEP f["phase"] SUBSEP c, f[c]); if (!((f["phase"], c) in vs)) { vs[f["phase"], c] = 1 } }
		if (f["phase"] == "contended" && f["thp_fault_alloc"] + f["thp_fault_fallback"] > 0)
			add(k SUBSEP "thp", 100 * f["thp_fault_alloc"] / (f["thp_fault_alloc"] + f["thp_fault_fallback"]))
	} else if ($3 == "age_snap") {
		add(k SUBSEP "o9" SUBSEP f["phase"], f["usable_o9_blocks"]); add(k SUBSEP "o4" SUBSEP f["phase"], f["free_o4_blocks"])
	}
}
END {
	nkn = 0; split("base patched variant", all, " ")
	for (i = 1; i <= 3; i++) if (nl && (all[i] SUBSEP "p50" SUBSEP lats[1]) in seen) kn[++nkn] = all[i]
	printf "# make bench-aging, %s, kernel %s\n\n", date, commit
	printf "Medians over boots. base: order-0 AUX pages mapped page by page; patched: the series"
	if (nkn == 3) printf "; variant: the series without one patch (see docs/benchmark.md)"
	printf ". Times in microseconds; ratios are to base.\n\n"
	printf "| phase | size KiB | mode |"
	for (j = 1; j <= nkn; j++) printf " mmap p50 %s |%s", kn[j], (j > 1 ? " ratio |" : "")
	for (j = 1; j <= nkn; j++) printf " mmap p99 %s |%s", kn[j], (j > 1 ? " ratio |" : "")
	for (j = 1; j <= nkn; j++) printf " munmap p50 %s |", kn[j]
	printf " ENOMEM |\n|"
	for (j = 1; j <= 4 + 4 * nkn - 2 + nkn; j++) printf " --- |"
	printf "\n"
	for (i = 1; i <= nl; i++) {
		split(lats[i], a, SUBSEP)
		printf "| %s | %s | %s |", a[1], a[2], a[3]
		for (q = 1; q <= 2; q++) {
			st = q == 1 ? "p50" : "p99"; b = med("base" SUBSEP st SUBSEP lats[i])
			for (j = 1; j <= nkn; j++) {
				x = med(kn[j] SUBSEP st SUBSEP lats[i]); printf " %s |", x
				if (j > 1) printf " %s |", ratio(x, b)
			}
		}
		for (j = 1; j <= nkn; j++) printf " %s |", med(kn[j] SUBSEP "u50" SUBSEP lats[i])
		e = ""; for (j = 1; j <= nkn; j++) e = e (j > 1 ? "/" : "") (enomem[kn[j], lats[i]] + 0)
		printf " %s |\n", e
	}
	printf "\nvmstat deltas during each phase (median over boots): quiet = AUX mmaps alone, contended = AUX mmaps with the aging load running.\n\n| counter |"
	for (p = 1; p <= 2; p++) for (j = 1; j <= nkn; j++) printf " %s %s |", (p == 1 ? "quiet" : "contended"), kn[j]
	printf "\n| --- |"; for (j = 1; j <= 2 * nkn; j++) printf " --- |"; printf "\n"
	split("compact_stall compact_fail compact_success compact_migrate_scanned compact_daemon_wake allocstall_normal pgscan_direct pgsteal_direct pgsteal_kswapd pgmigrate_success thp_fault_alloc thp_fault_fallback oom_kill", cs, " ")
	for (i = 1; i in cs; i++) {
		printf "| %s |", cs[i]
		for (p = 1; p <= 2; p++) for (j = 1; j <= nkn; j++)
			printf " %s |", med(kn[j] SUBSEP (p == 1 ? "quiet" : "contended") SUBSEP cs[i])
		printf "\n"
	}
	printf "\nTHP user, contended phase, share of THP faults that got a huge page (median over boots):"
	for (j = 1; j <= nkn; j++) printf " %s %s%%%s", kn[j], med(kn[j] SUBSEP "thp"), (j < nkn ? "," : ".\n\n")
	printf "Free blocks of order >= 9 that an unmovable allocation can use (pagetypeinfo: Unmovable, Reclaimable and Movable lists outside ZONE_MOVABLE), and free blocks of order >= 4 (buddyinfo), at each snapshot:\n\n| snapshot |"
	for (j = 1; j <= nkn; j++) printf " o9 %s |", kn[j]
	for (j = 1; j <= nkn; j++) printf " o4 %s |", kn[j]
	printf "\n| --- |"; for (j = 1; j <= 2 * nkn; j++) printf " --- |"; printf "\n"
	split("clean aged quiet after", ph, " ")
	for (i = 1; i in ph; i++) {
		printf "| %s |", ph[i]
		for (j = 1; j <= nkn; j++) printf " %s |", med(kn[j] SUBSEP "o9" SUBSEP ph[i])
		for (j = 1; j <= nkn; j++) printf " %s |", med(kn[j] SUBSEP "o4" SUBSEP ph[i])
		printf "\n"
	}
	printf "{\"date\":\"%s\",\"kernel\":\"%s\",\"medians\":{", date, commit >json
	for (i = 1; i <= nk; i++) {
		key = keys[i]; gsub(SUBSEP, "/", key)
		printf "%s\"%s\":%s", (i > 1 ? "," : ""), key, med(keys[i]) + 0 >json
	}
	printf "}}\n" >json
}' "$dir/samples.txt" >"$dir/table.md"
cat "$dir/table.md"
