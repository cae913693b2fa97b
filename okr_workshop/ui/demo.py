"""The demo offsite: the shipped JSON imported into a fresh file each time."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from ..domain.validate import workshop_from_document
from ..resource_lookup import resource
from ..store.workshop_file import write_new


def make_demo_copy() -> Path:
    """A new workshop file holding the demo, in a folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="okr-workshop-demo-"))
    doc = json.loads(resource("demo/demo.json").read_text(encoding="utf-8"))
    path = folder / "demo offsite.okrw"
    write_new(path, workshop_from_document(doc))
    return path
