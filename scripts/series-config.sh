#!/bin/sh
# Filter a config fragment (stdin -> stdout) down to the options that the
# kernel tree TREE defines in some Kconfig file, naming each one left out
# on stderr.  Used for the base and for partial series, which lack the
# options that later patches add.
# Usage: series-config.sh TREE <fragment >filtered
set -eu
tree=$1
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*) opt=${line%%=*} ;;
	*) echo "$line"; continue ;;
	esac
	sym=${opt#CONFIG_}
	if grep -rqsx --include='Kconfig*' "config $sym" "$tree"; then
		echo "$line"
	else
		echo "series-config: $opt not in this tree, left out" >&2
	fi
done
