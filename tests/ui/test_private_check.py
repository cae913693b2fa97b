"""The private alignment check, driven by clicks and typing: executives answer one after another
on the full-screen entry, nothing of one person's answers survives into the next person's screen,
the room sees only who has finished, and the reveal shows the report's agreement without names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from okr_workshop.domain import model as m
from okr_workshop.domain.report import build_report
from okr_workshop.domain.validate import workshop_from_document
from okr_workshop.resource_lookup import resource
from okr_workshop.store.workshop_file import WorkshopFile, write_new
from okr_workshop.ui.screens.private_entry import PrivateEntry
from okr_workshop.ui.widgets.answer_picker import CheckItem

from .helpers import make_window, printed_report, screen_named

# Who answers, in order: candidates ticked and items typed, per question. Typed items are spelt so
# that no candidate priority, name or label on any screen contains them by accident.
ENTRIES: list[tuple[str, dict[str, list[str]], dict[str, list[str]]]] = [
    ("p1",
     {"top_priorities": ["Cut onboarding to 30 days", "Net revenue retention above 105%"],
      "stop_or_wait": ["Rebrand and new website"]},
     {"top_priorities": ["Quokka pricing overhaul"], "dependencies": ["Yak shaving in Data Platform"]}),
    ("p3",
     {"top_priorities": ["Cut onboarding to 30 days"], "stop_or_wait": ["Rebrand and new website"]},
     {"top_priorities": ["quokka pricing overhaul "], "stop_or_wait": ["Zeppelin trade fairs"],
      "dependencies": ["Yak shaving in Data Platform", "Walrus legal review"]}),
    ("p8",
     {"top_priorities": ["Net revenue retention above 105%"]},
     {"stop_or_wait": ["Narwhal loyalty scheme"], "dependencies": ["Ocelot hiring freeze"]}),
]
TYPED = sorted({item.strip() for _, _, own in ENTRIES for items in own.values() for item in items})


@pytest.fixture
def fresh_path(tmp_path: Path) -> Path:
    """The demo offsite with no alignment answers yet: every executive still has to answer."""
    doc = json.loads(resource("demo/demo.json").read_text(encoding="utf-8"))
    doc["alignment_answers"] = []
    path = tmp_path / "fresh offsite.okrw"
    write_new(path, workshop_from_document(doc))
    return path


@pytest.fixture
def window(qtbot, fresh_path: Path):
    window = make_window(qtbot)
    assert window.open_path(fresh_path)
    return window


def texts(root: QWidget, visible_only: bool = False) -> list[str]:
    """Every piece of text ``root`` and its descendants hold: labels, buttons, fields, combos, tables."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if visible_only and not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            found.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            found += [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(columns)]
        found += [widget.accessibleName(), widget.toolTip(), widget.windowTitle()]
    return found


def leaked(root: QWidget, items: list[str], visible_only: bool = False) -> list[str]:
    """The items (compared case-insensitively) that appear anywhere in ``root``'s text."""
    haystack = "\n".join(texts(root, visible_only)).casefold()
    return [item for item in items if item.strip().casefold() in haystack]


def answer_privately(qtbot, entry: PrivateEntry, participant: str, ticks: dict[str, list[str]],
                     typed: dict[str, list[str]]) -> None:
    """One executive's turn: their name, the three questions by clicks and typing, review, confirm."""
    qtbot.mouseClick(entry.name_buttons[participant], Qt.LeftButton)
    person = entry.person
    assert person is not None and person.person.id == participant
    for question in m.QUESTIONS:
        picker = person.pickers[question]
        assert picker.isVisible()
        assert not any(o.isChecked() for o in picker.options), "a new person starts with nothing ticked"
        for title in ticks.get(question, []):
            option = next(o for o in picker.options if o.item == title)
            qtbot.mouseClick(option.label, Qt.LeftButton)  # the text is part of the target
            assert option.isChecked()
        for item in typed.get(question, []):
            qtbot.keyClicks(picker.own, item)
            qtbot.keyClick(picker.own, Qt.Key_Return)
            assert picker.own.text() == ""
        qtbot.mouseClick(person.next, Qt.LeftButton)
    assert person.reviewing
    for items in [*ticks.values(), *typed.values()]:
        for item in items:
            assert item.strip() in person.review.text()
    qtbot.mouseClick(person.next, Qt.LeftButton)  # "Confirm my answers"


def start_check(qtbot, window) -> tuple:
    screen = screen_named(window, "Diagnose")
    qtbot.mouseClick(screen.start_button, Qt.LeftButton)
    entry = screen.entry
    assert isinstance(entry, PrivateEntry) and entry.isVisible()
    assert entry.isFullScreen()
    return screen, entry


