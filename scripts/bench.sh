#!/usr/bin/env bash
# Reproduces every figure in BENCHMARKS.md: builds the app as users run it
# (UI embedded, release profile) and measures it in a real window under Xvfb. Usage: scripts/bench.sh [runs]
set -euo pipefail
source "$(dirname "$0")/deps.sh"
ui_deps
cd "$ROOT"
npm --prefix ui run build --silent
cargo build --locked --release -p loket --features custom-protocol
export LOKET_APP="$CARGO_TARGET_DIR/release/loket"
export LOKET_E2E_ARTIFACTS="${LOKET_E2E_ARTIFACTS:-$ROOT/artifacts/bench}"
scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo run --locked --release -q -p loket-tests --features e2e --bin e2e-bench -- "${1:-7}"

# The counter's figures below the window: search and day lists on 100k bookings, the 200-row PDF,
# QR decoding with rxing side by side with zbarimg on the same frames.
bench_deps
scripts/with-keyring.sh cargo bench --locked -p loket-app --bench counter
cargo bench --locked -p loket-pdf --bench session_list
cargo bench --locked -p loket-scan --bench qr_frames

# The passport reader: 1,000 synthetic camera frames, then the side-by-side with PassportEye on the
# team's dev images when they are next to the clone (they are never in the repository).
cargo bench --locked -p loket-scan --bench mrz_frames
if [ -d "$ROOT/../shared/mrz-dev" ]; then
  scripts/bench-mrz.sh "$ROOT/../shared/mrz-dev"
else
  echo "skipping scripts/bench-mrz.sh: ../shared/mrz-dev not found"
fi
