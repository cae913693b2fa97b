"""Vote on the candidate priorities and choose the critical few.

The facilitator sets votes up, says who votes in each and with what weight, passes the laptop
round for private ballots (ballot_screen) or starts room voting so that everyone votes from
their phone (room_link), keys in a show of hands, reveals the results, closes a vote (for good:
asking again is a new round), and turns the result into the critical few in one undoable step.
Until a vote is revealed the stage shows only its turnout; the laptop may peek, under a
banner that says the room cannot see it. While the room may see the laptop (the stage mirrored
on it: ``WorkshopContext.room_sees_console``) there is no peek but "Hold to peek", and the status
panel gives counts, not names.
The chart and the tables are the laptop's; the stage draws its own. Every number comes from the
domain tally (domain.vote_chart.chart_for), the same one ``okr-workshop report`` prints.
"""

from __future__ import annotations

import dataclasses
from functools import partial

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.critical_few import decide
from ...domain.vote_chart import VoteChart, chart_for, format_score, rank_labels, shift_label
from ...domain.vote_setup import next_round, setup_problem
from ...domain.vote_status import results_visible, turnout_words, weights_words
from ..charts.canvas import ChartCanvas
from ..charts.vote_results import draw_vote_results
from ..room_link import DEFAULT_PORT, RoomLink
from ..widgets.record_table import Column, RecordTable, priorities
from ..widgets.room_dialogs import JoinCodesDialog, StartRoomDialog
from ..widgets.room_panel import RoomPanel
from ..widgets.vote_status_panel import HiddenResults, PeekBanner, VoteStatusPanel
from .ballot_screen import BallotWindow, maybe_mirrored, private_screen
from .base import Screen
from .vote_dialogs import DecideDialog, HandsDialog, VoteDialog, VotersDialog

CLOSE_TIP = ("No more ballots and no re-voting, from the laptop or from phones. Closing is final: to ask "
             "again, start a new round")
