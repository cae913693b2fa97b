"""The demo's first screen made of plain PySide6 widgets: what Qt alone needs to paint it.

Run by ``bench_startup`` as a fresh process, like the app and the bare window:
``python startup_floor.py TEXTS.json``. It imports nothing of the app and opens no file; it
builds the window the demo's first frame shows (the menu bar with its 40 actions, the
navigation, the Overview: title, purpose, the form, the four cards, the two lists, the
coherence findings in their tab, the status bar) with the app's style sheet, font and window
size, fills it with the demo's own words from TEXTS.json, and prints when the first frame is
painted. The gap between this and the bare window is Qt's; the gap between the app and this
is the app's own (its imports, reading and checking the file, its screens).
"""

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

with open(sys.argv[1], encoding="utf-8") as f:
    texts = json.load(f)
app = QApplication([])
app.setStyleSheet(texts["style"])
font = app.font()
font.setPointSize(texts["point_size"])
app.setFont(font)
window = QMainWindow()
window.resize(*texts["size"])
for title, actions in texts["menus"].items():
    menu = window.menuBar().addMenu(title)
    for text in actions:
        menu.addAction(QAction(text, window))
nav = QListWidget()
nav.setObjectName("nav")
nav.setFixedWidth(250)
nav.addItems(texts["screens"])


def label(text: str, role: str | None = None, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


page = QWidget()
outer = QVBoxLayout(page)
outer.setContentsMargins(24, 16, 24, 16)
outer.addWidget(label("Overview", "title"))
outer.addWidget(label(texts["purpose"], "hint", wrap=True))
body = QWidget()
column = QVBoxLayout(body)
scroll = QScrollArea()
scroll.setWidgetResizable(True)
scroll.setFrameShape(QScrollArea.NoFrame)
scroll.setWidget(body)
outer.addWidget(scroll, 1)
form = QFormLayout()
for name, value in texts["fields"]:
    form.addRow(name, QLineEdit(value))
people = QComboBox()
for name in texts["names"]:
    people.addItem(name)
people.setCurrentIndex(texts["facilitator"])
form.addRow("Facilitator", people)
form_box = QWidget()
form_box.setLayout(form)
grid = QGridLayout()
for i, (figure, caption) in enumerate(texts["cards"]):
    card = QFrame()
    card.setProperty("role", "card")
    inside = QVBoxLayout(card)
    inside.addWidget(label(figure, "figure"))
    inside.addWidget(label(caption, wrap=True))
    grid.addWidget(card, 0, i)
top = QHBoxLayout()
top.addWidget(form_box, 2)
glance = QVBoxLayout()
glance.addLayout(grid)
glance.addWidget(label("", wrap=True))
top.addLayout(glance, 3)
glance_page = QWidget()
glance_layout = QVBoxLayout(glance_page)
glance_layout.addLayout(top)
lists = QHBoxLayout()
lists.addWidget(label(texts["in_room"], wrap=True), 2)
lists.addWidget(label(texts["candidates"], wrap=True), 3)
glance_layout.addLayout(lists)
glance_layout.addWidget(label("Does the story hold together?", "subtitle"))
for finding in texts["findings"]:
    row = QWidget()
    line = QHBoxLayout(row)
    line.addWidget(label(f"• {finding}", wrap=True), 1)
    line.addWidget(QPushButton("Make it an action…"))
    glance_layout.addWidget(row)
glance_layout.addStretch(1)
tabs = QTabWidget()
tabs.addTab(glance_page, "At a glance")
tabs.addTab(QWidget(), "People && priorities")
column.addWidget(tabs, 1)
stack = QStackedWidget()
stack.addWidget(page)
central = QWidget()
row = QHBoxLayout(central)
row.setContentsMargins(0, 0, 0, 0)
row.setSpacing(0)
row.addWidget(nav)
row.addWidget(stack, 1)
window.setCentralWidget(central)
window.statusBar().addPermanentWidget(QLabel(texts["status"]))
nav.setCurrentRow(0)


class Watch(QObject):
    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def painted() -> None:
    print(f"first frame painted at {time.time():.6f}", flush=True)
    app.quit()


watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