def run_three_people(qtbot, window) -> tuple:
    """The three ENTRIES through the entry screen, checking privacy at every hand-over."""
    screen, entry = start_check(qtbot, window)
    ctx = window.ctx
    names = {p.id: p.name for p in ctx.workshop.participants}
    given: list[str] = []
    for number, (pid, ticks, typed) in enumerate(ENTRIES, start=1):
        assert pid in entry.name_buttons
        answer_privately(qtbot, entry, pid, ticks, typed)
        mine = [i for items in [*ticks.values(), *typed.values()] for i in items]
        given += mine

        # Stored: one undo step, named after the person, with none of the answers in its text.
        stored = {a.question: a.items for a in ctx.workshop.alignment_answers if a.participant == pid}
        assert stored == {q: ticks.get(q, []) + [t.strip() for t in typed.get(q, [])] for q in m.QUESTIONS}
        assert ctx.undo_stack.count() == number
        assert ctx.undo_stack.undoText() == f"Private answers from {names[pid]}"
        assert not [i for i in mine if i.strip().casefold() in window.undo_action.text().casefold()]

        # The hand-over screen holds nothing of anyone's answers, hidden widgets included.
        assert entry.pages.currentWidget() is entry.thanks_page
        assert "pass the laptop on" in entry.thanks_page.findChild(QLabel, "title").text()
        assert entry.person is None and not entry.findChildren(CheckItem)
        assert leaked(entry, given) == []

        # Meanwhile the main window (on the projector) shows who has finished, and nothing else.
        assert not screen.reveal.isVisible() and not screen.answers.isVisible()
        assert not screen.reveal_button.isEnabled()
        assert leaked(window, given, visible_only=True) == []
        assert f"{names[pid]} ✓ finished" in screen.board.texts()

        qtbot.mouseClick(entry.next_person, Qt.LeftButton)
        assert pid not in entry.name_buttons  # finished people are not offered again
        assert f"{names[pid]} ✓ finished" in entry.board.texts()
        assert f"Executives {number} of 8 · Department heads 0 of 2" in entry.board.texts()
        assert leaked(entry, given) == []
    return screen, entry


def test_executives_answer_privately_one_after_another(window, qtbot):
    """Three executives tick candidates and type their own items in turn; between them the entry is
    blank, the finished list shows names only, and the answers are stored per person."""
    screen, entry = run_three_people(qtbot, window)
    ws = window.ctx.workshop
    waiting = {p.id for p in ws.participants if p.role in ("executive", "participant")}
    assert set(entry.name_buttons) == waiting - {pid for pid, _, _ in ENTRIES}  # department heads too
    # The next person starts from a blank page too.
    qtbot.mouseClick(entry.name_buttons["p2"], Qt.LeftButton)
    person = entry.person
    assert not any(o.isChecked() for p in person.pickers.values() for o in p.options)
    assert all(p.own.text() == "" for p in person.pickers.values())
    assert leaked(entry, TYPED) == []
    qtbot.mouseClick(person.cancel, Qt.LeftButton)  # back to the names, nothing stored
    assert "p2" not in {a.participant for a in window.ctx.workshop.alignment_answers}
    assert entry.person is None and "p2" in entry.name_buttons


def test_escape_does_not_end_the_check_but_the_facilitator_button_does(window, qtbot):
    """A stray Escape leaves the entry open; "End the session" closes it and re-enables Reveal."""
    screen, entry = start_check(qtbot, window)
    qtbot.keyClick(entry, Qt.Key_Escape)
    assert entry.isVisible() and screen.entry is entry
    with qtbot.waitSignal(entry.ended):
        qtbot.mouseClick(entry.end_button, Qt.LeftButton)
    assert screen.entry is None
    assert screen.reveal_button.isEnabled()


