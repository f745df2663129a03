#!/bin/sh
# Tests of the bench itself, on canned data; they run first in make test
# and print KTAP.
#  - classify.sh on canned console logs (tests/cases/<name>/console.log,
#    qemu.rc, and the expected verdict in "expect");
#  - check-config.sh on an option that did not survive olddefconfig, and
#    series-config.sh on a tree that lacks one of the series' options;
#  - bench-report.sh on canned samples: ratios of medians, AUX entries;
#  - kerneldoc-series.sh on a toy tree whose change breaks a kernel-doc;
#  - make-tree.sh on a toy tree with a patch that does not apply, and the
#    export / check-export round trip.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/build/linux/tools/testing/selftests/kselftest/ktap_helpers.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ncases=$(find "$top/tests/cases" -mindepth 1 -maxdepth 1 -type d | wc -l)
ktap_print_header
ktap_set_plan $((ncases + 11))

for c in "$top"/tests/cases/*/; do
	name=$(basename "$c")
	want=$(cat "$c/expect")
	mkdir -p "$tmp/$name"
	cp "$c/console.log" "$tmp/$name/"
	for f in qemu.rc boot.txt build.failed console.hang.log; do
		if [ -f "$c/$f" ]; then cp "$c/$f" "$tmp/$name/"; fi
	done
	got=$("$top/scripts/classify.sh" "$tmp/$name" "$name")
	verdict=$(echo "$got" | cut -d' ' -f2)
	# A case may also name text its row's notes must carry.
	note=$(cat "$c/note" 2>/dev/null || true)
	if [ "$verdict" = "$want" ] && { [ -z "$note" ] || echo "$got" | grep -qF "$note"; }; then
		ktap_test_pass "classify $name as $want"
	else
		ktap_print_msg "classify.sh said: $got"
		ktap_test_fail "classify $name as $want"
	fi
done

# check-config: an option a fragment asks for that olddefconfig dropped.
printf 'CONFIG_FOO=y\n# CONFIG_BAR is not set\n' >"$tmp/frag.config"
printf 'CONFIG_BAR=y\n' >"$tmp/dot.config"
out=$("$top/scripts/check-config.sh" "$tmp/dot.config" "$tmp/frag.config" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 1 ] && echo "$out" | grep -q 'CONFIG_FOO' && echo "$out" | grep -q 'CONFIG_BAR'; then
	ktap_test_pass "check-config names options that did not survive"
else
	ktap_print_msg "check-config said ($rc): $out"
	ktap_test_fail "check-config names options that did not survive"
fi
printf 'CONFIG_FOO=y\n' >"$tmp/dot.config"
ktap_test_result "check-config accepts a config that has every option" \
	"$top/scripts/check-config.sh" "$tmp/dot.config" "$tmp/frag.config"

# series-config: a partial tree keeps only the options it defines.
mkdir -p "$tmp/kt/sub"
printf 'config FOO\n\tbool "foo"\n' >"$tmp/kt/sub/Kconfig.test"
printf '# the series\nCONFIG_FOO=y\nCONFIG_BAR=y\n' >"$tmp/series.config"
out=$("$top/scripts/series-config.sh" "$tmp/kt" <"$tmp/series.config" 2>"$tmp/err")
if [ "$out" = "$(printf '# the series\nCONFIG_FOO=y')" ] && grep -q 'CONFIG_BAR' "$tmp/err"; then
	ktap_test_pass "series-config keeps the options the tree defines and names the others"
else
	ktap_print_msg "series-config gave: $out / $(cat "$tmp/err")"
	ktap_test_fail "series-config keeps the options the tree defines and names the others"
fi

# bench-report: median of boots, base/patched, and the AUX entries table.
mkdir -p "$tmp/bench"
printf '%s\n' 'tcg base 1 vmap_order8 1024 300' 'tcg base 2 vmap_order8 1024 100' \
	'tcg base 3 vmap_order8 1024 200' 'tcg patched 1 vmap_order8 1024 50' \
	'tcg patched 2 vmap_order8 1024 40' 'tcg patched 3 vmap_order8 1024 900' \
	>"$tmp/bench/samples.txt"
printf '%s\n' 'tcg base clean 65536 normal 0 0 16384 16384' \
	'tcg patched clean 65536 normal 31 32 0 63' >"$tmp/bench/aux-entries.txt"
PATH=/usr/bin:/bin "$top/scripts/bench-report.sh" "$tmp/bench" >/dev/null 2>&1 || true
if grep -q '^| tcg | vmap_order8 | 1024 KiB | 200 (100-300) | 50 (40-900) | 4.00x |' "$tmp/bench/table.md" &&
	grep -q '^| tcg | clean | 64 MiB | normal | 16384 (0+0+16384) | 63 (31+32+0) | 260x |' "$tmp/bench/table.md" &&
	[ "$(jq '.[0].patched.cont_pte' "$tmp/aux-entries.json")" = 32 ]; then
	ktap_test_pass "bench-report gives medians, ratios and the AUX entries"
else
	ktap_print_msg "bench-report gave: $(cat "$tmp/bench/table.md" 2>&1)"
	ktap_test_fail "bench-report gives medians, ratios and the AUX entries"
fi

# bench-icount-pair: the plugin's odd segments are the timed calls, REPS
# per case in the order of the report lines; medians per case.
mkdir -p "$tmp/icount"
printf '%s\n' '[ 1.0] test_vmap_bench: ioremap size_kib=1024 ns=5' \
	'[ 1.1] test_vmap_bench: vmap_order0 size_kib=1024 ns=9' >"$tmp/icount/console.log"
i=0
for v in 7 100 7 300 7 200 7 10 7 30 7 20 7; do
	echo "seg $i insns=$v dsb=$((v / 10)) dmb=0 isb=1 tlbi=$((v / 100))"
	i=$((i + 1))
done >"$tmp/icount/plugin.txt"
got=$("$top/scripts/bench-icount-pair.sh" "$tmp/icount/console.log" "$tmp/icount/plugin.txt" 3 2>&1 | tr '\n' ';')
if [ "$got" = "ioremap 1024 200 20 0 1 2;vmap_order0 1024 20 2 0 1 0;" ]; then
	ktap_test_pass "bench-icount-pair gives each case the median of its timed segments"
else
	ktap_print_msg "bench-icount-pair gave: $got"
	ktap_test_fail "bench-icount-pair gives each case the median of its timed segments"
fi

# bench-icount-report: a commit 3% above the base is a regression.
printf '%s\n' '2 aaa vmap_order0 1024 26000 1 0 1 0' '5 bbb vmap_order0 1024 26800 1 0 1 0' \
	'18 ccc vmap_order0 1024 26100 1 0 1 0' >"$tmp/icount/icount.txt"
if ! "$top/scripts/bench-icount-report.sh" "$tmp/icount" >/dev/null 2>&1 &&
	grep -q '^| 5 | bbb | .*REGRESSION |$' "$tmp/icount/icount.md" &&
	grep -q '^| 18 | ccc | .* ok |$' "$tmp/icount/icount.md"; then
	ktap_test_pass "bench-icount-report marks a commit over +2% of the base"
else
	ktap_print_msg "bench-icount-report gave: $(cat "$tmp/icount/icount.md" 2>&1)"
	ktap_test_fail "bench-icount-report marks a commit over +2% of the base"
fi

# kerneldoc-series: a change that adds a kernel-doc warning fails.
kd=$tmp/kd
mkdir -p "$kd"
git -C "$kd" init -q -b work
printf '/**\n * foo() - do foo\n * @x: the x\n */\nint foo(int x);\n' >"$kd/foo.h"
git -C "$kd" add foo.h
git -C "$kd" -c user.name=bench -c user.email=bench@localhost commit -q -m base
git -C "$kd" tag base
sed -i 's/ \* @x: the x/ * @y: the y/' "$kd/foo.h"
git -C "$kd" -c user.name=bench -c user.email=bench@localhost commit -q -am "break it"
out=$(TREE=$kd KERNEL_DOC=$top/build/linux/scripts/kernel-doc "$top/scripts/kerneldoc-series.sh" 2>&1 || true)
if echo "$out" | grep -q '^not ok 1 kernel-doc foo.h'; then
	ktap_test_pass "kerneldoc-series fails a change that adds a kernel-doc warning"
