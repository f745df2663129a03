#!/bin/sh
# Exit 0 when QEMU can run x86_64 guests under KVM here, 1 otherwise:
# /dev/kvm writable, and a vCPU with -cpu host runs the firmware for 3 s
# (seen here: /dev/kvm present, but QEMU aborting on its first MSR write,
# which a probe without a vCPU did not catch).
[ -w /dev/kvm ] || exit 1
rc=0
timeout 3 qemu-system-x86_64 -accel kvm -cpu host -M pc -nodefaults \
	-display none -no-reboot >/dev/null 2>&1 </dev/null || rc=$?
[ "$rc" = 124 ]
