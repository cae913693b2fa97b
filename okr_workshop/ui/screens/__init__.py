"""The screens, in the order of the offsite's flow (shared/DOMAIN.md)."""

from .actions import ActionsScreen
from .decision_rights import DecisionRightsScreen
from .dependencies import DependenciesScreen
from .diagnose import DiagnoseScreen
from .export import ExportScreen
from .not_now import NotNowScreen
from .okrs import OkrsScreen
from .overview import OverviewScreen
from .rhythm import RhythmScreen
from .vote import VoteScreen

SCREENS = [
    ("Overview", OverviewScreen),
    ("Diagnose", DiagnoseScreen),
    ("Vote", VoteScreen),
    ("Not now & trade-offs", NotNowScreen),
    ("Dependencies", DependenciesScreen),
    ("Decision rights", DecisionRightsScreen),
    ("OKRs", OkrsScreen),
    ("Rhythm", RhythmScreen),
    ("Actions", ActionsScreen),
    ("Export", ExportScreen),
]
