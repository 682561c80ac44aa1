#!/usr/bin/env bash
# Run a command with DOGFEN_TEST_DATABASE_URL pointing at a PostgreSQL test database, starting
# Debian's cluster if needed. Used by `make test` so the suite also runs on PostgreSQL.
set -euo pipefail
if [ -n "${DOGFEN_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi
if ! command -v pg_lsclusters >/dev/null; then
  echo "PostgreSQL is not installed: skipping the PostgreSQL run" >&2
  [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
cluster=$(pg_lsclusters -h | head -n1)
ver=$(echo "$cluster" | awk '{print $1}'); name=$(echo "$cluster" | awk '{print $2}')
port=$(echo "$cluster" | awk '{print $3}')
if ! echo "$cluster" | grep -q online; then
  if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$ver" "$name" start; else sudo pg_ctlcluster "$ver" "$name" start; fi
fi
as_postgres psql -p "$port" -qtc "SELECT 1 FROM pg_roles WHERE rolname='dogfen'" | grep -q 1 \
  || as_postgres psql -p "$port" -qc "CREATE ROLE dogfen LOGIN SUPERUSER PASSWORD 'dogfen'"
as_postgres psql -p "$port" -qtc "SELECT 1 FROM pg_database WHERE datname='dogfen_test'" | grep -q 1 \
  || as_postgres createdb -p "$port" -O dogfen dogfen_test
export DOGFEN_TEST_DATABASE_URL="postgresql://dogfen:dogfen@127.0.0.1:${port}/dogfen_test"
exec "$@"
