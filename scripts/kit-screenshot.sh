#!/usr/bin/env bash
# Renders the emergency kit in headless Chromium and checks the screenshots.
# Usage: scripts/kit-screenshot.sh CASEVAULT_BINARY OUTDIR
# Makes a scratch vault (test passphrase, fast KDF), writes the kit blank and
# with the recovery key, screenshots both, and checks each PNG shows a page
# (scripts/check-kit-png.py). The PNGs stay in OUTDIR for a person to look at.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v chromium >/dev/null; then
  echo "kit-screenshot: installing chromium" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d /tmp/casevault-kit.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf 'kit screenshot passphrase\n' > "$work/pass"
opts=(--vault "$work/vault" --passphrase-file "$work/pass" --no-keyring)
"$bin" init --kdf interactive --json "${opts[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["recoveryKey"])' > "$work/key"
# One representative, with a real age recipient (age-keygen), so the sheet shows a fingerprint row.
if command -v age-keygen >/dev/null; then
  age-keygen -o "$work/rep.key" 2>/dev/null
  "$bin" rep add "Jane Doe, Esq." "$(age-keygen -y "$work/rep.key")" "${opts[@]}" >/dev/null
fi
"$bin" kit -o "$work/kit-blank.html" "${opts[@]}" >/dev/null
"$bin" kit -o "$work/kit-with-key.html" --include-recovery-key --recovery-key-file "$work/key" "${opts[@]}" 2>/dev/null >/dev/null
for name in kit-blank kit-with-key; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chromium" \
    --window-size=900,2000 --screenshot="$out/$name.png" "file://$work/$name.html" >/dev/null 2>&1
  python3 "$here/scripts/check-kit-png.py" "$out/$name.png"
done
echo "kit-screenshot: $out/kit-blank.png and $out/kit-with-key.png rendered and checked"
