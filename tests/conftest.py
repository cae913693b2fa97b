"""Shared test setup: Qt runs offscreen, so tests need no display (and never abort without one)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The demo's cached file (ui.demo) goes to a folder of this run, never the developer's cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="okr-workshop-test-cache-")
