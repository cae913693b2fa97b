#!/usr/bin/env bash
# Build okr-workshop for Linux: one folder, dist/okr-workshop/, with everything the app needs
# offline (Python, Qt and its plugins, fonts, the demo, the phone page, icons), then smoke-test
# it and print its size and start time.
#
#   bash packaging/build_linux.sh [--no-smoke] [--archive]
#
#   --no-smoke   skip packaging/smoke_test.sh
#   --archive    also write dist/okr-workshop-VERSION-linux-ARCH.tar.gz to copy to the laptop
#
# Uses .venv (tools/setup.sh makes it; PYTHON=... picks another) and installs PyInstaller
# there if missing (the "build" extra). Nothing is downloaded when the built app runs.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
DIST="${DIST:-dist}"
WORK="${WORK:-build/pyinstaller}"
SMOKE=1
ARCHIVE=0
for arg in "$@"; do
  case "$arg" in
    --no-smoke) SMOKE=0 ;;
    --archive) ARCHIVE=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "build_linux.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$PY" ] || { echo "build_linux.sh: no $PY; run bash tools/setup.sh first" >&2; exit 1; }
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q -e ".[build]"

export QT_QPA_PLATFORM=offscreen
"$PY" packaging/render_icons.py >/dev/null  # the PNG sizes always match the SVG

SECONDS=0
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" packaging/okr-workshop.spec
BUILD_SECONDS=$SECONDS
APP="$DIST/okr-workshop"

echo
echo "Built $APP in ${BUILD_SECONDS} s"
echo "folder size: $(du -sh "$APP" | cut -f1) ($(find "$APP" -type f | wc -l) files)"
"$PY" packaging/start_time.py "$APP/okr-workshop" 5

if [ "$SMOKE" = 1 ]; then
  bash packaging/smoke_test.sh "$APP"
fi
if [ "$ARCHIVE" = 1 ]; then
  VERSION="$("$APP/okr-workshop" --version | awk '{print $2}')"
  TARBALL="$DIST/okr-workshop-$VERSION-linux-$(uname -m).tar.gz"
  tar -C "$DIST" -czf "$TARBALL" okr-workshop
  echo "archive: $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
fi
