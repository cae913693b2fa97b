"""What a voter touches on the pass-the-laptop ballot: one input per vote method.

Every target is large (BIG px), because the laptop is passed round a table and voted on by
people holding it at odd angles. Each input keeps its own state, knows nothing of voters or
the file, and says what it holds through ``scores()`` and ``status()``; the ballot screen
judges it with the one rule book, ``domain.ballots.ballot_problem``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.ballots import SCALE_MAX, SCALE_MIN, ballot_problem

ABSTAIN = "I abstain"
BIG = 64  # px: the height of every button a voter presses (the brief's floor is 56)

HELP = {
    "dots": "Put your dots on what matters most. You need not use them all.",
    "points": "Share out all your points. More points means more important.",
    "rank": "Put the items in order, most important at the top. Drag them, or use Move up and Move down "
            "(Ctrl+↑ / Ctrl+↓).",
    "scale": f"Rate every item from {SCALE_MIN} (least important) to {SCALE_MAX} (most important).",
}


def voter_reason(vote: m.Vote, scores: dict[str, int], titles: dict[str, str]) -> str | None:
    """Why this ballot cannot be submitted yet, in words for the voter (titles, never ids).
    A blank ballot would be an abstention: that has its own button, so it is not submitted here."""
    problem = ballot_problem(vote, scores)
    if problem is None and scores:
        return None
    if vote.method == "points":
        budget, total = vote.effective_budget or 0, sum(scores.values())
        if total < budget:
            return f"Share out all {budget} points: {budget - total} still to give."
        if total > budget:
            return f"That is {total - budget} points too many: take some away."
    if vote.method == "scale":
        missing = [i for i in vote.items if i not in scores]
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            return f"Rate every item: “{titles.get(missing[0], missing[0])}”{more} still to rate."
    if problem is None:  # blank
        what = "a dot" if vote.method == "dots" else "a choice"
        return f"Nothing chosen yet: put {what} on an item, or press “{ABSTAIN}” to vote for none."
    for item in sorted(titles, key=len, reverse=True):
        problem = problem.replace(repr(item), f"“{titles[item]}”")
    return problem[0].upper() + problem[1:] + "."


def _button(text: str, width: int | None = BIG) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(BIG)
    if width:
        button.setMinimumWidth(width)
    button.setFocusPolicy(Qt.StrongFocus)
    return button


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "ballot-item")
    return label


class BallotInput(QWidget):
    """The common face of the inputs."""

    changed = Signal()

    def __init__(self, vote: m.Vote, titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.vote = vote
        self.titles = titles

    def scores(self) -> dict[str, int]:
        raise NotImplementedError

    def status(self) -> str:
        """The large line that is always in view: budget left, items rated, and so on."""
        return ""

    def focus_first(self) -> None:
        """Put the keyboard on the ballot itself, not on the page's other buttons."""
        first = next((w for w in self.findChildren(QWidget) if w.focusPolicy() & Qt.TabFocus and w.isEnabled()),
                     None)
        if first is not None:
            first.setFocus()


