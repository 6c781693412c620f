"""The Overview with a spreadsheet user's habits: schools and position groups pasted from Excel,
removals that say what goes with them, right-click menus, dates and times in the computer's style,
and step texts shortened at a word with the whole in a tooltip."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gui.tabs import TABS
from services import district_profile as dp
from services.overview import journey
from services.team import team_roster
from tests.gui_windows import open_tab_for_typing
from tests.test_gui_team_habits import answer_when_asked, focus_cell


def open_overview(qtbot, window):
    return open_tab_for_typing(qtbot, window, "Overview", "overview")


def school_names(window) -> list[str]:
    return [s.name for s in window.context.read(dp.list_schools)]


def test_schools_pasted_from_excel_are_one_undo_step_and_a_bad_level_is_named(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    tab = open_overview(qtbot, window)
    before = school_names(window)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    focus_cell(qtbot, tab.schools_view, 0, 0)
    QGuiApplication.clipboard().setText("Alder Elementary\telementary\nBirch Middle\tMiddle\nCedar Academy\tJunior\n")
    qtbot.keyClick(tab.schools_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(school_names(window)) == len(before) + 2)
    assert "Row 3: \u201cJunior\u201d is not a school level" in told[0]
    levels = {s.name: s.level for s in window.context.read(dp.list_schools)}
    assert levels["Alder Elementary"] == "Elementary"
    qtbot.keyClick(tab.schools_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: school_names(window) == before)


def test_position_groups_pasted_with_headings_read_headcounts_and_times(qtbot, window):
    tab = open_overview(qtbot, window)
    model = tab.groups_model
    rows = model.rowCount()
    focus_cell(qtbot, tab.groups_view, 0, 2)  # any cell: the headings say which column is which
    QGuiApplication.clipboard().setText("Position group\tStaff\tUsual start\tUsual end\n"
                                        "Coaches\t1,250\t3:00 PM\t6:30 PM\n"
                                        "Tutors\t12\t15:30\t17:00\n")
    qtbot.keyClick(tab.groups_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == rows + 2)
    groups = {g.name: g for g in window.context.read(dp.list_position_groups)}
    assert (groups["Coaches"].headcount, groups["Coaches"].shift_end) == (1250, dt.time(18, 30))
    assert groups["Tutors"].shift_start == dt.time(15, 30)
    row = model.row_of(groups["Coaches"].id)
    assert model.index(row, model.column_of("shift_start")).data() == "3:00 PM"  # the computer's clock, en_US
    assert model.index(row, model.column_of("headcount")).data() == "1,250"


def test_removing_a_group_people_point_at_asks_first(qtbot, window):
    tab = open_overview(qtbot, window)
    model, view = tab.groups_model, tab.groups_view
    people = window.context.read(team_roster.list_team)
    group_id = next(p.position_group_id for p in people if p.position_group_id is not None)
    row = model.row_of(group_id)
    name = model.record_at(row).name
    seen: list[str] = []
    focus_cell(qtbot, view, row, 0)
    answer_when_asked(qtbot, "Cancel", seen)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert f"Remove the position group {name}?" in seen[0]
    assert "will have no position group recorded" in seen[0]
    assert any(g.name == name for g in window.context.read(dp.list_position_groups))

    answer_when_asked(qtbot, "Remove", seen)
    focus_cell(qtbot, view, row, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: all(g.name != name for g in window.context.read(dp.list_position_groups)), timeout=10000)
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(p.position_group_id == group_id for p in window.context.read(team_roster.list_team)),
                    timeout=10000)


def test_tables_have_menus_and_names_and_ctrl_p_prints_the_progress_update(qtbot, window):
    tab = open_overview(qtbot, window)
    for view, noun in ((tab.schools_view, "school"), (tab.groups_view, "group")):
        texts = [a.text().replace("&", "") for a in view.context_menu().actions() if a.text()]
        assert {f"Add {noun}", f"Remove {noun}", "Copy", "Paste"} <= set(texts)
    assert tab.schools_view.accessibleName() == "Schools and sites"
    assert tab.groups_view.accessibleName() == "Staff by position group"
    assert tab.main_printout == "progress-update"


def test_the_first_day_of_school_is_typed_in_us_order(qtbot, window):
    tab = open_overview(qtbot, window)
    edit = tab.profile_form.start_edit
    assert edit.displayFormat() == "MM/dd/yyyy"
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.setCurrentSectionIndex(0)
    qtbot.keyClicks(edit, "08/17/2026")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.context.read(dp.get_profile).year_start == dt.date(2026, 8, 17))


def test_a_long_objective_is_shortened_at_a_word_with_the_whole_in_the_tooltip():
    statement = ("Reduce the share of paraprofessionals reporting weekly burnout from 38% to 25% by June 2027, "
                 "measured by the spring pulse survey")
    short = journey.quoted(statement)
    assert short.endswith("\u2026") and len(short) <= journey.QUOTE_LENGTH
    assert statement.startswith(short[:-1]) and statement[len(short) - 1] == " "  # cut where a word ends
    step = journey.STEPS[5]
    status = journey._quoting(step, journey.StepState.STARTED, "1 PDSA cycle", "Start one on ", statement, ".")
    assert status.next_move == f"Start one on \u201c{short}\u201d."
    assert status.whole_next_move == f"Start one on \u201c{statement}\u201d."


def test_the_steps_show_whole_words_and_the_scroll_areas_leave_focus_to_what_they_hold(qtbot, window):
    from PySide6.QtWidgets import QScrollArea

    from services.action_plan import objectives

    tab = open_overview(qtbot, window)
    panel = tab.journey
    qtbot.waitUntil(lambda: not panel.reading and "Next:" in panel.step_labels["plan"].text(), timeout=10000)
    for area in tab.findChildren(QScrollArea):
        assert area.focusPolicy() == Qt.FocusPolicy.NoFocus and area.accessibleName()
    label = panel.step_labels["plan"]
    shortened = html.unescape(label.text())
    assert "\u2026\u201d" in shortened  # the sample's long objective, cut where a word ends
    whole = next(o.statement for o in window.context.read(objectives.list_objectives)
                 if o.statement.startswith(shortened.split("\u201c")[1].split("\u2026")[0]))
    assert label.toolTip().startswith("Next: ") and f"\u201c{whole}\u201d" in label.toolTip()


def test_a_new_plan_says_how_to_fill_its_schools_and_team(qtbot, qt_settings, empty_plan):
    from tests.gui_windows import open_window
    from tests.test_gui_team_habits import open_team

    window = open_window(qtbot, qt_settings, empty_plan)
    tab = open_overview(qtbot, window)
    assert tab.schools_hint.isVisible() and "paste it into the table with Ctrl+V" in tab.schools_hint.text()
    tab.add_school()
    qtbot.waitUntil(lambda: not tab.schools_hint.isVisible())
    team = open_team(qtbot, window)
    assert "paste them here with Ctrl+V" in team.roster_hint.text()
    team.roster_view.setFocus()  # the empty table takes the rows, as its hint says
    qtbot.waitUntil(team.roster_view.hasFocus)
    QGuiApplication.clipboard().setText("Maria Hernandez\tLead\nDev Patel\tMember\n")
    qtbot.keyClick(team.roster_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: team.roster_model.rowCount() == 2)
    assert window.context.read(team_roster.find_lead).name == "Maria Hernandez"
    assert team.roster_hint.text().startswith("2 members.")


def test_a_steps_link_is_one_stop_for_the_keyboard_and_enter_follows_it(qtbot, window):
    """Shift+Tab from the tab bar lands on the last step; Enter opens its workspace, and Shift+Tab
    moves on to the step before (Qt's label had kept the focus among its own links)."""
    from PySide6.QtWidgets import QApplication

    panel = window.tab("overview").journey
    qtbot.waitUntil(lambda: not panel.reading)
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    qtbot.keyClick(bar, Qt.Key.Key_Backtab)
    last = panel.step_labels[journey.STEPS[-1].key]
    assert QApplication.focusWidget() is last
    qtbot.keyClick(last, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is panel.step_labels[journey.STEPS[-2].key]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is last
    qtbot.keyClick(last, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == next(i for i, spec in enumerate(TABS)
                                                               if spec.key == journey.STEPS[-1].tab))
