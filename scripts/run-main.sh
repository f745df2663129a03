#!/bin/sh
# make run: build the patched arm64-4k kernel, boot it under QEMU and print
# a short report for a person.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
s=arm64-4k
tree=$top/build/linux
echo "run: building and booting $s (logs in build/results/$s/)..."
"$top/scripts/run-scenario.sh" $s >/dev/null
j=$top/build/results/$s/results.json
n=$(git -C "$tree" rev-list --count base..HEAD)
# The guest's page size in KiB, for the page-by-page counts.
pg=$(sed -n 's/^CONFIG_ARM64_\([0-9]*\)K_PAGES=y$/\1/p' "$top/build/out/$s/.config")
pg=${pg:-4}
echo
echo "== AUX large-mapping series: main job ($s, QEMU virt, TCG) =="
echo "base:     Debian $(git -C "$tree" log -1 --format=%s base | sed 's/^Debian //')"
echo "kernel:   $(jq -r '.kernel' "$j")"
echo "series:   $n patch(es) applied"
git -C "$tree" log --reverse --format='          %s' base..HEAD
echo "boot:     $(head -n 1 "$top/build/results/$s/boot.txt" | sed 's/^boot: //')"
echo "verdict:  $(jq -r '.verdict' "$j") ($(jq -r '.reason' "$j" | sed 's/^$/no problem found/'))"
echo "tests:    $(jq -r '"\(.passed) passed, \(.failed) failed, \(.skipped) skipped"' "$j") (KUnit + guest suites)"
echo "time:     build $(jq '.build_s // 0' "$j") s, boot + tests $(jq '.boot_s // 0' "$j") s"
# What the series does, as the KUnit test of the mappings saw it.
if grep -q 'vmap_layout_test: .* PMD, ' "$top/build/results/$s/kernel.log"; then
	echo "mappings: entries the kernel wrote (KUnit vmap_block; PTEs = page-by-page count)"
	sed -n 's/.*# \(vmap_layout_test\|vmalloc_huge_test\|ioremap_test\): \([^:]*\): \([0-9]*\) KiB at [0-9a-f]*: \(.*\)$/\1 \2 \3 \4/p' \
		"$top/build/results/$s/kernel.log" | tr -d '\r' |
		awk -v pg="$pg" '{ sub(/_test$/, "", $1); gsub(/[()]/, ""); printf "          %-11s %-19s %6d KiB: %s %s %s %s %s %s, %s %s, page by page %d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $3 / pg }'
fi
# The AUX buffers of the test PMU: entries in the patched kernel (guest
# suites aux and aux-frag of this boot) against the base kernel's, as
# the last make bench measured them (page by page before the series).
c=$top/build/results/$s/console.log
ae=$top/build/results/aux-entries.json
if grep -q 'GUEST:aux: # .* KiB normal at ' "$c"; then
	echo "aux:      AUX buffer of the test PMU, normal mode: entries that map it in the kernel"
	{
		tr -d '\r' <"$c" | sed -n 's/.*GUEST:aux: # \([0-9]*\) KiB normal at [^:]*: \([0-9]*\) PMD, \([0-9]*\) CONT_PTE, \([0-9]*\) PTE = .*all-PTE \([0-9]*\)).*/\1 \2 \3 \4 \5/p'
		tr -d '\r' <"$c" | sed -n 's/.*GUEST:aux-frag: # aux_entries state=clean size_kib=\([0-9]*\) mode=normal pmd=\([0-9]*\) cont=\([0-9]*\) pte=\([0-9]*\) .*/\1 \2 \3 \4 x/p'
	} | awk '!seen[$1]++' | while read -r kib pmd cont pte all; do
		[ "$all" = x ] && all=$((kib / pg))
		base=$(jq -r --argjson k "$kib" 'first(.[] | select(.mode == "tcg" and .memory == "clean" and .aux_mode == "normal" and .size_kib == $k) | .base | .pmd + .cont_pte + .pte) // empty' "$ae" 2>/dev/null || true)
		how="make bench"
		[ -n "$base" ] || { base=$all; how="page by page"; }
		printf '          %6d KiB: base %5d entries (%s), patched %3d PMD + %3d CONT_PTE + %3d PTE = %d, %dx fewer\n' \
			"$kib" "$base" "$how" "$pmd" "$cont" "$pte" $((pmd + cont + pte)) $((base / (pmd + cont + pte)))
	done
fi
b=$top/build/results/bench.json
if [ -f "$b" ]; then
	echo "speed:    last make bench ($(date -r "$b" '+%F %H:%M')), base/patched median time:"
	jq -r '.[] | select(.figure == "ioremap" or .figure == "vmalloc_map" or (.figure == "vmap_order8" and .size_kib >= 102400) or (.figure == "vmap_order0" and .size_kib >= 102400) or (.figure == "aux_normal_fragmented" and .size_kib >= 262144)) |
		"          \(.mode) \(.figure) \(.size_kib) KiB: \(.ratio)x" + (if .seed_ratio then " (seed \(.seed_ratio)x)" else "" end)' "$b"
fi
[ "$(jq -r '.verdict' "$j")" = pass ]
