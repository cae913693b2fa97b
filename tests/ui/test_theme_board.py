"""The theme board: grouping answers by drag and drop, by Ctrl+G and by accepting a suggestion,
each one undo step that brings the themes back exactly; renaming, ungrouping, turning a theme
into an action, and agreement on themes beside the raw agreement."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from okr_workshop.domain import themes as th
from okr_workshop.domain import voice
from okr_workshop.ui.widgets.theme_board import TEXT_ROLE, ThemeBoard, ThemeDialog, answers_mime

CARRIER = "Carrier certification to Customer Success"
DATA = "Data Platform handing the event stream to the API team"
HIDDEN = "Everything marketing throws over the wall"


def board_for(qtbot, window, question: str) -> ThemeBoard:
    board = ThemeBoard(window.ctx, question)
    qtbot.addWidget(board)
    board.resize(1000, 700)
    board.show()
    qtbot.waitExposed(board)
    board.activateWindow()  # its shortcuts (Ctrl+G, Delete) work in the active window
    qtbot.waitUntil(board.isActiveWindow)
    return board


def drop(view, pos, mime) -> QDropEvent:
    """A real drop, delivered where Qt delivers it: to the view's own drop handling."""
    event = QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    view.dropEvent(event)
    return event


def themes(window) -> list:
    return list(window.ctx.workshop.themes)


def shown_answers(board: ThemeBoard) -> list[str]:
    return [board.answers.item(i).data(TEXT_ROLE) for i in range(board.answers.count())]


def test_the_board_lists_visible_answers_only_and_the_themes(demo_window, qtbot):
    """q1: the hidden answer is nowhere; the two ungrouped ones are listed, the themes hold the rest."""
    board = board_for(qtbot, demo_window, "q1")
    assert shown_answers(board) == [CARRIER, DATA]
    labels = [board.tree.topLevelItem(i).text(0) for i in range(board.tree.topLevelItemCount())]
    assert labels == ["Sales to onboarding", "The billing cut-over"]
    everything = [board.tree.topLevelItem(i).child(j).text(0) for i in range(2)
                  for j in range(board.tree.topLevelItem(i).childCount())] + shown_answers(board)
    assert HIDDEN not in everything
    assert board.tree.theme_item("t6").text(2) == "Risk"  # what it became


def test_dragging_an_answer_onto_another_makes_a_theme_and_undo_takes_it_back(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "q1")
    before = themes(demo_window)
    source = board.answers.item_for(CARRIER)
    target = board.answers.item_for(DATA)
    event = drop(board.answers, board.answers.visualItemRect(target).center(), board.answers.mimeData([source]))
    assert event.isAccepted() and event.dropAction() == Qt.CopyAction
    made = [t for t in themes(demo_window) if t not in before]
    assert len(made) == 1 and {th.normalise(a) for a in made[0].answers} == {th.normalise(DATA),
                                                                               th.normalise(CARRIER)}
    assert shown_answers(board) == []
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before
    assert shown_answers(board) == [CARRIER, DATA]


def test_dragging_an_answer_onto_a_theme_adds_it_in_one_undo_step(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "q1")
    before = themes(demo_window)
    theme = board.tree.theme_item("t7")
    drop(board.tree, board.tree.visualItemRect(theme).center(), board.answers.mimeData([board.answers.item_for(DATA)]))
    t7 = next(t for t in themes(demo_window) if t.id == "t7")
    assert t7.answers[-1] == DATA and len(themes(demo_window)) == len(before)
    assert board.tree.theme_item("t7").childCount() == 4
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before


def test_dragging_a_grouped_answer_out_onto_empty_space_ungroups_it(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "q1")
    before = themes(demo_window)
    child = board.tree.theme_item("t7").child(0)
    text = child.data(0, TEXT_ROLE)
    below_the_rows = QPoint(10, board.answers.viewport().height() - 5)
    assert board.answers.itemAt(below_the_rows) is None
    drop(board.answers, below_the_rows, board.tree.mimeData([child]))
    assert text in shown_answers(board)
    assert all(th.normalise(text) not in map(th.normalise, t.answers) for t in themes(demo_window))
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before


def test_a_drop_of_foreign_data_does_nothing(demo_window, qtbot):
    from PySide6.QtCore import QMimeData

    board = board_for(qtbot, demo_window, "q1")
    before = themes(demo_window)
    plain = QMimeData()
    plain.setText(CARRIER)
    event = drop(board.answers, board.answers.visualItemRect(board.answers.item(1)).center(), plain)
    assert not event.isAccepted()
    assert themes(demo_window) == before


