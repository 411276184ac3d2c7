#!/usr/bin/env bash
# Installs the Debian packages CaseVault needs, only those that are missing.
# Usage: scripts/setup.sh [run|test|deb]   (test adds the keyring, D-Bus, age, and
# headless Chromium with its driver and python3-selenium for the app's browser tests;
# deb adds what `make deb` needs; test includes it, for the package test)
set -euo pipefail
need=(libsodium-dev libsqlite3-dev libsecret-1-dev libicu-dev pkg-config)
if [ "${1:-run}" = test ]; then
  need+=(time gnome-keyring dbus libsecret-tools libglib2.0-bin age python3 python3-dbus util-linux
         chromium chromium-driver python3-selenium python3-venv python3-pip systemd)
fi
if [ "${1:-run}" = test ] || [ "${1:-run}" = deb ]; then
  need+=(dpkg-dev librsvg2-bin lintian desktop-file-utils binutils python3 xdg-utils man-db)
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
