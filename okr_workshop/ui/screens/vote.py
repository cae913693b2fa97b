"""Vote on the candidate priorities and choose the critical few.

The facilitator sets votes up, passes the laptop round for private ballots (ballot_screen) or
starts room voting so that everyone votes from their phone (room_link), keys in a show of
hands, closes a vote, and turns the result into the critical few in one undoable step.
The chart is the projector's view; the tables are the laptop's. Every number comes from the
domain tally (domain.vote_chart.chart_for), the same one ``okr-workshop report`` prints.
"""

from __future__ import annotations

import dataclasses
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain import model as m
from ...domain.critical_few import decide
from ...domain.room_rules import not_voted, room_people
from ...domain.vote_chart import VoteChart, chart_for, format_score, rank_labels, shift_label
from ...domain.vote_setup import next_round, setup_problem
from ..charts.canvas import ChartCanvas
from ..charts.vote_results import draw_vote_results
from ..room_link import DEFAULT_PORT, RoomLink
from ..widgets.record_table import Column, RecordTable, priorities
from ..widgets.room_dialogs import JoinCodesDialog, StartRoomDialog
from ..widgets.room_panel import RoomPanel
from .ballot_screen import BallotWindow, maybe_mirrored, private_screen
from .base import Screen
from .vote_dialogs import DecideDialog, HandsDialog, VoteDialog


def _check(field: str):
    """A table edit of ``field``: refused once ballots exist (the count would change meaning)
    and refused when it breaks the vote's settings."""

    def check(record: m.Vote, value: object) -> str | None:
        if field not in ("title", "round") and (record.ballots or record.voted):
            return "This vote already has ballots; start a next round to change how it is counted."
        changed = dataclasses.replace(record, **{field: value})
        if field == "method":  # a budget or cap that belonged to the old method goes with it
            changed = dataclasses.replace(changed, budget=None, cap=None, hands={})
        return setup_problem(changed)

    return check


