#!/bin/sh
# Runs last (guest/init): after every other suite, kmemleak finds no
# unreferenced object (init cleared what it had found at boot), and the
# boot-time W+X check of the kernel page tables passed. Skips each where
# the kernel lacks CONFIG_DEBUG_KMEMLEAK / CONFIG_DEBUG_WX.
. /lib/ktap_helpers.sh
km=/sys/kernel/debug/kmemleak
ktap_print_header
ktap_set_plan 2
no_leaks() {
	# An object is reported once it is older than 5 s and was found
	# unreferenced; scan twice around that age.
	echo scan >$km && sleep 6 && echo scan >$km || return 1
	cat $km >/tmp/kmemleak.out
	ktap_print_msg "kmemleak: $(grep -c '^unreferenced object' /tmp/kmemleak.out) unreferenced objects"
	head -n 60 /tmp/kmemleak.out | sed 's/^/# /'
	! grep -q '^unreferenced object' /tmp/kmemleak.out
}
if [ -w $km ]; then
	ktap_test_result "kmemleak: no leak after all suites" no_leaks
else
	ktap_test_skip "kmemleak: no leak after all suites (no CONFIG_DEBUG_KMEMLEAK in this kernel)"
fi
# guest/init keeps the boot messages in /tmp/boot.dmesg.
if grep -q 'Checked W+X mappings' /tmp/boot.dmesg; then
	wx_passed() { grep -q 'Checked W+X mappings: passed' /tmp/boot.dmesg; }
	ktap_test_result "DEBUG_WX: no W+X kernel mapping" wx_passed
else
	ktap_test_skip "DEBUG_WX: no W+X kernel mapping (no CONFIG_DEBUG_WX in this kernel)"
fi
ktap_finished