NEW_ROUND_TIP = "This vote is closed for good: ask again in a new round that follows it"


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

        self.toolbar = QWidget()  # two rows: setting a vote up, then running it
        rows = QVBoxLayout(self.toolbar)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        self.new_button = self._tool("New vote…", self.new_vote, "Vote on any set of priorities")
        self.round_button = self._tool("Next round…", self.new_round, "Ask again after discussion; the chart "
                                       "shows how each item moved")
        self.cast = self._tool("Pass the laptop…", self.start_ballots, "A full-screen private ballot, one "
                               "voter after another")
        self.voters_button = self._tool("Voters and weights…", self.edit_voters, "Who sits this vote out, and "
                                        "how much each ballot weighs; weights are fixed once the first ballot is in")
        self.hands_button = self._tool("Show of hands…", self.key_in_hands, "Key in the hands raised per item")
        self.decide_button = self._tool("Make the top N the critical few…", self.choose_critical_few,
                                        "Select the top items; the rest wait on the Not now screen")
        self.close_button = self._tool("Close vote", self.close_or_new_round, CLOSE_TIP)
        self.room_button = self._tool("Start room voting…", self.toggle_room, "Everyone votes and answers the "
                                      "private check on their own phone, over this laptop's network")
        for buttons in ((self.new_button, self.round_button, self.voters_button, self.hands_button),
                        (self.cast, self.room_button, self.close_button, self.decide_button)):
            bar = QHBoxLayout()
            for button in buttons:
                bar.addWidget(button)
            bar.addStretch(1)
            rows.addLayout(bar)
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
        self.status_panel = VoteStatusPanel()
        # Beside the turnout: revealing is a moment for the room.
        self.reveal_button = self._tool("Reveal results", self.toggle_revealed, "Show this vote's results on the "
                                        "projector and the phones; until then the room sees only the turnout")
        # While the room may see the laptop, hidden results show only while this is held down.
        self.hold_button = QPushButton("Hold to peek")
        self.hold_button.setToolTip("The room may see this screen: the hidden results show only while you "
                                    "hold this button down")
        self.hold_button.pressed.connect(self._peek_held)
        self.hold_button.released.connect(self._peek_held)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_panel, 1)
        status_row.addWidget(self.hold_button, 0, Qt.AlignTop)
        status_row.addWidget(self.reveal_button, 0, Qt.AlignTop)
        self.body.addLayout(status_row)

        self.peek_banner = PeekBanner()
        self.body.addWidget(self.peek_banner)
        self.hidden_results = HiddenResults()
        self.hidden_results.setMinimumHeight(440)
        self.body.addWidget(self.hidden_results, 3)
        self.canvas = ChartCanvas(min_height=440)
        self.canvas.installEventFilter(self)
        self._resized = QTimer(self)  # the layout is computed for one size: redo it once resizing settles
        self._resized.setSingleShot(True)
        self._resized.setInterval(60)
        self._resized.timeout.connect(self._replot_if_resized)
        self._plotted_size: QSize | None = None  # the canvas size the chart was last laid out for
        self._plotted_input: VoteChart | None = None  # and what it showed
        self.body.addWidget(self.canvas, 3)
        self.weights_line = QLabel()
        self.weights_line.setWordWrap(True)
        self.weights_line.setProperty("role", "hint")
        self.body.addWidget(self.weights_line)

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
        self._selected_id: str | None = None
        self.votes.view.selectionModel().currentRowChanged.connect(self._row_changed)
        # A reset of the table (rows added or removed: an undo, a vote from elsewhere) loses the
        # current row: without this the screen would jump to the first vote, revealed or not.
        self.votes.model.modelReset.connect(self._keep_selection)
        self.body.addWidget(self.votes, 1)

        ctx.room_sees_console_changed.connect(self._room_sees)
        self.status_panel.set_room_sees(ctx.room_sees_console)
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

    def _row_changed(self, current, _previous=None) -> None:
        votes = self.ctx.workshop.votes
        if current.isValid() and 0 <= current.row() < len(votes):
            self._selected_id = votes[current.row()].id
        self.refresh()

    def _keep_selection(self) -> None:
        if self._selected_id is not None and not self.votes.view.currentIndex().isValid():
            self.select(self._selected_id)

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

    def edit_voters(self) -> None:
        vote = self.current_vote()
        if vote is None or self.ctx.read_only:
            return
        dialog = VotersDialog(self.ctx.workshop, vote, self)
        self._open(dialog, lambda: self.set_voters(vote.id, dialog.opted_out(), dialog.weights()))

    def set_voters(self, vote_id: str, opted_out: list[str], weights: dict[str, float]) -> None:
        """One undoable edit of who sits the vote out and the voters' weights (the dialog checked them)."""
        vote = next((v for v in self.ctx.workshop.votes if v.id == vote_id), None)
        if vote is not None and (vote.opted_out, vote.weights) != (opted_out, weights):
            self.ctx.edit(vote, dataclasses.replace(vote, opted_out=list(opted_out), weights=dict(weights)),
                          text=f"Voters and weights: {vote.title[:40]}")

    def toggle_revealed(self) -> None:
        vote = self.current_vote()
        if vote is not None and not self.ctx.read_only:
            self.set_revealed(vote.id, not vote.revealed)

    def set_revealed(self, vote_id: str, revealed: bool) -> None:
        """Show the results to the room (projector and phones), or hide them again: one undoable edit."""
        vote = next((v for v in self.ctx.workshop.votes if v.id == vote_id), None)
        if vote is not None and vote.revealed != revealed:
            verb = "Reveal" if revealed else "Hide"
            self.ctx.edit(vote, dataclasses.replace(vote, revealed=revealed),
                          text=f"{verb} results: {vote.title[:40]}")

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
        except ValueError as exc:  # BallotRefused among them: a closed vote, a voter who sits it out
            self._say(vote_id, f"Ballot refused: {exc}.")

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

    def close_or_new_round(self) -> None:
        """Close the open vote; a closed one is not reopened: the button offers a new round."""
        vote = self.current_vote()
        if vote is None or self.ctx.read_only:
            return
        if vote.closed:
            self.new_round()
        else:
            self.close_vote(vote.id)

    def close_vote(self, vote_id: str) -> None:
        """No more ballots and no re-voting, for good: one undoable edit (undo is for a slip, not
        for taking ballots again; that is a new round)."""
        vote = next((v for v in self.ctx.workshop.votes if v.id == vote_id), None)
        if vote is not None and not vote.closed:
            self.ctx.edit(vote, dataclasses.replace(vote, closed=True), text=f"Close vote: {vote.title[:40]}")

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
                                 session.join_codes(), self, masked=self.ctx.room_sees_console)
        self.ctx.room_sees_console_changed.connect(dialog.set_masked)
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
        if hasattr(self._window, "room_voting_changed"):  # the stage's join view shows the room
            self._window.room_voting_changed(session.url() if session else None, session.room_code if session else "")
        self.refresh()

    def start_ballots(self) -> None:
        """Open the pass-the-laptop ballot for the current vote, full screen on the laptop."""
        vote = self.current_vote()
        if vote is None or self.ctx.read_only or self.ballot_window is not None:
            return
        window = BallotWindow(self.ctx, vote.id)
        window.finished.connect(self._ballots_finished)
        window.mirror_warning.setVisible(maybe_mirrored() or self.ctx.room_sees_console)
        self.ballot_window = window
        screen = private_screen(self._window)
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

    def _room_sees(self, on: bool) -> None:
        """The room may see the laptop now (or no longer): names and hidden results go (or come back)."""
        self.status_panel.set_room_sees(on)
        self.refresh()

    def _peek_held(self) -> None:
        self._show_results(self.current_vote())

    def _show_results(self, vote: m.Vote | None) -> None:
        """The chart and table when the results may be seen here; before the reveal, a peek
        under a banner (while the room may see the laptop, only while "Hold to peek" is held,
        else a placeholder with the turnout)."""
        room = self.ctx.room_sees_console
        hidden = vote is not None and not vote.revealed
        self.hold_button.setVisible(hidden and room)
        visible = vote is None or results_visible(vote, False, room, self.hold_button.isDown())
        peeking = visible and hidden
        self.peek_banner.set_room_sees(room)
        self.hidden_results.setVisible(not visible)
        self.hidden_results.show_turnout(turnout_words(self.ctx.workshop, vote) if vote is not None else "")
        self.peek_banner.setVisible(peeking)
        self.canvas.setVisible(visible)
        self.results.setVisible(visible)
        weights = weights_words(self.ctx.workshop, vote) if vote is not None and self._weighted() else ""
        self.weights_line.setText(weights)
        self.weights_line.setVisible(visible and bool(weights))

    def _weighted(self) -> bool:
        return self.chart_input is not None and self.chart_input.result.weighted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.canvas and event.type() == QEvent.Resize and self.chart_input is not None:
            self._resized.start()
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._chart_stale:
            self._plot()

    def _plot(self) -> None:
        """Draw the chart, unless it is drawn already for this input at this size: a refresh that
        changes nothing it shows (room voting started, the stage shown, results revealed or
        hidden, another screen's edit) would cost a whole matplotlib layout, 100-200 ms of the
        GUI thread (tests/benchmarks/bench_soak.py)."""
        if self.chart_input is None:
            return
        if self.chart_input == self._plotted_input and self.canvas.size() == self._plotted_size:
            self._chart_stale = False
            return
        self.canvas.plot(partial(draw_vote_results, chart=self.chart_input))
        self._plotted_size = self.canvas.size()
        self._plotted_input = self.chart_input
        self._chart_stale = False

    def prepare(self) -> None:
        """Built ahead in idle time (``ui.idle_build``): lay the chart out once already, at the size
        the hidden screen has, so that its panels exist and its lettering is made; the first show
        then lays it out again at its real size (or not at all when the size is the same) in a
        fraction of the time."""
        if self.chart_input is not None and self._chart_stale:
            self._plot()
            self._chart_stale = self.canvas.size() != self._plotted_size

    def _replot_if_resized(self) -> None:
        """The resizing settled: lay the chart out again, unless it already was for this size (a
        refresh that moved the layout and back has drawn it at the final size: ~70 ms saved)."""
        if self.canvas.size() != self._plotted_size:
            self._plot()

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
        self.voters_button.setEnabled(editable and not (vote and vote.closed))
        self.close_button.setEnabled(editable)
        closed = vote is not None and vote.closed
        self.close_button.setText("New round…" if closed else "Close vote")
        self.close_button.setToolTip(NEW_ROUND_TIP if closed else CLOSE_TIP)
        self.reveal_button.setEnabled(editable)
        self.reveal_button.setText("Hide results" if vote is not None and vote.revealed else "Reveal results")
        self.status_panel.show_vote(ws, vote)
        self.room_button.setEnabled(self.room.running or not self.ctx.read_only)
        self.room_panel.set_progress(self._room_progress(vote))
        if vote is None:
            self.chart_input = None
            self.selected_label.setText("")
            self.summary.setText("No votes yet: create one with New vote….")
            self.results.setRowCount(0)
            self.decide_button.setEnabled(False)
            self._show_results(None)
            return
        chart = chart_for(ws, vote)
        self.chart_input = chart
        self.decide_button.setEnabled(editable and not chart.empty)
        self.selected_label.setText(f"{vote.method}, {'secret' if vote.secret else 'open'} ballot, "
                                    f"round {vote.round}" + (", closed" if vote.closed else ""))
        self.summary.setText(self._summary(vote, chart))
        self._fill_results(chart)
        self._show_results(vote)
        if not self.isVisible():
            self._chart_stale = True  # drawn when the screen is next shown
        elif chart == self._plotted_input:
            # The same chart: if its size moved (the peek banner shown or hidden squeezes the
            # canvas until the page grows, ~30 ms later), lay it out once the resizing settles.
            self._resized.start()
        else:
            self._plot()

    def _summary(self, vote: m.Vote, chart: VoteChart) -> str:
        """The counts; who has voted (never what) is on the status panel."""
        r = chart.result
        lines = [f"{r.turnout} ballot{'s' if r.turnout != 1 else ''}."]
        if r.abstentions:
            lines.append(f"{r.abstentions} abstention{'s' if r.abstentions != 1 else ''}, not counted in the scores.")
        lines.append("Results revealed to the room." if vote.revealed else
                     "Results hidden from the room until you reveal them.")
        if vote.closed:
            lines.append("Closed for good: no more ballots. Ask again with New round…")
        if self.ballot_window is not None:
            lines.append("Voting in progress on the pass-the-laptop screen.")
        return "   ·   ".join(lines)

    def _room_progress(self, vote: m.Vote | None) -> str:
        """Counts only, for the room panel: who has not voted stays on the laptop's status panel."""
        if vote is None:
            return ""
        state = " Closed." if vote.closed else ""
        return f"“{vote.title}”: {turnout_words(self.ctx.workshop, vote)}.{state}"

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
