#!/usr/bin/env bash
# Smoke test of the packaged app (a folder built by packaging/build_linux.sh):
# start it offscreen with the demo and exit at its first frame, import the demo, open that file,
# export the PDF pack (and JSON, and the report), and check every step exits cleanly.
# Where the system allows it, everything runs with no network at all (unshare -rn), which
# proves that nothing is fetched at run time.
#
#   bash packaging/smoke_test.sh [dist/okr-workshop]
set -euo pipefail

APP="${1:-dist/okr-workshop}"
[ -x "$APP/okr-workshop" ] || { echo "smoke: no $APP/okr-workshop; build it: bash packaging/build_linux.sh" >&2; exit 1; }
APP="$(cd "$APP" && pwd)"
BIN="$APP/okr-workshop"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/okr-smoke-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
# A first start on a clean account, and nothing from a Python installation leaking in.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export QT_QPA_PLATFORM=offscreen
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
mkdir -p "$HOME"

OFFLINE=()
if unshare -rn true 2>/dev/null; then OFFLINE=(unshare -rn); fi

FAILED=0
step() {  # step NAME COMMAND...: run offline, keep output, fail on a non-zero exit or a traceback
  local name="$1"; shift
  local started=$SECONDS
  if "${OFFLINE[@]}" "$@" >"$WORK/out" 2>"$WORK/err" && ! grep -q "Traceback" "$WORK/err"; then
    echo "  ok    $name ($((SECONDS - started)) s)"
    return 0
  fi
  echo "  FAIL  $name" >&2
  sed 's/^/        /' "$WORK/err" >&2
  FAILED=1
  return 1
}
expect() {  # expect WHAT GREP_PATTERN FILE
  if grep -q -- "$2" "$3"; then return 0; fi
  echo "  FAIL  $1: no '$2' in $3" >&2
  FAILED=1
}

echo "smoke test of $APP (network: $([ ${#OFFLINE[@]} -gt 0 ] && echo "none, unshare -rn" || echo "as is"))"
step "--version" "$BIN" --version && expect "version" "okr-workshop" "$WORK/out"
step "the demo painted, then a clean exit" "$BIN" --demo --exit-after-start &&
  expect "first frame" "first frame painted at" "$WORK/out"
if command -v xvfb-run >/dev/null; then  # the xcb plugin and its libraries, in a real X server
  step "a real window (xcb under Xvfb)" xvfb-run -a -s "-screen 0 1280x800x24" \
    env QT_QPA_PLATFORM=xcb "$BIN" --demo --exit-after-start && expect "first frame" "first frame painted at" "$WORK/out"
fi
DEMO_JSON="$APP/_internal/okr_workshop/resources/demo/demo.json"
step "import the bundled demo" "$BIN" import "$DEMO_JSON" -o demo.okrw
step "open the imported file" "$BIN" demo.okrw --exit-after-start &&
  expect "first frame" "first frame painted at" "$WORK/out"
if "$BIN" export --help 2>/dev/null | grep -q -- "--pdf"; then
  if step "export the PDF pack" "$BIN" export demo.okrw --pdf out.pdf; then
    if [ "$(head -c 4 out.pdf)" = "%PDF" ]; then
      echo "        out.pdf: $(du -h out.pdf | cut -f1)"
    else
      echo "  FAIL  out.pdf is not a PDF" >&2; FAILED=1
    fi
    if command -v pdftotext >/dev/null; then
      pdftotext out.pdf out.txt && expect "the pack's text" "Baltica Freightworks" out.txt
    fi
  fi
else
  echo "  note  this build has no 'export --pdf' yet: checking the report and the JSON export instead"
fi
step "report" "$BIN" report demo.okrw && cp "$WORK/out" report.json && expect "report" '"workshop"' report.json
step "export JSON" "$BIN" export demo.okrw --json out.json && expect "JSON" '"format": "okr-workshop"' out.json

if [ "$FAILED" = 0 ]; then
  echo "smoke test passed"
else
  echo "smoke test FAILED" >&2
  exit 1
fi