def test_reveal_shows_the_reports_agreement_without_names(window, qtbot):
    """After the session, Reveal shows per question the agreement build_report computes for the same
    file, as a percentage; the reveal and its chart name nobody; the named table stays on the laptop."""
    screen, entry = run_three_people(qtbot, window)
    qtbot.mouseClick(entry.end_button, Qt.LeftButton)
    assert not screen.reveal.isVisible() and not screen.answers.isVisible()

    qtbot.mouseClick(screen.reveal_button, Qt.LeftButton)
    assert screen.reveal.isVisible() and screen.answers.isVisible()
    with WorkshopFile.open(window.ctx.store.path, read_only=True) as other:
        expected = build_report(other.workshop)["alignment"]
    names = [p.name for p in window.ctx.workshop.participants]
    from matplotlib.text import Text

    for question in m.QUESTIONS:
        qtbot.mouseClick(screen.reveal.tabs[question], Qt.LeftButton)
        agreement = expected[question]["agreement"]
        assert agreement is not None
        assert screen.reveal.scores[question] == pytest.approx(agreement, abs=5e-5)
        assert screen.reveal.figure.text() == f"{round(agreement * 100)}%"
        assert f"{round(agreement * 100)}%" in screen.reveal.tabs[question].text()
        assert screen.reveal.verdict.text() == expected[question]["verdict"]
        assert (f"3 executives gave {expected[question]['distinct']} different answers"
                in screen.reveal.spread.text())
        chart_text = [t.get_text() for t in screen.reveal.chart.figure.findobj(Text)]
        for answer in expected[question]["answers"]:
            assert any(answer["item"] in t.replace("\n", " ") for t in chart_text), answer["item"]
        assert leaked(screen.reveal, names) == []
        assert not [n for n in names if any(n in t for t in chart_text)]

    # Top priorities: the two who typed "quokka" (in two spellings) are one group of two.
    top = {a["item"]: a["count"] for a in expected["top_priorities"]["answers"]}
    assert top == {"Cut onboarding to 30 days": 2, "Net revenue retention above 105%": 2,
                   "Quokka pricing overhaul": 2}

    window.ctx.set_stage_on_console(True)  # the room may see the console: the named table goes
    assert screen.reveal.isVisible() and not screen.answers.isVisible()
    window.ctx.set_stage_on_console(False)
    assert screen.answers.isVisible()
    qtbot.mouseClick(screen.reveal_button, Qt.LeftButton)  # "Hide the answers"
    assert not screen.reveal.isVisible() and not screen.answers.isVisible()


def test_the_installed_report_command_agrees_with_the_reveal(window, qtbot, tmp_path):
    """`okr-workshop report FILE`, run as its own process on the file the window holds open, prints the
    agreement per question that the reveal shows."""
    screen, entry = run_three_people(qtbot, window)
    qtbot.mouseClick(entry.end_button, Qt.LeftButton)
    qtbot.mouseClick(screen.reveal_button, Qt.LeftButton)
    printed = printed_report(window.ctx.store.path, tmp_path)["alignment"]
    for question in m.QUESTIONS:
        agreement = printed[question]["agreement"]
        assert printed[question]["responses"] == 3
        assert screen.reveal.scores[question] == pytest.approx(agreement, abs=5e-5)
        qtbot.mouseClick(screen.reveal.tabs[question], Qt.LeftButton)
        assert screen.reveal.figure.text() == f"{round(agreement * 100)}%"


def test_undoing_a_persons_answers_puts_them_back_on_the_list(window, qtbot):
    """Undo removes the last person's three answers in one step; the open entry offers their name again."""
    screen, entry = start_check(qtbot, window)
    pid, ticks, typed = ENTRIES[0]
    answer_privately(qtbot, entry, pid, ticks, typed)
    qtbot.mouseClick(entry.next_person, Qt.LeftButton)
    assert pid not in entry.name_buttons
    window.undo_action.trigger()
    assert not [a for a in window.ctx.workshop.alignment_answers if a.participant == pid]
    assert pid in entry.name_buttons
    assert "Executives 0 of 8 · Department heads 0 of 2" in entry.board.texts()


def test_closing_the_main_window_ends_the_check(window, qtbot):
    """The entry never outlives the workshop window (it would edit a closed file)."""
    screen, entry = start_check(qtbot, window)
    with qtbot.waitSignal(entry.ended):
        window.close()
    assert not entry.isVisible()


def test_undo_keys_pressed_in_the_entry_window_undo_nothing(window, qtbot):
    """The next executive cannot take back (or peek at) the last one's answers with Ctrl+Z."""
    screen, entry = start_check(qtbot, window)
    pid, ticks, typed = ENTRIES[0]
    answer_privately(qtbot, entry, pid, ticks, typed)
    qtbot.mouseClick(entry.next_person, Qt.LeftButton)
    stored = list(window.ctx.workshop.alignment_answers)
    entry.activateWindow()
    qtbot.keyClick(entry, Qt.Key_Z, Qt.ControlModifier)
    qtbot.keyClick(entry, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.ctx.workshop.alignment_answers == stored
    assert entry.windowModality() == Qt.ApplicationModal  # the main window takes no input meanwhile
