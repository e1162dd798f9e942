#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the UI's type check and unit
# tests, the Rust tests, and the end-to-end tests of the built app in a real window under Xvfb.
set -euo pipefail
source "$(dirname "$0")/deps.sh"
ui_deps
tauri_driver
cd "$ROOT"

step() { echo; echo "==> $*"; }

step "UI: type check, unit tests, build"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "Rust: formatting and clippy"
cargo fmt --all --check
cargo clippy --locked --workspace --all-targets --features loket-tests/e2e -- -D warnings

step "Rust: unit, store, use-case and bindings tests (against a real Secret Service)"
scripts/with-keyring.sh cargo test --locked --workspace

step "Building the app as users run it (UI embedded)"
cargo build --locked -p loket --features custom-protocol
mkdir -p "$CARGO_TARGET_DIR/e2e"
cp "$CARGO_TARGET_DIR/debug/loket" "$CARGO_TARGET_DIR/e2e/loket"

step "End-to-end tests of the real app (tauri-driver + WebKitWebDriver under Xvfb)"
export LOKET_APP="$CARGO_TARGET_DIR/e2e/loket"
export LOKET_E2E_ARTIFACTS="${LOKET_E2E_ARTIFACTS:-$ROOT/artifacts/e2e}"
rm -rf "$LOKET_E2E_ARTIFACTS" && mkdir -p "$LOKET_E2E_ARTIFACTS"
scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked -p loket-tests --features e2e --test e2e -- --test-threads=1
echo "screenshots: $LOKET_E2E_ARTIFACTS"
