#!/usr/bin/env bash
# Bounded libFuzzer runs over every parser of outside data.
# Usage: scripts/fuzz.sh SECONDS [TARGET...]   (default targets: all; SECONDS each)
#   FuzzAge    AgeKit: armor, header, stanzas, payload, recipient strings, identity files
#   FuzzVault  CaseVault: codes files, identifier values, recovery keys, dates, vault.db records
#   FuzzShares shares: a share's plaintext tar through ShareReader.read (age-wrapped,
#              re-signed), tar paths, pax records, manifest.json/manifest.sig
# Builds in its own scratch path (.build-fuzz) with the fuzzer and address
# sanitizers; new inputs go to a temporary directory, crashes to
# .build-fuzz/artifacts/. Exits non-zero if libFuzzer finds a crash.
set -euo pipefail
seconds="${1:-60}"
shift || true
cd "$(dirname "$0")/.."
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=()
  for d in Fuzz/Fuzz*/; do targets+=("$(basename "$d")"); done
fi
export CASEVAULT_FUZZ=1
mkdir -p .build-fuzz/artifacts
for target in "${targets[@]}"; do
  flags=(--scratch-path .build-fuzz --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --product "$target")
  swift build "${flags[@]}"
  bin="$(swift build "${flags[@]}" --show-bin-path)/$target"
  corpus="Fuzz/corpus/$(echo "${target#Fuzz}" | tr '[:upper:]' '[:lower:]')"
  work=$(mktemp -d /tmp/casevault-fuzz.XXXXXX)
  echo "== $target for $seconds s (seeds: $corpus)"
  # Swift's crash handler confuses ASan: turn it off for fuzz runs.
  SWIFT_BACKTRACE=enable=no "$bin" \
    -max_total_time="$seconds" -max_len=140000 -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix=.build-fuzz/artifacts/ -print_final_stats=1 \
    "$work" "$corpus"
  rm -rf "$work"
done
