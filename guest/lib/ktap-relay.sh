# shellcheck shell=sh
# ktap_relay FILE: the results of the KTAP document FILE (a guest
# program's output), as results of the current document: "ok"/"not ok"
# lines keep their description and SKIP, "# " lines are kept, the header
# and plan are dropped. Sourced after ktap_helpers.sh.
# ktap_relay_count FILE: how many results ktap_relay FILE gives.
ktap_relay_count() { grep -cE '^(not )?ok [0-9]+ ' "$1"; }

ktap_relay() {
	while IFS= read -r line; do
		desc=$(echo "$line" | sed -E 's/^(not )?ok [0-9]+ //')
		case $line in
		# kselftest.h: "ok N # SKIP why", ktap_helpers: "ok N what # SKIP".
		"ok "*"# SKIP"*) ktap_test_skip "${desc%%# SKIP*}${desc#*# SKIP}" ;;
		"ok "[0-9]*) ktap_test_pass "$desc" ;;
		"not ok "[0-9]*) ktap_test_fail "$desc" ;;
		"# "*)
			case $line in "# Totals"* | "# Planned"*) ;; *) echo "$line" ;; esac ;;
		esac
	done <"$1"
}
