#!/bin/sh
# Download the pinned Debian linux-source-7.3 package (or, when that exact
# version has left the archive, the newest 7.3.x), check the tarball's
# sha256 and print the tarball's path.  Everything is cached under
# $BENCH_CACHE so repeated runs cost nothing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/pinned.conf"
cache=${BENCH_CACHE:-$HOME/.cache/aux-bench}
apt="$top/scripts/apt-private.sh"
mkdir -p "$cache/debs" "$cache/src"

tarball_of() { echo "$cache/src/linux-source-7.3_$1.tar.xz"; }

out=$(tarball_of "$PIN_VERSION")
if [ -f "$out" ] && [ "$(sha256sum <"$out" | cut -d' ' -f1)" = "$PIN_SHA256" ]; then
	echo "$out"
	exit 0
fi

"$apt" apt-get update >&2
version=$PIN_VERSION
if ! "$apt" apt-cache madison "$PIN_PACKAGE" | grep -q "| $PIN_VERSION |"; then
	version=$("$apt" apt-cache madison "$PIN_PACKAGE" | awk -F'|' '{gsub(/ /,"",$2); print $2}' |
		grep '^7\.3\.' | sort -V | tail -n 1)
	[ -n "$version" ] || { echo "fetch-source: no $PIN_PACKAGE 7.3.x in the archive" >&2; exit 1; }
	echo "fetch-source: NOTE: pinned $PIN_PACKAGE $PIN_VERSION has left the archive; using newest 7.3.x: $version (sha256 not pinned)" >&2
fi
out=$(tarball_of "$version")
(cd "$cache/debs" && "$apt" apt-get download "$PIN_PACKAGE=$version" >&2)
deb=$(ls "$cache/debs/${PIN_PACKAGE}_$(echo "$version" | sed 's/:/%3a/')_all.deb")
dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$PIN_PACKAGE.tar.xz" >"$out.tmp"
sum=$(sha256sum <"$out.tmp" | cut -d' ' -f1)
if [ "$version" = "$PIN_VERSION" ] && [ "$sum" != "$PIN_SHA256" ]; then
	rm -f "$out.tmp"
	echo "fetch-source: sha256 mismatch for $PIN_PACKAGE $version: got $sum, want $PIN_SHA256" >&2
	exit 1
fi
mv "$out.tmp" "$out"
echo "$out"
