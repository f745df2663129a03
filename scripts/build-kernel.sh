#!/bin/sh
# Build the kernel of one scenario out of tree: allnoconfig + the scenario's
# fragments (scripts/kconfig/merge_config.sh), olddefconfig, a check that
# every option a fragment asks for survived, then the image and modules.
# Usage: build-kernel.sh SCENARIO [TREE [OUTDIR]]
# Environment: CONFIG_ONLY=1 stops after the configuration.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
scenario=$1
tree=${2:-$top/build/linux}
out=${3:-$top/build/out/$scenario}
# shellcheck source=/dev/null
. "$top/scenarios/$scenario.conf"
# shellcheck source=scripts/arch.sh
. "$top/scripts/arch.sh"

export CCACHE_DIR="${BENCH_CACHE:-$HOME/.cache/aux-bench}/ccache"
export CCACHE_BASEDIR="$top/build"
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-10G}"
export KBUILD_BUILD_TIMESTAMP="2026-01-01" KBUILD_BUILD_USER=bench KBUILD_BUILD_HOST=bench
export ARCH CROSS_COMPILE
jobs=${JOBS:-$(nproc)}
mk() { make -s -C "$tree" O="$out" CC="ccache ${CROSS_COMPILE}gcc" -j"$jobs" "$@"; }

mkdir -p "$out"
frags=
for f in $FRAGMENTS; do
	frags="$frags $top/configs/$f.config"
done
# The series' own options, one or more fragments (SERIES_FRAGMENT; or
# SERIES_CONFIG: another list, for work in progress); a partial tree only
# gets those it defines.
for sf in ${SERIES_CONFIG:-${SERIES_FRAGMENT:-series}}; do
	case $sf in
	*/*) series_config=$sf ;;
	*) series_config=$top/configs/$sf.config ;;
	esac
	if [ "${PARTIAL_SERIES:-0}" = 1 ]; then
		name=$(basename "$series_config")
		"$top/scripts/series-config.sh" "$tree" <"$series_config" \
			>"$out/$name"
		frags="$frags $out/$name"
	else
		frags="$frags $series_config"
	fi
done
# shellcheck disable=SC2086
(cd "$tree" && CC="ccache ${CROSS_COMPILE}gcc" \
	scripts/kconfig/merge_config.sh -n -O "$out" $frags >"$out/merge_config.log" 2>&1) || {
	cat "$out/merge_config.log" >&2
	echo "build-kernel: $scenario: merge_config.sh failed" >&2
	exit 1
}
mk olddefconfig
# shellcheck disable=SC2086
"$top/scripts/check-config.sh" "$out/.config" $frags || {
	echo "build-kernel: $scenario: options above did not survive olddefconfig" >&2
	exit 1
}
[ "${CONFIG_ONLY:-0}" = 1 ] && exit 0
mk "$(basename "$KIMAGE")" modules
mkdir -p "$out/modules"
mk INSTALL_MOD_PATH="$out/modules" INSTALL_MOD_STRIP=1 modules_install >/dev/null
echo "build-kernel: $scenario: $out/$KIMAGE"
