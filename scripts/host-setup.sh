#!/bin/sh
# Install the host packages the bench needs from Debian, once: only the
# missing ones are installed, so a second run costs a dpkg query.
set -eu
pkgs="make gcc gcc-aarch64-linux-gnu libc6-dev libc6-dev-arm64-cross qemu-system-arm
qemu-system-x86 bc bison flex libssl-dev libelf-dev cpio ccache python3 python3-ply python3-git
xz-utils kmod jq shellcheck gnuplot-nox git perl rsync dwarves gzip git-email
libmailtools-perl debian-archive-keyring gcc-powerpc64le-linux-gnu gcc-powerpc-linux-gnu
gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-system-misc"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "host-setup: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	sudo=sudo
else
	sudo=
fi
$sudo apt-get update -q >/dev/null
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
