"""The packaged-app test builds the whole app with PyInstaller (about a minute): it runs only
when asked for, with ``pytest -m packaging`` (as .ci/run does)."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "packaging" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="builds the packaged app (~1 min): run pytest -m packaging")
    for item in items:
        if "packaging" in item.keywords:
            item.add_marker(skip)
