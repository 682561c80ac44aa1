#!/usr/bin/env bash
# Babel workflow: extract msgids, update the Welsh catalog, fill it from the reviewed fragments,
# compile. `.po` files are committed; `.mo` files are built (setup and CI run `compile` only).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-compile}" in
  update)
    pybabel extract -F babel.cfg -k N_ -k NP_:1c,2 -k _l -k lazy_gettext --sort-by-file \
      --no-location --omit-header -o web/translations/messages.pot . >/dev/null 2>&1
    if [ ! -f web/translations/cy/LC_MESSAGES/messages.po ]; then
      pybabel init -i web/translations/messages.pot -d web/translations -l cy
    fi
    pybabel update -i web/translations/messages.pot -d web/translations -l cy --no-fuzzy-matching \
      --ignore-obsolete
    python scripts/fill_translations.py
    ;;
  compile)
    pybabel compile -d web/translations --statistics
    ;;
  *) echo "usage: $0 [update|compile]" >&2; exit 2 ;;
esac
