#!/bin/sh
# (Re)create the kernel work tree build/linux: the pristine tarball committed
# and tagged "base", then every patch of patches/series applied with git am
# (no fuzz).  A patch that does not apply stops the run with its name.
# A tree that already matches patches/ is left alone (no rebuild); one that
# holds commits or edits made since the last make-tree is never reset
# unless FORCE=1.  With --if-missing an existing tree is used as it is
# (the edit -> build -> boot loop).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
patches=${PATCHES:-$top/patches}
tree=${TREE:-$top/build/linux}
export TREE="$tree"

# digest: what the work tree's commits would export to, plus its edits.
digest() {
	tmp=$(mktemp -d)
	"$top/scripts/format-series.sh" "$tmp" "$tree"
	{ cat "$tmp"/*; git -C "$tree" status --porcelain; } | sha256sum | cut -d' ' -f1
	rm -rf "$tmp"
}

if ! git -C "$tree" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	tarball=$("$top/scripts/fetch-source.sh")
	rm -rf "$tree"
	mkdir -p "$tree"
	echo "make-tree: unpacking $(basename "$tarball")"
	tar -xJf "$tarball" -C "$tree" --strip-components=1
	git -C "$tree" init -q -b work
	git -C "$tree" config core.autocrlf false
	git -C "$tree" config gc.auto 0
	# git am needs a committer; keep the user's identity when there is one.
	git -C "$tree" config user.name >/dev/null ||
		git -C "$tree" config user.name "$(git -C "$top" config user.name || echo aux-bench)"
	git -C "$tree" config user.email >/dev/null ||
		git -C "$tree" config user.email "$(git -C "$top" config user.email || echo aux-bench@localhost)"
	git -C "$tree" add -A -f .
	git -C "$tree" -c user.name=base -c user.email=base@localhost \
		commit -q -m "Debian $(basename "$tarball" .tar.xz)"
	git -C "$tree" tag base
	digest >"$tree/.git/bench-applied"
elif [ "${1:-}" = --if-missing ]; then
	exit 0
elif "$top/scripts/check-export.sh" >/dev/null 2>&1; then
	echo "make-tree: build/linux = base + patches/ already ($(git -C "$tree" rev-list --count base..HEAD) patch(es))"
	exit 0
elif [ "${FORCE:-0}" != 1 ] && [ "$(digest)" != "$(cat "$tree/.git/bench-applied" 2>/dev/null)" ]; then
	"$top/scripts/check-export.sh" >&2 || true
	echo "make-tree: build/linux holds work made since the last make-tree; 'make export' it or drop it with FORCE=1" >&2
	exit 1
fi

git -C "$tree" am --abort >/dev/null 2>&1 || true
git -C "$tree" checkout -q -f -B work base
git -C "$tree" clean -q -fdx
n=0
for p in $("$top/scripts/series.sh"); do
	if ! git -C "$tree" am -q --keep-cr "$patches/$p"; then
		git -C "$tree" am --abort >/dev/null 2>&1 || true
		echo "make-tree: ERROR: patches/$p does not apply to base" >&2
		exit 1
	fi
	n=$((n + 1))
done
digest >"$tree/.git/bench-applied"
echo "make-tree: build/linux = base + $n patch(es)"
