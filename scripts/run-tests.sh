#!/usr/bin/env bash
# Runs the XCTest suites (already built) and ends with one plain summary line:
# "tests: N passed, N failed". Exits non-zero when any test failed or none ran.
set -uo pipefail
log=$(mktemp /tmp/casevault-tests.XXXXXX)
trap 'rm -f "$log"' EXIT
swift test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1)
total=$(printf '%s\n' "$summary" | sed -nE 's/.*Executed ([0-9]+) tests?.*/\1/p')
failed=$(printf '%s\n' "$summary" | sed -nE 's/.*with ([0-9]+) failures?.*/\1/p')
total=${total:-0}; failed=${failed:-0}
echo "tests: $((total - failed)) passed, $failed failed"
if [ "$total" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
