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
	jq -n --arg s "$scenario" --arg r "build failed: $why" \
		'{scenario: $s, verdict: "build-fail", passed: 0, failed: 1, skipped: 0, reason: $r}' \
		>"$res/results.json"
	echo "$scenario build-fail 0 1 0 build failed: $why (log: build/results/$scenario/build.log)"
	exit 0
fi
t1=$(date +%s)
"$top/scripts/boot.sh" "$scenario" "$top/build/out/$scenario" "$res" >/dev/null
t2=$(date +%s)
line=$("$top/scripts/classify.sh" "$res" "$scenario")
jq --argjson b "$((t1 - t0))" --argjson t "$((t2 - t1))" '. + {build_s: $b, boot_s: $t}' \
	"$res/results.json" >"$res/results.json.tmp" && mv "$res/results.json.tmp" "$res/results.json"
echo "$line"
