"""The facilitator's small dialogs on the Vote screen: set a vote up, say who votes in it and
with what weight, key in a show of hands, choose how many items become the critical few.

Each dialog only collects and checks; the Vote screen turns the result into undoable edits.
They are opened with ``open()`` (window-modal, not a nested event loop), so the app keeps
drawing behind them and tests can click them like anyone else.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.critical_few import CRITICAL_FEW_MAX, too_many, top_items
from ...domain.room_rules import room_people
from ...domain.vote_setup import DEFAULT_BUDGET, setup_problem
from ...domain.vote_status import MAX_WEIGHT, opt_out_problem, weights_problem

METHOD_LABELS = {
    "dots": "Dots: spread a few dots (default 5)",
    "points": "Points: share out a budget (default 100)",
    "rank": "Rank: put every item in order",
    "scale": "Scale: rate every item 1–5",
}
STATUS_NOTE = {"selected": "selected", "stopped": "stopped", "deferred": "deferred", "bau": "business as usual"}


def _warning() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setProperty("role", "warning")
    return label


class VoteDialog(QDialog):
    """A new vote, or the next round of one: the question, how it is counted, and the items."""

    def __init__(self, ws: m.Workshop, template: m.Vote, heading: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.template = template
        self.setWindowTitle(heading)
        self.question = QLineEdit(template.title)
        self.method = QComboBox()
        for method in m.VOTE_METHODS:
            self.method.addItem(METHOD_LABELS[method], method)
        self.method.setCurrentIndex(max(self.method.findData(template.method), 0))
        self.budget = QSpinBox()
        self.budget.setRange(1, 1000)
        self.budget.setValue(template.effective_budget or DEFAULT_BUDGET["dots"])
        self.cap = QSpinBox()
        self.cap.setRange(0, 1000)
        self.cap.setSpecialValueText("No cap")
        self.cap.setValue(template.cap or 0)
        self.secret = QCheckBox("Secret ballot: nobody can see who voted what")
        self.secret.setChecked(template.secret)
        # Every vote starts hidden: the room sees the turnout until the facilitator reveals.
        self.live = QCheckBox("Show results live as ballots arrive")
        self.live.setChecked(False)
        self.items = QListWidget()
        self.items.setMinimumHeight(220)
        on_vote = list(template.items)
        others = [p.id for p in ws.priorities if p.id not in on_vote]
        by_id = {p.id: p for p in ws.priorities}
        for pid in on_vote + others:
            priority = by_id.get(pid)
            title = priority.title if priority else pid
            note = STATUS_NOTE.get(priority.status) if priority else None
            entry = QListWidgetItem(f"{title}  ({note})" if note else title)
            entry.setData(Qt.UserRole, pid)
            entry.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            entry.setCheckState(Qt.Checked if pid in on_vote else Qt.Unchecked)
            self.items.addItem(entry)
        self.problem = _warning()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setText("Create the vote")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Question", self.question)
        form.addRow("Method", self.method)
        form.addRow("Budget per voter", self.budget)
        form.addRow("Most dots on one item", self.cap)
        form.addRow("", self.secret)
        form.addRow("", self.live)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Items to vote on (the candidates are ticked):"))
        layout.addWidget(self.items, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self._method = template.method
        self.method.currentIndexChanged.connect(self._method_changed)
        self.question.textChanged.connect(self._check)
        for spin in (self.budget, self.cap):
            spin.valueChanged.connect(self._check)
        self.items.itemChanged.connect(self._check)
        self._method_changed()

    def _method_changed(self, *_: object) -> None:
        method = self.method.currentData()
        if method in DEFAULT_BUDGET and method != self._method:
            self.budget.setValue(DEFAULT_BUDGET[method])  # 5 dots or 100 points: the sizes differ
        self._method = method
        self.budget.setEnabled(method in DEFAULT_BUDGET)
        self.cap.setEnabled(method == "dots")
        self._check()

    def chosen_items(self) -> list[str]:
        return [self.items.item(r).data(Qt.UserRole) for r in range(self.items.count())
                if self.items.item(r).checkState() == Qt.Checked]

    def vote(self) -> m.Vote:
        """The vote as the dialog describes it now."""
        method = self.method.currentData()
        return dataclasses.replace(
            self.template, title=self.question.text().strip(), method=method,
            budget=self.budget.value() if method in DEFAULT_BUDGET else None,
            cap=(self.cap.value() or None) if method == "dots" else None,
            secret=self.secret.isChecked(), items=self.chosen_items(), hands={}, revealed=self.live.isChecked(),
        )

    def _check(self, *_: object) -> None:
        problem = setup_problem(self.vote())
        self.problem.setText(problem or "")
        self.ok.setEnabled(problem is None)

    def _accept(self) -> None:
        if setup_problem(self.vote()) is None:
            self.accept()


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


class VotersDialog(QDialog):
    """Per voter: whether they vote in this one (or sit it out), and the weight of their ballot.
    Weights are fixed once the first ballot is in; in a secret vote no weight may be one voter's."""

    def __init__(self, ws: m.Workshop, vote: m.Vote, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.original = vote
        self.setWindowTitle(f"Voters and weights: {vote.title}")
        voted = set(vote.voters())
        self.votes_in: dict[str, QCheckBox] = {}
        self.weight: dict[str, QDoubleSpinBox] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel("Voter"), 0, 0)
        grid.addWidget(QLabel("Weight"), 0, 2)
        for row, person in enumerate(room_people(ws), start=1):
            check = QCheckBox("votes in this one")
            check.setChecked(person.id not in vote.opted_out)
            check.setEnabled(person.id not in voted and not vote.closed)
            spin = QDoubleSpinBox()
            spin.setRange(0.25, MAX_WEIGHT)
            spin.setSingleStep(0.25)
            spin.setDecimals(2)
            spin.setValue(vote.weight_of(person.id))
            weighable = not vote.ballots and not vote.closed
            spin.setEnabled(weighable and check.isChecked())
            if weighable:
                check.toggled.connect(spin.setEnabled)  # who sits it out has no weight
            self.votes_in[person.id] = check
            self.weight[person.id] = spin
            grid.addWidget(QLabel(person.name + ("  (has voted)" if person.id in voted else "")), row, 0)
            grid.addWidget(check, row, 1)
            grid.addWidget(spin, row, 2)
            check.toggled.connect(self._check)
            spin.valueChanged.connect(self._check)
        note = QLabel("Who sits this vote out is not waited for. A weight of 2 counts a ballot twice. Weights are "
                      "fixed once the first ballot is in" + (", as now." if vote.ballots else "."))
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.problem = _warning()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok: QPushButton = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setText("Save voters and weights")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def opted_out(self) -> list[str]:
        return [pid for pid, check in self.votes_in.items() if not check.isChecked()]

    def weights(self) -> dict[str, float]:
        """Weights other than 1, of the voters who vote in this one."""
        return {pid: spin.value() for pid, spin in self.weight.items()
                if self.votes_in[pid].isChecked() and spin.value() != 1}

    def vote(self) -> m.Vote:
        return dataclasses.replace(self.original, opted_out=self.opted_out(), weights=self.weights())

    def problem_text(self) -> str | None:
        before, after = self.original, self.vote()
        if (after.opted_out, after.weights) == (before.opted_out, before.weights):
            return None
        if before.closed:
            return "The vote is closed."
        for pid in after.opted_out:
            if pid not in before.opted_out and (problem := opt_out_problem(self.ws, before, pid)):
                return _sentence(problem)
        if after.weights != before.weights or not before.ballots:
            problem = weights_problem(self.ws, after, after.weights)
            if problem:
                return _sentence(problem)
        elif after.weights and after.opted_out != before.opted_out:
            # Someone sitting out once ballots are in must not leave a weight only one voter holds
            # (import and opening a file apply the same rule to the weights as they stand).
            problem = weights_problem(self.ws, dataclasses.replace(after, ballots=[]), after.weights)
            if problem:
                return _sentence(problem)
        return None

    def _check(self, *_: object) -> None:
        problem = self.problem_text()
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.ok.setEnabled(problem is None)

    def _accept(self) -> None:
        if self.problem_text() is None:
            self.accept()


