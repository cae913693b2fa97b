"""Vote on the candidate priorities: ballots on this laptop, results from the domain tally."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from ...domain import model as m
from ...domain.ballots import SCALE_MAX, SCALE_MIN, ballot_problem
from ...domain.voting import tally
from ..widgets.record_table import Column, RecordTable
from .base import Screen

METHOD_HELP = {
    "dots": "Spread your dots; you need not use them all.",
    "points": "Share exactly the budget between the items.",
    "rank": "Give every item a distinct place: 1 is most important.",
    "scale": f"Rate every item from {SCALE_MIN} to {SCALE_MAX}: {SCALE_MAX} is most important.",
}


def _fixed_once_voted(record: m.Vote, _value: object) -> str | None:
    if record.ballots or record.voted:
        return "This vote already has ballots; start a new round to change how it is counted."
    return None


class BallotDialog(QDialog):
    """One voter's ballot. It refuses to submit a ballot that breaks the vote's rules."""

    def __init__(self, ws: m.Workshop, vote: m.Vote, parent=None):
        super().__init__(parent)
        self.vote = vote
        self.setWindowTitle(f"Ballot: {vote.title}")
        form = QFormLayout(self)
        self.voter = QComboBox()
        voted = set(vote.voters())
        for p in ws.participants:
            if p.id not in voted and p.role != "facilitator":
                self.voter.addItem(p.name, p.id)
        form.addRow("Voter", self.voter)
        form.addRow(QLabel(METHOD_HELP[vote.method]))
        self.spins: dict[str, QSpinBox] = {}
        m_items = len(vote.items)
        for item in vote.items:
            spin = QSpinBox()
            if vote.method == "rank":
                spin.setRange(1, max(m_items, 1))
            elif vote.method == "scale":
                spin.setRange(SCALE_MIN, SCALE_MAX)
                spin.setValue(3)
            else:
                spin.setRange(0, vote.effective_budget or 0)
            spin.valueChanged.connect(self._check)
            self.spins[item] = spin
            form.addRow(ws.priority_title(item), spin)
        if vote.method == "rank":
            for place, spin in enumerate(self.spins.values(), start=1):
                spin.setValue(place)
        self.problem = QLabel()
        self.problem.setProperty("role", "warning")
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Cast ballot")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._check()

    def scores(self) -> dict[str, int]:
        values = {item: spin.value() for item, spin in self.spins.items()}
        if self.vote.method in ("dots", "points"):
            values = {k: v for k, v in values.items() if v}
        return values

    def _check(self) -> None:
        problem = ballot_problem(self.vote, self.scores())
        if problem is None and self.voter.count() == 0:
            problem = "Everyone has voted."
        budget = self.vote.effective_budget
        left = f"{budget - sum(self.scores().values())} left of {budget}. " if budget else ""
        self.problem.setText(left + (problem or "Ready to cast."))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(problem is None)


class VoteScreen(Screen):
    title = "Vote"
    purpose = "Choose the critical few. Secret ballots cannot be linked to a person, here, in the file or the pack."
    sections = ("votes", "priorities", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.votes = RecordTable(
            ctx, "Votes", lambda ws: ws.votes,
            [
                Column("title", "Question", optional=False, width=320),
                Column("method", "Method", "choice", choices=m.VOTE_METHODS, width=100, check=_fixed_once_voted),
                Column("budget", "Budget", "int", width=80, check=_fixed_once_voted),
                Column("secret", "Secret", "bool", width=70, check=_fixed_once_voted),
                Column("round", "Round", "int", optional=False, width=70),
                Column("items", "Items (priority ids; separated)", "list", width=300, check=_fixed_once_voted),
            ],
            ("votes", "priorities"),
            self._new_vote,
            "No votes yet. Create one on the candidate priorities.",
        )
        self.votes.setMinimumHeight(200)
        self.votes.view.selectionModel().currentRowChanged.connect(lambda *_: self.refresh())
        self.body.addWidget(self.votes)

        bar = QHBoxLayout()
        self.selected_label = QLabel()
        self.selected_label.setProperty("role", "subtitle")
        self.cast = QPushButton("Cast a ballot…")
        self.cast.clicked.connect(self.cast_ballot)
        bar.addWidget(self.selected_label, 1)
        bar.addWidget(self.cast)
        self.body.addLayout(bar)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.results = QTableWidget(0, 4)
        self.results.setHorizontalHeaderLabels(["Rank", "Priority", "Score", "Spread (stdev)"])
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QTableWidget.NoEditTriggers)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setColumnWidth(1, 360)
        self.results.setMinimumHeight(260)
        self.body.addWidget(self.results)
        self.refresh()

    def _new_vote(self):
        ws = self.ctx.workshop
        items = [p.id for p in ws.priorities if p.status == "candidate"]
        return m.Vote(self.ctx.new_id("v", ws.votes), "What matters most next quarter?", "dots", 5, True, 1, items)

    def current_vote(self) -> m.Vote | None:
        votes = self.ctx.workshop.votes
        row = self.votes.view.currentIndex().row()
        if 0 <= row < len(votes):
            return votes[row]
        return votes[0] if votes else None

    def cast_ballot(self) -> None:
        vote = self.current_vote()
        if vote is None or self.ctx.read_only:
            return
        dialog = BallotDialog(self.ctx.workshop, vote, self)
        if dialog.exec() == QDialog.Accepted:
            self.submit(vote.id, dialog.voter.currentData(), dialog.scores())

    def submit(self, vote_id: str, voter: str | None, scores: dict[str, int]) -> None:
        """Store one ballot. Not undoable: a ballot, once cast, is the voter's, not the facilitator's."""
        try:
            self.ctx.store.cast_ballot(vote_id, voter, scores)
        except ValueError as exc:
            self.summary.setText(f"Ballot refused: {exc}")

    def refresh(self) -> None:
        ws = self.ctx.workshop
        vote = self.current_vote()
        self.cast.setEnabled(vote is not None and not self.ctx.read_only)
        self.results.setRowCount(0)
        if vote is None:
            self.selected_label.setText("")
            self.summary.setText("")
            return
        self.selected_label.setText(f"{vote.title} — {vote.method}, {'secret' if vote.secret else 'open'} "
                                    f"ballot, round {vote.round}")
        result = tally(vote)
        voters = ", ".join(ws.participant_name(p) for p in vote.voters()) or "nobody yet"
        lines = [f"{result.turnout} ballot{'s' if result.turnout != 1 else ''}. Voted: {voters}."]
        if vote.method == "rank" and result.turnout:
            winner = result.condorcet_winner
            lines.append(f"Condorcet winner: {ws.priority_title(winner)}" if winner else "No Condorcet winner.")
            if result.kendall_w is not None:
                lines.append(f"Agreement (Kendall's W): {result.kendall_w:.2f}")
        if result.most_disputed and result.turnout > 1:
            lines.append(f"Most disputed: {ws.priority_title(result.most_disputed[0])}")
        self.summary.setText("   ·   ".join(lines))
        self.results.setRowCount(len(result.ranking))
        for row, entry in enumerate(result.ranking):
            cells = [str(entry["rank"]), ws.priority_title(entry["item"]), f"{entry['score']:g}",
                     f"{result.stdev.get(entry['item'], 0):.2f}"]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col != 1:
                    cell.setTextAlignment(Qt.AlignCenter)
                self.results.setItem(row, col, cell)
