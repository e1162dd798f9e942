#!/usr/bin/env bash
# Side-by-side MRZ reading: our reader (mrz-read) against PassportEye 2.2.2 with tesseract's
# stock `eng` model and with the MRZ-trained model, on the same images, one reader after another
# (the machine has 2 cores; running them together would skew the timings), plus PassportEye's
# black-hat zone locator alone with our recogniser reading its crops (the locators compared), on
# two sets:
#   dev   the team's dev images (../shared/mrz-dev): the reader was TUNED on these;
#   pages synthetic passport and ID pages rendered by `mrz-pages` with a seed that no test,
#         tuning run or training set uses: HELD OUT.
# Usage: scripts/bench-mrz.sh [IMAGE_DIR]   (default ../shared/mrz-dev next to the clone; the
# dev set is skipped when it is missing)
# Env: MRZ_READ (skip the cargo build, use this binary), MRZ_TESSDATA (folder holding
# mrz.traineddata, default ../shared/anchors/tessdata), RESULTS (default artifacts/bench-mrz),
# PAGES (how many validation pages, default 200; 0 skips the set).
set -euo pipefail
# Project conventions: SUDO, CARGO_TARGET_DIR, ROOT and bench_deps come from deps.sh.
source "$(dirname "$0")/deps.sh"
cd "$ROOT"

DEV="${1:-$ROOT/../shared/mrz-dev}"
PAGES="${PAGES:-200}"
MRZ_TESSDATA="${MRZ_TESSDATA:-$ROOT/../shared/anchors/tessdata}"
RESULTS="${RESULTS:-$ROOT/artifacts/bench-mrz}"   # artifacts/ is gitignored
BENCH="$ROOT/crates/scan/benches/mrz_anchor"
VENV="$CARGO_TARGET_DIR/passporteye-venv"           # outside the clone, next to the build cache
PY="${PYTHON:-python3}"
[ -f "$MRZ_TESSDATA/mrz.traineddata" ] || { echo "missing $MRZ_TESSDATA/mrz.traineddata" >&2; exit 1; }

