#!/usr/bin/env bash
# Set up and run every check CI runs: lint, the test suite on SQLite (with headless Chromium,
# Redis workers and the Welsh spell check), then the database tests again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh --test
[ -x .venv/bin/dogfen ] || { python3 -m venv .venv && .venv/bin/pip install -q --upgrade pip; }
.venv/bin/pip install -q -e '.[test]'
.venv/bin/pip install -q --no-deps cymraeg-mcp
.venv/bin/pybabel compile -d web/translations -f >/dev/null
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/pytest -q "$@"
echo "--- the database tests again, on PostgreSQL ---"
scripts/with-postgres.sh .venv/bin/pytest -q -m db "$@"
