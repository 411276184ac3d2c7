#!/usr/bin/env bash
# Makes (once) the Python environment the tests use for reference
# implementations from PyPI (Tests/Python/requirements.txt, pinned), and prints
# the path of its python. Built on Debian's /usr/bin/python3 with the system's
# site packages, so python3-selenium and python3-dbus stay visible.
# Usage: py=$(scripts/python-env.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
env_dir="$here/.build/pyenv"
req="$here/Tests/Python/requirements.txt"
stamp="$env_dir/.requirements"
if [ ! -x "$env_dir/bin/python" ] || ! cmp -s "$req" "$stamp"; then
  rm -rf "$env_dir"
  mkdir -p "$here/.build"
  /usr/bin/python3 -m venv --system-site-packages "$env_dir" >&2
  "$env_dir/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$stamp"
fi
echo "$env_dir/bin/python"
