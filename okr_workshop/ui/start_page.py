"""The start page: what the window shows with no workshop open.

Its own module because it is built only when shown: a start with a file or the demo never
pays for it (nor for Qt's namespace of enums it uses).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..resource_lookup import resource
from . import theme


class StartHost(Protocol):
    """What the start page's buttons call: the window's ways in. A Protocol rather than
    ``MainWindow``, which imports this module: the child never imports its parent."""

    def new_file(self) -> None: ...

    def open_dialog(self) -> None: ...

    def open_demo(self) -> None: ...

    def open_next_demo(self) -> None: ...

    def open_path(self, path: str) -> bool: ...

    def recent_files(self) -> list[str]: ...

    def show_tour(self) -> object: ...

    def show_preflight(self) -> object: ...


class StartCard(QPushButton):
    """A large button with a title and a line of explanation (the start page's ways in)."""

    def __init__(self, title: str, text: str, slot):
        super().__init__()
        self.setObjectName("startCard")
        self.setCursor(Qt.PointingHandCursor)
        self.setMinimumSize(240, 124)  # room for a title on two lines
        self.setAccessibleName(title)
        self.setToolTip(text)
        heading = QLabel(title)
        heading.setObjectName("startCardTitle")
        heading.setWordWrap(True)  # "Open the demo (next quarter)" takes two lines on a narrow window
        line = QLabel(text)
        line.setWordWrap(True)
        line.setProperty("role", "hint")
        for label in (heading, line):
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(heading)
        layout.addWidget(line, 1)
        self.clicked.connect(slot)


class StartPage(QWidget):
    """What the window shows with no workshop open: the ways in (new, open, the two demos), the recent workshops,
    and the tour and the venue check for the first evening."""

    STYLE = f"""
    QPushButton#startCard {{ background: #F9FAFB; border: 1px solid #D1D5DB; border-radius: 10px; text-align: left; }}
    QPushButton#startCard:hover, QPushButton#startCard:focus {{
        border: 2px solid {theme.ACCENT}; background: #EFF6FF; }}
    QLabel#startCardTitle {{ font-size: {theme.BASE_POINT_SIZE + 5}pt; font-weight: 600; color: {theme.ACCENT}; }}
    QPushButton#recentFile {{ border: none; border-radius: 6px; }}
    QLabel#recentName {{ font-size: {theme.BASE_POINT_SIZE + 3}pt; font-weight: 600; }}
    QPushButton#startFoot {{ padding: 8px 16px; font-size: {theme.BASE_POINT_SIZE + 1}pt; }}
    QPushButton#recentFile:hover, QPushButton#recentFile:focus {{ background: #EFF6FF; }}
    """

    def __init__(self, window: StartHost):
        super().__init__()
        self.setStyleSheet(self.STYLE)
        title = QLabel("okr-workshop")
        title.setProperty("role", "title")
        hint = QLabel("Run the leadership offsite offline: diagnose, vote, decide, map, govern, export.\n"
                      "Every change is saved in the workshop file as you make it.")
        hint.setProperty("role", "hint")
        head = QHBoxLayout()
        logo = QLabel()
        with contextlib.suppress(FileNotFoundError):
            logo.setPixmap(QPixmap(str(resource("icons/okr-workshop-128.png"))).scaled(
                72, 72, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        head.addWidget(logo)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(hint)
        head.addLayout(words, 1)

        self.new_button = StartCard("New workshop", "Start an empty offsite file and fill it in.", window.new_file)
        self.open_button = StartCard("Open…", "Open a workshop file (.okrw) from this computer.", window.open_dialog)
        self.demo_button = StartCard("Open the demo", "A complete sample offsite to rehearse with; a fresh copy "
                                     "each time.", window.open_demo)
        self.next_demo_button = StartCard("Open the demo (next quarter)", "The same company one quarter later: "
                                          "the retrospective and the then-and-now.", window.open_next_demo)
        cards = QHBoxLayout()
        cards.setSpacing(16)
        for card in (self.new_button, self.open_button, self.demo_button, self.next_demo_button):
            cards.addWidget(card, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 44, 56, 32)
        layout.setSpacing(14)
        layout.addLayout(head)
        layout.addSpacing(8)
        layout.addLayout(cards)
        self.recent_buttons: list[QPushButton] = []
        recent = window.recent_files()
        sub = QLabel("Recent workshops" if recent else "No recent workshops yet")
        sub.setProperty("role", "subtitle")
        layout.addWidget(sub)
        for path in recent:
            button = RecentButton(Path(path), lambda _=False, p=path: window.open_path(p))
            layout.addWidget(button)
            self.recent_buttons.append(button)
        layout.addStretch(1)
        self.tour_button = QPushButton("Take the tour of the offsite flow")
        self.tour_button.clicked.connect(window.show_tour)
        self.preflight_button = QPushButton("Pre-flight check for the venue…")
        self.preflight_button.clicked.connect(window.show_preflight)
        for button in (self.tour_button, self.preflight_button):
            button.setObjectName("startFoot")
        foot = QHBoxLayout()
        foot.addWidget(self.tour_button)
        foot.addWidget(self.preflight_button)
        foot.addStretch(1)
        layout.addLayout(foot)


class RecentButton(QPushButton):
    """A recent workshop: its name large, then its folder and when it last changed."""

    def __init__(self, path: Path, slot):
        super().__init__()
        self.setObjectName("recentFile")
        self.setToolTip(str(path))
        self.setAccessibleName(path.name)
        self.setCursor(Qt.PointingHandCursor)
        try:
            changed = datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %b %Y, %H:%M")
        except OSError:
            changed = "?"
        name = QLabel(path.stem)
        name.setObjectName("recentName")
        where = QLabel(f"{path.parent}  ·  changed {changed}")
        where.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        for label in (name, where):
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(name.sizeHint().height() + where.sizeHint().height() + 16)
        self.clicked.connect(slot)
