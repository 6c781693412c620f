"""The Readiness tab with a spreadsheet user's habits: the answer grid's keyboard never traps, Delete
clears a selection of answers in one step, pasted answers, a question before a round or a respondent
goes with its answers, whole respondents on the chart's axis, menus, names and dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gui.readiness.results_panel import whole_number_ticks
from services.readiness import readiness_rounds
from tests.test_gui_readiness import open_readiness
from tests.test_gui_team_habits import answer_when_asked, focus_cell


def round_data(window, tab):
    return window.context.read(lambda s: readiness_rounds.load_round(s, tab.selected_round().id))


def test_ctrl_tab_leaves_the_answer_grid_and_shift_tab_comes_back(qtbot, window):
    tab = open_readiness(qtbot, window)
    grid = tab.grid
    focus_cell(qtbot, grid, 0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.hasFocus() and grid.currentIndex().column() == 1  # Tab moves between cells, as in Excel
    qtbot.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not grid.hasFocus())
    after = QApplication.focusWidget()
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(grid.hasFocus)
    assert "Answers" in grid.accessibleName()


def test_delete_clears_the_selected_answers_in_one_undo_step(qtbot, window):
    tab = open_readiness(qtbot, window)
    grid, model = tab.grid, tab.answers_model
    focus_cell(qtbot, grid, 0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    before = round_data(window, tab)
    people = [p.id for p in before.respondents[:2]]
    keys = [i.key for i in before.instrument.items[:2]]
    assert any(before.answer(p, k) is not None for p in people for k in keys)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    cleared = round_data(window, tab)
    assert all(cleared.answer(p, k) is None for p in people for k in keys)
    assert all(not model.index(r, c).data() for r in (0, 1) for c in (0, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = round_data(window, tab)
    assert [back.answer(p, k) for p in people for k in keys] == [before.answer(p, k) for p in people for k in keys]


def test_answers_pasted_from_a_spreadsheet_are_read_by_number_or_name(qtbot, window):
    tab = open_readiness(qtbot, window)
    grid = tab.grid
    focus_cell(qtbot, grid, 0, 0)
    QGuiApplication.clipboard().setText("1\tDeveloping\n4 Established\t?\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    data = round_data(window, tab)
    first, second = (p.id for p in data.respondents[:2])
    a, b = (i.key for i in data.instrument.items[:2])
    assert [data.answer(first, a), data.answer(second, a), data.answer(first, b)] == [1, 3, 4]
    assert data.answer(second, b) == 0  # don't know


def test_deleting_a_round_with_answers_asks_first(qtbot, window):
    tab = open_readiness(qtbot, window)
    round_ = tab.selected_round()
    seen: list[str] = []
    focus_cell(qtbot, tab.rounds_view, tab.rounds_model.row_of(round_.id), 0)
    answer_when_asked(qtbot, "Cancel", seen)
    qtbot.keyClick(tab.rounds_view, Qt.Key.Key_Delete)
    assert f"Delete the round \u201c{round_.label}\u201d?" in seen[0]
    assert f"Its {round_.respondent_count} respondents go with it, with their" in seen[0]
    assert any(r.id == round_.id for r in window.context.read(readiness_rounds.list_rounds))


def test_the_chart_counts_whole_respondents_and_says_what_it_shows(qtbot, window):
    tab = open_readiness(qtbot, window)
    tab.pages.setCurrentIndex(1)
    chart = tab.results.chart
    qtbot.waitUntil(lambda: bool(chart.accessibleDescription()) and ":" in chart.accessibleDescription())
    axis = chart.getPlotItem().getAxis("bottom")
    values = [value for level in axis._tickLevels for value, _text in level]  # the ticks it draws
    assert values and all(isinstance(v, int) for v in values)
    assert chart.accessibleName() == "Chart of the answers to each item"
    first = round_data(window, tab).instrument.items[0].key
    assert chart.accessibleDescription().startswith(f"{first}: ")
    assert [v for v, _ in whole_number_ticks(2.4)] == [0, 1, 2]  # a round of one or two: no 0.5, 1.5
    assert [v for v, _ in whole_number_ticks(48)] == [0, 10, 20, 30, 40]


def test_tables_have_menus_names_and_the_round_date_in_the_computers_style(qtbot, window):
    tab = open_readiness(qtbot, window)
    menus = {view.accessibleName(): [a.text().replace("&", "") for a in view.context_menu().actions() if a.text()]
             for view in (tab.rounds_view, tab.respondents_view, tab.grid, tab.results.items_view)}
    assert {"New round...", "Delete round", "Print summary...", "Copy"} <= set(menus["Rounds"])
    assert {"Add respondent", "Remove respondent", "Paste"} <= set(menus["Respondents"])
    assert "Clear answers" in menus[tab.grid.accessibleName()]
    assert "Send to Priorities" in menus["What the round said about each item"]
    assert tab.main_printout == "readiness-summary"
    round_ = tab.rounds_model.record_at(0)
    day: dt.date = round_.given_on
    assert tab.rounds_model.index(0, 2).data() == f"{day:%b} {day.day}, {day.year}"  # en_US
    assert tab.rounds_model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == round_.instrument_title


def test_a_rubric_is_typed_one_column_per_level_with_no_separators_to_learn(qtbot, window):
    from gui.readiness.instrument_editor import InstrumentEditor
    from models.instrument import ScaleType

    open_readiness(qtbot, window)
    editor = InstrumentEditor(None, "district-rubric", window)
    qtbot.addWidget(editor)
    editor.scale_type.setCurrentIndex(editor.scale_type.findData(ScaleType.LEVELS))
    rows = editor.rows
    headings = [rows.headerData(c, Qt.Orientation.Horizontal) for c in range(rows.columnCount())]
    assert headings == ["Section", "Number", "Item", "What \u201cNot yet\u201d looks like",
                        "What \u201cBeginning\u201d looks like", "What \u201cDeveloping\u201d looks like",
                        "What \u201cEstablished\u201d looks like"]
    assert not any("|" in h for h in headings)
    qtbot.keyClicks(editor.title_edit, "Break rooms")
    qtbot.keyClicks(editor.source_edit, "Facilities team")
    for column, text in enumerate(("Every school has a break room.", "No room", "A shared corner",
                                   "A room in most schools", "A room in every school"), start=2):
        rows.setData(rows.index(0, column), text)
    made = editor.build()
    assert made.items[0].descriptors == ("No room", "A shared corner", "A room in most schools",
                                         "A room in every school")
    # Back to a checklist: the level texts are kept, the column asks for a next step instead.
    editor.scale_type.setCurrentIndex(editor.scale_type.findData(ScaleType.YES_NO))
    assert rows.headerData(3, Qt.Orientation.Horizontal) == "Next step if \u201cno\u201d"
    assert rows.columnCount() == 4


def test_respondents_pasted_from_a_spreadsheet_join_the_round_in_one_undo_step(qtbot, window):
    tab = open_readiness(qtbot, window)
    view, model = tab.respondents_view, tab.respondents_model
    before = model.rowCount()
    focus_cell(qtbot, view, 0, 0)
    QGuiApplication.clipboard().setText("Code\tPosition group\tPlanning team\nK1\tFood service\tYes\nK2\tTeachers\tNo\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == before + 2)
    added = {p.code: p for p in model.records()}
    assert added["K1"].position_group == "Food service" and added["K1"].on_team
    assert tab.grid.model().columnCount() == before + 3  # two more answer columns, and the notes
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == before)


def test_ctrl_p_on_readiness_prints_the_summary_of_the_round_on_screen(qtbot, window):
    tab = open_readiness(qtbot, window)
    round_ = tab.rounds_model.record_at(1)
    focus_cell(qtbot, tab.rounds_view, 1, 0)
    seen = []
    tab.export_with_options.connect(lambda kind, options: seen.append((kind, options)))
    tab.export_with_options.disconnect(window.export)
    tab.print_main()
    assert seen == [("readiness-summary", {"round": round_.label, "instrument": round_.instrument_key})]
