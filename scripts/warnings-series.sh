#!/bin/sh
# W=1 and sparse (C=1) per patch, on arm64 (the arm64-4k configuration)
# and x86_64: every C file a patch touches, and for a header it touches
# the series' C files that include it, is compiled with W=1 and checked
# with sparse at the patch and at its parent.  A patch passes if no
# warning is new (warnings compared without their line and column, as a
# multiset).  Files under tools/ are left to their own builds (perf's
# suite); a file the scenario's configuration does not build (no object
# in its build/out/SCENARIO) is named and left out.
# One KTAP result per patch and architecture.
#
# The warnings of one file at one commit are cached under
# $BENCH_CACHE/warnings, keyed by the commit's tree id (every source
# file), the configuration fragments, the compiler and sparse: a rerun
# of an unchanged series compiles nothing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
wt=$top/build/warn-tree
bench_cache=${BENCH_CACHE:-$HOME/.cache/aux-bench}
. "$tree/tools/testing/selftests/kselftest/ktap_helpers.sh"
series=$("$top/scripts/series.sh")
commits=$(git -C "$tree" rev-list --reverse base..work)
arches="arm64-4k x86_64"

ktap_print_header
if [ -z "$series" ]; then
	ktap_set_plan 1
	ktap_test_skip "W=1 and sparse: patches/series lists no patch yet"
	exit 0
fi
ktap_set_plan $((2 * $(echo "$series" | grep -c .)))
if [ "$(echo "$commits" | wc -l)" != "$(echo "$series" | wc -l)" ]; then
	ktap_exit_fail_msg "build/linux does not hold the series of patches/ (run make tree)"
fi
logs=$top/build/results/warnings
mkdir -p "$logs"
# Which files a configuration builds: the scenario's own build, at the
# series' end (make test builds the scenarios first; built here if not).
for s in $arches; do
	[ -f "$top/build/out/$s/vmlinux" ] ||
		"$top/scripts/build-kernel.sh" "$s" "$tree" >"$logs/build-$s.log" 2>&1 ||
		ktap_exit_fail_msg "scenario $s does not build (build/results/warnings/build-$s.log)"
done
sparse=$("$top/scripts/fetch-sparse.sh" "$tree" 2>"$logs/fetch-sparse.log") ||
	ktap_exit_fail_msg "no sparse that this kernel accepts (scripts/fetch-sparse.sh)"

export CCACHE_DIR="$bench_cache/ccache" CCACHE_BASEDIR="$top/build" CCACHE_NOHASHDIR=1
export KBUILD_BUILD_TIMESTAMP="2026-01-01" KBUILD_BUILD_USER=bench KBUILD_BUILD_HOST=bench
# A work tree of build/linux's repository (made again if build/linux was).
common=$(git -C "$tree" rev-parse --path-format=absolute --git-common-dir)
if [ "$(git -C "$wt" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)" != "$common" ]; then
	rm -rf "$wt"
	git -C "$tree" worktree prune
	git -C "$tree" worktree add -q --detach "$wt" work
