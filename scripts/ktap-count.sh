#!/bin/sh
# Parse a KTAP stream with the tree's tools/testing/kunit/kunit.py and print
# "passed failed skipped" (failed includes crashed and errors; a stream
# with no parsable result counts as one failure).  The JSON is kept beside
# the input as FILE.json.  Usage: ktap-count.sh FILE
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kunit=${KUNIT_PY:-$top/build/linux/tools/testing/kunit/kunit.py}
in=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
json=${in%.log}.json
rm -f "$json"
python3 "$kunit" parse --json="$json" "$in" >"${in%.log}.parse.txt" 2>&1 || true
if ! jq -e '.misc' "$json" >/dev/null 2>&1; then
	echo "0 1 0"
	exit 0
fi
jq -r '"\(.misc.passed) \(.misc.failed + .misc.crashed + .misc.errors) \(.misc.skipped)"' "$json"
