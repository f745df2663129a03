#!/bin/sh
# Print the patch file names of the series in order (patches/series without
# comments and blank lines); the cover letter is not part of it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
patches=${PATCHES:-$top/patches}
[ -f "$patches/series" ] || exit 0
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$patches/series"
