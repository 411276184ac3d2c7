#!/usr/bin/env bash
# Runs the app's tests (Tests/App: the built binary over HTTP, and headless
# Chromium) and ends with one line: "app tests: N passed, M failed".
# Exits non-zero when any test failed or none ran.
# Usage: scripts/run-app-tests.sh [MODULE[.Class[.test]] ...]
# Needs the debug binary (swift build) and scripts/setup.sh test (chromium,
# chromium-driver, python3-selenium). Debian's /usr/bin/python3 is used on
# purpose: another python3 on PATH (pyenv, a venv) does not see python3-selenium.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
exec /usr/bin/python3 "$here/Tests/App/run.py" "$@"
