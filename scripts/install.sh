#!/usr/bin/env bash
# Installs casevault, its shell completions and its man page.
# Usage: scripts/install.sh BINARY DESTDIR PREFIX
# Completions and the man page are generated from BINARY itself (its command
# definitions), so they always match what is installed. Needs no network.
set -euo pipefail
bin=$1 destdir=${2:-} prefix=${3:-/usr/local}
here=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$bin" ] || { echo "install: no executable at $bin (run make release first)" >&2; exit 1; }
# python3 writes the man page; Swift's Linux toolchain already depends on it (lldb).
command -v python3 >/dev/null || { echo "install: python3 is needed to write the man page (apt-get install python3)" >&2; exit 1; }
root="$destdir$prefix"
work=$(mktemp -d /tmp/casevault-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$bin" --generate-completion-script bash > "$work/casevault.bash"
"$bin" --generate-completion-script zsh > "$work/_casevault"
"$bin" --generate-completion-script fish > "$work/casevault.fish"
"$bin" help-exit-codes --roff > "$work/exit-codes.roff"
"$bin" --experimental-dump-help | python3 "$here/scripts/gen-manpage.py" "$work/exit-codes.roff" > "$work/casevault.1"
install -d -m 755 "$root/bin" "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
  "$root/share/fish/vendor_completions.d" "$root/share/man/man1"
# Stripped (105 MB to 67 MB; the static Swift runtime and ICU data are most of what
# is left): symbols serve debugging, which is done on the build tree, not here.
if command -v strip >/dev/null; then
  install -s -m 755 "$bin" "$root/bin/casevault"
else
  install -m 755 "$bin" "$root/bin/casevault"
fi
install -m 644 "$work/casevault.bash" "$root/share/bash-completion/completions/casevault"
install -m 644 "$work/_casevault" "$root/share/zsh/site-functions/_casevault"
install -m 644 "$work/casevault.fish" "$root/share/fish/vendor_completions.d/casevault.fish"
install -m 644 "$work/casevault.1" "$root/share/man/man1/casevault.1"
echo "installed casevault, completions (bash, zsh, fish) and casevault(1) under $root"
