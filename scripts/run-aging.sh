#!/bin/sh
# make bench-aging: AUX mmaps in memory aged like a long-running device's,
# base kernel (order-0 AUX pages mapped page by page) against the whole
# series, same scenario (arm64-4k-aging: compaction, THP, a virtio disk),
# same QEMU settings, booted alternately AGING_BOOTS times each; boot i of
# both kernels uses the same aging seed. Each boot runs the guest suite
# aux-age (guest/suites/aux-age.sh). Every boot goes through the console
# classifier. Results: build/results/aging/ (table.md, aging.json).
# Environment: AGING_BOOTS (3), AGING_SECS (120, guest seconds of aging),
# AGING_REPS (20 mmaps per size and phase), AGING_VARIANT_DROP (a patch
# subject: also boot a third kernel, "variant", the series without that
# patch, to show what the patch itself changes).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$top/build/linux
res=$top/build/results/aging
scenario=arm64-4k-aging
# shellcheck source=scripts/bench.conf
. "$top/scripts/bench.conf"
# shellcheck source=scripts/bench-lib.sh
. "$top/scripts/bench-lib.sh"
boots=${AGING_BOOTS:-3}
secs=${AGING_SECS:-120}
reps=${AGING_REPS:-20}
rm -rf "$res"
mkdir -p "$res"
[ -n "$(bench_base_commit)" ] || { echo "bench-aging: the series has no benchmark patch yet" >&2; exit 1; }

echo "bench-aging: building base and patched $scenario kernels..."
build_pair "$scenario"
kernels="base patched"
if [ -n "${AGING_VARIANT_DROP:-}" ]; then
	drop=$(git -C "$tree" log --format='%H %s' base..work | grep -F " $AGING_VARIANT_DROP" | head -n 1 | cut -d' ' -f1)
	[ -n "$drop" ] || { echo "bench-aging: no patch \"$AGING_VARIANT_DROP\" in the series" >&2; exit 1; }
	echo "bench-aging: building the variant: the series without \"$AGING_VARIANT_DROP\"..."
	trap 'git -C "$tree" checkout -q work' EXIT
	git -C "$tree" checkout -q --detach work
	git -C "$tree" revert --no-edit "$drop" >"$res/build-variant.log" 2>&1
	PARTIAL_SERIES=1 "$top/scripts/build-kernel.sh" "$scenario" "$tree" \
		"$top/build/out/bench-variant-$scenario" >>"$res/build-variant.log" 2>&1
	git -C "$tree" checkout -q work
	"$top/scripts/build-initramfs.sh" "$scenario" "$tree" "$top/build/out/bench-variant-$scenario" \
		>>"$res/build-variant.log" 2>&1
	kernels="$kernels variant"
fi
img=$top/build/aging.img
for i in $(seq 1 "$boots"); do
	for k in $kernels; do
		out=$top/build/out/$scenario
		[ "$k" = patched ] || out=$top/build/out/bench-$k-$scenario
		dir=$res/$k-$i
		# A fresh sparse disk, larger than the guest's memory, for the
		# page cache churn.
		rm -f "$img"
		truncate -s 3G "$img"
		line=$(QEMU_SMP=2 BOOT_TIMEOUT=1800 \
			QEMU_EXTRA="-drive if=none,id=age,file=$img,format=raw,cache=unsafe -device virtio-blk-device,drive=age" \
			boot_checked "bench-aging: $k boot $i" "$scenario" "$out" "$dir" \
			"kunit.enable=0 bench.suites=aux-age bench.age_secs=$secs bench.age_seed=$i bench.age_reps=$reps")
		echo "bench-aging: $k boot $i: $line"
	done
done
rm -f "$img"
"$top/scripts/aging-report.sh" "$res"
