#!/bin/sh
# Pack the guest initramfs of a scenario: static busybox, guest/init, the
# suites with kselftest's ktap_helpers.sh, the kernel's modules and (arm64)
# the static perf (PERF_BIN, or built from TREE) with the series' perf test.
# Usage: build-initramfs.sh SCENARIO [TREE [OUTDIR]]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
scenario=$1
tree=${2:-$top/build/linux}
out=${3:-$top/build/out/$scenario}
# shellcheck source=/dev/null
. "$top/scenarios/$scenario.conf"
# shellcheck source=scripts/arch.sh
. "$top/scripts/arch.sh"

root=$out/initramfs
rm -rf "$root"
mkdir -p "$root/bin" "$root/usr/bin" "$root/lib" "$root/proc" "$root/sys" \
	"$root/dev" "$root/tmp" "$root/suites"
cp "$("$top/scripts/fetch-busybox.sh" "$DEB_ARCH")" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$top/guest/init" "$root/init"
cp "$top/guest/suites/"*.sh "$root/suites/"
cp "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh" "$top/guest/lib/"*.sh "$root/lib/"
[ -d "$out/modules/lib" ] && cp -a "$out/modules/lib/modules" "$root/lib/"
if [ "$ARCH" = arm64 ]; then
	cp "${PERF_BIN:-$("$top/scripts/build-perf.sh" "$tree")}" "$root/usr/bin/perf"
	# perf test looks for its shell tests in ./tests/shell; only the
	# series' test is POSIX sh (the guest has no bash).
	t=$tree/tools/perf/tests/shell/aux_kernel_mapping.sh
	mkdir -p "$root/usr/libexec/perf-core/tests/shell"
	if [ -f "$t" ]; then cp -p "$t" "$root/usr/libexec/perf-core/tests/shell/"; fi
fi
# The in-guest C programs, static, with kselftest.h from the tree.
for c in "$top"/guest/*.c; do
	"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror -pthread \
		-I "$tree/tools/testing/selftests" \
		-o "$root/usr/bin/$(basename "$c" .c)" "$c"
done
# The bench's own test module (guest/modules), built against this
# kernel in a copy, so that guest/ stays free of build output.
mod=$out/vmap_edge
rm -rf "$mod"
mkdir -p "$mod"
cp "$top"/guest/modules/* "$mod/"
make -s -C "$tree" O="$out" ARCH="$ARCH" CROSS_COMPILE="${CROSS_COMPILE:-}" \
	M="$mod" W=1 modules >"$mod/build.log" 2>&1 || {
	cat "$mod/build.log" >&2
	echo "build-initramfs: $scenario: the vmap_edge module does not build" >&2
	exit 1
}
cp "$mod/vmap_edge.ko" "$root/lib/"
chmod +x "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$out/initramfs.cpio.gz"
echo "$out/initramfs.cpio.gz"
