#!/bin/sh
# Report of bench-icount.sh (DIR/icount.txt): per commit, the instructions
# per mapped page of the order-0 cases against the base, a commit more
# than 2% above it marked REGRESSION; then, base against the end of the
# series, the instructions per page of every case with the ratio, and the
# barriers and TLB invalidations of one call.  Writes DIR/icount.md and
# DIR/../icount.json; exit status 1 when a commit regresses.
# Usage: bench-icount-report.sh DIR [PAGE_KIB]
set -eu
dir=$1
pk=${2:-4}
in=$dir/icount.txt
awk -v pk="$pk" '
{ n = $1; key = $3 " " $4; ins[n, key] = $5; bar[n, key] = $6 " " $7 " " $8 " " $9
  if (!(n in seenc)) { seenc[n] = 1; cs[++nc] = n; hash[n] = $2 }
  if (!(key in seenk)) { seenk[key] = 1; ks[++nk] = key } }
function order0(k) { return k ~ /order0|^vmalloc |^vmalloc_huge / }
END {
	b = cs[1]; e = cs[nc]; bad = 0
	print "Instructions per mapped page of the order-0 cases at each commit that"
	print "touches mm/ or arch/ (icount, arm64-4k, one vCPU); in brackets the"
	print "change from the base (" hash[b] ", patch " b "). Over +2%: REGRESSION."
	print ""
	printf "| patch | commit |"
	for (j = 1; j <= nk; j++) if (order0(ks[j])) printf " %s KiB |", ks[j]
	printf " verdict |\n| --- | --- |"
	for (j = 1; j <= nk; j++) if (order0(ks[j])) printf " --- |"
	printf " --- |\n"
	for (i = 1; i <= nc; i++) {
		c = cs[i]; v = "ok"
		printf "| %d | %s |", c, hash[c]
		for (j = 1; j <= nk; j++) {
			k = ks[j]
			if (!order0(k)) continue
			split(k, w, " ")
			if (!((c, k) in ins) || !((b, k) in ins)) { printf " - |"; continue }
			d = 100 * (ins[c, k] - ins[b, k]) / ins[b, k]
			printf " %.1f (%+.1f%%) |", ins[c, k] / (w[2] / pk), d
			if (d > 2) { v = "REGRESSION"; bad = 1 }
		}
		printf " %s |\n", v
	}
	print ""
	print "Base (patch " b ") against the whole series (patch " e "): instructions"
	print "per mapped page, and the DSB / DMB / ISB / TLBI of one call (medians)."
	print ""
	print "| case | size | base insns/page | patched insns/page | base/patched | base DSB/DMB/ISB/TLBI | patched DSB/DMB/ISB/TLBI |"
	print "| --- | --- | --- | --- | --- | --- | --- |"
	for (j = 1; j <= nk; j++) {
		k = ks[j]; split(k, w, " ")
		if (!((b, k) in ins) || !((e, k) in ins)) continue
		pg = w[2] / pk
		split(bar[b, k], x, " "); split(bar[e, k], y, " ")
		printf "| %s | %s KiB | %.1f | %.1f | %.2fx | %d/%d/%d/%d | %d/%d/%d/%d |\n", w[1], w[2],
			ins[b, k] / pg, ins[e, k] / pg, ins[b, k] / (ins[e, k] ? ins[e, k] : 1),
			x[1], x[2], x[3], x[4], y[1], y[2], y[3], y[4]
	}
	exit bad
}' "$in" >"$dir/icount.md" || rc=$?
jq -R -s '[split("\n")[] | select(length > 0) | split(" ") |
	{patch: (.[0] | tonumber), commit: .[1], case: .[2], size_kib: (.[3] | tonumber),
	 insns: (.[4] | tonumber), dsb: (.[5] | tonumber), dmb: (.[6] | tonumber),
	 isb: (.[7] | tonumber), tlbi: (.[8] | tonumber)}]' "$in" >"$dir/../icount.json"
cat "$dir/icount.md"
exit "${rc:-0}"
