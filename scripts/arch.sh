# Sourced: per-architecture build and QEMU settings for $ARCH.
# shellcheck disable=SC2034 # variables for the scripts that source this
# shellcheck shell=sh
case "$ARCH" in
arm64)
	CROSS_COMPILE=aarch64-linux-gnu-
	KIMAGE=arch/arm64/boot/Image
	DEB_ARCH=arm64
	;;
x86_64)
	CROSS_COMPILE=
	KIMAGE=arch/x86/boot/bzImage
	DEB_ARCH=amd64
	;;
*)
	echo "unknown ARCH=$ARCH" >&2
	exit 1
	;;
esac