fi
tool_key=$({
	aarch64-linux-gnu-gcc --version | head -n 1
	gcc --version | head -n 1
	"$sparse" --version
	cat "$top"/configs/*.config "$top"/scenarios/arm64-4k.conf "$top"/scenarios/x86_64.conf
} | sha256sum | cut -c1-16)
cache=$bench_cache/warnings/$tool_key
mkdir -p "$cache"
marker=$top/build/out/warn-configured
rm -f "$marker"

# The full configuration of each scenario, made once at the series' end;
# at each commit, olddefconfig drops what that commit does not define.
for s in $arches; do
	out=$top/build/out/warn-$s
	if [ ! -f "$out/full.config" ]; then
		git -C "$wt" checkout -q --detach work
		CONFIG_ONLY=1 "$top/scripts/build-kernel.sh" "$s" "$wt" "$out" >"$logs/config-$s.log" 2>&1 ||
			ktap_exit_fail_msg "configuration of $s failed (build/results/warnings/config-$s.log)"
		cp "$out/.config" "$out/full.config"
	fi
done

# checkout COMMIT: the work tree at COMMIT, configurations redone.
# (Called in command substitutions: the work tree's HEAD, not a
# variable, tells where it is.)
checkout() {
	want=$(git -C "$tree" rev-parse "$1")
	[ "$(git -C "$wt" rev-parse HEAD)" = "$want" ] &&
		[ "$(cat "$marker" 2>/dev/null)" = "$want" ] && return 0
	rm -f "$marker"
	git -C "$wt" checkout -q --detach "$want"
	for s in $arches; do
		(
			# shellcheck source=/dev/null
			. "$top/scenarios/$s.conf"
			# shellcheck source=scripts/arch.sh
			. "$top/scripts/arch.sh"
			out=$top/build/out/warn-$s
			cp "$out/full.config" "$out/.config"
			make -s -C "$wt" O="$out" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" olddefconfig
		)
	done
	echo "$want" >"$marker"
}

# warnings SCENARIO COMMIT FILE: path of the file holding FILE's warnings
# at COMMIT, sorted, without line numbers; "UNBUILT" or "FAILED" in it
# when the configuration does not build FILE or the build failed.
warnings() {
	key=$cache/$1.$(git -C "$tree" rev-parse "$2^{tree}").$(echo "$3" | tr / _)
	if [ ! -f "$key" ]; then
		if ! git -C "$tree" cat-file -e "$2:$3" 2>/dev/null; then
			: >"$key"
		else
			checkout "$2"
			(
				# shellcheck source=/dev/null
				. "$top/scenarios/$1.conf"
				# shellcheck source=scripts/arch.sh
				. "$top/scripts/arch.sh"
				out=$top/build/out/warn-$1
				o=${3%.c}.o
				rm -f "$out/$o"
				log=$logs/$1.$(echo "$3" | tr / _).log
				if make -s -C "$wt" O="$out" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" \
					CC="ccache ${CROSS_COMPILE}gcc" -j"$(nproc)" \
					W=1 C=1 CHECK="$sparse" "$o" >"$log" 2>&1; then
					grep -E ': (warning|error): ' "$log" |
						sed -E "s|$wt/||g; s|^(\.\./)+||; s|:[0-9]+(:[0-9]+)?: |: |" |
						sort >"$key.tmp"
				elif grep -q 'No rule to make target' "$log"; then
					echo UNBUILT >"$key.tmp"
				else
					echo FAILED >"$key.tmp"
				fi
				mv "$key.tmp" "$key"
			)
		fi
	fi
	echo "$key"
}

# files COMMIT: the C files to check for the patch COMMIT.
series_c=$(git -C "$tree" diff --name-only base..work -- '*.c' | grep -v '^tools/' || true)
files() {
	git -C "$tree" diff-tree --no-commit-id --name-only -r "$1" -- '*.c' '*.h' |
		grep -v '^tools/' | while read -r f; do
		case "$f" in
		*.c) echo "$f" ;;
		*.h)
			# shellcheck disable=SC2086 # a list of paths
			git -C "$tree" grep -l -E "#include <([a-z0-9_]+/)+${f##*/}>" "$1" -- $series_c |
				sed "s|^$1:||"
			;;
		esac
	done | sort -u
}

own() { awk -F': ' -v f="$1" '$1 !~ /\.c$/ || $1 == f'; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; git -C "$wt" checkout -q --detach work 2>/dev/null || true' EXIT

i=0
for c in $commits; do
	i=$((i + 1))
	p=$(echo "$series" | sed -n "${i}p")
	fs=$(files "$c")
	for s in $arches; do
		if [ -z "$fs" ]; then
			ktap_test_pass "$s W=1 C=1: $p (no C file to compile)"
			continue
		fi
		checked='' unbuilt='' failed='' new=
		for f in $fs; do
			if [ ! -f "$top/build/out/$s/${f%.c}.o" ]; then
				unbuilt="$unbuilt ${f##*/}"
				continue
			fi
			now=$(warnings "$s" "$c" "$f")
			before=$(warnings "$s" "$c^" "$f")
			case "$(head -n 1 "$now")" in
			UNBUILT) unbuilt="$unbuilt ${f##*/}"; continue ;;
			FAILED) failed="$failed ${f##*/}"; continue ;;
			esac
			checked="$checked ${f##*/}"
			grep -qx -e UNBUILT -e FAILED "$before" && before=/dev/null
			# Only FILE's own warnings and those of headers: the first
			# build in an output directory also builds other C files
			# (the arm64 vDSO).
			own "$f" <"$before" >"$tmp/before"
			own "$f" <"$now" >"$tmp/now"
			d=$(comm -13 "$tmp/before" "$tmp/now")
			[ -n "$d" ] && new="$new$d
"
		done
		msg="$s W=1 C=1: $p (${checked# }${unbuilt:+; not built here:$unbuilt})"
		if [ -n "$failed" ]; then
			ktap_print_msg "build failed:$failed (logs in build/results/warnings/)"
			ktap_test_fail "$msg"
		elif [ -n "$new" ]; then
			printf '%s' "$new" | head -n 10 | sed 's/^/# new: /'
			ktap_test_fail "$msg"
		elif [ -z "$checked" ]; then
			ktap_test_skip "$msg: no file of the patch is built in $s"
		else
			ktap_test_pass "$msg"
		fi
	done
done
ktap_print_totals
