#!/usr/bin/env bash
# Runs a command on a private session D-Bus with a fresh, unlocked gnome-keyring.
# Nothing prompts; the keyring lives in a throwaway directory removed on exit.
# Usage: scripts/with-keyring.sh [--locked] CMD [ARGS...]
#   --locked   lock the keyring's login collection before running CMD
# Each call starts its own bus and keyring, also when called from inside
# another one (the keyring tests nest sessions to get a locked collection).
set -euo pipefail
if [ "${1:-}" != "--inside-session" ]; then
  exec dbus-run-session -- "$0" --inside-session "$@"
fi
shift
lock=no
if [ "${1:-}" = "--locked" ]; then lock=yes; shift; fi
scratch=$(mktemp -d /tmp/casevault-keyring.XXXXXX)
chmod 700 "$scratch"
cleanup() {
  [ -n "${keyring_pid:-}" ] && kill "$keyring_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
# gnome-keyring keeps its collections under $XDG_DATA_HOME/keyrings and its
# control socket under $XDG_RUNTIME_DIR; point both at the scratch directory.
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The keyring password is throwaway and only unlocks this test keyring.
out=$(printf 'casevault-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)
keyring_pid=$(printf '%s\n' "$out" | sed -n 's/^GNOME_KEYRING_PID=//p')
# --unlock returns before the daemon owns the name: wait for it (at most ~10 s).
for _ in $(seq 1 100); do
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
login=/org/freedesktop/secrets/collection/login
locked=$(gdbus call --session --dest org.freedesktop.secrets --object-path "$login" \
  --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked 2>&1 || true)
case "$locked" in
  *false*) ;;
  *) echo "with-keyring: the test keyring did not unlock: $locked" >&2; exit 1 ;;
esac
if [ "$lock" = yes ]; then
  # Locking never prompts (unlocking would: there is no way back headless).
  gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.Lock "['$login']" >/dev/null
fi
export CASEVAULT_TEST_KEYRING=1
"$@"
