#!/bin/sh
# make run: build the patched arm64-4k kernel, boot it under QEMU and print
# a short report for a person.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
s=arm64-4k
tree=$top/build/linux
echo "run: building and booting $s (logs in build/results/$s/)..."
"$top/scripts/run-scenario.sh" $s >/dev/null
j=$top/build/results/$s/results.json
n=$(git -C "$tree" rev-list --count base..HEAD)
echo
echo "== AUX large-mapping series: main job ($s, QEMU virt, TCG) =="
echo "base:     Debian $(git -C "$tree" log -1 --format=%s base | sed 's/^Debian //')"
echo "kernel:   $(jq -r '.kernel' "$j")"
echo "series:   $n patch(es) applied"
git -C "$tree" log --reverse --format='          %s' base..HEAD
echo "boot:     $(head -n 1 "$top/build/results/$s/boot.txt" | sed 's/^boot: //')"
echo "verdict:  $(jq -r '.verdict' "$j") ($(jq -r '.reason' "$j" | sed 's/^$/no problem found/'))"
echo "tests:    $(jq -r '"\(.passed) passed, \(.failed) failed, \(.skipped) skipped"' "$j") (KUnit + guest suites)"
echo "time:     build $(jq '.build_s // 0' "$j") s, boot + tests $(jq '.boot_s // 0' "$j") s"
[ "$(jq -r '.verdict' "$j")" = pass ]
