#!/usr/bin/env bash
# Installs what Loket needs on Debian 12 / Ubuntu 22.04+, and only what is missing.
# Sourced by scripts/run.sh and scripts/test.sh.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  build-essential pkg-config libssl-dev curl file
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev   # Tauri 2 on Linux
  webkit2gtk-driver xvfb xauth                                                  # WebKitWebDriver, X server for tests
  poppler-utils                                                                 # pdftoppm/pdftotext, to check PDFs
  chromium chromium-driver                                                      # the central's page, tested in a real browser
  libclang-dev                                                                  # nokhwa's V4L2 bindings (bindgen)
  dbus gnome-keyring libsecret-tools                                            # the OS key store (Secret Service)
  fonts-ocr-b                                                                   # OCR-B, source of the MRZ reader's templates (a test regenerates them)
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A Node.js that came from elsewhere (nvm, NodeSource) is fine; only install Debian's when none is on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# PostgreSQL for the central service and its tests: Debian 12's 15 (a newer one where a release
# has no 15). Only the server binaries are used; no system service is needed.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  pg=postgresql-15
  apt-cache show "$pg" >/dev/null 2>&1 || pg=postgresql
  echo "==> installing $pg"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pg"
fi
# Debian's package starts a system cluster; Loket never uses it (scripts/central.sh and the tests
# start their own in a folder), so a freshly installed one may be stopped by the admin at will.

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/loket-target}"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ui_deps() {
  # `npm ci` refuses the lockfile because the registry lacks some optional platform builds of the
  # Tauri CLI; `npm install` installs the locked versions and leaves the lockfile alone.
  if [ ! -d "$ROOT/ui/node_modules" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    echo "==> installing UI packages"
    npm --prefix "$ROOT/ui" install --no-audit --no-fund --loglevel=error
  fi
}


# Benchmark-only packages, never needed to build, run or test the app: installed only when a
# benchmark calls `bench_deps`. zbar-tools provides zbarimg, the side-by-side QR decoder that
# `cargo bench -p loket-scan --bench qr_frames` compares against.
BENCH_PACKAGES=(zbar-tools)

bench_deps() {
  local absent=()
  for p in "${BENCH_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || absent+=("$p")
  done
  if [ ${#absent[@]} -gt 0 ]; then
    echo "==> installing benchmark packages: ${absent[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${absent[@]}"
  fi
}
