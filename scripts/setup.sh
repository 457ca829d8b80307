#!/usr/bin/env bash
# Installs what PosDesk needs, idempotently, so the two README commands work on a fresh
# Debian 12 machine.  usage: scripts/setup.sh app|test
#   app  - the runtime: Debian libraries Qt needs for a real window, a CJK font, the venv.
#   test - also gnome-keyring + dbus (a real Secret Service for the tests), the headers
#          python-dbusmock's dbus-python build needs, and the dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-app}

apt_app=(python3-venv libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1
         libfontconfig1 libdbus-1-3 fonts-wqy-microhei xvfb xauth)
apt_test=(gnome-keyring dbus dbus-bin dbus-daemon libdbus-1-dev libglib2.0-dev pkg-config usb.ids)
pkgs=("${apt_app[@]}")
[ "$want" = test ] && pkgs+=("${apt_test[@]}")

missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($python --version)"
  $python -m venv .venv
fi
extra=""; [ "$want" = test ] && extra="[dev]"
stamp=".venv/.setup-$want-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing PosDesk$extra into .venv (first run takes about a minute)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi
# Compiled translations are build products of the .ts sources.
for ts in resources/translations/*.ts; do
  [ -e "$ts" ] || continue
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
  fi
done
