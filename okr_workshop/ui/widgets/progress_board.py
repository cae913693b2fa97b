"""Who has finished the private alignment check: names and a state, never what anyone answered.

This is what the room may see while the check runs, so it takes only the workshop's people
and the list of who finished; it never reads an answer's items.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ...domain import alignment
from ...domain import model as m

FINISHED = "✓ finished"
WAITING = "… waiting"


class ProgressBoard(QWidget):
    """A two-column list: each executive's name and "finished" or "waiting"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setColumnStretch(2, 1)
        self.summary = QLabel()
        self.summary.setProperty("role", "subtitle")
        self.summary.setWordWrap(True)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        self._shown: tuple | None = None  # what the rows show now: (id, name, finished) per executive

    def show_workshop(self, ws: m.Workshop) -> None:
        """Redraw from the workshop: who is an executive and who has finished."""
        done = set(alignment.finished(ws))
        people = ws.executives()
        shown = tuple((p.id, p.name, p.id in done) for p in people)
        if shown == self._shown:
            return  # nothing it shows changed (the stage shown or hidden): 60 people are 120 new labels
        self._shown = shown
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None and item.widget() is not self.summary:
                item.widget().setParent(None)
                item.widget().deleteLater()
        self.rows = {}
        self.summary.setText(f"{len(done & {p.id for p in people})} of {len(people)} executives have answered"
                             if people else "No executives in this workshop yet: add them on the Overview.")
        self.grid.addWidget(self.summary, 0, 0, 1, 3)
        for row, person in enumerate(people, start=1):
            name = QLabel(person.name)
            state = QLabel(FINISHED if person.id in done else WAITING)
            state.setProperty("role", "good" if person.id in done else "hint")
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(state, row, 1)
            self.rows[person.id] = (name, state)

    def texts(self) -> list[str]:
        """Everything the board shows, for tests and for checking that no answer leaks."""
        return [self.summary.text()] + [f"{n.text()} {s.text()}" for n, s in self.rows.values()]
