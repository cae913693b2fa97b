"""Shared test setup: Qt runs offscreen, so tests need no display (and never abort without one)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
