"""Pass the laptop: a full-screen, private ballot that one voter after another fills in.

The window is its own application-modal top-level window, so none of the main window's keys
(undo above all) work while it is open: once a ballot is submitted, nothing on this screen can
show it or take it back.
Each voter gets a freshly built, blank ballot; the previous one is destroyed on submission.
A ballot is stored with ``WorkshopFile.cast_ballot``, which keeps a secret ballot unlinkable
from its voter and keeps it off the undo stack. "I abstain" stores a ballot with no scores: the
voter is counted as having voted, and the abstention is counted apart from the scores.
Voters who sit the vote out are not offered; a refused ballot (a vote closed meanwhile) stays
on screen with the reason.
While the room may see the console (``WorkshopContext.room_sees_console``: the stage up on this
screen) the ballot names nobody beside its scores, and "received" reads the same for a ballot,
an abstention and a changed vote: nothing on screen links a person to their choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.vote_status import received_words
from .. import theme
from ..context import WorkshopContext
from ..widgets.ballot_inputs import ABSTAIN, BIG, HELP, BallotInput, ballot_input, voter_reason

STYLE = f"""
QWidget#ballot {{ background: #FFFFFF; }}
QWidget {{ color: {theme.INK}; font-size: 20pt; background: #FFFFFF; }}
QLabel[role="ballot-title"] {{ font-size: 30pt; font-weight: 700; }}
QLabel[role="ballot-item"] {{ font-size: 22pt; }}
QLabel[role="ballot-big"] {{ font-size: 34pt; font-weight: 800; color: {theme.ACCENT}; }}
QLabel[role="ballot-count"] {{ font-size: 32pt; font-weight: 800; }}
QLabel[role="ballot-reason"] {{ font-size: 20pt; font-weight: 700; color: #B33F00; }}
QLabel[role="ballot-note"] {{ font-size: 18pt; color: {theme.MUTED}; }}
QPushButton {{ font-size: 22pt; padding: 4px 20px; border: 2px solid {theme.INK}; border-radius: 10px;
    background: #F3F4F6; }}
QPushButton:checked {{ background: {theme.ACCENT}; color: #FFFFFF; border-color: {theme.ACCENT}; }}
QPushButton:disabled {{ color: #9CA3AF; border-color: #D1D5DB; background: #F9FAFB; }}
QPushButton:focus {{ border: 4px solid {theme.OKABE_ITO['orange']}; }}
QPushButton[role="primary"] {{ background: {theme.ACCENT}; color: #FFFFFF; font-weight: 700; }}
QPushButton[role="primary"]:disabled {{ background: #E5E7EB; color: #6B7280; }}
QPushButton[role="ballot-change"] {{ font-size: 16pt; background: #FFFFFF; border: 2px solid {theme.MUTED}; }}
QPushButton[role="facilitator"] {{ font-size: 14pt; background: #FFFFFF; border: 2px dashed {theme.MUTED}; }}
QListWidget {{ font-size: 22pt; border: 2px solid #D1D5DB; border-radius: 8px; }}
QListWidget::item {{ border-bottom: 1px solid #E5E7EB; padding-left: 12px; }}
QListWidget::item:selected {{ background: #DBEAFE; color: {theme.INK}; }}
"""


MAX_BALLOT_WIDTH = 1280


def _label(text: str = "", role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


def _button(text: str, role: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(BIG)
    if role:
        button.setProperty("role", role)
    return button


def maybe_mirrored() -> bool:
    """One screen only: a projector plugged in shows the same picture (or none is plugged in;
    the reminder costs nothing then). With two, the ballot goes on the one not projected."""
    return len(QGuiApplication.screens()) < 2


def private_screen(main_window: QWidget | None) -> QScreen | None:
    """The screen the ballot belongs on: the console's, never the stage's (the stage is a
    window of its own, full screen on the other screen when there are two)."""
    # QWidget.screen by name: MainWindow.screen(index) means one of its own screens.
    return QWidget.screen(main_window) if main_window is not None else QGuiApplication.primaryScreen()


class BallotWindow(QWidget):
    """Names first (only people who have not voted), then the ballot, then "received"."""

    finished = Signal()

    def __init__(self, ctx: WorkshopContext, vote_id: str):
        super().__init__(None, Qt.Window)
        self.ctx = ctx
        self.vote_id = vote_id
        self.voter: str | None = None
        self.changing = False  # the voter's ballot replaces one they cast earlier
        self.input: BallotInput | None = None
        # voter -> the ballot they cast in this window, so they may change it until the vote
        # closes. Memory only: a secret ballot's owner is never written anywhere.
        self.cast_here: dict[str, str] = {}
        # Application-modal: while voters hold the laptop, the facilitator's window takes no
        # input at all, so no key (Ctrl+Z above all) can reach its undo stack or its results.
        self.setWindowModality(Qt.ApplicationModal)
        self.setObjectName("ballot")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle("Ballot")

        self.pages = QStackedWidget()
        self.who_page = self._who_page()
        self.ballot_page = self._ballot_page()
        self.received_page = self._received_page()
        for page in (self.who_page, self.ballot_page, self.received_page):
            self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 24)
        outer.addWidget(self.pages, 1)
        outer.addLayout(self._facilitator_bar())
        self.show_names()
        ctx.room_sees_console_changed.connect(self._room_sees_changed)  # a bound slot: gone with the window

    # ----- the vote as it is now ----------------------------------------------------------

    def vote(self) -> m.Vote | None:
        return next((v for v in self.ctx.workshop.votes if v.id == self.vote_id), None)

    def eligible(self) -> list[m.Participant]:
        """Who may still vote: everyone but the facilitator, minus those who have voted and those
        who sit this vote out."""
        ws = self.ctx.workshop
        vote = self.vote()
        skip = set(vote.voters()) | set(vote.opted_out) if vote else set()
        return [p for p in ws.participants
                if p.role != "facilitator" and p.id != ws.info.facilitator and p.id not in skip]

    def earlier_ballot(self, participant: str) -> str | None:
        """The ballot ``participant`` may replace: an open vote's own ballot, or a secret one cast
        in this window; None when there is none (or the vote is closed)."""
        vote = self.vote()
        if vote is None or vote.closed or participant in vote.opted_out:
            return None
        if not vote.secret:
            return next((b.id for b in vote.ballots if b.participant == participant), None)
        ballot = self.cast_here.get(participant)
        return ballot if ballot in {b.id for b in vote.ballots} else None

    def changeable(self) -> list[m.Participant]:
        """Who has voted and may still change their ballot here."""
        return [p for p in self.ctx.workshop.participants if self.earlier_ballot(p.id) is not None]

    def titles(self) -> dict[str, str]:
        vote = self.vote()
        return {item: self.ctx.workshop.priority_title(item) for item in (vote.items if vote else [])}

    # ----- pages --------------------------------------------------------------------------

    def _who_page(self) -> QWidget:
        page = QWidget()
        self.question = _label(role="ballot-title")
        self.secrecy = _label(role="ballot-note")
        self.who_prompt = _label("Who is voting? Tap your name.", "ballot-item")
        self.mirror_warning = _label("Facilitator: this may be the projected screen. Blank the projector, or "
                                     "extend the display, before the first voter.", "ballot-reason")
        self.mirror_warning.setVisible(False)
        self.names_box = QWidget()
        self.names = QGridLayout(self.names_box)
        self.names.setSpacing(16)
        self.names.setAlignment(Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(self.names_box)
        layout = QVBoxLayout(page)
        layout.addWidget(self.question)
        layout.addWidget(self.secrecy)
        layout.addWidget(self.mirror_warning)
        layout.addSpacing(16)
        layout.addWidget(self.who_prompt)
        layout.addWidget(scroll, 1)
        self.name_buttons: dict[str, QPushButton] = {}
        self.change_buttons: dict[str, QPushButton] = {}  # who voted here and may change it
        return page

    def _ballot_page(self) -> QWidget:
        page = QWidget()
        self.voting_as = _label(role="ballot-title")
        self.back = _button("Not you? Back to the names")
        self.back.clicked.connect(self.show_names)
        top = QHBoxLayout()
        top.addWidget(self.voting_as, 1)
        top.addWidget(self.back)
        self.help = _label(role="ballot-item")
        self.input_area = QScrollArea()
        self.input_area.setWidgetResizable(True)
        self.input_area.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.input_area.setFrameShape(QScrollArea.NoFrame)
        self.budget = _label(role="ballot-big")  # always in view, outside the scrolling ballot
        self.reason = _label(role="ballot-reason")
        self.submit_button = _button("Submit my ballot", "primary")
        self.submit_button.setMinimumWidth(360)
        self.submit_button.clicked.connect(self.submit)
        self.abstain_button = _button(ABSTAIN)
        self.abstain_button.setToolTip("Vote for none of the items: you count as having voted, and your "
                                       "abstention is counted apart")
        self.abstain_button.clicked.connect(self.abstain)
        status = QVBoxLayout()
        status.addWidget(self.budget)
        status.addWidget(self.reason)
        bottom = QHBoxLayout()
        bottom.addLayout(status, 1)
        bottom.addWidget(self.abstain_button, 0, Qt.AlignBottom)
        bottom.addWidget(self.submit_button, 0, Qt.AlignBottom)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.help)
        layout.addWidget(self.input_area, 1)
        layout.addLayout(bottom)
        return page

    def _received_page(self) -> QWidget:
        page = QWidget()
        self.received = _label("Ballot received — pass the laptop to the next person.", "ballot-title")
        self.received.setAlignment(Qt.AlignCenter)
        self.received_note = _label(role="ballot-item")
        self.received_note.setAlignment(Qt.AlignCenter)
        self.next_button = _button("Next voter", "primary")
        self.next_button.setMinimumWidth(360)
        self.next_button.clicked.connect(self.show_names)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.received)
        layout.addWidget(self.received_note)
        layout.addSpacing(24)
        layout.addWidget(self.next_button, 0, Qt.AlignCenter)
        layout.addStretch(2)
        return page

    def _facilitator_bar(self) -> QHBoxLayout:
        self.end_button = _button("Facilitator: end the voting session", "facilitator")
        self.end_button.clicked.connect(self._ask_end)
        self.end_question = _label("End voting and go back to the results?", "ballot-note")
        self.end_question.setWordWrap(False)
        self.confirm_end = _button("Yes, end the session", "facilitator")
        self.cancel_end = _button("Keep voting", "facilitator")
        self.confirm_end.clicked.connect(self.close)
        self.cancel_end.clicked.connect(lambda: self._show_end_question(False))
        bar = QHBoxLayout()
        bar.addStretch(1)
        for widget in (self.end_question, self.confirm_end, self.cancel_end, self.end_button):
            bar.addWidget(widget)
        self._show_end_question(False)
        return bar

    # ----- the flow -----------------------------------------------------------------------

    def show_names(self) -> None:
        """The first page, for the next voter: a blank slate."""
        self._drop_ballot()
        vote = self.vote()
        self.question.setText(vote.title if vote else "This vote no longer exists.")
        self.secrecy.setText("Secret ballot: your choices are stored without your name; nobody can see how "
                             "you voted." if vote is None or vote.secret else
                             "Open ballot: your name is kept with your choices.")
        for button in [*self.name_buttons.values(), *self.change_buttons.values()]:
            button.deleteLater()
        self.name_buttons, self.change_buttons = {}, {}
        people = self.eligible() if vote else []
        for n, person in enumerate(people):
            button = _button(person.name)
            button.clicked.connect(lambda _=False, pid=person.id: self.start(pid))
            self.names.addWidget(button, n // 3, n % 3)
            self.name_buttons[person.id] = button
        row = (len(people) + 2) // 3
        for n, person in enumerate(self.changeable() if vote else []):
            button = _button(f"{person.name}: change my vote", "ballot-change")
            button.clicked.connect(lambda _=False, pid=person.id: self.start(pid))
            self.names.addWidget(button, row + n // 3, n % 3)
            self.change_buttons[person.id] = button
        self.who_prompt.setText("Who is voting? Tap your name." if people else
                                "Everyone has voted. Hand the laptop back to the facilitator.")
        self.pages.setCurrentWidget(self.who_page)

    def start(self, participant: str) -> None:
        """A blank ballot for ``participant``."""
        vote = self.vote()
        changing = self.earlier_ballot(participant) is not None
        if vote is None or (participant not in {p.id for p in self.eligible()} and not changing):
            return self.show_names()
        self._drop_ballot()
        self.voter = participant
        self.changing = changing
        self._show_voter()
        cap = f" At most {vote.cap} on one item." if vote.method == "dots" and vote.cap else ""
        self.help.setText(HELP[vote.method] + cap)
        self.input = ballot_input(vote, self.titles())
        self.input.setMaximumWidth(MAX_BALLOT_WIDTH)  # on a wide screen, keep each title near its buttons
        self.input.changed.connect(self._check)
        self.input_area.setWidget(self.input)
        self._check()
        self.pages.setCurrentWidget(self.ballot_page)
        self.input.focus_first()

    def _show_voter(self) -> None:
        """Whom the ballot is for, over it. While the room may see the console, no name beside
        the scores: the voter tapped their own name and knows."""
        if self.voter is None:
            self.voting_as.setText("")
        elif self.ctx.room_sees_console:
            self.voting_as.setText("Changing your vote: this ballot replaces the earlier one" if self.changing
                                   else "Your ballot")
        else:
            name = self.ctx.workshop.participant_name(self.voter)
            self.voting_as.setText(f"Changing the vote of {name}: this ballot replaces the earlier one"
                                   if self.changing else f"Voting as {name}")

    def _room_sees_changed(self, _on: bool) -> None:
        """The stage came onto (or left) this screen mid-ballot: the name goes (or comes back)."""
        self._show_voter()

    def _check(self) -> None:
        vote = self.vote()
        if vote is None or self.input is None:
            self.submit_button.setEnabled(False)
            return
        scores = self.input.scores()
        reason = voter_reason(vote, scores, self.titles())
        self.budget.setText(self.input.status())
        self.reason.setText(reason or "Ready to submit.")
        self.reason.setProperty("role", "ballot-reason" if reason else "ballot-note")
        self.reason.style().polish(self.reason)
        self.submit_button.setEnabled(reason is None)

    def submit(self) -> None:
        """Store the ballot and clear the screen; refused ballots stay, with the reason."""
        vote = self.vote()
        if vote is not None and self.input is not None and voter_reason(vote, self.input.scores(),
                                                                         self.titles()) is None:
            self._cast(self.input.scores(), abstains=False)

    def abstain(self) -> None:
        """Store an explicit abstention: a ballot with no scores."""
        self._cast({}, abstains=True)

    def _cast(self, scores: dict[str, int], abstains: bool) -> None:
        vote = self.vote()
        if vote is None or self.input is None or self.voter is None:
            return
        earlier = self.earlier_ballot(self.voter)
        try:
            if earlier is None:
                ballot = self.ctx.store.cast_ballot(vote.id, self.voter, scores)
            else:
                ballot = self.ctx.store.replace_ballot(vote.id, self.voter, earlier, scores)
        except ValueError as exc:  # BallotRefused: the vote was closed, or the voter sits it out
            self.reason.setText(f"Not stored: {exc}.")
            self.reason.setProperty("role", "ballot-reason")
            self.reason.style().polish(self.reason)
            return
        self.cast_here[self.voter] = ballot
        received = received_words(abstains, earlier is not None, self.ctx.room_sees_console)
        self.received.setText(f"{received} — pass the laptop to the next person.")
        self._drop_ballot()
        left = len(self.eligible())
        self.received_note.setText(f"{left} still to vote." if left else
                                   "Everyone has voted. Hand the laptop back to the facilitator.")
        self.next_button.setVisible(left > 0)
        self.pages.setCurrentWidget(self.received_page)

    def _drop_ballot(self) -> None:
        """Forget the ballot on screen: the widget and everything it held, and whose it was."""
        self.voter = None
        self.changing = False
        self.voting_as.setText("")
        if self.input is not None:
            self.input_area.takeWidget()
            self.input.deleteLater()
            self.input = None
        self.budget.setText("")
        self.reason.setText("")

    # ----- ending ---------------------------------------------------------------------------

    def _ask_end(self) -> None:
        self._show_end_question(True)

    def _show_end_question(self, asking: bool) -> None:
        self.end_button.setVisible(not asking)
        for widget in (self.end_question, self.confirm_end, self.cancel_end):
            widget.setVisible(asking)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key_Escape:  # a voter must not fall out into the facilitator's screen
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._drop_ballot()
        event.accept()
        self.finished.emit()
