#!/usr/bin/env bash
# Runs a command with a real Secret Service (gnome-keyring) on a private D-Bus session, for the
# keyring tests and for headless runs. Usage: scripts/with-keyring.sh <command> [args…]
# When a Secret Service is already reachable (a desktop session), the command runs as it is.
set -euo pipefail

has_secret_service() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && dbus-send --session --print-reply --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
    | grep -q "boolean true"
}

if [ "${LOKET_KEYRING_INNER:-}" != 1 ]; then
  if has_secret_service; then exec "$@"; fi
  export LOKET_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi

# Inside the private bus: a throw-away keyring in a temporary home, unlocked with a fixed password.
tmp="$(mktemp -d)"
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
echo -n "loket-test" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
cleanup() { kill "$daemon" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 50); do
  has_secret_service && break
  sleep 0.1
done
if ! has_secret_service; then
  echo "gnome-keyring did not start: install gnome-keyring and dbus (scripts/deps.sh does)." >&2
  exit 1
fi
unset LOKET_KEYRING_INNER
"$@"
