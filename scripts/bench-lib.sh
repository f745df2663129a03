# Sourced by make bench and make bench-aging: the base commit and the
# build of a base + patched kernel pair.
# shellcheck shell=sh disable=SC2154 # top, tree, res: set by the caller
# Needs: top, tree, res; reads BASE_PATCHES from scripts/bench.conf.

# The last commit of the base (pristine + BASE_PATCHES patches).
bench_base_commit() {
	git -C "$tree" rev-list --reverse base..work | sed -n "${BASE_PATCHES}p"
}

# build_pair SCENARIO: patched kernel in build/out/SCENARIO, base kernel in
# build/out/bench-base-SCENARIO (built from the same tree and paths, so
# ccache serves all but the files the series touches).
build_pair() {
	_base=$(bench_base_commit)
	"$top/scripts/build-kernel.sh" "$1" >"$res/build-$1.log" 2>&1
	"$top/scripts/build-initramfs.sh" "$1" >>"$res/build-$1.log" 2>&1
	trap 'git -C "$tree" checkout -q work' EXIT
	git -C "$tree" checkout -q --detach "$_base"
	PARTIAL_SERIES=1 "$top/scripts/build-kernel.sh" "$1" "$tree" \
		"$top/build/out/bench-base-$1" \
		>"$res/build-base-$1.log" 2>&1
	git -C "$tree" checkout -q work
	# Same programs and suites, the base kernel's own modules.
	"$top/scripts/build-initramfs.sh" "$1" "$tree" "$top/build/out/bench-base-$1" \
		>>"$res/build-base-$1.log" 2>&1
}

# boot_checked WHAT SCENARIO OUT DIR CMDLINE: boot OUT's kernel with
# boot.sh (QEMU_* and BOOT_TIMEOUT from the environment) into DIR and
# classify the console; print the classifier's line, or exit 1 with it
# when the boot did not pass (a splat, a timeout, a failed guest check).
boot_checked() {
	"$top/scripts/boot.sh" "$2" "$3" "$4" "$5" >/dev/null
	_line=$("$top/scripts/classify.sh" "$4" "$2")
	if [ "$(jq -r '.verdict' "$4/results.json")" != pass ]; then
		echo "$1: $_line (see $4/console.log)" >&2
		exit 1
	fi
	echo "$_line"
}
