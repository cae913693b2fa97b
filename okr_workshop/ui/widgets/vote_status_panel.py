"""What the Vote screen shows around the results: who has voted (names, never what), the
placeholder the room sees while results are hidden, and the banner over a facilitator's peek.

The words come from ``domain.vote_status``; these widgets only lay them out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...domain import model as m
from ...domain.vote_status import status_lines, turnout_words

HIDDEN_TEXT = "Results hidden until the facilitator reveals them"
PEEK_TEXT = "Peeking: the room cannot see these results. The stage hides them until you reveal."
HELD_TEXT = "The room may see this: these results are not revealed yet. Let go of the button to hide them."
PEEK_STYLE = ("QLabel { background: #B33F00; color: #FFFFFF; font-weight: 700; padding: 8px 12px; "
              "border-radius: 6px; }")


def _label(role: str | None = None) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class VoteStatusPanel(QFrame):
    """The turnout in words for everyone; on the laptop also who has voted, who not yet, and
    who sits the vote out (as counts while the room may see the laptop). Abstentions are only
    ever a count."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.turnout = _label("subtitle")
        self.names = _label()
        self.names.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.turnout)
        layout.addWidget(self.names)
        self._room_sees = False

    def set_room_sees(self, on: bool) -> None:
        """The room may see the console: counts only, no names (redrawn by the next ``show_vote``)."""
        self._room_sees = on

    def show_vote(self, ws: m.Workshop, vote: m.Vote | None) -> None:
        if vote is None:
            self.turnout.setText("")
            self.names.setText("")
            self.setVisible(False)
            return
        self.setVisible(True)
        self.turnout.setText(turnout_words(ws, vote) + (" · closed" if vote.closed else ""))
        lines = status_lines(ws, vote, named=not self._room_sees)
        self.names.setText("   ·   ".join(lines))


class HiddenResults(QFrame):
    """In place of the chart while the results are hidden: a large, calm line and the turnout."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.headline = _label("title")
        self.headline.setText(HIDDEN_TEXT)
        self.headline.setAlignment(Qt.AlignCenter)
        self.turnout = _label("subtitle")
        self.turnout.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addSpacing(12)
        layout.addWidget(self.turnout)
        layout.addStretch(2)

    def show_turnout(self, text: str) -> None:
        self.turnout.setText(text)


class PeekBanner(QLabel):
    """Over the results on the laptop while the room cannot see them: strong colour and words.
    While the room may see the laptop it says so plainly: the peek is then the facilitator's risk."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(PEEK_TEXT, parent)
        self.setWordWrap(True)
        self.setStyleSheet(PEEK_STYLE)

    def set_room_sees(self, on: bool) -> None:
        self.setText(HELD_TEXT if on else PEEK_TEXT)
