#!/usr/bin/env bash
# Debian packages Dogfen needs: Pango/HarfBuzz for WeasyPrint (libharfbuzz-subset0 makes font
# subsetting ~4x faster), fonts with ŵ and ŷ; for tests also Chromium, hunspell, PostgreSQL, Redis.
set -euo pipefail
want=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core python3-venv)
if [ "${1:-}" = "--test" ]; then
  want+=(chromium hunspell postgresql redis-server)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
