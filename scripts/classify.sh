#!/bin/sh
# Classify one boot from its console log: timeout, splat, fail or pass.
# KUnit results (kernel console) and each guest suite's KTAP (lines
# prefixed "GUEST:<suite>: ") are parsed by the tree's own
# tools/testing/kunit/kunit.py parse.  Writes DIR/results.json and prints
# one line: "<scenario> <verdict> <passed> <failed> <skipped> <reason>".
# A boot with kunit.enable=0 (benchmark boots) expects no KUnit output; a
# DIR/build.failed file (run-scenario.sh) makes the verdict build-fail.
# Usage: classify.sh DIR [SCENARIO]   Environment: BUILD_S, BOOT_S (s).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
scenario=${2:-$(basename "$dir")}
log=$dir/console.log
[ -f "$log" ] || : >"$log"
rc=$(cat "$dir/qemu.rc" 2>/dev/null || echo 0)
reasons=
reason() { reasons="${reasons:+$reasons; }$1"; }
# last_line LOG: the guest's last line, not QEMU's own termination message.
last_line() { tr -d '\r' <"$1" | grep -v '^qemu-system' | tail -n 1 | cut -c1-100; }

# A kernel message can land inside a guest line, between its text and
# its newline ("GUEST:fault: TAP version 13[   32.027509] vmap_edge: ..."):
# such a message goes back on a line of its own.  (Not in "# " lines,
# which may quote the kernel log.)
tr -d '\r' <"$log" |
	sed '/^GUEST:[^:]*: #/!s/^\(GUEST:.*[^ ]\)\(\[ *[0-9]*\.[0-9]\{6\}\] \)/\1\n\2/' \
		>"$dir/console.clean"
grep -v 'GUEST:' "$dir/console.clean" >"$dir/kernel.log" || true

passed=0 failed=0 skipped=0
# count FILE NAME: add up the counts of one KTAP stream.
count() {
	# shellcheck disable=SC2046 # three numbers
	set -- "$1" "$2" $("$top/scripts/ktap-count.sh" "$1")
	if [ "$(($3 + $4 + $5))" -eq 0 ]; then
		reason "$2: no test ran"
		set -- "$1" "$2" 0 1 0
	elif [ "$4" -gt 0 ]; then
		reason "$2: $4 failed ($(jq -r '[.. | objects | select(.status? == "FAIL" or .status? == "ERROR") | .name] | join(", ")' "${1%.log}.json" 2>/dev/null || echo "no parsable KTAP"))"
	fi
	passed=$((passed + $3)) failed=$((failed + $4)) skipped=$((skipped + $5))
}

if [ -f "$dir/build.failed" ]; then
	# run-scenario.sh: the kernel or initramfs did not build.
	verdict=build-fail
	reason "build failed: $(cat "$dir/build.failed")"
elif grep -q 'kunit.enable=0' "$dir/boot.txt" 2>/dev/null; then
	: # KUnit off on purpose (benchmark boots)
elif grep -q 'KTAP version\|TAP version' "$dir/kernel.log"; then
	count "$dir/kernel.log" kunit
else
	reason "kunit: no KUnit output on the console"
	failed=$((failed + 1))
fi
suites=$(sed -n 's/^BENCH-SUITE \([A-Za-z0-9_-]*\)$/\1/p' "$dir/console.clean")
for suite in $suites; do
	sed -n "s/^GUEST:$suite: //p" "$dir/console.clean" >"$dir/guest-$suite.log"
	count "$dir/guest-$suite.log" "guest-$suite"
done

splats=$(grep -n -f "$top/scripts/splat-patterns.txt" "$dir/kernel.log" | head -n 5 || true)
if [ -n "${verdict:-}" ]; then
	:
elif [ "$rc" = 124 ]; then
	verdict=timeout
	reason "hard timeout: QEMU killed, last line: $(last_line "$dir/console.clean")"
elif [ -n "$splats" ]; then
	verdict=splat
	reason "splat: $(echo "$splats" | head -n 1 | cut -c1-120)"
	printf '%s\n' "$splats" >"$dir/splats.txt"
elif ! grep -q '^BENCH-END' "$dir/console.clean"; then
	verdict=fail
	reason "console ends before BENCH-END (truncated log or crash; QEMU exit $rc)"
elif [ "$failed" -gt 0 ]; then
	verdict=fail
else
	verdict=pass
fi

# run-scenario.sh booted a second time after a hang before any test.
[ -f "$dir/console.hang.log" ] &&
	reason "retried: the first boot hung before KUnit, last line: $(last_line "$dir/console.hang.log")"

# The one failure rule: a bad verdict (build failure, splat, timeout,
# truncated log) fails even when every test that ran passed.
[ "$verdict" != pass ] && [ "$failed" -eq 0 ] && failed=1
# The only writer of results.json; run-tests.sh and run-main.sh read it.
jq -n --arg s "$scenario" --arg v "$verdict" --arg r "$reasons" \
	--argjson p "$passed" --argjson f "$failed" --argjson k "$skipped" \
	--argjson b "${BUILD_S:-0}" --argjson t "${BOOT_S:-0}" \
	--arg kernel "$(sed -n 's/^BENCH-BEGIN //p' "$dir/console.clean" | head -n 1)" \
	'{scenario: $s, verdict: $v, passed: $p, failed: $f, skipped: $k,
	  build_s: $b, boot_s: $t, kernel: $kernel, reason: $r}' >"$dir/results.json"
echo "$scenario $verdict $passed $failed $skipped ${reasons:-ok}"
