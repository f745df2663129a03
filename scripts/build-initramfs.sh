#!/bin/sh
# Pack the guest initramfs of a scenario: static busybox, guest/init, the
# suites with kselftest's ktap_helpers.sh, the kernel's modules and (arm64)
# the static perf.  Usage: build-initramfs.sh SCENARIO [TREE [OUTDIR]]
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
cp "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh" "$root/lib/"
[ -d "$out/modules/lib" ] && cp -a "$out/modules/lib/modules" "$root/lib/"
if [ "$ARCH" = arm64 ]; then
	cp "$("$top/scripts/build-perf.sh" "$tree")" "$root/usr/bin/perf"
fi
# The in-guest C programs, static, with kselftest.h from the tree.
for c in "$top"/guest/*.c; do
	"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror \
		-I "$tree/tools/testing/selftests" \
		-o "$root/usr/bin/$(basename "$c" .c)" "$c"
done
chmod +x "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$out/initramfs.cpio.gz"
echo "$out/initramfs.cpio.gz"
