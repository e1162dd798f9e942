#!/usr/bin/env bash
# Runs the reference central service on a private PostgreSQL: installs what is missing, starts a
# cluster in a data folder of its own (no system service; as root the server runs as `postgres`),
# migrates, imports the offices and holidays, seeds the demo (Jakarta Selatan like the desktop demo,
# plus Denpasar and Makassar in WITA and Jayapura in WIT, with released quota and online bookings)
# and serves on http://127.0.0.1:8080 with the demo signing key demo PCs trust.
#
#   scripts/central.sh                 start (or restart) and serve in the foreground; Ctrl-C stops both
#   LOKET_CENTRAL_DATA=/path scripts/central.sh     keep the cluster elsewhere
#   LOKET_CENTRAL_LISTEN=0.0.0.0:8080 scripts/central.sh   listen on the network
set -euo pipefail
source "$(dirname "$0")/deps.sh"

# As root the server runs as `postgres`, which cannot enter /root: the cluster lives under /var/lib.
if [ "$(id -u)" -eq 0 ]; then default_data=/var/lib/loket-central; else default_data="$HOME/.local/share/loket-central"; fi
data="${LOKET_CENTRAL_DATA:-$default_data}"
port="${LOKET_CENTRAL_PG_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | head -1)"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$data"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data"; fi
if [ ! -f "$data/pg/PG_VERSION" ]; then
  echo "==> creating a PostgreSQL cluster in $data/pg"
  run_pg "$bin/initdb" -D "$data/pg" -A trust -U loket >/dev/null
fi
if ! run_pg "$bin/pg_ctl" -D "$data/pg" status >/dev/null 2>&1; then
  echo "==> starting PostgreSQL on 127.0.0.1:$port"
  run_pg "$bin/pg_ctl" -D "$data/pg" -l "$data/pg.log" -w start \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1"
fi
stop_pg() { run_pg "$bin/pg_ctl" -D "$data/pg" -m fast stop >/dev/null 2>&1 || true; }
trap stop_pg EXIT

psql -h 127.0.0.1 -p "$port" -U loket -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'loket'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$port" -U loket -d postgres -qc "CREATE DATABASE loket"
export DATABASE_URL="postgres://loket@127.0.0.1:$port/loket"

echo "==> building loket-central"
cargo build --locked -p loket-central
central="$CARGO_TARGET_DIR/debug/loket-central"
echo "==> migrating, importing offices and holidays, seeding the demo"
"$central" seed-demo
echo "==> serving on http://${LOKET_CENTRAL_LISTEN:-127.0.0.1:8080} (Ctrl-C stops the service and PostgreSQL)"
"$central" serve --demo-key