class AllocationInput(BallotInput):
    """Dots or points: big − and + per item, with the count between them. For points the
    buttons also step by five or ten, so 100 points do not take a hundred presses."""

    def __init__(self, vote: m.Vote, titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(vote, titles, parent)
        self.budget = vote.effective_budget or 0
        self.cap = vote.cap if vote.method == "dots" else None
        self.unit = "dot" if vote.method == "dots" else "point"
        self.counts = dict.fromkeys(vote.items, 0)
        self.steps = (1,) if vote.method == "dots" or self.budget < 20 else (1, 5) if self.budget < 50 else (1, 10)
        self.plus: dict[str, QPushButton] = {}
        self.minus: dict[str, QPushButton] = {}
        self.step_buttons: dict[tuple[str, int], QPushButton] = {}
        self.count_labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        grid.setAlignment(Qt.AlignTop)
        for row, item in enumerate(vote.items):
            grid.addWidget(_title(titles.get(item, item)), row, 0)
            col = 1
            for step in reversed(self.steps):
                button = _button(f"−{step}" if len(self.steps) > 1 else "−")
                button.setAccessibleName(f"{step} fewer {self.unit}s for {titles.get(item, item)}")
                button.clicked.connect(lambda _=False, i=item, s=step: self.add(i, -s))
                self.step_buttons[(item, -step)] = button
                grid.addWidget(button, row, col)
                col += 1
            count = QLabel("0")
            count.setProperty("role", "ballot-count")
            count.setAlignment(Qt.AlignCenter)
            count.setMinimumWidth(int(BIG * 1.6))
            self.count_labels[item] = count
            grid.addWidget(count, row, col)
            col += 1
            for step in self.steps:
                button = _button(f"+{step}" if len(self.steps) > 1 else "+")
                button.setAccessibleName(f"{step} more {self.unit}s for {titles.get(item, item)}")
                button.clicked.connect(lambda _=False, i=item, s=step: self.add(i, s))
                self.step_buttons[(item, step)] = button
                grid.addWidget(button, row, col)
                col += 1
            self.minus[item] = self.step_buttons[(item, -1)]
            self.plus[item] = self.step_buttons[(item, 1)]
        self._update()

    def left(self) -> int:
        return self.budget - sum(self.counts.values())

    def room(self, item: str) -> int:
        """How many more this item can take: the budget left, and the cap."""
        room = self.left()
        if self.cap is not None:
            room = min(room, self.cap - self.counts[item])
        return max(room, 0)

    def add(self, item: str, delta: int) -> None:
        """Change an item's count by ``delta``, clamped to what the rules allow."""
        delta = min(delta, self.room(item)) if delta > 0 else max(delta, -self.counts[item])
        if delta:
            self.counts[item] += delta
            self._update()
            self.changed.emit()

    def _update(self) -> None:
        for item in self.vote.items:
            self.count_labels[item].setText(str(self.counts[item]))
            for (it, step), button in self.step_buttons.items():
                if it == item:
                    button.setEnabled(self.room(item) > 0 if step > 0 else self.counts[item] > 0)

    def scores(self) -> dict[str, int]:
        return {item: n for item, n in self.counts.items() if n}

    def status(self) -> str:
        return f"{self.left()} of {self.budget} {self.unit}s left"


class RankList(QListWidget):
    """A list to put in order by dragging, or with Ctrl+Up / Ctrl+Down (Alt works too)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)

    def move_current(self, offset: int) -> None:
        row = self.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        moving = event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
        if moving and event.key() in (Qt.Key_Up, Qt.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class RankInput(BallotInput):
    """A full ranking: every item has a place, 1 at the top."""

    def __init__(self, vote: m.Vote, titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(vote, titles, parent)
        self.list = RankList()
        for item in vote.items:
            entry = QListWidgetItem(titles.get(item, item))
            entry.setData(Qt.UserRole, item)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.up = _button("▲  Move up", None)
        self.down = _button("▼  Move down", None)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        model = self.list.model()
        for signal in (model.rowsMoved, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._changed_soon)
        self.list.currentRowChanged.connect(self._update_buttons)
        buttons = QVBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self._renumber()

    def _move(self, offset: int) -> None:
        self.list.move_current(offset)
        self.list.setFocus()

    def _changed_soon(self, *_: object) -> None:
        # A drag removes and inserts rows; number them once the move is complete.
        QTimer.singleShot(0, self._renumber)

    def _renumber(self) -> None:
        if not self.list.count():
            return
        height = BIG + 8
        for row in range(self.list.count()):
            entry = self.list.item(row)
            item = entry.data(Qt.UserRole)
            entry.setText(f"{row + 1}.   {self.titles.get(item, item)}")
            entry.setSizeHint(QSize(0, height))
        self.list.setMinimumHeight(min(self.list.count(), 8) * height + 8)
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self, *_: object) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < self.list.count() - 1)

    def order(self) -> list[str]:
        return [self.list.item(r).data(Qt.UserRole) for r in range(self.list.count())]

    def scores(self) -> dict[str, int]:
        return {item: place for place, item in enumerate(self.order(), start=1)}

    def status(self) -> str:
        return f"Your first choice: {self.titles.get(self.order()[0], '')}" if self.list.count() else ""


class ScaleInput(BallotInput):
    """Five big toggle buttons per item; every item must be rated."""

    def __init__(self, vote: m.Vote, titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(vote, titles, parent)
        self.buttons: dict[str, dict[int, QPushButton]] = {}
        self.groups: dict[str, QButtonGroup] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        grid.setAlignment(Qt.AlignTop)
        grid.addWidget(QLabel(f"{SCALE_MIN} = least important   ·   {SCALE_MAX} = most important"), 0, 0, 1, 6)
        for row, item in enumerate(vote.items, start=1):
            grid.addWidget(_title(titles.get(item, item)), row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            self.buttons[item] = {}
            for value in range(SCALE_MIN, SCALE_MAX + 1):
                button = _button(str(value))
                button.setCheckable(True)
                button.setAccessibleName(f"Rate {titles.get(item, item)} {value}")
                group.addButton(button, value)
                self.buttons[item][value] = button
                grid.addWidget(button, row, value - SCALE_MIN + 1)
            group.idClicked.connect(lambda _value: self.changed.emit())
            self.groups[item] = group

    def scores(self) -> dict[str, int]:
        return {item: group.checkedId() for item, group in self.groups.items() if group.checkedId() != -1}

    def status(self) -> str:
        return f"{len(self.scores())} of {len(self.vote.items)} items rated"


def ballot_input(vote: m.Vote, titles: dict[str, str]) -> BallotInput:
    """A fresh, blank input for ``vote``."""
    if vote.method in ("dots", "points"):
        return AllocationInput(vote, titles)
    if vote.method == "rank":
        return RankInput(vote, titles)
    return ScaleInput(vote, titles)
