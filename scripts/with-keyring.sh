#!/usr/bin/env bash
# Inside a D-Bus session: give the command a fresh private HOME and an unlocked
# gnome-keyring Secret Service, wait until it owns org.freedesktop.secrets, run the command.
set -euo pipefail
root=$(mktemp -d /tmp/posdesk-home.XXXXXX)
chmod 700 "$root"
export HOME="$root/home" XDG_RUNTIME_DIR="$root/run"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export XDG_STATE_HOME="$HOME/.local/state" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p -m 700 "$HOME" "$XDG_RUNTIME_DIR"

eval "$(printf 'posdesk-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
keyring_pid=${GNOME_KEYRING_PID:-}
cleanup() { [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null; rm -rf "$root"; }
trap cleanup EXIT

for _ in $(seq 1 200); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
       | grep -q "boolean true"; then
    export POSDESK_REQUIRE_SECRET_SERVICE=1
    "$@"
    exit $?
  fi
  sleep 0.05
done
echo "with-keyring: gnome-keyring did not register org.freedesktop.secrets within 10 s" >&2
exit 1
