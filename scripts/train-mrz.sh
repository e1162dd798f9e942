#!/usr/bin/env bash
# Trains the learned MRZ character recogniser from scratch and writes its weights where the
# reader embeds them (crates/scan/src/mrz/mrz_net.bin), with the held-out confusion report
# (docs/mrz-net.md). Reproducible: fixed seeds for the data (mrz-glyphs) and the training.
#   scripts/train-mrz.sh [TRAIN_LINES] [EPOCHS]     (defaults 10000 lines, 12 epochs: ~15 min here)
# Needs fonts-ocr-b (scripts/deps.sh) and PyTorch for the CPU from PyPI, installed into a venv
# outside the clone on first use. Never needed to build, run or test Loket.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES="${1:-10000}"
EPOCHS="${2:-12}"
WORK="${MRZ_TRAIN_DIR:-/var/tmp/loket-mrz-train}"
VENV="${MRZ_TRAIN_VENV:-/var/tmp/loket-train-venv}"
mkdir -p "$WORK"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  echo "==> installing PyTorch into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet -r "$ROOT/tools/mrz-train/requirements.txt"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/loket-release}"
cargo build --release --locked -p loket-scan --features synth --bin mrz-glyphs
GLYPHS="$CARGO_TARGET_DIR/release/mrz-glyphs"
echo "==> rendering training cells ($LINES lines, seed 1) and held-out cells (1000 lines, seed 2)"
"$GLYPHS" "$WORK/train.bin" "$LINES" 1
"$GLYPHS" "$WORK/heldout.bin" 1000 2
echo "==> training"
"$VENV/bin/python" "$ROOT/tools/mrz-train/train.py" "$WORK/train.bin" "$WORK/heldout.bin" \
  "$ROOT/crates/scan/src/mrz/mrz_net.bin" "$WORK/report.md" "$EPOCHS"
{
  echo "# The learned MRZ recogniser: held-out confusion"
  echo
  echo "Written by \`scripts/train-mrz.sh $LINES $EPOCHS\` on $(date -u +%Y-%m-%d)."
  echo
  cat "$WORK/report.md"
} > "$ROOT/docs/mrz-net.md"
echo "==> weights: crates/scan/src/mrz/mrz_net.bin; report: docs/mrz-net.md"
