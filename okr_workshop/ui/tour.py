"""A short tour of the offsite's flow, shown once on the first run and again from Help.

Eight pages: why the offsite exists, the six moves (diagnose, vote, decide, map, govern,
export) with the screens that carry each, and the habits that keep the room safe. A strip at
the top shows where the page sits in the flow.

The tour counts as seen the moment it is on screen, and that is written to disk at once: a first
run that is killed (a crash, a power cut, a forced quit) must not bring the tour back on the
next start, in front of the room.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import theme

SEEN_KEY = "tour/seen"
STAGES = ("Diagnose", "Vote", "Decide", "Map", "Govern", "Export")


@dataclass(frozen=True)
class Page:
    stage: int | None  # index into STAGES, None for the opening and closing pages
    title: str
    body: str
    screens: str = ""  # where in the app, as the navigation names it


PAGES: tuple[Page, ...] = (
    Page(None, "One offsite, six moves",
         "<p>Strategies rarely fail for lack of ambition. They fail in the hand-over from intent to "
         "the weekly routine. This app takes a leadership team from an honest diagnosis to a working "
         "system: the critical few priorities, an explicit <i>not now</i> list, owned dependencies, "
         "clear decision rights, outcome OKRs and a rhythm of reviews.</p>"
         "<p>The screens on the left follow the day in that order. Everything stays on this laptop, "
         "saved as you go; nothing leaves the room unless you export it.</p>"),
    Page(0, "Diagnose the disconnect",
         "<p>Each executive answers three questions in private: the top priorities this quarter, what "
         "should stop or wait, and which cross-functional dependencies could derail delivery. Reveal "
         "the spread together: wide variation is a leadership narrative problem, not alignment.</p>"
         "<p>Tick the warning signals (two or more point to execution design, not effort), ask who owns "
         "the outcome and who decides when priorities conflict, then write one or two blunt "
         "statements the room agrees with. Department heads can take the same check a level lower; "
         "open prompts and questions from the floor give the room its own voice, grouped into themes.</p>",
         "Diagnose · Room's voice"),
    Page(1, "Vote for the critical few",
         "<p>Put the candidate priorities to a vote: dots, points or a ranking, secret or open, on "
         "phones over the room's Wi-Fi or by a show of hands. Keep about three to five.</p>"
         "<p>Discuss, and run a second round if the room is split. Close the vote when the decision "
         "is made: no more ballots after that, and a restore point is kept just before.</p>",
         "Vote"),
    Page(2, "Decide what not to do, and who decides",
         "<p>Everything that was not chosen is stopped, deferred with a revisit date or trigger, or "
         "kept as business as usual outside the OKRs. Write each trade-off as “we choose X even at "
         "the expense of Y”.</p>"
         "<p>Then settle decision rights before the pressure hits: for each recurring conflict "
         "(a priority clash, a slipping dependency, a missed key result, a new initiative mid-cycle) "
         "exactly one final decider.</p>",
         "Not now & trade-offs · Decision rights"),
    Page(3, "Map the dependencies",
         "<p>Draw who waits on whom across teams and initiatives. Every dependency gets an owner end "
         "to end, a needed-by date, a risk level and an escalation path.</p>"
         "<p>The map marks the risks to name out loud: loops, long chains, and the teams everything "
         "waits on.</p>",
         "Dependencies"),
    Page(4, "Govern: fewer, harder OKRs and a rhythm",
         "<p>Objectives come from the chosen priorities. Key results measure outcomes with a baseline "
         "and a target; the app flags activities (“launch”, “ship”, “run”) and missing numbers.</p>"
         "<p>Install the operating rhythm: a weekly forum to unblock, a monthly one for patterns and "
         "capacity, a quarterly reset. Give every action an owner and a date.</p>",
         "OKRs · Rhythm · Actions"),
    Page(5, "Export the rollout pack",
         "<p>The PDF pack is what every participant takes home, and it stands alone for people who "
         "were not in the room: the diagnosis, the votes, the not-now list, the OKRs, the map, the "
         "decision rights, the calendar and the actions.</p>"
         "<p>The participants' copy never shows who voted what.</p>",
         "Export"),
    Page(None, "Before you go into the room",
         "<ul>"
         "<li><b>F5</b> shows the stage, what the room sees, on the projector; <b>F11</b> puts it full "
         "screen on this screen instead (one screen, or a mirrored projector).</li>"
         "<li><b>Ctrl+Z</b> undoes any edit, even after the app restarts.</li>"
         "<li><b>File → Restore to…</b> takes the whole workshop back to an earlier point.</li>"
         "<li><b>Help → Pre-flight check</b>, the night before at the venue: the projector, room "
         "voting on the venue's network, and the PDF pack.</li>"
         "<li>Try everything on the demo offsite first: <b>File → Open the demo offsite</b>.</li>"
         "<li>The next offsite starts from this one: <b>File → New from a previous offsite…</b> carries "
         "the team over and scores last quarter on the <b>Retrospective</b> screen.</li>"
         "</ul>"),
)


def tour_seen(settings: QSettings) -> bool:
    return str(settings.value(SEEN_KEY, "false")).lower() in ("true", "1")


def mark_tour_seen(settings: QSettings) -> None:
    """Remember the tour was seen, on disk now: QSettings otherwise writes later (from the event
    loop or at a clean exit), which a killed process never reaches."""
    if not tour_seen(settings):
        settings.setValue(SEEN_KEY, True)
    settings.sync()


class FlowStrip(QWidget):
    """The six moves as a row of chips, the current one filled."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current: int | None = None
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, 44)

    def set_current(self, stage: int | None) -> None:
        self.current = stage
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        gap = 14.0
        width = (self.width() - gap * (len(STAGES) - 1)) / len(STAGES)
        height = self.height() - 8.0
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        accent = QColor(theme.ACCENT)
        for i, stage in enumerate(STAGES):
            rect = QRectF(i * (width + gap), 4.0, width, height)
            on = i == self.current
            done = self.current is not None and i < self.current
            painter.setPen(QPen(accent, 2))
            painter.setBrush(accent if on else QColor("#DBEAFE") if done else QColor(theme.PAPER))
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(QColor(theme.PAPER) if on else QColor(theme.INK))
            painter.drawText(rect, Qt.AlignCenter, f"{i + 1} {stage}")
            if i < len(STAGES) - 1:  # the arrow to the next move
                painter.setPen(QPen(QColor(theme.MUTED), 2))
                y = rect.center().y()
                x = rect.right() + 3
                painter.drawLine(int(x), int(y), int(x + gap - 6), int(y))
                painter.drawLine(int(x + gap - 6), int(y), int(x + gap - 10), int(y - 4))
                painter.drawLine(int(x + gap - 6), int(y), int(x + gap - 10), int(y + 4))
        painter.end()


