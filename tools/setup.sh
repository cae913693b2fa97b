#!/usr/bin/env bash
# Set up okr-workshop on a fresh Debian or Ubuntu machine: the system libraries Qt needs,
# then a virtual environment in .venv with the app (and, with --test, what the tests need).
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TESTS=0
[ "${1:-}" = "--test" ] && WITH_TESTS=1

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# Qt's offscreen and xcb platforms, CJK fonts, and (for tests) the PDF tools.
PACKAGES=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0
          fonts-droid-fallback libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
          libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0
          libxcb-xinerama0)
# (for tests) the PDF tools, and Debian's Chromium for the phone-page test (Playwright drives it;
# its bundled node needs libatomic1). Playwright itself downloads nothing.
[ "$WITH_TESTS" = 1 ] && PACKAGES+=(xvfb poppler-utils qpdf chromium libatomic1)
python3 -m venv --help >/dev/null 2>&1 || PACKAGES+=(python3-venv python3-pip)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$WITH_TESTS" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test,build]"  # build: PyInstaller, for the packaged-app test
else
  .venv/bin/python -m pip install -q .
fi
