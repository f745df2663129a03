#!/bin/sh
# Build the bench's QEMU TCG plugin (plugins/barrier-count.c) against the
# qemu-plugin.h of the host's own QEMU, taken from Debian's qemu source
# package of that version (fetched once into the cache through the private
# apt list).  Prints the plugin's path.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${BENCH_CACHE:-$HOME/.cache/aux-bench}
ver=$(dpkg-query -W -f='${source:Version}' qemu-system-arm)
inc=$cache/qemu-plugin/$ver
so=$top/build/out/plugins/barrier-count.so
if [ ! -f "$inc/qemu-plugin.h" ]; then
	src=$cache/qemu-src
	mkdir -p "$src" "$inc"
	if ! find "$src" -name 'qemu_*.orig.tar.*' | grep -q .; then
		"$top/scripts/apt-private.sh" apt-get update >&2
		(cd "$src" && "$top/scripts/apt-private.sh" apt-get source --download-only "qemu=$ver" >&2)
	fi
	orig=$(find "$src" -name 'qemu_*.orig.tar.*' | head -n 1)
	tar -xf "$orig" -C "$inc" --wildcards --strip-components=3 '*/include/qemu/qemu-plugin.h'
fi
mkdir -p "$(dirname "$so")"
# A second to build: built every time, never stale.
gcc -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -Werror -I "$inc" -o "$so" "$top/plugins/barrier-count.c"
echo "$so"