class VoteScreen(Screen):
    title = "Vote"
    purpose = ("Choose the critical few: keep about 3 to 5. Secret ballots cannot be linked to a person, "
               "here, in the file or in the pack.")
    sections = ("votes", "priorities", "participants")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.chart_input: VoteChart | None = None
        self.dialog: QDialog | None = None
        self.ballot_window: BallotWindow | None = None
        self._window: QWidget | None = None
        self._chart_stale = True
        # The message below the toolbar belongs to one vote, and (after a decision) to the
        # statuses that decision set: it goes when either changes, an undo included.
        self._message_for: tuple[str, dict[str, str] | None] | None = None

        self.picker = QComboBox()
        self.picker.setMinimumWidth(420)
        self.picker.activated.connect(self._pick)
        self.selected_label = QLabel()
        self.selected_label.setProperty("role", "hint")
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.selected_label)
        self.body.addLayout(top)

        self.toolbar = QWidget()
        bar = QHBoxLayout(self.toolbar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.new_button = self._tool("New vote…", self.new_vote, "Vote on any set of priorities")
        self.round_button = self._tool("Next round…", self.new_round, "Ask again after discussion; the chart "
                                       "shows how each item moved")
        self.cast = self._tool("Pass the laptop…", self.start_ballots, "A full-screen private ballot, one "
                               "voter after another")
        self.hands_button = self._tool("Show of hands…", self.key_in_hands, "Key in the hands raised per item")
        self.decide_button = self._tool("Make the top N the critical few…", self.choose_critical_few,
                                        "Select the top items; the rest wait on the Not now screen")
        self.close_button = self._tool("Close vote", self.toggle_closed, "No more ballots and no re-voting, "
                                       "from the laptop or from phones; reopen to take ballots again")
        self.room_button = self._tool("Start room voting…", self.toggle_room, "Everyone votes and answers the "
                                      "private check on their own phone, over this laptop's network")
        for button in (self.new_button, self.round_button, self.cast, self.hands_button, self.decide_button,
                       self.close_button, self.room_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.body.addWidget(self.toolbar)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "subtitle")
        self.message.setVisible(False)
        self.body.addWidget(self.message)

        self.room = RoomLink(ctx, self)
        self.room.changed.connect(self._room_changed)
        self.room_panel = RoomPanel()
        self.room_panel.stop_requested.connect(self.stop_room)
        self.room_panel.codes_requested.connect(self.show_join_codes)
        self.body.addWidget(self.room_panel)

        self.canvas = ChartCanvas(min_height=440)
        self.canvas.installEventFilter(self)
        self._resized = QTimer(self)  # the layout is computed for one size: redo it once resizing settles
        self._resized.setSingleShot(True)
        self._resized.setInterval(60)
        self._resized.timeout.connect(self._plot)
        self.body.addWidget(self.canvas, 3)

        self.results = QTableWidget(0, 5)
        self.results.setHorizontalHeaderLabels(["Rank", "Priority", "Score", "Spread (stdev)", "Moved"])
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QTableWidget.NoEditTriggers)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setColumnWidth(1, 360)
        self.results.setColumnWidth(3, 140)
        self.results.setMinimumHeight(200)
        self.body.addWidget(self.results, 1)

        self.votes = RecordTable(
            ctx, "Votes", lambda ws: ws.votes,
            [
                Column("title", "Question", optional=False, width=320, check=_check("title")),
                Column("method", "Method", "choice", choices=m.VOTE_METHODS, width=90, check=_check("method")),
                Column("budget", "Budget", "int", width=70, check=_check("budget")),
                Column("cap", "Cap", "int", width=60, check=_check("cap")),
                Column("secret", "Secret", "bool", width=60, check=_check("secret")),
                Column("round", "Round", "int", optional=False, width=60, check=_check("round")),
                Column("items", "Items", "list", options=priorities, editable=False, width=400),
            ],
            ("votes", "priorities"),
            None,  # votes are created with the New vote dialog, which checks the settings
            "No votes yet. Create one on the candidate priorities with New vote….",
        )
        self.votes.setMinimumHeight(180)
        self.votes.view.selectionModel().currentRowChanged.connect(lambda *_: self.refresh())
        self.body.addWidget(self.votes, 1)

        ctx.projector_changed.connect(self._projector)
        self._projector(ctx.projector)
        self.refresh()

    def _tool(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def connect_window(self, window: QWidget) -> None:
        """The main window, to put the ballot on the screen that is not projected."""
        self._window = window

    # ----- which vote ---------------------------------------------------------------------

    def current_vote(self) -> m.Vote | None:
        votes = self.ctx.workshop.votes
        row = self.votes.view.currentIndex().row()
        if 0 <= row < len(votes):
            return votes[row]
        return votes[0] if votes else None

    def context_text(self) -> str:
        vote = self.current_vote()
        return f"vote “{vote.title}”" if vote else ""

    def select(self, vote_id: str) -> None:
        row = next((i for i, v in enumerate(self.ctx.workshop.votes) if v.id == vote_id), None)
        if row is not None:
            self.votes.view.setCurrentIndex(self.votes.model.index(row, 0))

    def _pick(self, index: int) -> None:
        vote_id = self.picker.itemData(index)
        if vote_id:
            self.select(vote_id)

    # ----- actions ------------------------------------------------------------------------

    def _open(self, dialog: QDialog, on_accept) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def new_vote(self) -> None:
        if self.ctx.read_only:
            return
        ws = self.ctx.workshop
        candidates = [p.id for p in ws.priorities if p.status == "candidate"]
        template = m.Vote(self.ctx.new_id("v", ws.votes), "What matters most next quarter?", "dots", 5, True, 1,
                          candidates)
        dialog = VoteDialog(ws, template, "New vote", self)
        self._open(dialog, lambda: self._add_vote(dialog.vote()))

    def new_round(self) -> None:
        earlier = self.current_vote()
        if earlier is None or self.ctx.read_only:
            return
        template = next_round(earlier, self.ctx.new_id("v", self.ctx.workshop.votes))
        dialog = VoteDialog(self.ctx.workshop, template, f"Round {template.round}: {earlier.title}", self)
        dialog.ok.setText(f"Start round {template.round}")
        self._open(dialog, lambda: self._add_vote(dialog.vote()))

    def _add_vote(self, vote: m.Vote) -> None:
        if setup_problem(vote) is not None:
            return
        self.ctx.edit(None, vote, text=f"Add vote: {vote.title[:40]}")
        self.select(vote.id)

    def key_in_hands(self) -> None:
        vote = self.current_vote()
        if vote is None or vote.method not in m.HAND_METHODS or self.ctx.read_only:
            return
        dialog = HandsDialog(self.ctx.workshop, vote, self)
        self._open(dialog, lambda: self.set_hands(vote.id, dialog.hands()))

    def set_hands(self, vote_id: str, hands: dict[str, int]) -> None:
        """One undoable edit of the vote's show-of-hands counts."""
        vote = next((v for v in self.ctx.workshop.votes if v.id == vote_id), None)
        if vote is not None:
            self.ctx.edit(vote, dataclasses.replace(vote, hands=hands), text="Show of hands")

    def choose_critical_few(self) -> None:
        vote = self.current_vote()
        if vote is None or self.ctx.read_only:
            return
        dialog = DecideDialog(self.ctx.workshop, vote, self)
        self._open(dialog, lambda: self.apply_decision(vote.id, dialog.chosen()))

    def apply_decision(self, vote_id: str, chosen: list[str]) -> None:
        """Select ``chosen`` and send the vote's other items back to undecided, as one undo step."""
        ws = self.ctx.workshop
        vote = next((v for v in ws.votes if v.id == vote_id), None)
        if vote is None:
            return
        changes = decide(ws, vote, chosen)
        with self.ctx.macro(f"Critical few: {len(chosen)} selected"):
            for before, after in changes:
                self.ctx.edit(before, after)
        rest = [i for i in vote.items if i not in chosen]
        names = "; ".join(ws.priority_title(i) for i in chosen)
        waiting = (f" The other {len(rest)} wait on the Not now screen: stop, defer or keep each as business "
                   "as usual." if rest else "")
        self._say(vote.id, f"The critical few: {names}.{waiting} Undo reverts all of it in one step.",
                  self._statuses(vote))

    def submit(self, vote_id: str, voter: str | None, scores: dict[str, int]) -> None:
        """Store one ballot without the ballot screen (a paper ballot typed in by the facilitator).
        Not undoable: a ballot, once cast, is the voter's, not the facilitator's."""
        try:
            self.ctx.store.cast_ballot(vote_id, voter, scores)
        except ValueError as exc:
            self._say(vote_id, f"Ballot refused: {exc}")

    def _statuses(self, vote: m.Vote) -> dict[str, str]:
        by_id = {p.id: p.status for p in self.ctx.workshop.priorities}
        return {item: by_id.get(item, "") for item in vote.items}

    def _say(self, vote_id: str, text: str, statuses: dict[str, str] | None = None) -> None:
        self._message_for = (vote_id, statuses)
        self.message.setText(text)
        self.message.setVisible(True)

    def _update_message(self, vote: m.Vote | None) -> None:
        if self._message_for is None:
            return
        vote_id, statuses = self._message_for
        if vote is None or vote.id != vote_id or (statuses is not None and statuses != self._statuses(vote)):
            self._message_for = None
            self.message.setVisible(False)

    def toggle_closed(self) -> None:
        vote = self.current_vote()
        if vote is not None and not self.ctx.read_only:
            self.set_closed(vote.id, not vote.closed)

    def set_closed(self, vote_id: str, closed: bool) -> None:
        """Close a vote (no more ballots, no re-voting) or reopen it: one undoable edit."""
        vote = next((v for v in self.ctx.workshop.votes if v.id == vote_id), None)
        if vote is not None and vote.closed != closed:
            verb = "Close" if closed else "Reopen"
            self.ctx.edit(vote, dataclasses.replace(vote, closed=closed), text=f"{verb} vote: {vote.title[:40]}")

    # ----- room voting ----------------------------------------------------------------------

    def toggle_room(self) -> None:
        if self.room.running:
            self.stop_room()
            return
        if self.ctx.read_only:
            return
        dialog = StartRoomDialog(self)
        self._open(dialog, lambda: self.start_room(dialog.host()))

    def start_room(self, host: str, port: int = DEFAULT_PORT) -> bool:
        """Serve the phone page on ``host`` only; False (and a message) when that is not possible."""
        try:
            self.room.start(host, port)
        except OSError as exc:
            vote = self.current_vote()
            self._say(vote.id if vote else "", f"Room voting could not start on {host}: {exc.strerror or exc}")
            return False
        return True

    def stop_room(self) -> None:
        self.room.stop()

    def show_join_codes(self) -> None:
        session = self.room.session
        if session is None:
            return
        dialog = JoinCodesDialog(self.ctx.workshop.info.title, session.url(), session.room_code,
                                 session.join_codes(), self)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _room_changed(self) -> None:
        session = self.room.session
        if session is not None:
            self.room_panel.show_room(session.url(), session.room_code)
        else:
            self.room_panel.hide_room()
        self.room_button.setText("Stop room voting" if session else "Start room voting…")
        self.refresh()

    def start_ballots(self) -> None:
        """Open the pass-the-laptop ballot for the current vote, full screen on the laptop."""
        vote = self.current_vote()
        if vote is None or self.ctx.read_only or self.ballot_window is not None:
            return
        window = BallotWindow(self.ctx, vote.id)
        window.finished.connect(self._ballots_finished)
        window.mirror_warning.setVisible(maybe_mirrored())
        self.ballot_window = window
        screen = private_screen(self._window, self.ctx.projector)
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        window.activateWindow()
        self.refresh()

    def _ballots_finished(self) -> None:
        window, self.ballot_window = self.ballot_window, None
        if window is not None:
            window.deleteLater()
        self.refresh()

    # ----- drawing ------------------------------------------------------------------------

    def _projector(self, on: bool) -> None:
        """The projector shows the question and the chart; the editing chrome stays on the laptop."""
        for widget in (self.toolbar, self.summary, self.results, self.votes):
            widget.setVisible(not on)  # the chart itself says how many ballots are in
        self.room_panel.set_projector(on)
        self.canvas.setMinimumHeight(560 if on else 440)
        self.canvas.set_projector(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.canvas and event.type() == QEvent.Resize and self.chart_input is not None:
            self._resized.start()
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._chart_stale:
            self._plot()

    def _plot(self) -> None:
        if self.chart_input is None:
            return
        self.canvas.plot(partial(draw_vote_results, chart=self.chart_input))
        self._chart_stale = False

    def refresh(self) -> None:
        ws = self.ctx.workshop
        vote = self.current_vote()
        self._fill_picker(vote)
        self._update_message(vote)
        editable = vote is not None and not self.ctx.read_only
        self.new_button.setEnabled(not self.ctx.read_only)
        self.round_button.setEnabled(editable)
        self.cast.setEnabled(editable and self.ballot_window is None and bool(vote and vote.items)
                             and not (vote and vote.closed))
        self.hands_button.setEnabled(editable and vote is not None and vote.method in m.HAND_METHODS)
        self.close_button.setEnabled(editable)
        self.close_button.setText("Reopen vote" if vote is not None and vote.closed else "Close vote")
        self.room_button.setEnabled(self.room.running or not self.ctx.read_only)
        self.room_panel.set_progress(self._room_progress(vote))
        if vote is None:
            self.chart_input = None
            self.selected_label.setText("")
            self.summary.setText("No votes yet: create one with New vote….")
            self.results.setRowCount(0)
            self.decide_button.setEnabled(False)
            return
        chart = chart_for(ws, vote)
        self.chart_input = chart
        self.decide_button.setEnabled(editable and not chart.empty)
        self.selected_label.setText(f"{vote.method}, {'secret' if vote.secret else 'open'} ballot, "
                                    f"round {vote.round}" + (", closed" if vote.closed else ""))
        self.summary.setText(self._summary(vote, chart))
        self._fill_results(chart)
        if self.isVisible():
            self._plot()
        else:
            self._chart_stale = True  # drawn when the screen is next shown

    def _summary(self, vote: m.Vote, chart: VoteChart) -> str:
        """Who has voted (never what), and the counts."""
        ws = self.ctx.workshop
        r = chart.result
        voters = ", ".join(ws.participant_name(p) for p in vote.voters()) or "nobody yet"
        lines = [f"{r.turnout} ballot{'s' if r.turnout != 1 else ''}. Voted: {voters}."]
        waiting = [ws.participant_name(p) for p in not_voted(ws, vote)]
        if waiting:
            lines.append(f"Not yet: {', '.join(waiting)}.")
        if vote.closed:
            lines.append("Closed: no more ballots.")
        if self.ballot_window is not None:
            lines.append("Voting in progress on the pass-the-laptop screen.")
        return "   ·   ".join(lines)

    def _room_progress(self, vote: m.Vote | None) -> str:
        """Counts only, for the projector: who has not voted stays on the laptop's summary line."""
        if vote is None:
            return ""
        people = len(room_people(self.ctx.workshop))
        done = people - len(not_voted(self.ctx.workshop, vote))
        state = " Closed." if vote.closed else ""
        return f"“{vote.title}”: {done} of {people} have voted.{state}"

    def _fill_picker(self, vote: m.Vote | None) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for v in self.ctx.workshop.votes:
            self.picker.addItem(f"Round {v.round} · {v.title}", v.id)
        if vote is not None:
            self.picker.setCurrentIndex(self.picker.findData(vote.id))
        self.picker.blockSignals(False)

    def _fill_results(self, chart: VoteChart) -> None:
        r = chart.result
        ranks = rank_labels(r.ranking)
        self.results.setColumnHidden(4, chart.shift is None)
        self.results.setRowCount(len(r.ranking))
        for row, entry in enumerate(r.ranking):
            item = entry["item"]
            cells = [ranks[item], chart.titles.get(item, item), format_score(r.method, entry["score"]),
                     f"{r.stdev.get(item, 0):.2f}", shift_label(chart, item)[0]]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col != 1:
                    cell.setTextAlignment(Qt.AlignCenter)
                self.results.setItem(row, col, cell)
