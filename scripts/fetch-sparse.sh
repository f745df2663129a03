#!/bin/sh
# Print the path of a sparse that the kernel tree TREE accepts for C=1/C=2
# (its scripts/checker-valid.sh): the machine's when it passes, else one
# built once from Debian unstable's sparse source package and cached under
# $BENCH_CACHE/sparse.  Debian 12's sparse 0.6.4 lacks __typeof_unqual__,
# which this kernel uses under __CHECKER__: with it, make C=1 only warns
# "sparse is not available or not up to date" and checks nothing.
# Usage: fetch-sparse.sh [TREE]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:-$top/build/linux}
cache=${BENCH_CACHE:-$HOME/.cache/aux-bench}/sparse
valid() { [ "$(sh "$tree/scripts/checker-valid.sh" "$1" -m64 2>/dev/null)" = 1 ]; }

for s in "$(command -v sparse || true)" "$cache"/*/sparse; do
	if [ -x "$s" ] && valid "$s"; then
		echo "$s"
		exit 0
	fi
done

# Debian's own source package through a private sources list, state and
# cache (the machine's apt setup is not touched); only the sparse program
# itself is built (no optional libraries needed).
apt="$cache/apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$cache/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" \
	>"$apt/sources.list"
aptq() {
	tool=$1
	shift
	"$tool" -q -o APT::Sandbox::User=root -o Dir::Etc::SourceList="$apt/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$apt/lists" \
		-o Dir::Cache="$apt/cache" "$@"
}
echo "fetch-sparse: building sparse from Debian's source package (once)" >&2
aptq apt-get update >&2
rm -rf "$cache/src"
mkdir -p "$cache/src"
(cd "$cache/src" && aptq apt-get source --download-only sparse >&2)
orig=$(ls "$cache/src"/sparse_*.orig.tar.*)
version=$(basename "$orig" | sed 's/^sparse_//; s/\.orig\.tar\..*//')
tar -xf "$orig" -C "$cache/src"
make -s -C "$cache/src"/sparse-*/ -j"$(nproc)" sparse >&2
mkdir -p "$cache/$version"
cp "$cache/src"/sparse-*/sparse "$cache/$version/sparse"
rm -rf "$cache/src"
if ! valid "$cache/$version/sparse"; then
	echo "fetch-sparse: Debian's sparse $version is not accepted by $tree/scripts/checker-valid.sh" >&2
	exit 1
fi
echo "$cache/$version/sparse"
