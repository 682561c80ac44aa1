#!/usr/bin/env bash
# Set up and run Dogfen on its embedded defaults: SQLite in instance/, jobs in-process,
# demo data and a first admin user whose sign-in is printed (once, when it is created).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
[ -x .venv/bin/dogfen ] || { python3 -m venv .venv && .venv/bin/pip install -q --upgrade pip; }
.venv/bin/pip install -q -e .
.venv/bin/pybabel compile -d web/translations -f >/dev/null
.venv/bin/dogfen setup --demo
exec .venv/bin/flask --app web run "$@"
