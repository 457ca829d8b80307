#!/usr/bin/env bash
# Installs what is needed, then opens PosDesk. Arguments go to the `posdesk` command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] \
   && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
  echo "run-app: no display found; starting PosDesk on a virtual screen (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/posdesk "$@"
fi
exec .venv/bin/posdesk "$@"