def test_ctrl_g_groups_the_selected_answers_and_undo_restores_the_themes(demo_window, qtbot):
    """Several answers selected (Ctrl-click), Ctrl+G: one new theme labelled from the shortest answer."""
    board = board_for(qtbot, demo_window, "dependencies")
    before = themes(demo_window)
    picked = shown_answers(board)[:3]
    for text in picked:
        item = board.answers.item_for(text)
        qtbot.mouseClick(board.answers.viewport(), Qt.LeftButton, Qt.ControlModifier,
                         board.answers.visualItemRect(item).center())
    assert sorted(i.data(TEXT_ROLE) for i in board.answers.selectedItems()) == sorted(picked)
    qtbot.keyClick(board.answers, Qt.Key_G, Qt.ControlModifier)
    made = [t for t in themes(demo_window) if t not in before]
    assert len(made) == 1
    assert made[0].answers == picked and made[0].label == th.label_for(picked)
    assert board.tree.theme_item(made[0].id) is not None
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before


def test_accepting_a_suggestion_groups_it_and_undo_restores_the_themes(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "dependencies")
    before = themes(demo_window)
    assert board.suggestion_groups, "the demo has near-duplicates left to group"
    group = board.suggestion_groups[0]
    row = board.suggestion_rows.itemAt(0).widget()
    accept = next(b for b in row.findChildren(type(board.accept_all_button)) if b.text() == "Accept")
    qtbot.mouseClick(accept, Qt.LeftButton)
    made = [t for t in themes(demo_window) if t not in before]
    assert len(made) == 1 and made[0].answers == group
    assert group not in board.suggestion_groups
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before
    assert board.suggestion_groups[0] == group


def test_accept_all_is_one_undo_step(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "dependencies")
    before = themes(demo_window)
    count = len(board.suggestion_groups)
    qtbot.mouseClick(board.accept_all_button, Qt.LeftButton)
    assert len(themes(demo_window)) >= len(before) + 1 and board.suggestion_groups == []
    assert count >= 1
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before


def test_turning_a_theme_into_an_action_creates_it_and_shows_what_it_became(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "q1")
    ws = demo_window.ctx.workshop
    actions_before, before = list(ws.actions), themes(demo_window)
    board.tree.theme_item("t7").setSelected(True)
    action = next(a for a in board.turn_menu.actions() if a.text() == th.TARGET_LABELS["action"])
    action.trigger()
    ws = demo_window.ctx.workshop
    made = [a for a in ws.actions if a not in actions_before]
    assert len(made) == 1 and made[0].title == "The billing cut-over"
    assert "Which hand-over will bite us?" in made[0].source
    assert next(t for t in ws.themes if t.id == "t7").link == f"action:{made[0].id}"
    assert board.tree.theme_item("t7").text(2) == "Action: The billing cut-over"
    assert not board.turn_button.isEnabled()  # a theme becomes one thing
    demo_window.undo_action.trigger()
    assert demo_window.ctx.workshop.actions == actions_before and themes(demo_window) == before


def test_renaming_inline_and_ungrouping_with_delete(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "q1")
    before = themes(demo_window)
    board.tree.theme_item("t7").setText(0, "Billing go-live")  # what the inline editor commits
    qtbot.waitUntil(lambda: next(t for t in themes(demo_window) if t.id == "t7").label == "Billing go-live")
    renamed = themes(demo_window)
    child = board.tree.theme_item("t7").child(2)
    leaving = child.data(0, TEXT_ROLE)
    board.tree.setCurrentItem(child)
    board.tree.setFocus()
    qtbot.keyClick(board.tree, Qt.Key_Delete)
    t7 = next(t for t in themes(demo_window) if t.id == "t7")
    assert leaving not in t7.answers and len(t7.answers) == 2
    assert leaving in shown_answers(board)
    demo_window.undo_action.trigger()
    assert themes(demo_window) == renamed
    demo_window.undo_action.trigger()
    assert themes(demo_window) == before


def test_a_hidden_answer_stays_off_the_board(demo_window, qtbot):
    import dataclasses

    board = board_for(qtbot, demo_window, "q1")
    ctx = demo_window.ctx
    answer = next(a for a in ctx.workshop.prompt_answers if a.text == DATA)
    ctx.edit(answer, dataclasses.replace(answer, hidden=True))
    QApplication.processEvents()
    assert shown_answers(board) == [CARRIER]
    assert all(DATA not in row.answers for row in voice.themed(ctx.workshop, "q1"))


def test_agreement_on_themes_shows_beside_the_raw_agreement(demo_window, qtbot):
    board = board_for(qtbot, demo_window, "dependencies")
    assert "on themes: 15%" in board.agreement.text() and "wording: 1%" in board.agreement.text()
    prompt_board = board_for(qtbot, demo_window, "q1")
    assert not prompt_board.agreement.isVisible()


def test_the_dialog_opens_with_its_board(demo_window, qtbot):
    """The Diagnose screen opens it as ThemeDialog(ctx, question, parent).open()."""
    dialog = ThemeDialog(demo_window.ctx, "stop_or_wait", demo_window)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.board.question == "stop_or_wait" and dialog.board.tree.topLevelItemCount() == 2
    drop(dialog.board.tree, dialog.board.tree.visualItemRect(dialog.board.tree.theme_item("t4")).center(),
         answers_mime([dialog.board.answers.item(0).data(TEXT_ROLE)]))
    assert dialog.board.tree.theme_item("t4").childCount() == 3
    dialog.reject()
