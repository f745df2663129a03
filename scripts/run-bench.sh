#!/bin/sh
# make bench: build the base kernel (pristine + the benchmark module) and
# the patched kernel of each benchmark scenario, boot both alternately
# BENCH_BOOTS times per mode with the same QEMU settings (one vCPU), and
# collect test_vmap_bench's figures and the AUX mmap times and entries of
# the guest suite aux-frag (test AUX PMU, clean and fragmented memory)
# into build/results/bench/; then bench-icount.sh (instruction, barrier
# and TLBI counts per call at every mm/ or arch/ commit, QEMU plugin).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$top/build/linux
res=$top/build/results/bench
# shellcheck source=scripts/bench.conf
. "$top/scripts/bench.conf"
mkdir -p "$res"
: >"$res/samples.txt"
: >"$res/aux-entries.txt"

# shellcheck source=scripts/bench-lib.sh
. "$top/scripts/bench-lib.sh"
[ -n "$(bench_base_commit)" ] || { echo "bench: the series has no benchmark patch yet" >&2; exit 1; }

for s in $(echo "$BENCH_MODES" | cut -d' ' -f1 | sort -u); do
	if [ "$s" = x86_64 ] && ! "$top/scripts/kvm-usable.sh"; then
		continue
	fi
	echo "bench: building base and patched $s kernels..."
	build_pair "$s"
done

echo "$BENCH_MODES" | while read -r s label extra; do
	# x86 under TCG has no usable clock without ACPI (the TSC fails to
	# calibrate against the PIT, jiffies remain): x86 figures need KVM.
	if [ "$s" = x86_64 ] && ! "$top/scripts/kvm-usable.sh"; then
		echo "bench: $label: skipped, /dev/kvm is not usable here (under TCG the x86 guest clock is jiffies)"
		continue
	fi
	for i in $(seq 1 "$BENCH_BOOTS"); do
		for k in base patched; do
			out=$top/build/out/$s
			[ $k = base ] && out=$top/build/out/bench-base-$s
			dir=$res/$label-$k-$i
			# Every boot goes through the console classifier: a splat,
			# a timeout or a failed guest check fails the benchmark.
			QEMU_SMP=1 QEMU_EXTRA="$extra" BOOT_TIMEOUT=900 \
				boot_checked "bench: $label $k boot $i" "$s" "$out" "$dir" \
				"test_vmap_bench.run=1 kunit.enable=0 bench.suites=aux-frag" >/dev/null
			if ! grep -q 'test_vmap_bench: done' "$dir/console.log"; then
				echo "bench: $label $k boot $i: no result (see $dir/console.log)" >&2
				exit 1
			fi
			if grep -q 'test_vmap_bench: .* ns=0$' "$dir/console.log"; then
				echo "bench: $label $k boot $i: a figure of 0 ns, the guest clock is too coarse (see $dir/console.log)" >&2
				exit 1
			fi
			if ! grep -q 'GUEST:aux-frag: # aux_time state=fragmented' "$dir/console.log"; then
				echo "bench: $label $k boot $i: no AUX figures (see $dir/console.log)" >&2
				exit 1
			fi
			# The vmap figures, then the AUX mmap + munmap ones (median
			# of the suite's repetitions).
			tr -d '\r' <"$dir/console.log" | sed -n \
				-e 's/.*test_vmap_bench: \([a-z0-9_]*\) size_kib=\([0-9]*\) ns=\([0-9]*\).*/\1 \2 \3/p' \
				-e 's/.*# aux_time state=\([a-z]*\) pmu=[a-z_]* size_kib=\([0-9]*\) mode=\([a-z]*\) median_ns=\([0-9]*\).*/aux_\3_\1 \2 \4/p' |
				awk -v m="$label" -v k="$k" -v i="$i" '{ print m, k, i, $0 }' >>"$res/samples.txt"
			[ "$i" = 1 ] && tr -d '\r' <"$dir/console.log" |
				sed -n 's/.*# aux_entries state=\([a-z]*\) size_kib=\([0-9]*\) mode=\([a-z]*\) pmd=\([0-9]*\) cont=\([0-9]*\) pte=\([0-9]*\) min=\([0-9]*\).*/\1 \2 \3 \4 \5 \6 \7/p' |
				awk -v m="$label" -v k="$k" '{ print m, k, $0 }' >>"$res/aux-entries.txt"
		done
	done
	echo "bench: $label: $BENCH_BOOTS boots per kernel done ($(head -n 1 "$res/$label-base-1/boot.txt"))"
done
"$top/scripts/bench-report.sh" "$res"
# Instructions, barriers and TLB invalidations per call, at every commit
# of the series that touches mm/ or arch/ (exit 1 on a regression).
echo
"$top/scripts/bench-icount.sh"
