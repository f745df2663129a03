#!/bin/sh
# Write the work tree's commits back to patches/ (the cover letter, kept by
# hand, stays), replacing the numbered patch files and patches/series.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
patches=${PATCHES:-$top/patches}
tree=${TREE:-$top/build/linux}
if [ -n "$(git -C "$tree" status --porcelain | head -n 1)" ]; then
	echo "export: build/linux has uncommitted edits; commit them first:" >&2
	git -C "$tree" status --short | head -n 20 >&2
	exit 1
fi
find "$patches" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' -delete
"$top/scripts/format-series.sh" "$patches" "$tree"
echo "export: $(grep -vc '^#' "$patches/series") patch(es) in patches/"
