"""The screens, in the order of the offsite's flow (shared/DOMAIN.md).

Each is imported when it is first shown, so the window appears without loading them all.
"""

from __future__ import annotations

from importlib import import_module

from PySide6.QtWidgets import QWidget

SCREENS: list[tuple[str, str]] = [
    ("Overview", "overview:OverviewScreen"),
    ("Retrospective", "retrospective:RetrospectiveScreen"),  # last quarter scored, before this one is diagnosed
    ("Diagnose", "diagnose:DiagnoseScreen"),
    ("Room's voice", "voice:VoiceScreen"),  # prompts, their themes, questions from the floor
    ("Vote", "vote:VoteScreen"),
    ("Not now & trade-offs", "not_now:NotNowScreen"),
    ("Dependencies", "dependencies:DependenciesScreen"),
    ("Decision rights", "decision_rights:DecisionRightsScreen"),
    ("OKRs", "okrs:OkrsScreen"),
    ("Rhythm", "rhythm:RhythmScreen"),
    ("Actions", "actions:ActionsScreen"),
    ("Export", "export:ExportScreen"),
    ("Run of show", "run_of_show:RunOfShowScreen"),  # the agenda, the parking lot and the decision log
]


def screen_class(index: int) -> type[QWidget]:
    module, name = SCREENS[index][1].split(":")
    return getattr(import_module(f"{__name__}.{module}"), name)
