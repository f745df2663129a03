#!/bin/sh
# Run apt-get/apt-cache against the bench's own sources list and private
# state/cache directories under $BENCH_CACHE; the machine's apt setup is
# never touched.  Usage: apt-private.sh apt-get|apt-cache ARGS...
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${BENCH_CACHE:-$HOME/.cache/aux-bench}/apt
mkdir -p "$cache/lists/partial" "$cache/cache/archives/partial"
tool=$1
shift
exec "$tool" -q \
	-o APT::Sandbox::User=root \
	-o Dir::Etc::SourceList="$top/apt/sources.list" \
	-o Dir::Etc::SourceParts=/dev/null \
	-o Dir::State::Lists="$cache/lists" \
	-o Dir::Cache="$cache/cache" \
	-o APT::Architectures::=amd64 -o APT::Architectures::=arm64 \
	-o APT::Architectures::=riscv64 \
	"$@"
