#!/bin/sh
# make maintainers: for each patch of the series, the addresses that
# scripts/get_maintainer.pl gives (who to send it to), then those of the
# whole series (for the cover letter).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${TREE:-$top/build/linux}
patches=${PATCHES:-$top/patches}
gm() { (cd "$tree" && scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@"); }
for p in $("$top/scripts/series.sh"); do
	echo "$p:"
	gm "$patches/$p" | sed 's/^/    /'
done
echo "whole series (cover letter):"
# shellcheck disable=SC2046 # one argument per patch file
gm $("$top/scripts/series.sh" | sed "s|^|$patches/|") | sed 's/^/    /'
