"""``python -m okr_workshop``: the same as the ``okr-workshop`` command."""

from .launch import main

raise SystemExit(main())
