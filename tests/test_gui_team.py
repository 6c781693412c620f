"""The Team tab driven as a person would: clicks, typing, the Delete key, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QMessageBox

from services import district_profile
from services.team import meetings, team_roster


def click_tab(qtbot, window, title: str) -> None:
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index


def click_action(qtbot, tab, action) -> None:
    from PySide6.QtWidgets import QToolBar

    toolbar = tab.findChild(QToolBar)
    qtbot.mouseClick(toolbar.widgetForAction(action), Qt.MouseButton.LeftButton)


def click_cell(qtbot, view, row: int, column: int) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def team_names(window) -> list[str]:
    return [p.name for p in window.context.read(team_roster.list_team)]


def press_enter(qtbot, editor) -> None:
    """Enter commits a cell editor through a queued call, so let the event loop run it."""
    view = editor.parent().parent()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def type_into_editor(qtbot, text: str) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))  # the cell's editor has the keys
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    press_enter(qtbot, editor)


def test_add_edit_remove_a_member_with_undo_and_redo(qtbot, window):
    click_tab(qtbot, window, "Team")
    tab = window.tab("team")
    view, model = tab.roster_view, tab.roster_model
    assert model.rowCount() == 10

    # Add: a new row opens with its name ready to type over.
    click_action(qtbot, tab, tab.add_member_action)
    type_into_editor(qtbot, "Sam Rivera")
    assert "Sam Rivera" in team_names(window)
    row = model.row_of(next(p.id for p in model.records() if p.name == "Sam Rivera"))
    assert model.index(row, 0).data() == "Sam Rivera"

    # Edit: choose a position group from the drop-down with the keyboard (F2, type, Enter).
    click_cell(qtbot, view, row, model.column_of("position_group_id"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "Transportation")
    press_enter(qtbot, combo)
    assert model.index(row, model.column_of("position_group_id")).data() == "Transportation"
    rep_gaps = tab.representation.gaps_label.text()
    assert "Transportation" not in rep_gaps  # the team's only gap is now filled

    # Undo the group, then the add; redo both.
    window.undo_action.trigger()
    assert model.index(row, model.column_of("position_group_id")).data() == ""
    assert "Transportation" in tab.representation.gaps_label.text()
    window.undo_action.trigger()
    assert "Sam Rivera" not in team_names(window)
    window.redo_action.trigger()
    window.redo_action.trigger()
    sam = next(p for p in window.context.read(team_roster.list_team) if p.name == "Sam Rivera")
    groups = {g.id: g.name for g in window.context.read(district_profile.list_position_groups)}
    assert groups[sam.position_group_id] == "Transportation"

    # Remove with the Delete key; undo brings Sam back with the same details.
    row = model.row_of(sam.id)
    click_cell(qtbot, view, row, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Sam Rivera" not in team_names(window)
    assert model.rowCount() == 10
    window.undo_action.trigger()
    restored = next(p for p in window.context.read(team_roster.list_team) if p.name == "Sam Rivera")
    assert restored == sam


def test_making_someone_lead_demotes_the_old_lead_and_undo_restores_it(qtbot, window):
    click_tab(qtbot, window, "Team")
    tab = window.tab("team")
    view, model = tab.roster_view, tab.roster_model
    row = next(r for r, p in enumerate(model.records()) if p.name == "Priya Raman")
    click_cell(qtbot, view, row, model.column_of("team_role"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    qtbot.keyClicks(combo, "Lead")
    press_enter(qtbot, combo)
    assert window.context.read(team_roster.find_lead).name == "Priya Raman"
    assert "Priya Raman" in tab.representation.lead_label.text()
    window.undo_action.trigger()
    assert window.context.read(team_roster.find_lead).name == "Dana Whitfield"


def test_an_empty_name_is_refused_with_a_message(qtbot, window):
    click_tab(qtbot, window, "Team")
    tab = window.tab("team")
    click_cell(qtbot, tab.roster_view, 0, 0)
    qtbot.keyClick(tab.roster_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    press_enter(qtbot, editor)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "rejectedEdit")
    assert box is not None and "needs a name" in box.text()
    box.close()
    assert "Dana Whitfield" in team_names(window)
    assert not window.context.undo_stack.canUndo()


def test_add_a_meeting_and_see_who_cannot_come(qtbot, window):
    click_tab(qtbot, window, "Team")
    tab = window.tab("team")
    model = tab.meetings_model
    click_action(qtbot, tab, tab.add_meeting_action)
    type_into_editor(qtbot, "Bus depot break room")
    new = model.records()[-1]
    assert new.place == "Bus depot break room"
    # Move it to 16:00-17:00: outside the food-service member's hours.
    row = model.row_of(new.id)
    access = model.index(row, model.column_of("access"))
    assert model.setData(model.index(row, model.column_of("end_time")), QTime(17, 0))
    assert model.setData(model.index(row, model.column_of("start_time")), QTime(16, 0))
    assert "Lucia Fernandez" in access.data()
    stored = next(m for m in window.context.read(meetings.list_meetings) if m.id == new.id)
    assert (stored.start_time.hour, stored.end_time.hour) == (16, 17)
    assert window.context.undo_stack.undoText() == "Change meeting start time"
    # Moving the start past the end keeps the meeting's length, as a calendar does.
    assert model.setData(model.index(row, model.column_of("start_time")), QTime(18, 0))
    stored = next(m for m in window.context.read(meetings.list_meetings) if m.id == new.id)
    assert (stored.start_time.hour, stored.end_time.hour) == (18, 19)
    for _edit in ("both times", "start", "end", "place", "add"):
        window.undo_action.trigger()
    assert new.id not in [m.id for m in window.context.read(meetings.list_meetings)]


def test_table_models_behave(qtmodeltester, window):
    team = window.tab("team")
    overview = window.tab("overview")
    for model in (team.roster_model, team.meetings_model, team.representation.model,
                  overview.schools_model, overview.groups_model):
        qtmodeltester.check(model, force_py=True)
