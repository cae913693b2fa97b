"""The session timer: a calm strip above the screen while a session of the run of show runs.

It sits in the layout, above the screen, so it never covers what the room is reading. Large
digits count down the timebox; Pause, +5 min and Next session are beside them (also in the
Session menu, with keys). Near the end a quiet cue appears: the words "Nearly time", a solid
orange frame and a filling line; over time the digits read "+1:23", the words say so and the
frame turns dashed. Nothing blinks, and no state is told by colour alone.

Built only when the first session starts, so the window's first frame never waits for it.
The time comes from ``ctx.clock``; ``refresh`` redraws from the workshop and that clock, which
is all a test needs to drive it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ...domain import run_of_show as ros
from ..context import WorkshopContext

ORANGE, VERMILLION, BLUE = "#E69F00", "#D55E00", "#0072B2"


def _sheet(state: str) -> str:
    """The strip's own style: the frame and the ink say the state."""
    digits, title, small = 22, 13, 10
    frame = {"nearly": f"3px solid {ORANGE}", "over": f"3px dashed {VERMILLION}"}.get(state, "3px solid transparent")
    ink = "#6B7280" if state == "paused" else "#111827"
    line = {"nearly": ORANGE, "over": VERMILLION}.get(state, BLUE)
    background = "#F3F4F6"
    return f"""
QFrame#sessionTimer {{ background: {background}; border: {frame}; border-radius: 8px; }}
QFrame#sessionTimer QLabel {{ background: transparent; border: none; }}
QLabel#timerTitle {{ font-size: {title}pt; font-weight: 700; color: {ink}; }}
QLabel#timerDetail {{ font-size: {small}pt; color: #374151; }}
QLabel#timerCue {{ font-size: {title}pt; font-weight: 700; color: #000000; }}
QLabel#timerDigits {{ font-size: {digits}pt; font-weight: 800; color: {ink}; padding: 0 12px; }}
QPushButton#timerButton {{ font-size: {small}pt; padding: 4px 10px; border: 1px solid #9CA3AF;
    border-radius: 5px; background: {background}; }}
QProgressBar#timerLine {{ background: #E5E7EB; border: none; border-radius: 2px; }}
QProgressBar#timerLine::chunk {{ background: {line}; border-radius: 2px; }}
"""


class SessionTimer(QFrame):
    """The running session's countdown, with pause, +5 min and the next session."""

    def __init__(self, ctx: WorkshopContext, window: QWidget):
        super().__init__()
        self.ctx = ctx
        self.window_ = window
        self.setObjectName("sessionTimer")
        self.title = self._label("timerTitle")
        self.detail = self._label("timerDetail")  # the goal and the day against the plan
        self.cue = self._label("timerCue")
        for label in (self.title, self.detail, self.cue):  # long words wrap: the strip never widens the window
            label.setWordWrap(True)
        self.digits = self._label("timerDigits")
        self.digits.setAccessibleName("Time left")
        self.pause_button = self._button("Pause", window.run.toggle_pause, "Pause or resume the timer (Ctrl+Shift+T)")
        self.extend_button = self._button("+5 min", window.run.extend, "Give this session 5 more minutes "
                                          "(Ctrl+Shift+E)")
        self.next_button = self._button("Next session", window.run.next_session,
                                        "End this session and start the next one (Ctrl+Shift+N)")
        self.line = QProgressBar()
        self.line.setObjectName("timerLine")
        self.line.setTextVisible(False)
        self.line.setRange(0, 1000)
        self.line.setFixedHeight(6)

        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.title)
        words.addWidget(self.detail)
        row = QHBoxLayout()
        row.setContentsMargins(14, 6, 10, 4)
        row.addLayout(words, 3)
        row.addWidget(self.cue, 2)
        row.addWidget(self.digits)
        for button in (self.pause_button, self.extend_button, self.next_button):
            row.addWidget(button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 6)
        outer.setSpacing(2)
        outer.addLayout(row)
        line_row = QHBoxLayout()
        line_row.setContentsMargins(14, 0, 14, 0)
        line_row.addWidget(self.line)
        outer.addLayout(line_row)

        self._style_key: str | None = None  # the state the style sheet was last set for
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh)
        self.refresh()

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        return label

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("timerButton")
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        """Redraw from the workshop and the clock; hide when no session runs."""
        agenda = self.ctx.workshop.agenda
        session = ros.running(agenda)
        if session is None:
            self.ticker.stop()
            self.setVisible(False)
            return
        now = self.ctx.clock.now()
        view = ros.timer_view(session, now)
        if self._style_key != view.state:
            self._style_key = view.state
            self.setStyleSheet(_sheet(view.state))
        self.title.setText(session.title)
        summary = ros.day_summary(agenda, session.day, now)
        pace = ("on plan" if summary.over == 0 else
                f"{ros.format_minutes(abs(summary.over))} {'behind' if summary.over > 0 else 'ahead of'} plan")
        ends = f"; ends ≈ {summary.projected_end:%H:%M}" if summary.projected_end else ""
        goal = f"{session.goal} · " if session.goal else ""
        self.detail.setText(f"{goal}Day {session.day}: {pace}{ends}")
        self.cue.setText(view.cue)
        self.cue.setVisible(bool(view.cue))
        self.digits.setText(view.digits)
        self.digits.setToolTip(f"{ros.format_minutes(session.minutes)} planned"
                               + (f" + {session.extended} min added" if session.extended else ""))
        self.line.setValue(int(view.fraction * 1000))
        self.pause_button.setText("Resume" if view.state == "paused" else "Pause")
        self.extend_button.setEnabled(not self.ctx.read_only)
        self.pause_button.setEnabled(not self.ctx.read_only)
        self.next_button.setEnabled(not self.ctx.read_only)
        self.setVisible(True)
        if not self.ticker.isActive():
            self.ticker.start()
