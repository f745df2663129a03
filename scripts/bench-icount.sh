#!/bin/sh
# make bench, instruction counts: boot the arm64-4k kernel at the base of
# the series, at every later commit that touches mm/ or arch/, and at its
# end, once each under "-icount shift=0" with one vCPU and the QEMU plugin
# plugins/barrier-count.c, which counts the instructions, DSB, DMB, ISB
# and TLBI of every timed call of test_vmap_bench (between two calls of
# test_vmap_bench_mark()).  Under icount the counts do not depend on the
# host, so one boot per commit is enough.
# Writes build/results/bench/icount/<n>-<commit>/ and icount.txt:
#   <n> <commit> <case> <size_kib> <insns> <dsb> <dmb> <isb> <tlbi>
# (medians over the case's timed calls), then bench-icount-report.sh.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$top/build/linux
res=$top/build/results/bench/icount
s=arm64-4k
# shellcheck source=scripts/bench.conf
. "$top/scripts/bench.conf"
plugin=$("$top/scripts/build-plugin.sh")
out=$top/build/out/bench-icount-$s
mkdir -p "$res" "$out"
: >"$res/icount.txt"

commits=$(git -C "$tree" rev-list --reverse base..work)
base_commit=$(echo "$commits" | sed -n "${BASE_PATCHES}p")
last=$(echo "$commits" | tail -n 1)
trap 'git -C "$tree" checkout -q work' EXIT
n=0
for c in $commits; do
	n=$((n + 1))
	[ "$n" -lt "$BASE_PATCHES" ] && continue
	if [ "$c" != "$base_commit" ] && [ "$c" != "$last" ] &&
		! git -C "$tree" diff --name-only "$c^" "$c" | grep -q '^\(mm\|arch\)/'; then
		continue
	fi
	short=$(git -C "$tree" log -1 --format=%h "$c")
	label=$(printf '%02d-%s' "$n" "$short")
	dir=$res/$label
	rm -rf "$dir"
	mkdir -p "$dir"
	git -C "$tree" checkout -q --detach "$c"
	PARTIAL_SERIES=1 "$top/scripts/build-kernel.sh" "$s" "$tree" "$out" >"$dir/build.log" 2>&1 || {
		echo "bench-icount: $label does not build (see $dir/build.log)" >&2
		exit 1
	}
	# Suites "none": the scenario's initramfs serves every commit.
	cp "$top/build/out/$s/initramfs.cpio.gz" "$out/"
	mark=0x$(aarch64-linux-gnu-nm "$out/vmlinux" | sed -n 's/^\([0-9a-f]*\) t test_vmap_bench_mark$/\1/p')
	[ "$mark" != 0x ] || { echo "bench-icount: $label has no test_vmap_bench_mark" >&2; exit 1; }
	QEMU_SMP=1 BOOT_TIMEOUT=900 \
		QEMU_EXTRA="-icount shift=0 -plugin $plugin,mark=$mark,out=$dir/plugin.txt" \
		"$top/scripts/boot.sh" "$s" "$out" "$dir" \
		"test_vmap_bench.run=1 ${ICOUNT_CASES:+test_vmap_bench.cases=$ICOUNT_CASES} kunit.enable=0 bench.suites=none" >/dev/null
	line=$("$top/scripts/classify.sh" "$dir" "$s")
	if [ "$(jq -r '.verdict' "$dir/results.json")" != pass ] ||
		! grep -q 'test_vmap_bench: done' "$dir/console.log"; then
		echo "bench-icount: $label: $line (see $dir/console.log)" >&2
		exit 1
	fi
	reps=$(sed -n 's/.*test_vmap_bench.reps=\([0-9]*\).*/\1/p' "$dir/boot.txt")
	"$top/scripts/bench-icount-pair.sh" "$dir/console.log" "$dir/plugin.txt" "${reps:-15}" |
		awk -v n="$n" -v c="$short" '{ print n, c, $0 }' >>"$res/icount.txt"
	echo "bench: icount $label done"
done
"$top/scripts/bench-icount-report.sh" "$res"
