#!/usr/bin/env bash
# Installs what is missing, builds Loket and opens it on the demo office.
#   scripts/run.sh                 the demo office (data in ~/.local/share/loket-demo)
#   LOKET_DATA_DIR=/path scripts/run.sh --no-demo   a real first run in a folder of your choice
set -euo pipefail
source "$(dirname "$0")/deps.sh"
ui_deps

echo "==> building the UI"
npm --prefix "$ROOT/ui" run build --silent
echo "==> building the app"
cargo build --locked -p loket --features custom-protocol

args=(--demo)
if [ "${1:-}" = "--no-demo" ]; then args=(); fi
data="${LOKET_DATA_DIR:-$HOME/.local/share/loket-demo}"
echo "==> starting Loket (data: $data)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "    no display found: running inside Xvfb (nothing will be visible)"
  exec "$ROOT/scripts/with-keyring.sh" xvfb-run -a -s "-screen 0 1280x800x24" "$CARGO_TARGET_DIR/debug/loket" --data-dir "$data" "${args[@]}"
fi
# Walk-in proofs are signed with a key kept in the desktop's key store; with-keyring.sh uses the
# desktop's own Secret Service and starts a private one only where there is none (a bare X session).
exec "$ROOT/scripts/with-keyring.sh" "$CARGO_TARGET_DIR/debug/loket" --data-dir "$data" "${args[@]}"
