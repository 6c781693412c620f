"""The Priorities tab as Word and Excel users expect it (issue 19): ratings typed "a digit, Tab, a
digit, Enter", names changed only by Rename, removals that say what goes with them, right-click
menus, an empty page on a new plan, columns that fit, the matrix read without colour or a mouse."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QMenu

from gui.plan_context import PlanEdit
from gui.priorities import details_panel, priorities_tab
from services.action_plan import action_schedule, improvement_cycles
from services.priorities import planned_actions, priority_ratings
from tests.gui_windows import open_window
from tests.test_gui_priorities import answer_removal, item_by_title, open_priorities
from tests.test_gui_team import click_action, click_cell, press_enter

NEW_TITLE = "Walking club after school"


def add_unrated_action(qtbot, tab, title: str = NEW_TITLE):
    """Add action, type its title, Enter: the new action is selected, its ratings empty."""
    click_action(qtbot, tab, tab.add_action)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, title)
    press_enter(qtbot, editor)
    return tab.selected_item()


def type_keys(qtbot, keys: list) -> None:
    """Each key to whatever has the keyboard focus at that moment (the table, or a cell's editor),
    as a person's keystrokes go; a digit is typed text, anything else a key."""
    view = None
    for key in keys:
        widget = QApplication.focusWidget()
        view = widget if isinstance(widget, QAbstractItemView) else view
        if isinstance(key, str):
            qtbot.keyClicks(widget, key)
        else:
            qtbot.keyClick(widget, key)
            if key == Qt.Key.Key_Return and view is not None:  # Enter commits through a queued call
                qtbot.waitUntil(lambda v=view: v.state() != QAbstractItemView.State.EditingState, timeout=2000)


def rater_names(window) -> list[str]:
    return [r.name for r in window.context.read(priority_ratings.list_raters)]


def test_digit_tab_digit_enter_rates_each_rater_in_turn_and_never_renames_one(qtbot, window):
    tab = open_priorities(qtbot, window)
    names = rater_names(window)
    add_unrated_action(qtbot, tab)
    view, model = tab.details.ratings_view, tab.details.ratings_model
    # The user guide: click the first Impact cell and type a digit, Tab, a digit, Enter, per rater.
    click_cell(qtbot, view, 0, model.column_of("impact"))
    tab_key, enter = Qt.Key.Key_Tab, Qt.Key.Key_Return
    type_keys(qtbot, ["4", tab_key, "5", enter, "5", tab_key, "4", enter, "3", tab_key, "2", enter])

    rated = item_by_title(window, NEW_TITLE)
    assert [(r.rater_name, r.impact, r.ease) for r in rated.ratings] == [
        (names[0], 4, 5), (names[1], 5, 4), (names[2], 3, 2)]
    assert rater_names(window) == names  # no digit landed in a name
    # Each Enter went down to the next rater's Impact; after the last rater it stays on the last row.
    assert view.currentIndex().row() == 2

    # Tab walks only the rating cells: from the first rater's Ease to the second rater's Impact.
    click_cell(qtbot, view, 0, model.column_of("ease"))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, model.column_of("impact"))
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, model.column_of("ease"))

    # A digit typed on a rater's name goes into that rater's Impact, not the name.
    click_cell(qtbot, view, 1, model.column_of("name"))
    type_keys(qtbot, ["2", enter])
    assert item_by_title(window, NEW_TITLE).ratings[1].impact == 2
    assert rater_names(window) == names

    # Delete clears the selected rating; the rater stays.
    click_cell(qtbot, view, 2, model.column_of("ease"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert item_by_title(window, NEW_TITLE).ratings[2].ease is None
    assert rater_names(window) == names


def test_tab_past_the_last_rating_leaves_the_table(qtbot, window):
    tab = open_priorities(qtbot, window)
    add_unrated_action(qtbot, tab)
    view, model = tab.details.ratings_view, tab.details.ratings_model
    click_cell(qtbot, view, model.rowCount() - 1, model.column_of("ease"))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view


def test_a_rater_is_renamed_only_through_rename(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Name a wellness contact in every school")
    tab.select_action(item.id)
    view, model = tab.details.ratings_view, tab.details.ratings_model
    old = model.record_at(0).name
    name_cell = model.index(0, model.column_of("name"))
    assert not model.flags(name_cell) & Qt.ItemFlag.ItemIsEditable

    asked: list[str] = []

    def answer(_parent, title, label, _echo, text):
        asked.append(f"{title}: {label} [{text}]")
        return "Subgroup A: great places to work", True

    monkeypatch.setattr(details_panel.QInputDialog, "getText", answer)
    # F2 on the name asks for the new one (Excel's "edit this cell"), as does a double-click.
    click_cell(qtbot, view, 0, model.column_of("name"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert asked == [f"Rename rater: New name for {old}: [{old}]"]
    assert rater_names(window)[0] == "Subgroup A: great places to work"
    window.context.undo_stack.undo()
    assert rater_names(window)[0] == old

    # The button does the same for the selected rater.
    click_cell(qtbot, view, 0, model.column_of("name"))
    assert tab.details.rename_rater_button.isEnabled()
    qtbot.mouseClick(tab.details.rename_rater_button, Qt.MouseButton.LeftButton)
    assert rater_names(window)[0] == "Subgroup A: great places to work"


def test_removing_a_rater_with_ratings_asks(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    tab.select_action(item_by_title(window, "Name a wellness contact in every school").id)
    view, model = tab.details.ratings_view, tab.details.ratings_model
    name = model.record_at(0).name
    click_cell(qtbot, view, 0, model.column_of("name"))
    asked = answer_removal(monkeypatch, "Cancel")
    qtbot.mouseClick(tab.details.remove_rater_button, Qt.MouseButton.LeftButton)
    assert asked[0][0] == f"Remove the rater {name}?" and "Their ratings of" in asked[0][1]
    assert name in rater_names(window)
    asked = answer_removal(monkeypatch, "Remove")
    qtbot.mouseClick(tab.details.remove_rater_button, Qt.MouseButton.LeftButton)
    assert name not in rater_names(window)


def schedule(window, candidate_id: int) -> int:
    """Give the plan line of an approved candidate dates and a PDSA cycle, as the Action plan tab would."""
    def work(s, _memo):
        line = planned_actions.find_for_candidate(s, candidate_id).id
        action_schedule.update_action(s, line, start=dt.date(2027, 1, 11), end=dt.date(2027, 2, 26),
                                      status="in_progress", percent_done=20)
        improvement_cycles.add_cycle(s, "Try it in two schools first", action_id=line)
        return line

    edit = PlanEdit(window.context, "Schedule it", work, lambda _s, _m: None)
    assert window.context.edit(edit)
    return edit.result


def test_delete_on_an_approved_scheduled_action_says_what_goes_and_undo_brings_it_back(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    item = next(i for i in tab.model.board.items if i.status == "approved")
    line = schedule(window, item.id)
    click_cell(qtbot, tab.list_view, tab.proxy.row_of(item.id), tab.model.column_of("title"))

    asked = answer_removal(monkeypatch, "Cancel")
    qtbot.keyClick(tab.list_view, Qt.Key.Key_Delete)
    question, goes = asked[0]
    assert question == f"Remove \u201c{item.title}\u201d from the candidate actions?"
    assert "Its action in the plan" in goes and "Its dates on the schedule" in goes
    assert "PDSA cycle" in goes and "Try it in two schools first" in goes
    assert tab.model.row_of(item.id) >= 0  # Cancel kept it

    answer_removal(monkeypatch, "Remove")
    qtbot.keyClick(tab.list_view, Qt.Key.Key_Delete)
    assert tab.model.row_of(item.id) < 0
    assert window.context.read(lambda s: planned_actions.find_for_candidate(s, item.id)) is None
    window.context.undo_stack.undo()
    back = window.context.read(lambda s: action_schedule.get_action(s, line))
    assert (back.start, back.end, back.percent_done) == (dt.date(2027, 1, 11), dt.date(2027, 2, 26), 20)
    assert [c.title for c in window.context.read(improvement_cycles.list_cycles) if c.action_id == line] == [
        "Try it in two schools first"]


def test_taking_back_a_scheduled_approval_asks_first(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    item = next(i for i in tab.model.board.items if i.status == "approved")
    schedule(window, item.id)
    tab.select_action(item.id)
    # Its dates are shown as the computer writes them (tests run as a US computer).
    assert "scheduled from Jan 11, 2027 to Feb 26, 2027" in tab.details.decision_label.text()
    asked = answer_removal(monkeypatch, "Cancel")
    click_action(qtbot, tab, tab.repropose_action)
    assert asked[0][0] == f"Take back the approval of \u201c{item.title}\u201d?"
    assert item_by_title(window, item.title).status == "approved"
    answer_removal(monkeypatch, "Undecide")
    click_action(qtbot, tab, tab.repropose_action)
    assert item_by_title(window, item.title).status == "proposed"


def menu_texts(qtbot, view, row: int, column: int) -> list[str]:
    """Right-click a cell and read the menu that pops up (then close it)."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    menu.close()
    return texts


def test_right_click_menus_offer_what_can_be_done(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Name a wellness contact in every school")
    texts = menu_texts(qtbot, tab.list_view, tab.proxy.row_of(item.id), tab.model.column_of("title"))
    for wanted in ("Add action", "Remove action...", "Copy", "Approve", "Decline...", "Park...",
                   "Show where it came from"):
        assert wanted in texts, texts
    ratings = menu_texts(qtbot, tab.details.ratings_view, 0, tab.details.ratings_model.column_of("impact"))
    for wanted in ("Add rater...", "Clear rating", "Copy", "Paste", "Rename rater...",
                   "Remove rater and their ratings..."):
        assert wanted in ratings, ratings

    # Show where it came from opens the tab it was sent from, at its record, and says what it was
    # (tests/test_source_links.py checks what each tab then selects).
    opened, said = [], []
    tab.open_record.connect(lambda key, record_id: opened.append(key))
    tab.status_message.connect(lambda text, _ms: said.append(text))
    tab.source_action.trigger()
    assert opened == ["readiness"] and item.source_label in said[0]


def test_ratings_pasted_from_a_spreadsheet(qtbot, window):
    tab = open_priorities(qtbot, window)
    add_unrated_action(qtbot, tab)
    view, model = tab.details.ratings_view, tab.details.ratings_model
    click_cell(qtbot, view, 0, model.column_of("impact"))
    QGuiApplication.clipboard().setText("4\t5\r\n3\t3\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [(r.impact, r.ease) for r in item_by_title(window, NEW_TITLE).ratings][:2] == [(4, 5), (3, 3)]
    window.context.undo_stack.undo()  # one step
    assert all(r.impact is None for r in item_by_title(window, NEW_TITLE).ratings)


def test_a_new_plan_shows_where_actions_come_from_and_its_columns_fit(qtbot, qt_settings, empty_plan):
    window = open_window(qtbot, qt_settings, empty_plan)
    tab = open_priorities(qtbot, window)
    assert tab.pages.currentWidget() is tab.empty_page
    text = next(label for label in tab.empty_page.findChildren(QLabel) if "Readiness" in label.text())
    assert text.height() >= text.heightForWidth(text.width())  # every line of it shows
    qtbot.mouseClick(tab.empty_page.button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentWidget() is tab.board_page
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Protect planning time for every teacher")
    press_enter(qtbot, editor)
    header = tab.list_view.horizontalHeader()

    def columns_fit() -> bool:
        # Every column shows its whole heading and contents: no "Pr\u2026" for Proposed.
        return all(header.sectionSize(c) >= min(tab.list_view.sizeHintForColumn(c), 300)
                   for c in range(tab.model.columnCount()))

    for width in (1366, 1920):
        window.resize(width, 900)
        qtbot.waitUntil(columns_fit)
    status = tab.model.column_of("status")
    assert header.sectionSize(status) >= tab.list_view.fontMetrics().horizontalAdvance("Proposed")
    window.context.undo_stack.undo()  # the title typed
    window.context.undo_stack.undo()  # the action added
    assert tab.pages.currentWidget() is tab.empty_page


def test_the_tab_works_at_1024_by_700(qtbot, window):
    tab = open_priorities(qtbot, window)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert tab.width() <= 1024 and tab.minimumSizeHint().width() <= 1000
    for widget in (tab.matrix, tab.list_view, tab.details, tab.details.add_rater_button, tab.status_filter):
        assert widget.isVisible() and widget.width() > 0 and widget.height() > 0
        assert widget.mapTo(window, widget.rect().bottomRight()).x() <= window.width()


def test_the_matrix_is_read_without_colour_or_a_mouse(qtbot, window):
    tab = open_priorities(qtbot, window)
    assert tab.main_printout == "matrix"
    matrix = tab.matrix
    shown = matrix._shown
    description = matrix.accessibleDescription()
    for item in shown:
        assert f"{item.number}. {item.title}" in description
    # A status has its own shape, not only its own colour.
    symbols = {i.status: s for i, s in zip(shown, matrix._points.data["symbol"], strict=True)}
    assert symbols["approved"] != symbols["proposed"]
    assert "approved" in tab.findChild(QLabel, "matrixLegend").text()

    # Page Down selects the next point by number, in the list too; the description says which.
    matrix.setFocus()
    first = min(shown, key=lambda i: i.number)
    qtbot.keyClick(matrix, Qt.Key.Key_PageDown)
    assert matrix.selected_id() == first.id and tab.selected_item().id == first.id
    assert matrix.accessibleDescription().startswith(f"Selected: {first.number}. {first.title}")
    qtbot.keyClick(matrix, Qt.Key.Key_PageDown)
    second = sorted(shown, key=lambda i: i.number)[1]
    assert tab.selected_item().id == second.id
    assert matrix.accessibleName() and tab.list_view.accessibleName() and tab.details.ratings_view.accessibleName()


def test_no_jargon_in_the_settings_and_discussion(qtbot, window, monkeypatch):
    from gui.priorities.settings_dialog import MatrixSettingsDialog

    tab = open_priorities(qtbot, window)
    dialog = MatrixSettingsDialog(window.context, tab)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("!." in t or "seed" in t.lower() for t in texts), texts
    item = next(i for i in tab.model.board.items if i.needs_discussion)
    tab.select_action(item.id)
    assert "seed" not in tab.details.disagreement_label.text().lower()
    assert priorities_tab.EMPTY_TEXT.count("Priorities") == 1


def test_a_rating_that_changes_the_quadrant_leaves_the_row_where_it_is(qtbot, window):
    tab = open_priorities(qtbot, window)
    header = tab.list_view.horizontalHeader()
    quadrant = tab.model.column_of("quadrant")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + QPoint(header.sectionViewportPosition(quadrant) + 10, 5))
    item = item_by_title(window, "Name a wellness contact in every school")  # in Later
    row = tab.proxy.row_of(item.id)
    click_cell(qtbot, tab.list_view, row, tab.model.column_of("title"))
    view, model = tab.details.ratings_view, tab.details.ratings_model
    click_cell(qtbot, view, 0, model.column_of("impact"))
    type_keys(qtbot, ["5", Qt.Key.Key_Tab, "5", Qt.Key.Key_Return, "5", Qt.Key.Key_Tab, "5", Qt.Key.Key_Return,
                      "5", Qt.Key.Key_Tab, "5", Qt.Key.Key_Return])
    assert item_by_title(window, item.title).quadrant_label == "Do it now!"
    assert tab.proxy.row_of(item.id) == row and tab.selected_item().id == item.id


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis():
    from gui.widgets.word_elision import elide_at_word

    def fits(text: str) -> bool:
        return len(text) <= 24

    assert elide_at_word("Give counselors and psychologists a private office", fits) == "Give counselors and\u2026"
    assert elide_at_word("Rest breaks, and a room", fits) == "Rest breaks, and a room"
    assert elide_at_word("Front-load, benefit accrual", lambda t: len(t) <= 14) == "Front-load\u2026"
    assert elide_at_word("Supercalifragilisticexpialidocious", fits) is None
