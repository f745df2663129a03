#!/bin/sh
# Write the work tree's commits base..work as git format-patch files into
# DIR, without the noise that would change on every export (commit ids,
# version signature), and DIR/series listing them in order.
# Usage: format-series.sh DIR [TREE]   Environment: COVER
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
tree=${2:-$top/build/linux}
mkdir -p "$dir"
# The patches carry the version the hand-kept cover letter names
# ("[PATCH v2 00/21]" gives "[PATCH v2 01/21]"); COVER: another cover
# letter than DIR's (check-export.sh writes into a scratch DIR).
version=$(sed -n 's/^Subject: \[PATCH \(v[0-9]*\) [0-9]*\/[0-9]*\].*/\1/p' \
	"${COVER:-$dir/0000-cover-letter.patch}" 2>/dev/null | head -n 1)
git -C "$tree" format-patch -q --zero-commit --no-signature --no-cover-letter \
	--subject-prefix="PATCH${version:+ $version}" -o "$dir" base..HEAD
{
	echo "# The series, in order (file names in patches/).  Written by make export."
	for f in "$dir"/[0-9][0-9][0-9][0-9]-*.patch; do
		case "$f" in */0000-*|*'*'*) continue ;; esac
		basename "$f"
	done
} >"$dir/series"
