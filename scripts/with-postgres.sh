#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb into a temporary folder,
# start it on a local port, export DATABASE_URL, run the command, stop and remove the server.
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found; install Debian's postgresql package." >&2
  exit 2
fi
PORT=${PG_PORT:-55432}
DIR=$(mktemp -d)
DATA="$DIR/pg"
mkdir -p "$DATA"

as_pg() {
  # initdb refuses to run as root, so the server runs as the postgres user when we are root.
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown -R postgres: "$DIR"; fi

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/wenchuang"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PORT" >&2
"$@"
