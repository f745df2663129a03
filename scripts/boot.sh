#!/bin/sh
# Boot a scenario's kernel + initramfs in QEMU with a hard timeout; the
# console goes to RESULTS/console.log and QEMU's exit status (124 = timed
# out) to RESULTS/qemu.rc.
# Usage: boot.sh SCENARIO [OUTDIR [RESULTS [EXTRA_CMDLINE]]]
# Environment: BOOT_TIMEOUT (s), QEMU_ACCEL (override), QEMU_EXTRA.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
scenario=$1
out=${2:-$top/build/out/$scenario}
results=${3:-$top/build/results/$scenario}
extra=${4:-}
QEMU_MEM=${QEMU_MEM:-2G}
QEMU_SMP=${QEMU_SMP:-2}
# shellcheck source=/dev/null
. "$top/scenarios/$scenario.conf"
# A scenario may need longer (debug kernels: SCENARIO_TIMEOUT).
BOOT_TIMEOUT=${BOOT_TIMEOUT:-${SCENARIO_TIMEOUT:-600}}
# and its own kernel parameters (SCENARIO_CMDLINE).
extra="${SCENARIO_CMDLINE:-}${SCENARIO_CMDLINE:+ }$extra"
# shellcheck source=scripts/arch.sh
. "$top/scripts/arch.sh"
mkdir -p "$results"

note="$ARCH_DATA guest under TCG"
if [ -n "${QEMU_KVM:-}" ]; then
	if [ -z "${QEMU_ACCEL:-}" ] && "$top/scripts/kvm-usable.sh"; then
		QEMU_ACCEL=kvm
	fi
	if [ "${QEMU_ACCEL:-tcg}" = kvm ]; then
		QEMU=$QEMU_KVM
		note="$ARCH_DATA guest under KVM"
	else
		note="$ARCH_DATA guest under TCG (/dev/kvm not usable here)"
	fi
fi
[ -n "${QEMU:-}" ] || { echo "boot: $scenario: $ARCH_DATA is built, not booted" >&2; exit 1; }
# shellcheck disable=SC2086 # QEMU is a command line
set -- $QEMU
# shellcheck disable=SC2153 # CONSOLE: from archs/*.conf
console=$CONSOLE
# shellcheck disable=SC2086
set -- "$@" -smp "$QEMU_SMP" -m "$QEMU_MEM" -nographic -nodefaults \
	-serial stdio -no-reboot ${QEMU_EXTRA:-} \
	-kernel "$out/$KIMAGE" -initrd "$out/initramfs.cpio.gz" \
	-append "console=$console panic=-1 loglevel=7 $extra"
echo "boot: $scenario: $note, timeout ${BOOT_TIMEOUT}s" | tee "$results/boot.txt"
echo "boot: $*" >>"$results/boot.txt"
rc=0
timeout -k 10 "$BOOT_TIMEOUT" "$@" </dev/null >"$results/console.log" 2>&1 || rc=$?
echo "$rc" >"$results/qemu.rc"
[ "$rc" = 124 ] && echo "boot: $scenario: TIMEOUT after ${BOOT_TIMEOUT}s" >&2
exit 0
