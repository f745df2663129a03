#!/bin/sh
# Pair the QEMU plugin's segments with test_vmap_bench's cases.  Every
# timed call is one segment between two marks (the odd segments); the
# cases come in the order their report lines appear on the console, each
# after REPS timed calls.  Prints per case the medians over its calls:
#   <case> <size_kib> <insns> <dsb> <dmb> <isb> <tlbi>
# Usage: bench-icount-pair.sh CONSOLE PLUGIN_OUT REPS
set -eu
tr -d '\r' <"$1" | sed -n 's/.*test_vmap_bench: \([a-z0-9_]*\) size_kib=\([0-9]*\) ns=.*/\1 \2/p' >"$2.cases"
awk -v reps="$3" -v cases="$2.cases" '
function med(a, n, i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	return a[int((n + 1) / 2)]
}
$1 == "seg" && $2 % 2 == 1 {
	k = ($2 - 1) / 2
	for (f = 3; f <= 7; f++) { split($f, kv, "="); v[k, f] = kv[2] }
	nseg = k + 1
}
END {
	c = 0
	while ((getline line < cases) > 0) {
		split(line, w, " ")
		if ((c + 1) * reps > nseg) { print "bench-icount-pair: too few segments for " w[1] > "/dev/stderr"; exit 1 }
		printf "%s %s", w[1], w[2]
		for (f = 3; f <= 7; f++) {
			for (i = 1; i <= reps; i++) a[i] = v[c * reps + i - 1, f]
			printf " %d", med(a, reps)
		}
		printf "\n"
		c++
	}
	if (c * reps != nseg) { print "bench-icount-pair: " nseg " timed segments for " c " cases of " reps > "/dev/stderr"; exit 1 }
}' "$2"
