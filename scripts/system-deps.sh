#!/usr/bin/env bash
# Debian packages Dogfen needs: DejaVu fonts (with ŵ and ŷ) for the PDFs, which Typst lays out
# from the Python wheel with no other system library; for tests also Chromium, hunspell,
# PostgreSQL, Redis.
set -euo pipefail
want=(fonts-dejavu-core python3-venv)
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
