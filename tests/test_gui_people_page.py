"""The People page on the Team tab, driven as a person would (issue 20): the planning team is a view
of everyone who takes part; someone added with Add person is on People but not on the team (nor in
its representation); own hours typed as a span; rows pasted into Everyone; undo throughout."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from services.team import team_roster
from tests.gui_windows import open_tab_for_typing
from tests.test_gui_team import click_action, press_enter, team_names, type_into_editor
from tests.test_gui_team_habits import focus_cell


def people(window) -> dict[str, team_roster.PersonRecord]:
    return {p.name: p for p in window.context.read(team_roster.list_people)}


def shown(model) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_team_is_a_filter_of_people_and_add_person_keeps_someone_off_the_team(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    model, view = tab.roster_model, tab.roster_view
    # The planning team first, as always: the bus driver and the community partner take part beyond it.
    assert len(shown(model)) == 10 and "Walt Kowalski" not in shown(model)
    beyond = sum(1 for p in people(window).values() if not p.on_team)
    assert f"{beyond} more people take part beyond the team." in tab.roster_hint.text()

    qtbot.mouseClick(tab.show_everyone, Qt.MouseButton.LeftButton)
    assert {"Walt Kowalski", "Carmen Ortiz", "Dana Whitfield"} <= set(shown(model))
    assert view.accessibleName() == "People"
    carmen = model.row_of(people(window)["Carmen Ortiz"].id)
    assert model.index(carmen, model.column_of("team_role")).data() == "Not on the team"
    assert model.index(carmen, model.column_of("kind")).data() == "Community partner"

    gaps_before = tab.representation.gaps_label.text()
    click_action(qtbot, tab, tab.add_person_action)
    type_into_editor(qtbot, "Ana Ruiz")
    ana = people(window)["Ana Ruiz"]
    assert not ana.on_team and "Ana Ruiz" not in team_names(window)
    assert tab.representation.gaps_label.text() == gaps_before  # the team's make-up did not change

    # Own hours, typed as a span in the computer's style; a span that does not read is refused.
    row = model.row_of(ana.id)
    focus_cell(qtbot, view, row, model.column_of("meets"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "7:30 AM-11:30 AM")
    ana = people(window)["Ana Ruiz"]
    assert (ana.meets_from, ana.meets_until) == (dt.time(7, 30), dt.time(11, 30))
    assert model.index(row, model.column_of("meets")).data() == "7:30 AM\u201311:30 AM"
    focus_cell(qtbot, view, row, model.column_of("meets"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "mornings")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "rejectedEdit")
    assert "is not a span of hours" in box.text()
    box.close()
    assert people(window)["Ana Ruiz"].meets_from == dt.time(7, 30)

    # Back to the team only: Ana is not there; put her on the team and she is.
    qtbot.mouseClick(tab.show_team, Qt.MouseButton.LeftButton)
    assert "Ana Ruiz" not in shown(model) and view.accessibleName() == "Planning team"
    qtbot.mouseClick(tab.show_everyone, Qt.MouseButton.LeftButton)
    row = model.row_of(ana.id)
    focus_cell(qtbot, view, row, model.column_of("team_role"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "Member")
    press_enter(qtbot, combo)
    assert "Ana Ruiz" in team_names(window)
    window.undo_action.trigger()
    assert "Ana Ruiz" not in team_names(window) and "Ana Ruiz" in people(window)
    window.undo_action.trigger()  # her hours
    window.undo_action.trigger()  # her name
    window.undo_action.trigger()  # adding her
    assert "Ana Ruiz" not in people(window) and "New person" not in people(window)


def test_rows_pasted_into_everyone_are_people_beyond_the_team_in_one_undo_step(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    qtbot.mouseClick(tab.show_everyone, Qt.MouseButton.LeftButton)
    view = tab.roster_view
    before = set(people(window))
    focus_cell(qtbot, view, 0, 0)
    QGuiApplication.clipboard().setText(
        "Name\tTeam role\tWho they are\tOrganisation\tOwn hours\n"
        "Nadia Costa\t\tStaff\t\t6:00 AM-2:00 PM\n"
        "Lee Park\t\tFamily member\tBirch Creek PTA\t\n"
        "Maya Singh\tMember\tStaff\t\t\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(people(window)) == len(before) + 3)
    added = people(window)
    assert not added["Nadia Costa"].on_team and added["Nadia Costa"].meets_from == dt.time(6)
    assert (added["Lee Park"].kind, added["Lee Park"].organisation, added["Lee Park"].on_team) == \
        ("family", "Birch Creek PTA", False)
    assert added["Maya Singh"].on_team  # the row said so
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: set(people(window)) == before)


def test_a_meeting_can_invite_someone_beyond_the_team(qtbot, window, monkeypatch):
    from gui.team import team_tab
    from services.team import meetings

    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    focus_cell(qtbot, tab.meetings_view, 0, 0)
    offered = []

    def choose(dialog):  # only these people: Dana (the lead) and Walt, the bus driver
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog.chosen, Qt.Key.Key_Space)  # "Only these people:"
        assert dialog.list.isEnabled()
        for row in range(dialog.model.rowCount()):
            item = dialog.model.item(row)
            offered.append(item.text())
            if item.text() in ("Dana Whitfield", "Walt Kowalski (not on the team)"):
                item.setCheckState(Qt.CheckState.Checked)
        return 1

    monkeypatch.setattr(team_tab.AttendeesDialog, "exec", choose)
    click_action(qtbot, tab, tab.invite_action)
    assert offered[0] == "Aisha Karim" and "Walt Kowalski (not on the team)" in offered  # the team first
    meeting = window.context.read(meetings.list_meetings)[0]
    walt = people(window)["Walt Kowalski"]
    assert set(meeting.attendee_ids) == {walt.id, people(window)["Dana Whitfield"].id}
