#!/bin/sh
# Build a static arm64 perf from the work tree's tools/perf (the recipe in
# ../shared/REFERENCES.md; the "all" target fails on the dlfilter objects
# when static, so only the perf binary is built).
# Usage: build-perf.sh [TREE [OUTDIR]]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:-$top/build/linux}
out=${2:-$top/build/out/perf-arm64}
mkdir -p "$out"
make -s -C "$tree/tools/perf" O="$out" -j"${JOBS:-$(nproc)}" \
	ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- LDFLAGS=-static \
	NO_RUST=1 NO_LIBELF=1 NO_LIBTRACEEVENT=1 NO_JEVENTS=1 NO_LIBPYTHON=1 \
	NO_LIBPERL=1 NO_SLANG=1 NO_GTK2=1 NO_LIBUNWIND=1 NO_LIBDW=1 NO_LIBBPF=1 \
	NO_BPF_SKEL=1 NO_LIBCAP=1 NO_LIBNUMA=1 NO_LIBZSTD=1 NO_LZMA=1 \
	NO_LIBBABELTRACE=1 NO_LIBCRYPTO=1 NO_LIBLLVM=1 NO_CAPSTONE=1 \
	NO_LIBDEBUGINFOD=1 NO_SDT=1 "$out/perf" >"$out/build.log" 2>&1 || {
	tail -n 30 "$out/build.log" >&2
	echo "build-perf: tools/perf failed to build (log: $out/build.log)" >&2
	exit 1
}
echo "$out/perf"
