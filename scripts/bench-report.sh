#!/bin/sh
# Summarise make bench: for every mode, figure and size, the median, min
# and max over boots of base and patched, and base/patched as a ratio
# beside the seed's figure; then the entries that map the AUX buffers.
# Writes DIR/../bench.json, DIR/../aux-entries.json, DIR/table.md and a
# plot of vmap() time against size (DIR/../vmap-size.png).
# Usage: bench-report.sh DIR   (DIR holds samples.txt)
set -eu
dir=$1
json=$dir/../bench.json
awk '
function median(k, n, i, j, t, a) {
	n = cnt[k]
	for (i = 1; i <= n; i++) a[i] = v[k, i]
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	lo[k] = a[1]; hi[k] = a[n]
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	k = $1 SUBSEP $2 SUBSEP $4 SUBSEP $5
	v[k, ++cnt[k]] = $6
	if (!(($1 SUBSEP $4 SUBSEP $5) in seen)) {
		seen[$1 SUBSEP $4 SUBSEP $5] = 1
		order[++n] = $1 SUBSEP $4 SUBSEP $5
	}
}
END {
	seed["ioremap", 1024] = 1.35; seed["vmalloc_map", 1024] = 1.42
	seed["vmap_order8", 102400] = 8.3
	for (i = 1; i <= n; i++) {
		split(order[i], f, SUBSEP)
		b = f[1] SUBSEP "base" SUBSEP f[2] SUBSEP f[3]
		p = f[1] SUBSEP "patched" SUBSEP f[2] SUBSEP f[3]
		if (!cnt[b] || !cnt[p]) continue
		mb = median(b); mp = median(p)
		s = ((f[2] SUBSEP f[3]) in seed) ? seed[f[2], f[3]] : 0
		printf "%s %s %s %d %d %d %d %d %d %d %.3f %s\n", f[1], f[2], f[3], cnt[b],
			mb, lo[b], hi[b], mp, lo[p], hi[p], mb / (mp ? mp : 1), s
	}
}' "$dir/samples.txt" >"$dir/summary.txt"

jq -R -s '[split("\n")[] | select(length > 0) | split(" ") |
	{mode: .[0], figure: .[1], size_kib: (.[2] | tonumber), boots: (.[3] | tonumber),
	 base_ns: {median: (.[4] | tonumber), min: (.[5] | tonumber), max: (.[6] | tonumber)},
	 patched_ns: {median: (.[7] | tonumber), min: (.[8] | tonumber), max: (.[9] | tonumber)},
	 ratio: (.[10] | tonumber), seed_ratio: (if .[11] == "0" then null else (.[11] | tonumber) end)}]' \
	"$dir/summary.txt" >"$json"

{
	printf '| mode | figure | size | base ns: median (min-max) | patched ns: median (min-max) | base/patched | seed |\n'
	printf '| --- | --- | --- | --- | --- | --- | --- |\n'
	awk '{ printf "| %s | %s | %s KiB | %d (%d-%d) | %d (%d-%d) | %.2fx | %s |\n",
		$1, $2, $3, $5, $6, $7, $8, $9, $10, $11, ($12 == "0" ? "" : $12 "x") }' "$dir/summary.txt"
} >"$dir/table.md"

# AUX buffers on the test PMU: the entries that map them (first boot of
# each kernel; "clean" and "fragmented" memory), base against patched.
ent=$dir/aux-entries.txt
if [ -s "$ent" ]; then
	awk '{ k = $1 SUBSEP $3 SUBSEP $4 SUBSEP $5
		e[k, $2] = $6 " " $7 " " $8 " " $9
		if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
	END { for (i = 1; i <= n; i++) {
		k = order[i]
		if (!((k, "base") in e) || !((k, "patched") in e)) continue
		split(k, f, SUBSEP); split(e[k, "base"], b, " "); split(e[k, "patched"], p, " ")
		print f[1], f[2], f[3], f[4], b[1], b[2], b[3], p[1], p[2], p[3], p[4] } }' \
		"$ent" >"$dir/aux-summary.txt"
	jq -R -s '[split("\n")[] | select(length > 0) | split(" ") |
		{mode: .[0], memory: .[1], size_kib: (.[2] | tonumber), aux_mode: .[3],
		 base: {pmd: (.[4] | tonumber), cont_pte: (.[5] | tonumber), pte: (.[6] | tonumber)},
		 patched: {pmd: (.[7] | tonumber), cont_pte: (.[8] | tonumber), pte: (.[9] | tonumber)},
		 patched_minimum: (.[10] | tonumber)}]' "$dir/aux-summary.txt" >"$dir/../aux-entries.json"
	{
		printf '\n| mode | memory | AUX size | AUX mode | base entries (PMD+CONT+PTE) | patched entries (PMD+CONT+PTE) | fewer TLB entries |\n'
		printf '| --- | --- | --- | --- | --- | --- | --- |\n'
		awk '{ b = $5 + $6 + $7; p = $8 + $9 + $10
			printf "| %s | %s | %d MiB | %s | %d (%d+%d+%d) | %d (%d+%d+%d) | %.0fx |\n",
				$1, $2, $3 / 1024, $4, b, $5, $6, $7, p, $8, $9, $10, b / (p ? p : 1) }' \
			"$dir/aux-summary.txt"
	} >>"$dir/table.md"
fi
cat "$dir/table.md"

# vmap() of order-8 pages against size, per mode, base and patched.
if command -v gnuplot >/dev/null; then
	rm -f "$dir"/plot-*.dat
	cut -d' ' -f1 "$dir/summary.txt" | sort -u | while read -r mode; do
		awk -v m="$mode" '$1 == m && $2 == "vmap_order8" { print $3 / 1024, $5 / 1000, $8 / 1000 }' \
			"$dir/summary.txt" | sort -n >"$dir/plot-$mode.dat"
	done
	gnuplot <<PLOT
set terminal pngcairo size 900,560 noenhanced
set output "$dir/../vmap-size.png"
set title "vmap() of order-8 pages (VM_ALLOW_HUGE_VMAP): median time per call"
set xlabel "size (MiB)"
set ylabel "time (us)"
set logscale xy
set key left top
set grid
plot $(for f in "$dir"/plot-*.dat; do
	m=$(basename "$f" .dat | sed 's/^plot-//')
	printf '"%s" using 1:2 with linespoints title "base %s", "%s" using 1:3 with linespoints title "patched %s", ' "$f" "$m" "$f" "$m"
done | sed 's/, $//')
PLOT
fi
