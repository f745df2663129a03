#!/bin/sh
# Build, pack, boot and classify one scenario; its logs and results.json
# land in build/results/<scenario>/.  Prints the classifier's line.
# Usage: run-scenario.sh SCENARIO
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
scenario=$1
res=$top/build/results/$scenario
rm -rf "$res"
mkdir -p "$res"
t0=$(date +%s)
if ! { "$top/scripts/build-kernel.sh" "$scenario" &&
	"$top/scripts/build-initramfs.sh" "$scenario"; } >"$res/build.log" 2>&1; then
	why=$(grep -E 'check-config:|error:|ERROR|failed' "$res/build.log" | head -n 3 | tr '\n' ' ')
	echo "$why (log: build/results/$scenario/build.log)" >"$res/build.failed"
	BUILD_S=$(($(date +%s) - t0)) "$top/scripts/classify.sh" "$res" "$scenario"
	exit 0
fi
t1=$(date +%s)
"$top/scripts/boot.sh" "$scenario" "$top/build/out/$scenario" "$res" >/dev/null
# A guest that hangs before any test ran (seen once in CI: riscv64 under
# TCG, no KUnit line in 600 s, while 60 boots in a row pass here) boots
# once more.  The first console is kept and classify.sh names the retry
# in the row's notes, so a hang that the series causes stays visible.
if [ "$(cat "$res/qemu.rc")" = 124 ] &&
	! grep -q 'KTAP version\|TAP version' "$res/console.log"; then
	mv "$res/console.log" "$res/console.hang.log"
	"$top/scripts/boot.sh" "$scenario" "$top/build/out/$scenario" "$res" >/dev/null
fi
t2=$(date +%s)
BUILD_S=$((t1 - t0)) BOOT_S=$((t2 - t1)) "$top/scripts/classify.sh" "$res" "$scenario"
