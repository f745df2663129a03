#!/bin/sh
# Exit non-zero, listing what differs, when the kernel work tree holds
# commits or edits that patches/ does not.  No work tree: nothing to lose.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
patches=${PATCHES:-$top/patches}
tree=${TREE:-$top/build/linux}
git -C "$tree" rev-parse -q --verify refs/tags/base >/dev/null 2>&1 || exit 0
bad=0
dirty=$(git -C "$tree" status --porcelain | head -n 20)
if [ -n "$dirty" ]; then
	echo "check-export: uncommitted edits in build/linux:"
	echo "$dirty"
	bad=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
COVER=$patches/0000-cover-letter.patch "$top/scripts/format-series.sh" "$tmp" "$tree"
for f in "$tmp"/*.patch "$patches"/*.patch; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	case "$name" in 0000-*) continue ;; esac
	if ! cmp -s "$tmp/$name" "$patches/$name"; then
		if [ -e "$tmp/$name" ] && [ -e "$patches/$name" ]; then
			echo "check-export: differs: patches/$name"
		elif [ -e "$tmp/$name" ]; then
			echo "check-export: only in the work tree: $name"
		else
			echo "check-export: only in patches/: $name"
		fi
		bad=1
	fi
done
if ! cmp -s "$tmp/series" "$patches/series"; then
	echo "check-export: patches/series differs from the work tree's commits"
	bad=1
fi
[ "$bad" = 0 ] || echo "check-export: run 'make export' (or 'make tree FORCE=1' to drop the work tree's changes)"
exit $bad