class HandsDialog(QDialog):
    """Hands raised per item, keyed in by the facilitator: each counts as one dot or point."""

    def __init__(self, ws: m.Workshop, vote: m.Vote, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Show of hands: {vote.title}")
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for item in vote.items:
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setValue(vote.hands.get(item, 0))
            self.spins[item] = spin
            form.addRow(ws.priority_title(item), spin)
        hint = QLabel("Count the hands raised for each item. Each hand adds one "
                      f"{'dot' if vote.method == 'dots' else 'point'} to the item's total.")
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Save the count")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def hands(self) -> dict[str, int]:
        return {item: spin.value() for item, spin in self.spins.items() if spin.value()}


class DecideDialog(QDialog):
    """How many of the top items become the critical few; warns when that is not few."""

    def __init__(self, ws: m.Workshop, vote: m.Vote, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.vote = vote
        self.setWindowTitle("Make the top items the critical few")
        self.setMinimumWidth(560)
        self.count = QSpinBox()
        self.count.setRange(1, max(len(vote.items), 1))
        self.count.setValue(min(3, len(vote.items)))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.warning = _warning()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok: QPushButton = self.buttons.button(QDialogButtonBox.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("How many?", self.count)
        note = QLabel(f"Keep about 3 to {CRITICAL_FEW_MAX}. The items below the cut go back to the "
                      "not-now screen, undecided, until the room stops, defers or keeps each one.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.preview)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.count.valueChanged.connect(self._update)
        self._update()

    def chosen(self) -> list[str]:
        return top_items(self.vote, self.count.value())

    def _update(self, *_: object) -> None:
        chosen = self.chosen()
        tied = len(chosen) > self.count.value()
        tie = f" ({len(chosen)}: a tie at the cut brings every tied item in)" if tied else ""
        self.preview.setText(f"To be selected{tie}:\n" + "\n".join(f"  •  {self.ws.priority_title(i)}" for i in chosen))
        warning = too_many(len(chosen))
        self.warning.setText(warning or "")
        self.warning.setVisible(warning is not None)
        self.ok.setText("Make these the critical few anyway" if warning else "Make these the critical few")
        self.adjustSize()
