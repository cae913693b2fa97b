"""The names of the ``okr-workshop`` commands, in a module of their own.

``launch`` needs them to send a command past the window's fast start, and ``cli`` to choose its
parser; both import them from here, so that ``cli`` never imports ``launch``, which imports it.
"""

from __future__ import annotations

COMMANDS = ("import", "new", "export", "report", "serve", "rehearse")
