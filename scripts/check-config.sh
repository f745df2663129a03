#!/bin/sh
# Check that every option set (or unset) in the fragments has that value in
# the final .config; print each that did not survive and exit 1.
# Usage: check-config.sh .config FRAGMENT...
set -eu
config=$1
shift
bad=0
for frag in "$@"; do
	name=$(basename "$frag")
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*)
			opt=${line%%=*}
			want=$line
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			want=
			;;
		*) continue ;;
		esac
		got=$(grep -E "^($opt=|# $opt is not set)" "$config" || true)
		case "$want:$got" in
		":"|":# $opt is not set") continue ;;
		"$got:$got") continue ;;
		esac
		echo "check-config: $opt: fragment $name wants '${want:-not set}', got '${got:-not set}'" >&2
		bad=1
	done <"$frag"
done
exit $bad
