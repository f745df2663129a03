#!/bin/sh
# Write the work tree's commits base..work as git format-patch files into
# DIR, without the noise that would change on every export (commit ids,
# version signature), and DIR/series listing them in order.
# Usage: format-series.sh DIR [TREE]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
tree=${2:-$top/build/linux}
mkdir -p "$dir"
git -C "$tree" format-patch -q --zero-commit --no-signature --no-cover-letter \
	-o "$dir" base..HEAD
{
	echo "# The series, in order (file names in patches/).  Written by make export."
	for f in "$dir"/[0-9][0-9][0-9][0-9]-*.patch; do
		case "$f" in */0000-*|*'*'*) continue ;; esac
		basename "$f"
	done
} >"$dir/series"
