"""The Priorities tab driven as a facilitator would: drag, type ratings, decide, filter, undo."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gui.priorities import priorities_tab
from gui.priorities.settings_dialog import MatrixSettingsDialog
from services.priorities import planned_actions, priority_ratings
from services.priorities.priority_board import load_board
from tests.test_gui_team import click_action, click_cell, click_tab, press_enter, type_into_editor
from tests.test_priority_services import action_of


def open_priorities(qtbot, window):
    window.activateWindow()  # the keys typed go to the focus of the active window
    qtbot.waitUntil(window.isActiveWindow)
    click_tab(qtbot, window, "Priorities")
    tab = window.tab("priorities")
    qtbot.waitUntil(tab.isVisible)  # a tab built on first show appears on the next event-loop pass
    return tab


def item_by_title(window, title: str):
    return next(i for i in window.context.read(load_board).items if i.title == title)


def viewport_pos(matrix, ease: float, impact: float):
    scene = matrix.getPlotItem().vb.mapViewToScene(QPointF(ease, impact))
    return matrix.mapFromScene(scene)


def enlarge(qtbot, window, matrix) -> None:
    """Make the window large and wait until the matrix's plot is laid out across its view."""
    window.resize(1400, 900)

    def laid_out() -> bool:
        plot = matrix.getPlotItem().vb.sceneBoundingRect()
        view = matrix.viewport().rect()
        return view.width() > 400 and view.contains(plot.toRect()) and plot.width() > 0.6 * view.width()

    qtbot.waitUntil(laid_out)


def drag(qtbot, matrix, start, end) -> None:
    viewport = matrix.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    steps = 8
    for n in range(1, steps + 1):
        point = start + (end - start) * n / steps
        qtbot.mouseMove(viewport, pos=point)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_drag_sets_the_agreed_position_and_undo_restores_it(qtbot, window):
    tab = open_priorities(qtbot, window)
    enlarge(qtbot, window, tab.matrix)
    item = item_by_title(window, "Give counselors and psychologists a private office in every school")
    assert item.quadrant_label == "Do it next" and not item.has_agreed_position
    start = viewport_pos(tab.matrix, item.ease, item.impact)
    end = viewport_pos(tab.matrix, 4.5, 4.5)
    drag(qtbot, tab.matrix, start, end)

    moved = item_by_title(window, item.title)
    assert moved.has_agreed_position
    assert abs(moved.ease - 4.5) < 0.15 and abs(moved.impact - 4.5) < 0.15
    assert moved.quadrant_label == "Do it now!"
    assert moved.ratings == item.ratings  # the raters' own ratings are untouched
    assert tab.selected_item().id == item.id  # dragging selects it in the list too
    assert "Do it now!" in tab.model.data(tab.model.index(tab.model.row_of(item.id), tab.model.column_of("quadrant")))

    window.context.undo_stack.undo()
    back = item_by_title(window, item.title)
    assert not back.has_agreed_position and back.quadrant_label == "Do it next"
    window.context.undo_stack.redo()
    assert item_by_title(window, item.title).has_agreed_position


