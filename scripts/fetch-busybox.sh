#!/bin/sh
# Print the path of a static busybox for Debian architecture $1 (arm64,
# amd64 or riscv64), downloaded from Debian's busybox-static and unpacked into the
# cache; never installed on the host.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
arch=$1
cache=${BENCH_CACHE:-$HOME/.cache/aux-bench}
bin=$cache/busybox/$arch/bin/busybox
if [ ! -x "$bin" ]; then
	mkdir -p "$cache/debs" "$cache/busybox/$arch"
	if ! find "$cache/debs" -name "busybox-static_*_$arch.deb" | grep -q .; then
		"$top/scripts/apt-private.sh" apt-get update >&2
		(cd "$cache/debs" && "$top/scripts/apt-private.sh" apt-get download "busybox-static:$arch" >&2)
	fi
	for deb in "$cache"/debs/busybox-static_*_"$arch".deb; do :; done
	dpkg-deb -x "$deb" "$cache/busybox/$arch"
	# trixie's package has it under /usr (merged /usr).
	if [ ! -x "$bin" ] && [ -x "$cache/busybox/$arch/usr/bin/busybox" ]; then
		mkdir -p "$(dirname "$bin")"
		ln -sf ../usr/bin/busybox "$bin"
	fi
fi
echo "$bin"
