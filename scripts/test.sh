#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the UI's type check and unit
# tests, the Rust tests, and the end-to-end tests of the built app in a real window under Xvfb.
#
# One build serves everything: the workspace is compiled once, with one feature set (the app with
# its UI embedded, the end-to-end crate's feature on) and clippy as the workspace's compiler
# wrapper, so the same compilation lints the code, links the test binaries and the app that the
# end-to-end tests drive. Every cargo call below uses the same flags and environment; changing
# one of them would make cargo compile the tree again.
set -euo pipefail
source "$(dirname "$0")/deps.sh"
ui_deps
cd "$ROOT"

step() { echo; echo "==> $*  ($(date +%H:%M:%S))"; }
FEATURES=(--locked --workspace --features loket/custom-protocol,loket-tests/e2e)
# clippy-driver compiles like rustc and lints the workspace's own crates as it goes (what
# `cargo clippy` does in check mode, here in the build itself); `-D warnings` fails the build.
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)"
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

step "UI: type check, unit tests, build (embedded into the app below)"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "Rust: formatting"
cargo fmt --all --check

# Every licence is one Loket (MIT) can ship with, every crate comes from crates.io; duplicate
# versions are reported. Offline: the crates are fetched from the registry first, no advisory
# database is downloaded.
step "Rust: licences, sources and duplicate crates (cargo deny, offline)"
if ! cargo deny --version >/dev/null 2>&1; then
  echo "==> installing cargo-deny"
  (unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS; cargo install --locked cargo-deny)
fi
cargo fetch --locked
deny_log="$CARGO_TARGET_DIR/cargo-deny.log"
if cargo deny --offline check licenses bans sources >"$deny_log" 2>&1; then
  echo "$(tail -1 "$deny_log"); $(grep -c 'warning\[duplicate\]' "$deny_log") crates in more than one version"
else
  cat "$deny_log"
  exit 1
fi

step "Rust: one build of everything, linted by clippy (-D warnings)"
cargo test "${FEATURES[@]}" --all-targets --no-run

# Screenshots of both browser suites (the central's page in chromium, the app under Xvfb).
export LOKET_E2E_ARTIFACTS="${LOKET_E2E_ARTIFACTS:-$ROOT/artifacts/e2e}"
rm -rf "$LOKET_E2E_ARTIFACTS" && mkdir -p "$LOKET_E2E_ARTIFACTS"

step "Rust: domain, store, use cases, scanner, PDFs, bindings drift, architecture checks, the central and its page"
scripts/with-keyring.sh cargo test "${FEATURES[@]}" -- --skip window::

step "End-to-end tests of the real app (WebKitWebDriver under Xvfb)"
export LOKET_APP="$CARGO_TARGET_DIR/debug/loket"
scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test "${FEATURES[@]}" --test e2e -- --test-threads=1 window::
echo "screenshots: $LOKET_E2E_ARTIFACTS"

# A short run of every fuzz target (the 10-minute runs are a benchmark: scripts/fuzz.sh 600).
step "Fuzzing what Loket reads from outside: 20 s per target (cargo-fuzz)"
scripts/fuzz.sh 20
