"""Who has finished the private alignment check: names and a state, never what anyone answered.

This is what the room may see while the check runs, so it takes only the workshop's people
and the list of who finished; it never reads an answer's items. Department heads who take the
check a level lower are listed under the executives, each group with its own count.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ...domain import alignment
from ...domain import model as m

FINISHED = "✓ finished"
WAITING = "… waiting"
# Who takes the check, in the order their names are offered: role -> the group's name.
LEVELS: dict[str, str] = {"executive": "Executives", "participant": "Department heads"}


def progress_text(ws: m.Workshop) -> str:
    """Who has finished, per level: "Executives 8 of 8 · Department heads 2 of 2" (a level with nobody
    in it is left out; the executives' count stands alone when there are no department heads)."""
    parts = []
    for role, words in LEVELS.items():
        people = [p for p in ws.participants if p.role == role]
        if people or role == "executive":
            parts.append(f"{words} {len(alignment.finished(ws, role))} of {len(people)}")
    return " · ".join(parts)


class ProgressBoard(QWidget):
    """A two-column list: each person's name and "finished" or "waiting", executives first."""

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
        self._shown: tuple | None = None  # what the rows show now: (id, name, role, finished) per person

    def show_workshop(self, ws: m.Workshop) -> None:
        """Redraw from the workshop: who takes the check and who has finished."""
        groups = {role: [p for p in ws.participants if p.role == role] for role in LEVELS}
        done = {pid for role in LEVELS for pid in alignment.finished(ws, role)}
        people = [p for group in groups.values() for p in group]
        shown = tuple((p.id, p.name, p.role, p.id in done) for p in people)
        if shown == self._shown:
            return  # nothing it shows changed (the stage shown or hidden): 60 people are 120 new labels
        self._shown = shown
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None and widget is not self.summary:
                widget.setParent(None)
                widget.deleteLater()
        self.rows = {}
        executives = groups["executive"]
        if not groups["participant"]:  # executives only: the check as it was designed
            self.summary.setText(f"{len(done & {p.id for p in executives})} of {len(executives)} executives have "
                                 "answered" if executives else
                                 "No executives in this workshop yet: add them on the Overview.")
        else:
            self.summary.setText(progress_text(ws))
        self.grid.addWidget(self.summary, 0, 0, 1, 3)
        row = 1
        for role, words in LEVELS.items():
            if not groups[role]:
                continue
            if groups["participant"]:  # two levels: each under its name
                title = QLabel(words)
                title.setProperty("role", "hint")
                self.grid.addWidget(title, row, 0, 1, 3)
                row += 1
            for person in groups[role]:
                name = QLabel(person.name)
                state = QLabel(FINISHED if person.id in done else WAITING)
                state.setProperty("role", "good" if person.id in done else "hint")
                self.grid.addWidget(name, row, 0)
                self.grid.addWidget(state, row, 1)
                self.rows[person.id] = (name, state)
                row += 1

    def texts(self) -> list[str]:
        """Everything the board shows, for tests and for checking that no answer leaks."""
        return [self.summary.text()] + [f"{n.text()} {s.text()}" for n, s in self.rows.values()]
