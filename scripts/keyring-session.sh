#!/usr/bin/env bash
# Starts a private session D-Bus in a state the keyring tests need, prints
# its address on stdout as DBUS_SESSION_BUS_ADDRESS=..., and keeps it up
# until standard input closes; then everything it started is stopped.
#
# Usage: scripts/keyring-session.sh MODE
#   unlocked    gnome-keyring with an unlocked login collection
#   locked      gnome-keyring whose login collection is locked
#   no-service  a bus on which nothing owns or can activate org.freedesktop.secrets
#   hung        a bus on which org.freedesktop.secrets is owned by a process
#               that never answers (scripts/hung-secret-service.py)
#   lock        (not a session) locks the login collection of the bus in
#               $DBUS_SESSION_BUS_ADDRESS, then exits
# "No session bus at all" needs no script: unset DBUS_SESSION_BUS_ADDRESS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
serve() {
  echo "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS"
  cat >/dev/null || true
}
case "${1:-}" in
  unlocked) exec "$here/with-keyring.sh" "$0" --serve ;;
  locked) exec "$here/with-keyring.sh" --locked "$0" --serve ;;
  no-service) exec dbus-run-session --config-file "$here/dbus-no-services.conf" -- "$0" --serve ;;
  hung) exec dbus-run-session --config-file "$here/dbus-no-services.conf" -- "$0" --serve-hung ;;
  lock)
    gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
      --method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" >/dev/null ;;
  --serve) serve ;;
  --serve-hung)
    # Debian's python3 has python3-dbus; a pyenv or venv python may not.
    py=/usr/bin/python3
    [ -x "$py" ] || py=python3
    coproc HUNG { exec "$py" "$here/hung-secret-service.py"; }
    read -r ready <&"${HUNG[0]}" || true
    if [ "${ready:-}" != ready ]; then echo "keyring-session: the hung service did not start" >&2; exit 1; fi
    trap 'kill $HUNG_PID 2>/dev/null || true' EXIT
    serve ;;
  *) echo "usage: scripts/keyring-session.sh unlocked|locked|no-service|hung|lock" >&2; exit 2 ;;
esac
