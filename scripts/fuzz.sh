#!/usr/bin/env bash
# Bounded libFuzzer run over AgeKit's parsers (armor, header, stanzas,
# payload, recipient strings, identity files). Usage: scripts/fuzz.sh SECONDS
# Builds in its own scratch path (.build-fuzz) with the fuzzer and address
# sanitizers; new inputs go to a temporary directory, crashes to
# .build-fuzz/artifacts/. Exits non-zero if libFuzzer finds a crash.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/.."
flags=(--scratch-path .build-fuzz --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --product FuzzAge)
export CASEVAULT_FUZZ=1
swift build "${flags[@]}"
bin="$(swift build "${flags[@]}" --show-bin-path)/FuzzAge"
work=$(mktemp -d /tmp/casevault-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p .build-fuzz/artifacts
# Swift's crash handler confuses ASan: turn it off for fuzz runs.
SWIFT_BACKTRACE=enable=no "$bin" \
  -max_total_time="$seconds" -max_len=140000 -timeout=20 -rss_limit_mb=3072 \
  -artifact_prefix=.build-fuzz/artifacts/ -print_final_stats=1 \
  "$work" Fuzz/corpus/age
