# Sourced: the architecture data of a scenario, from archs/<name>.conf:
# ARCH, CROSS_COMPILE, KIMAGE and, for booted ones, DEB_ARCH, QEMU and
# CONSOLE.  <name> is the scenario's ARCH_DATA, or its ARCH.
# shellcheck shell=sh disable=SC2154 # top: set by the sourcing script
ARCH_DATA=${ARCH_DATA:-$ARCH}
_arch_file="$top/archs/$ARCH_DATA.conf"
if [ ! -f "$_arch_file" ]; then
	echo "no architecture data $_arch_file" >&2
	exit 1
fi
# shellcheck source=/dev/null
. "$_arch_file"
