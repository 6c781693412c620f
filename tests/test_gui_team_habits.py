"""The Team tab with a spreadsheet user's habits: rows pasted from Excel, Delete that says what goes
with a member, right-click menus, names that fit, dates in the computer's style, Ctrl+P."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from services.team import meetings, team_roster
from tests.gui_windows import answer_when_asked, open_tab_for_typing
from tests.test_gui_team import click_cell, team_names, type_into_editor

EXCEL_ROWS = ("Maria Hernandez\tMember\tFood service\t\t1-4 years\n"
              "Dev Patel\tMember\tTransportation\t\t10-19 years\n"
              "Lena Brooks\tMember\tTeachers\t\tLess than 1 year\n")


def open_team(qtbot, window):
    return open_tab_for_typing(qtbot, window, "Team", "team")


def focus_cell(qtbot, view, row: int, column: int) -> None:
    """Click a cell and make sure the keyboard is in the table (a click alone leaves it on the tab bar
    under the offscreen platform)."""
    view.window().activateWindow()  # the offscreen platform gives it back to no one after a dialog
    qtbot.waitUntil(view.window().isActiveWindow)
    click_cell(qtbot, view, row, column)
    view.setFocus()
    qtbot.waitUntil(lambda: view.hasFocus())


def test_three_excel_rows_pasted_into_the_roster_are_one_undo_step(qtbot, window):
    tab = open_team(qtbot, window)
    view, model = tab.roster_view, tab.roster_model
    before = team_names(window)
    focus_cell(qtbot, view, 0, 0)
    QGuiApplication.clipboard().setText(EXCEL_ROWS)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == len(before) + 3)
    added = {p.name: p for p in window.context.read(team_roster.list_team)}
    assert {"Maria Hernandez", "Dev Patel", "Lena Brooks"} <= set(added)
    assert model.group_names[added["Dev Patel"].position_group_id] == "Transportation"
    assert added["Lena Brooks"].tenure_band == "Less than 1 year"

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: team_names(window) == before)


def test_a_pasted_row_that_does_not_fit_is_named_and_the_others_go_in(qtbot, window, monkeypatch):
    tab = open_team(qtbot, window)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    focus_cell(qtbot, tab.roster_view, 0, 0)
    QGuiApplication.clipboard().setText("Ana Ruiz\tMember\tBus drivers\nBo Chen\tMember\tTeachers\n")
    qtbot.keyClick(tab.roster_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(told))
    assert "Bo Chen" in team_names(window) and "Ana Ruiz" not in team_names(window)
    assert "Row 1: \u201cBus drivers\u201d is not one of the plan's position groups" in told[0]


def test_removing_a_member_who_owns_actions_asks_and_undo_gives_them_back(qtbot, window):
    from services.action_plan import action_schedule

    tab = open_team(qtbot, window)
    view, model = tab.roster_view, tab.roster_model
    person = model.record_at(0)
    window.context.edit(_owner_edit(window, person.id))
    owned = lambda: [a.title for a in window.context.read(action_schedule.list_actions) if a.owner_id == person.id]  # noqa: E731
    before = owned()
    assert "Team check-in walk" in before
    goes = window.context.read(lambda s: team_roster.what_goes_with_member(s, person.id))

    seen: list[str] = []
    focus_cell(qtbot, view, 0, 0)
    answer_when_asked(qtbot, "Cancel", seen)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert person.name in team_names(window) and seen
    assert f"Remove {person.name} from the plan?" in seen[0]
    assert all(sentence in seen[0] for sentence in goes)
    assert f"{len(before)} action{'s' if len(before) != 1 else ''} {person.name} owns will have no owner." in goes

    answer_when_asked(qtbot, "Remove", seen)
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: person.name not in team_names(window))
    assert owned() == []
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: person.name in team_names(window))
    assert owned() == before


def _owner_edit(window, person_id: int):
    from gui.plan_context import PlanEdit
    from services.action_plan import action_schedule

    return PlanEdit(window.context, "Add action",
                    lambda s, _m: action_schedule.add_action(s, "Team check-in walk", owner_id=person_id),
                    lambda s, rec: action_schedule.remove_action(s, rec.id))


def test_a_member_nothing_depends_on_goes_without_a_question(qtbot, window):
    tab = open_team(qtbot, window)
    tab.add_member()
    type_into_editor(qtbot, "Temp Person")
    row = tab.roster_model.row_of(next(p.id for p in tab.roster_model.records() if p.name == "Temp Person"))
    focus_cell(qtbot, tab.roster_view, row, 1)
    qtbot.keyClick(tab.roster_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Temp Person" not in team_names(window))


def test_every_team_table_has_a_right_click_menu_and_a_name(qtbot, window):
    tab = open_team(qtbot, window)
    menus = {view.accessibleName(): [a.text().replace("&", "") for a in view.context_menu().actions() if a.text()]
             for view in (tab.roster_view, tab.meetings_view, tab.representation.table)}
    assert {"Add member", "Remove member", "Copy", "Paste"} <= set(menus["Planning team"])
    assert {"Add meeting", "Remove meeting", "Invite..."} <= set(menus["Meeting schedule"])
    assert "Edit headcounts and usual hours on the Overview" in menus["How the team mirrors the staff"]
    assert tab.main_printout == "team"


def test_meeting_dates_and_times_are_in_the_computers_style(qtbot, window):
    tab = open_team(qtbot, window)
    model = tab.meetings_model
    meeting = model.record_at(0)
    day = meeting.meeting_date
    assert model.index(0, 0).data() == f"{day:%a} {day:%b} {day.day}, {day.year}"  # en_US: "Tue Sep 1, 2026"
    start = meeting.start_time
    assert model.index(0, 1).data() == f"{start.hour % 12 or 12}:{start.minute:02d} {'AM' if start.hour < 12 else 'PM'}"


def test_names_fit_their_column_on_a_new_plan(qtbot, qt_settings, empty_plan):
    from tests.gui_windows import open_window

    window = open_window(qtbot, qt_settings, empty_plan)
    tab = open_team(qtbot, window)
    tab.add_member()
    type_into_editor(qtbot, "Maria Hernandez")
    view = tab.roster_view
    wanted = view.fontMetrics().horizontalAdvance("Maria Hernandez")
    qtbot.waitUntil(lambda: view.columnWidth(0) > wanted + 6)
    index = tab.roster_model.index(0, 0)
    assert view.visualRect(index).width() > wanted


def test_the_meeting_table_takes_a_date_typed_in_us_order(qtbot, window):
    tab = open_team(qtbot, window)
    view, model = tab.meetings_view, tab.meetings_model
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "11/02/2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    meeting_id = model.record_at(0).id
    qtbot.waitUntil(lambda: next(m for m in window.context.read(meetings.list_meetings)
                                 if m.id == meeting_id).meeting_date == dt.date(2027, 11, 2))


def test_a_group_missing_from_the_team_is_marked_in_words_not_only_tinted(qtbot, window):
    tab = open_team(qtbot, window)
    model = tab.representation.model
    missing = [r for r in model.records() if r.missing]
    assert missing, "the sample has a group with staff and no one on the team"
    row = model.row_of(missing[0].id)
    assert model.index(row, 0).data() == f"\u26a0 {missing[0].name}"
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == f"No one from {missing[0].name} is on the team."


def test_meetings_pasted_from_a_calendar_spreadsheet_read_us_dates_and_12_hour_times(qtbot, window):
    tab = open_team(qtbot, window)
    view, model = tab.meetings_view, tab.meetings_model
    before = model.rowCount()
    focus_cell(qtbot, view, 0, 0)
    QGuiApplication.clipboard().setText("11/02/2027\t3:30 PM\t4:30 PM\t\t\tLibrary\tKick-off\n"
                                        "Dec 7, 2027\t7:15 AM\t8:00 AM\t\t\tCafeteria\tBreakfast check-in\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == before + 2)
    pasted = {m.purpose: m for m in window.context.read(meetings.list_meetings)}
    kick_off = pasted["Kick-off"]
    assert (kick_off.meeting_date, kick_off.start_time, kick_off.place) == (dt.date(2027, 11, 2), dt.time(15, 30), "Library")
    assert pasted["Breakfast check-in"].meeting_date == dt.date(2027, 12, 7)
