#!/bin/sh
# git send-email --cc-cmd: the addresses scripts/get_maintainer.pl gives
# for one patch file, and for the cover letter those of every patch
# beside it.  Run from the kernel tree (git send-email runs it there).
# Usage: sendemail-cc.sh PATCHFILE
set -eu
f=$1
case "${f##*/}" in
0000-cover-letter.patch)
	set -- "$(dirname "$f")"/[0-9][0-9][0-9][0-9]-*.patch
	# shellcheck disable=SC2046 # one argument per patch
	set -- $(printf '%s\n' "$@" | grep -v '/0000-cover-letter.patch$')
	;;
esac
scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@"
