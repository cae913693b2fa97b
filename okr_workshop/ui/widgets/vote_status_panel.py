"""What the Vote screen shows around the results: who has voted (names, never what), the
placeholder the room sees while results are hidden, and the banner over a facilitator's peek.

The words come from ``domain.vote_status``; these widgets only lay them out, large and calm on
the projector, compact on the laptop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...domain import model as m
from ...domain.vote_status import turnout_words, voting_status

HIDDEN_TEXT = "Results hidden until the facilitator reveals them"
PEEK_TEXT = "Peeking: the room cannot see these results. Projector mode hides them until you reveal."
PEEK_STYLE = ("QLabel { background: #B33F00; color: #FFFFFF; font-weight: 700; padding: 8px 12px; "
              "border-radius: 6px; }")


def _label(role: str | None = None) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


def _names(ws: m.Workshop, ids: list[str]) -> str:
    return ", ".join(ws.participant_name(p) or p for p in ids)


class VoteStatusPanel(QFrame):
    """The turnout in words for everyone; on the laptop also who has voted, who not yet, and
    who sits the vote out. Abstentions are only ever a count."""

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
        self._projector = False

    def set_projector(self, on: bool) -> None:
        self._projector = on
        self.names.setVisible(not on and bool(self.names.text()))

    def show_vote(self, ws: m.Workshop, vote: m.Vote | None) -> None:
        if vote is None:
            self.turnout.setText("")
            self.names.setText("")
            self.setVisible(False)
            return
        self.setVisible(True)
        status = voting_status(ws, vote)
        self.turnout.setText(turnout_words(ws, vote) + (" · closed" if vote.closed else ""))
        lines = [f"Voted: {_names(ws, status.voted) or 'nobody yet'}."]
        if status.waiting:
            lines.append(f"Not yet: {_names(ws, status.waiting)}.")
        if status.abstentions:
            lines.append(f"Abstentions: {status.abstentions}.")
        if status.opted_out:
            lines.append(f"Sits this vote out: {_names(ws, status.opted_out)}.")
        self.names.setText("   ·   ".join(lines))
        self.names.setVisible(not self._projector)


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
    """Over the results on the laptop while the room cannot see them: strong colour and words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(PEEK_TEXT, parent)
        self.setWordWrap(True)
        self.setStyleSheet(PEEK_STYLE)
