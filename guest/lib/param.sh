# Sourced by guest/init and the suites: the one reader of the bench's
# guest settings, "bench.NAME=VALUE" on the kernel command line (set per
# scenario in SCENARIO_CMDLINE, or by make bench and make mutants).
# bench_param NAME DEFAULT prints the value, or DEFAULT when the command
# line has none, and logs "# bench.NAME=VALUE (default DEFAULT)" on
# stderr, which the suites' KTAP streams carry as a diagnostic.
# shellcheck shell=sh
bench_param() {
	_bp=$(tr ' ' '\n' </proc/cmdline | sed -n "s/^bench\.$1=//p" | tail -n 1)
	echo "# bench.$1=${_bp:-$2} (default ${2:-none})" >&2
	echo "${_bp:-$2}"
}
