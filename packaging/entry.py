"""The packaged app's entry point: the same as the ``okr-workshop`` command, plus two settings
that only a bundle needs (PyInstaller's runtime hooks have run by the time this does)."""

import os
import sys
from pathlib import Path


def _matplotlib_cache() -> None:
    """Keep matplotlib's font list between starts.

    PyInstaller's hook points matplotlib at a new temporary folder on every start (right for
    one-file builds, whose paths change each run), so the font list would be rebuilt by the
    first chart of every session: seconds on a laptop with many fonts. A one-folder build's
    paths are stable, and matplotlib rebuilds the list by itself if the folder moves.
    """
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "okr-workshop" / "cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "okr-workshop"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "okr-workshop"
    folder = base / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # keep the temporary folder
    os.environ["MPLCONFIGDIR"] = str(folder)


def _cjk_font() -> None:
    """The PDF pack looks for Droid Sans Fallback (Japanese, Chinese, Korean names) in the
    system's font folder only; the build copies it into the bundle when the build machine has
    it, so such names print on a laptop without the font too. The module imports no PDF library."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "fonts" / "DroidSansFallbackFull.ttf"
    if not bundled.is_file():
        return
    try:
        from okr_workshop.export import fonts
    except ImportError:  # a build without the PDF pack
        return
    fonts.FALLBACK_FILES = (*getattr(fonts, "FALLBACK_FILES", ()), bundled)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        _matplotlib_cache()
        _cjk_font()
    from okr_workshop.launch import main

    sys.exit(main())
