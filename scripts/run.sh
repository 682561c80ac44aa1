#!/usr/bin/env bash
# Set up and run Dogfen on its embedded defaults: SQLite in instance/, jobs in-process, demo data
# and a first admin user. Prints only the sign-in link (and the first password, once); setup's
# own output is shown only if it fails. Options: --port N (default 5000). Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
port=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    *) echo "usage: scripts/run.sh [--port N]" >&2; exit 2 ;;
  esac
done
log="$(mktemp)"
if ! {
  scripts/system-deps.sh
  [ -x .venv/bin/dogfen ] || { python3 -m venv .venv && .venv/bin/pip install -q --upgrade pip; }
  .venv/bin/pip install -q -e .
  .venv/bin/pybabel compile -d web/translations -f
  .venv/bin/dogfen setup --demo --port "$port"
} >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
echo "Dogfen: $(grep '^sign in at' "$log" || echo "sign in at http://127.0.0.1:$port/sign-in")"
echo "Stop it with Ctrl+C."
rm -f "$log"
exec .venv/bin/dogfen run --port "$port"