else
	ktap_print_msg "kerneldoc-series gave: $out"
	ktap_test_fail "kerneldoc-series fails a change that adds a kernel-doc warning"
fi

# A toy work tree: base + patches/, export and check-export.
toy=$tmp/toy
mkdir -p "$toy/tree" "$toy/patches"
git -C "$toy/tree" init -q -b work
git -C "$toy/tree" config user.name bench
git -C "$toy/tree" config user.email bench@localhost
printf 'one\ntwo\nthree\n' >"$toy/tree/file"
git -C "$toy/tree" add file
git -C "$toy/tree" commit -q -m base
git -C "$toy/tree" tag base
printf '# series\n' >"$toy/patches/series"
export TREE="$toy/tree" PATCHES="$toy/patches"

sed -i 's/two/TWO/' "$toy/tree/file"
git -C "$toy/tree" commit -q -am "toy: change two"
export_is_stale() { ! "$top/scripts/check-export.sh" >/dev/null; }
ktap_test_result "check-export reports a commit patches/ lacks" export_is_stale
"$top/scripts/export.sh" >/dev/null
ktap_test_result "check-export is clean after export" "$top/scripts/check-export.sh"
cp "$toy/patches/0001-toy-change-two.patch" "$tmp/good.patch"

# A patch whose context is not in base must stop make-tree, naming it.
sed 's/^ one$/ ONE/' "$tmp/good.patch" >"$toy/patches/0002-bad.patch"
echo "0002-bad.patch" >>"$toy/patches/series"
out=$(FORCE=1 "$top/scripts/make-tree.sh" 2>&1) && rc=0 || rc=$?
if [ "$rc" != 0 ] && echo "$out" | grep -q '0002-bad.patch does not apply'; then
	ktap_test_pass "make-tree stops on a patch that does not apply"
else
	ktap_print_msg "make-tree said ($rc): $out"
	ktap_test_fail "make-tree stops on a patch that does not apply"
fi
sed -i '/0002-bad.patch/d' "$toy/patches/series"
rm "$toy/patches/0002-bad.patch"
git -C "$toy/tree" reset -q --hard base
out=$(FORCE=1 "$top/scripts/make-tree.sh" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && grep -q TWO "$toy/tree/file"; then
	ktap_test_pass "make-tree applies the series to base"
else
	ktap_print_msg "make-tree said ($rc): $out"
	ktap_test_fail "make-tree applies the series to base"
fi
ktap_finished
