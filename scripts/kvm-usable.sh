#!/bin/sh
# Exit 0 when QEMU can run x86_64 guests under KVM here (/dev/kvm writable
# and accepted by qemu-system-x86_64), 1 otherwise.
[ -w /dev/kvm ] && echo q | timeout 20 qemu-system-x86_64 -accel kvm -M none \
	-nodefaults -display none -monitor stdio >/dev/null 2>&1
