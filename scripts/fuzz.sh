#!/usr/bin/env bash
# Fuzzes what Loket reads from outside (fuzz/): a typed NIK, a proof's QR text, MRZ text, the
# walk-in form as the window sends it, and the sync messages, each for SECONDS (default 20), and
# prints executions, coverage and crashes per target. Any crash fails the run; its input is kept
# in fuzz/artifacts/<target>/ to become a regression test.
#
#   scripts/fuzz.sh              # every target, 20 s each (the test command runs this)
#   scripts/fuzz.sh 600          # the benchmark run: 10 minutes each
#   scripts/fuzz.sh 60 walk_in   # one target
set -euo pipefail
source "$(dirname "$0")/deps.sh"
cd "$ROOT/fuzz"

secs="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(nik proof mrz_text walk_in sync_message)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi
# cargo-fuzz's instrumentation flags are nightly-only; the machines carry only the pinned stable
# compiler, which accepts them with RUSTC_BOOTSTRAP. No sanitizer: the code is safe Rust, and what
# the fuzzer looks for is a panic (a failed assertion in a target, an index out of range, an
# overflow, since the build keeps debug assertions on).
export RUSTC_BOOTSTRAP=1
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
export CARGO_TARGET_DIR="${LOKET_FUZZ_TARGET:-/var/tmp/loket-fuzz-target}"
FLAGS=(--sanitizer none --debug-assertions)

echo "==> building the fuzz targets"
cargo fuzz build "${FLAGS[@]}"

failed=0
printf '\n%-14s %12s %10s %8s %8s\n' target executions exec/s cov crashes
for t in "${targets[@]}"; do
  # The committed seeds stay as they are; what the fuzzer finds goes to a corpus outside the clone.
  work="$CARGO_TARGET_DIR/corpus/$t"
  mkdir -p "$work"
  log="$CARGO_TARGET_DIR/fuzz-$t.log"
  status=0
  cargo fuzz run "${FLAGS[@]}" "$t" "$work" "corpus/$t" -- \
    -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  crashes=0
  if [ "$status" -ne 0 ]; then
    crashes=1
    failed=1
  fi
  printf '%-14s %12s %10s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$crashes"
  if [ "$crashes" -ne 0 ]; then
    echo "---- $t failed (log: $log) ----"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
  fi
done
exit "$failed"