# Tesseract is PassportEye's OCR engine. Debian's tesseract-ocr pulls in the stock `eng` model;
# name it too in case a distribution splits it out. python3-venv only when venv/ensurepip is absent
# (Debian's system python3 ships without them; pyenv's has them).
BENCH_PACKAGES=()
command -v tesseract >/dev/null || BENCH_PACKAGES+=(tesseract-ocr tesseract-ocr-eng)
"$PY" -c 'import venv, ensurepip' 2>/dev/null || BENCH_PACKAGES+=(python3-venv)
[ ${#BENCH_PACKAGES[@]} -eq 0 ] || bench_deps

# PassportEye pinned; its own dependencies resolve to whatever pip picks today, so pip freeze is
# saved with the results. Reinstalled only when the venv lacks the pinned version.
if ! "$VENV/bin/python" -c 'import importlib.metadata as m; assert m.version("passporteye") == "2.2.2"' 2>/dev/null; then
  echo "==> creating $VENV with passporteye==2.2.2"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check passporteye==2.2.2
fi

if [ -z "${MRZ_READ:-}" ]; then
  cargo build --locked --release -p loket-scan --bin mrz-read
  MRZ_READ="$CARGO_TARGET_DIR/release/mrz-read"
fi
# The validation pages are rendered here each run (the same seed gives the same pages), so no
# image is kept in the repository.
VAL="$CARGO_TARGET_DIR/mrz-pages"
if [ "$PAGES" -gt 0 ]; then
  cargo build --locked --release -p loket-scan --features synth --bin mrz-pages
  rm -rf "$VAL"
  "$CARGO_TARGET_DIR/release/mrz-pages" "$VAL" "$PAGES"
fi

mkdir -p "$RESULTS"
{
  echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  # The binary can be rebuilt between runs (it is cargo's output), so its hash says which one ran.
  echo "mrz-read: $MRZ_READ sha256 $(sha256sum "$MRZ_READ" | cut -d' ' -f1)"
  tesseract --version 2>&1 | head -1
  echo "mrz model: $MRZ_TESSDATA/mrz.traineddata sha256 $(sha256sum "$MRZ_TESSDATA/mrz.traineddata" | cut -d' ' -f1)"
  "$VENV/bin/pip" freeze --disable-pip-version-check
} >"$RESULTS/versions.txt"

# One set: every reader on the manifest's images, then the tables. $1 names the set (results go
# to $RESULTS/$1), $2 is its folder with manifest.csv, $3 says what the figures are.
bench_set() {
  local name="$1" images manifest out
  images="$(cd "$2" && pwd)"
  manifest="$images/manifest.csv"
  out="$RESULTS/$name"
  mkdir -p "$out"
  # The images are the manifest's rows (the scored set), so every reader sees exactly the same files.
  local files
  mapfile -t files < <("$VENV/bin/python" -c '
import csv, os, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        print(os.path.join(os.path.dirname(sys.argv[1]), row["file"]))' "$manifest")
  echo "==> $name: ${#files[@]} images from $images; results in $out"
  echo "==> ours (mrz-read)"
  # mrz-read's own miss summary on stderr goes to a log; score.py gives the comparable one.
  "$MRZ_READ" "${files[@]}" >"$out/ours.jsonl" 2>"$out/ours.log"
  echo "==> PassportEye, stock eng model"
  "$VENV/bin/python" "$BENCH/passporteye_read.py" --model stock "${files[@]}" \
    >"$out/passporteye-stock.jsonl" 2>"$out/passporteye-stock.log"
  echo "==> PassportEye, MRZ-trained model"
  TESSDATA_PREFIX="$MRZ_TESSDATA" "$VENV/bin/python" "$BENCH/passporteye_read.py" --model mrz "${files[@]}" \
    >"$out/passporteye-mrz.jsonl" 2>"$out/passporteye-mrz.log"
  # The locators side by side (issue #13): PassportEye's black-hat locator alone, its candidate
  # zones cut out and read by our recogniser, against ours finding the zone itself. The crops are
  # derived from the images, so they stay outside the clone, like the pages.
  echo "==> PassportEye's black-hat locator, our recogniser on its crops"
  local crops="$CARGO_TARGET_DIR/mrz-blackhat-crops/$name" crop_files
  rm -rf "$crops"
  "$VENV/bin/python" "$BENCH/blackhat_boxes.py" --crops "$crops" "${files[@]}" \
    >"$out/blackhat-boxes.jsonl" 2>"$out/blackhat-boxes.log"
  mapfile -t crop_files < <(find "$crops" -name '*.png' | sort)
  : >"$out/blackhat-reads.jsonl"
  [ ${#crop_files[@]} -eq 0 ] || "$MRZ_READ" "${crop_files[@]}" >"$out/blackhat-reads.jsonl" 2>/dev/null
  "$VENV/bin/python" "$BENCH/blackhat_combine.py" "$out/blackhat-boxes.jsonl" "$out/blackhat-reads.jsonl" \
    >"$out/blackhat.jsonl"
  score() {
    "$VENV/bin/python" "$BENCH/score.py" --manifest "$manifest" "$@" \
      "ours=$out/ours.jsonl" \
      "black-hat locator (PassportEye's) + our recogniser=$out/blackhat.jsonl" \
      "PassportEye 2.2.2 + stock eng=$out/passporteye-stock.jsonl" \
      "PassportEye 2.2.2 + mrz model=$out/passporteye-mrz.jsonl"
  }
  score --verbose >"$out/misses.txt"
  # PassportEye's lines as tesseract read them (the main table), then as PassportEye parsed them
  # after its position-based cleanup, which its `valid` refers to (see passporteye_read.py).
  {
    echo; echo "## $name: $3"
    echo; echo "MRZ lines as read (PassportEye: tesseract's text in the MRZ it chose)"; echo
    score
    echo; echo "PassportEye's parsed lines (after its cleanup; ours unchanged)"; echo
    score --field parsed_lines
  } | tee "$out/table.md"
}

: >"$RESULTS/table.md"
if [ -f "$DEV/manifest.csv" ]; then
  bench_set dev "$DEV" "dev images, which the reader was tuned on (not a held-out result)" | tee -a "$RESULTS/table.md"
else
  echo "==> no $DEV/manifest.csv: dev set skipped"
fi
if [ "$PAGES" -gt 0 ]; then
  bench_set pages "$VAL" "$PAGES synthetic validation pages (mrz-pages, seed 13013013), held out: never used for tuning or training" | tee -a "$RESULTS/table.md"
fi
