"""Regression guard: PySide6 6.12.0 aborts Python 3.11 after a few hundred Signal.emit() calls.

The emits run in a subprocess, so the abort (exit 134, "Fatal Python error: bool_dealloc")
fails this test instead of killing the whole pytest run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

EMITS = 5000

SCRIPT = textwrap.dedent(
    f"""
    import PySide6
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        value = Signal(int)

    received = []

    def slot(value):
        received.append(value)

    source = Source()
    source.value.connect(slot)
    for i in range({EMITS}):
        source.value.emit(i)
    assert received == list(range({EMITS})), len(received)
    print("PySide6", PySide6.__version__, "emitted", len(received))
    """
)


def test_thousands_of_signal_emits_do_not_crash_the_interpreter():
    """A Signal(int) connected to a Python slot survives 5000 emits (6.12.0 aborts long before)."""
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    print(done.stdout.strip())
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-2000:]}"
    assert f"emitted {EMITS}" in done.stdout
