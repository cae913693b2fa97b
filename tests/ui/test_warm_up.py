"""The heavy libraries load in the background after the first frame, so no click imports them."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from okr_workshop.ui.warm_up import HEAVY, warm_up
assert not any(name in sys.modules for name in ("networkx", "reportlab.platypus"))
warm_up().join(60)
missing = [name for name in HEAVY if name not in sys.modules]
print(missing)
"""


def test_warm_up_imports_every_heavy_library_off_the_gui_thread():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_module_that_cannot_be_imported_does_not_stop_the_others():
    script = ("from okr_workshop.ui.warm_up import warm_up; import sys; "
              "warm_up(('no_such_module_here', 'networkx')).join(60); print('networkx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
