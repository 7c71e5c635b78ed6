#!/usr/bin/env bash
# Installs the Debian packages the tests need (PostgreSQL server, Chromium, PDF fonts and
# libraries) when any is missing. Needs root or sudo; does nothing when all are present.
set -euo pipefail
packages=(postgresql chromium chromium-driver libpango-1.0-0 libpangoft2-1.0-0
          libharfbuzz-subset0 fonts-dejavu-core gettext
          libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
