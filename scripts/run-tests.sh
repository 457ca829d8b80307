#!/usr/bin/env bash
# Installs what is needed, then runs the whole test suite (ruff, import contracts, pytest)
# against a real Secret Service inside a private D-Bus session. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
exec dbus-run-session -- bash scripts/with-keyring.sh bash scripts/check.sh "$@"
