"""``python -m okr_workshop``: the same as the ``okr-workshop`` command."""

from .cli import main

raise SystemExit(main())
