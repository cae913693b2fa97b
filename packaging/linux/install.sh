#!/usr/bin/env bash
# Install the packaged okr-workshop for this user: no root, nothing downloaded.
#   ./install.sh              copy this folder to ~/.local/opt/okr-workshop, add the command,
#                             the menu entry, the icon and the .okrw file type
#   ./install.sh --uninstall  remove all of that again (workshop files and restore points stay)
# PREFIX=/some/where ./install.sh installs under another prefix (default ~/.local).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
DEST="$PREFIX/opt/okr-workshop"
SHARE="$PREFIX/share"

refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$SHARE/applications" >/dev/null 2>&1 || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$DEST"
  rm -f "$PREFIX/bin/okr-workshop" "$SHARE/applications/okr-workshop.desktop" \
        "$SHARE/mime/packages/okr-workshop.xml" "$SHARE/icons/hicolor/scalable/apps/okr-workshop.svg"
  for size in 48 128 256; do rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/okr-workshop.png"; done
  refresh
  echo "okr-workshop removed (workshop files and restore points are untouched)."
  exit 0
fi

if [ "$HERE" != "$DEST" ]; then
  rm -rf "$DEST"
  mkdir -p "$(dirname "$DEST")"
  cp -a "$HERE" "$DEST"
fi
mkdir -p "$PREFIX/bin"
ln -sf "$DEST/okr-workshop" "$PREFIX/bin/okr-workshop"
ICONS="$DEST/share/icons"
for size in 48 128 256; do
  install -Dm644 "$ICONS/okr-workshop-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/okr-workshop.png"
done
install -Dm644 "$ICONS/okr-workshop.svg" "$SHARE/icons/hicolor/scalable/apps/okr-workshop.svg"
mkdir -p "$SHARE/applications"
sed "s|^Exec=.*|Exec=\"$DEST/okr-workshop\" %f|" "$DEST/share/okr-workshop.desktop" \
  > "$SHARE/applications/okr-workshop.desktop"
install -Dm644 "$DEST/share/okr-workshop-mime.xml" "$SHARE/mime/packages/okr-workshop.xml"
refresh
echo "okr-workshop installed in $DEST"
echo "Start it from the applications menu, or run: $PREFIX/bin/okr-workshop"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "(add $PREFIX/bin to PATH to type just okr-workshop)";; esac