def test_arrow_keys_nudge_the_selected_point_as_one_undo_step(qtbot, window):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Name a wellness contact in every school")
    tab.select_action(item.id)
    tab.matrix.setFocus()
    for _ in range(3):
        qtbot.keyClick(tab.matrix, Qt.Key.Key_Up)
    qtbot.keyClick(tab.matrix, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    nudged = item_by_title(window, item.title)
    # Positions are kept to two decimals.
    assert abs(nudged.impact - (item.impact + 0.3)) < 0.011
    assert abs(nudged.ease - (item.ease + 0.5)) < 0.011
    window.context.undo_stack.undo()
    assert not item_by_title(window, item.title).has_agreed_position


def test_ratings_are_typed_from_the_keyboard(qtbot, window):
    tab = open_priorities(qtbot, window)
    click_action(qtbot, tab, tab.add_action)
    type_into_editor(qtbot, "Walking club after school")
    item = item_by_title(window, "Walking club after school")
    assert tab.selected_item().id == item.id
    assert tab.details.ratings_model.rowCount() == 3
    assert "not on the matrix" in tab.unrated_label.text() or "Not on the matrix" in tab.details.position_label.text()

    view = tab.details.ratings_view
    model = tab.details.ratings_model
    click_cell(qtbot, view, 0, model.column_of("impact"))
    for row, (impact, ease) in enumerate(((4, 5), (5, 4), (4, 4))):
        view.setCurrentIndex(model.index(row, model.column_of("impact")))
        view.setFocus()
        qtbot.keyClicks(view, str(impact))  # a digit opens the cell's editor with the digit in it
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # commits, opens the ease cell
        qtbot.waitUntil(lambda: view.currentIndex().column() == model.column_of("ease"), timeout=2000)
        qtbot.keyClicks(QApplication.focusWidget(), str(ease))
        press_enter(qtbot, QApplication.focusWidget())
    rated = item_by_title(window, "Walking club after school")
    assert [(r.impact, r.ease) for r in rated.ratings] == [(4, 5), (5, 4), (4, 4)]
    assert rated.quadrant_label == "Do it now!"
    assert "Do it now! at impact 4.3" in tab.details.position_label.text()

    # A digit outside 1-5 is not accepted; Delete (an empty value) clears a rating.
    view.setCurrentIndex(model.index(0, model.column_of("impact")))
    view.setFocus()
    qtbot.keyClicks(view, "9")
    editor = QApplication.focusWidget()
    assert editor.text() in ("", "4")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    press_enter(qtbot, editor)
    assert item_by_title(window, "Walking club after school").ratings[0].impact is None


def test_approve_puts_the_action_in_the_plan_and_undo_takes_it_out(qtbot, window):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Front-load benefit accrual for new mental health staff")
    tab.select_action(item.id)
    click_action(qtbot, tab, tab.approve_action)
    planned = window.context.read(lambda s: planned_actions.find_for_candidate(s, item.id))
    assert planned is not None
    assert (planned.owner, planned.deadline_text) == ("Director of Human Resources", "Next bargaining round")
    assert "It is in the action plan" in tab.details.decision_label.text()
    assert not tab.approve_action.isEnabled()
    window.context.undo_stack.undo()
    assert window.context.read(lambda s: planned_actions.find_for_candidate(s, item.id)) is None


def test_declined_actions_leave_the_matrix_but_stay_behind_a_filter(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Peer supervision circle for new counselors")
    tab.select_action(item.id)
    monkeypatch.setattr(priorities_tab, "ask_reason", lambda *_a: "Covered by the state mentoring grant")
    click_action(qtbot, tab, tab.decline_action)
    assert tab.proxy.row_of(item.id) < 0
    assert item.id not in [i.id for i in tab.matrix._shown]
    declined = tab.status_filter.findData("declined")
    tab.status_filter.setCurrentIndex(declined)
    assert tab.proxy.row_of(item.id) >= 0
    assert window.context.read(lambda s: action_of(s, item.id)).status_reason == \
        "Covered by the state mentoring grant"

    # Cancelling the reason changes nothing.
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(None))
    other = item_by_title(window, "Name a wellness contact in every school")
    tab.select_action(other.id)
    monkeypatch.setattr(priorities_tab, "ask_reason", lambda *_a: None)
    click_action(qtbot, tab, tab.park_action)
    assert item_by_title(window, other.title).status == "proposed"


def test_list_and_matrix_select_together_and_filters_apply_to_both(qtbot, window):
    tab = open_priorities(qtbot, window)
    enlarge(qtbot, window, tab.matrix)
    item = item_by_title(window, "Translate wellness information into Spanish")
    # Clicking a number on the matrix selects the action in the list.
    row = next(n for n, i in enumerate(tab.matrix._shown) if i.id == item.id)
    x, y = tab.matrix._points.data["x"][row], tab.matrix._points.data["y"][row]
    qtbot.mouseClick(tab.matrix.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos(tab.matrix, x, y))
    assert tab.selected_item().id == item.id
    # Selecting in the list rings the point on the matrix.
    other = item_by_title(window, "Budget line for employee wellness in next year's budget")
    click_cell(qtbot, tab.list_view, tab.proxy.row_of(other.id), tab.model.column_of("title"))
    assert tab.matrix.selected_id() == other.id

    tab.source_filter.setCurrentIndex(tab.source_filter.findData("survey_finding"))
    shown = {i.source_kind for i in tab.matrix._shown}
    assert shown == {"survey_finding"} and tab.proxy.rowCount() == len(tab.matrix._shown)
    tab.source_filter.setCurrentIndex(0)
    tab.discussion_filter.setChecked(True)
    assert {i.title for i in tab.proxy.visible_items()} == {
        "Explain counselors' and social workers' roles to all staff",
        "Front-load benefit accrual for new mental health staff"}


def test_too_many_in_do_it_now_warns_until_the_limit_is_raised(qtbot, window):
    tab = open_priorities(qtbot, window)
    assert tab.warning.isVisible()
    assert "8 actions are in the Do it now! quadrant" in tab.warning.text()
    dialog = MatrixSettingsDialog(window.context, tab)
    dialog.limit.setValue(8)
    dialog.weights["cost"].setValue(3)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert not tab.warning.isVisible()
    settings = window.context.read(priority_ratings.get_settings)
    assert settings.do_now_limit == 8 and settings.weights["cost"] == 3
    window.context.undo_stack.undo()  # both changes are one undo step
    assert tab.warning.isVisible()
    assert window.context.read(priority_ratings.get_settings).weights["cost"] == 1


def answer_removal(monkeypatch, button: str) -> list[tuple[str, str]]:
    """Answer the question a removal asks by clicking ``button`` ("Remove", "Cancel"); returns the
    questions asked, each (question, what goes with it)."""
    from gui.widgets import confirm

    asked: list[tuple[str, str]] = []

    def click(box) -> None:
        asked.append((box.text(), box.informativeText()))
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()

    monkeypatch.setattr(confirm, "run_modal", click)
    return asked


def test_remove_with_delete_key_and_undo_brings_ratings_back(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "One referral and triage process for the whole district")
    click_cell(qtbot, tab.list_view, tab.proxy.row_of(item.id), tab.model.column_of("number"))
    asked = answer_removal(monkeypatch, "Remove")
    qtbot.keyClick(tab.list_view, Qt.Key.Key_Delete)
    assert asked and "3 raters' ratings of it will be removed." in asked[0][1]
    assert tab.model.row_of(item.id) < 0
    window.context.undo_stack.undo()
    assert item_by_title(window, item.title).ratings == item.ratings


def test_models_pass_the_qt_model_tester(qtbot, window, qtmodeltester):
    tab = open_priorities(qtbot, window)
    tab.select_action(item_by_title(window, "Translate wellness information into Spanish").id)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    qtmodeltester.check(tab.details.ratings_model)


def test_a_rater_can_be_added_before_any_action_is_selected(qtbot, window, monkeypatch):
    from gui.priorities import details_panel

    tab = open_priorities(qtbot, window)
    tab.list_view.clearSelection()
    assert tab.selected_item() is None and tab.details.add_rater_button.isEnabled()
    monkeypatch.setattr(details_panel.QInputDialog, "getText", lambda *_a, **_k: ("Whole team", True))
    qtbot.mouseClick(tab.details.add_rater_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in window.context.read(priority_ratings.list_raters)][-1] == "Whole team"
    window.context.undo_stack.undo()
    assert "Whole team" not in [r.name for r in window.context.read(priority_ratings.list_raters)]


def test_a_hidden_priorities_tab_reads_and_draws_nothing_until_it_is_shown(qtbot, window, monkeypatch):
    """Every tab is built ahead (gui.tab_prebuilder) and hears every change: hidden, the board (500
    actions x 5 raters at a district's size) is neither read nor drawn; shown, it follows every
    change at once."""
    from gui.priorities import commands
    from services.priorities import priority_board

    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Give counselors and psychologists a private office in every school")
    reads: list[str] = []
    draws: list[int] = []
    real_load, real_reload = priority_board.load_board, priority_board.reload_item
    monkeypatch.setattr(priority_board, "load_board", lambda *a, **k: reads.append("board") or real_load(*a, **k))
    monkeypatch.setattr(priority_board, "reload_item",
                        lambda *a, **k: reads.append("item") or real_reload(*a, **k))
    real_set_items = tab.matrix.set_items
    monkeypatch.setattr(tab.matrix, "set_items", lambda items, *a: draws.append(len(items)) or real_set_items(items, *a))
    click_tab(qtbot, window, "Team")
    qtbot.waitUntil(lambda: not tab.isVisible())

    context = window.context
    assert context.edit(commands.set_agreed_position(context, item, 4.5, 4.5))
    assert context.edit(commands.change_action(context, item, "title", "A private office for every counselor"))
    assert reads == [] and draws == [] and tab.when_shown.behind

    open_priorities(qtbot, window)
    assert reads == ["board"] and len(draws) == 1  # both changes followed with one read and one drawing
    shown = tab.model.record_at(tab.model.row_of(item.id))
    assert shown.title == "A private office for every counselor" and shown.quadrant_label == "Do it now!"