class TourDialog(QDialog):
    """Back / Next (Finish on the last page) / Skip the tour. Shown once, it counts as seen."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("The offsite in six moves")
        self.setMinimumSize(760, 500)
        self.strip = FlowStrip()
        self.stack = QStackedWidget()
        for page in PAGES:
            self.stack.addWidget(self._page(page))
        self.counter = QLabel()
        self.counter.setProperty("role", "hint")
        self.skip_button = QPushButton("Skip the tour")
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.next_button.setDefault(True)
        self.skip_button.clicked.connect(self.skip)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(self.next_page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.counter)
        buttons.addSpacing(16)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(self.strip)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.go(0)

    @staticmethod
    def _page(page: Page) -> QWidget:
        widget = QWidget()
        title = QLabel(page.title)
        title.setProperty("role", "title")
        title.setWordWrap(True)
        body = QLabel(page.body)
        body.setWordWrap(True)
        body.setTextFormat(Qt.RichText)
        body.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        font = body.font()
        font.setPointSize(font.pointSize() + 2)
        body.setFont(font)
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(body, 1)
        if page.screens:
            where = QLabel(f"In the app: {page.screens}")
            where.setProperty("role", "good")
            layout.addWidget(where)
        return widget

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def go(self, index: int) -> None:
        index = max(0, min(index, len(PAGES) - 1))
        self.stack.setCurrentIndex(index)
        self.strip.set_current(PAGES[index].stage)
        last = index == len(PAGES) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setText("Finish" if last else "Next")
        self.skip_button.setVisible(not last)
        self.counter.setText(f"{index + 1} of {len(PAGES)}")

    def next_page(self) -> None:
        if self.index == len(PAGES) - 1:
            self.accept()
        else:
            self.go(self.index + 1)

    def skip(self) -> None:
        self.reject()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        mark_tour_seen(self.settings)  # seen once on screen, even if this run is killed next
        super().showEvent(event)

    def done(self, result: int) -> None:
        mark_tour_seen(self.settings)  # finished, skipped or closed: do not show it again
        super().done(result)
