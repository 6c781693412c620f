"""The Readiness tab as a facilitator uses it: start a round, type paper forms in from the
keyboard, read the results, and send a "no" to Priorities."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gui.readiness import readiness_tab
from gui.readiness.instrument_editor import InstrumentEditor
from models.instrument import DONT_KNOW
from services.priorities import candidate_actions
from services.readiness import instruments, readiness_rounds
from tests.test_gui_team import click_action, click_cell, click_tab


def open_readiness(qtbot, window):
    click_tab(qtbot, window, "Readiness")
    tab = window.tab("readiness")
    qtbot.waitUntil(tab.isVisible)
    return tab


def select_round(qtbot, tab, label: str, instrument_key: str) -> None:
    row = next(r for r, rec in enumerate(tab.rounds_model.records())
               if rec.label == label and rec.instrument_key == instrument_key)
    click_cell(qtbot, tab.rounds_view, row, 0)


def test_a_round_is_started_and_paper_forms_typed_in_from_the_keyboard(qtbot, window, monkeypatch):
    tab = open_readiness(qtbot, window)

    def fill_in(dialog):  # what a person types into the New round dialog
        dialog.instrument.setCurrentIndex(dialog.instrument.findData("readiness"))
        dialog.label.clear()
        qtbot.keyClicks(dialog.label, "Spring 2027")
        dialog.respondents.selectAll()
        qtbot.keyClicks(dialog.respondents, "2")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(readiness_tab.NewRoundDialog, "exec", fill_in)
    tab.rounds_view.setFocus()
    qtbot.waitUntil(tab.rounds_view.hasFocus)
    click_action(qtbot, tab, tab.new_round_action)
    round_ = tab.selected_round()
    assert (round_.label, round_.instrument_key, round_.respondent_count) == ("Spring 2027", "readiness", 2)
    grid = tab.grid
    qtbot.waitUntil(grid.hasFocus)  # the new round's grid takes the keyboard at once
    assert grid.currentIndex().row() == 0 and grid.currentIndex().column() == 0

    # R01's form: 19 answers, digits only; D for "don't know". The cursor then moves to R02.
    qtbot.keyClicks(grid, "3214d" + "2" * 14)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 1)
    data = window.context.read(lambda s: readiness_rounds.load_round(s, round_.id))
    r01 = data.respondents[0].id
    assert [data.answer(r01, k) for k in ("A1", "A2", "A3", "A4", "A5", "C7")] == [3, 2, 1, 4, DONT_KNOW, 2]
    # A key outside the scale records nothing; Ctrl+Z takes back the last answer only.
    qtbot.keyClicks(grid, "7")
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    data = window.context.read(lambda s: readiness_rounds.load_round(s, round_.id))
    assert data.answer(r01, "C7") is None and data.answer(r01, "C6") == 2
    # Arrow back and clear with Delete.
    grid.setCurrentIndex(tab.answers_model.index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    data = window.context.read(lambda s: readiness_rounds.load_round(s, round_.id))
    assert data.answer(r01, "A1") is None
    assert "Spring 2027" in tab.round_header.text()
    assert "1 = Not yet" in tab.key_hint.text()


def test_the_results_show_strengths_and_withhold_small_groups(qtbot, window):
    tab = open_readiness(qtbot, window)
    select_round(qtbot, tab, "Fall 2026", "where-to-start")
    tab.pages.setCurrentIndex(1)
    panel = tab.results
    assert "9 respondents" in panel.summary.text() and "Growth areas" in panel.summary.text()
    # 6 on the team and 3 others: both are withheld, since showing one would reveal the other.
    cells = [panel.groups_model.index(0, c).data() for c in range(1, panel.groups_model.columnCount())]
    assert cells and all(c.startswith("Not shown (fewer than 5)") for c in cells)
    panel.compare.setCurrentIndex(1)
    headers = [panel.groups_model.headerData(c, Qt.Orientation.Horizontal) for c in
               range(1, panel.groups_model.columnCount())]
    assert "Teachers" in headers  # 4 teachers: withheld, and named without a count


def test_a_no_is_sent_to_priorities_and_undo_takes_it_back(qtbot, window):
    tab = open_readiness(qtbot, window)
    select_round(qtbot, tab, "Fall 2026", "where-to-start")
    tab.pages.setCurrentIndex(1)
    panel = tab.results
    row = next(r for r in range(panel.items_model.rowCount()) if panel.items_model.item_at(r).key == "M3")
    click_cell(qtbot, panel.items_view, row, 0)
    assert "Next step if not done" in panel.detail.text()
    before = len(window.context.read(candidate_actions.list_candidate_actions))
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    actions = window.context.read(candidate_actions.list_candidate_actions)
    assert len(actions) == before + 1
    assert actions[-1].source_label.startswith("Readiness round Fall 2026, item M3")
    assert panel.items_model.index(row, 6).data() == "Sent"
    assert not panel.send_button.isEnabled()
    assert window.statusBar().currentMessage() == "M3 is now a candidate action in Priorities."
    # Priorities shows it straight away.
    priorities = window.tab("priorities")
    assert any(i.title == actions[-1].title for i in priorities.model.board.items)
    window.undo_action.trigger()
    assert len(window.context.read(candidate_actions.list_candidate_actions)) == before
    assert panel.send_button.isEnabled()


def test_a_district_makes_its_own_instrument(qtbot, window):
    open_readiness(qtbot, window)
    key = window.context.read(lambda s: instruments.key_for_title(s, "district-instrument"))
    editor = InstrumentEditor(None, key, window)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.title_edit, "Bus depot check")
    qtbot.keyClicks(editor.source_edit, "Transportation team")
    editor.rows.setData(editor.rows.index(0, 2), "I can take a break between routes.")
    editor.rows.setData(editor.rows.index(0, 3), "Ask dispatch to build breaks into routes.")
    editor._save()
    assert editor.result() == QDialog.DialogCode.Accepted
    from gui.readiness import commands

    window.context.edit(commands.save_instrument(window.context, editor.result_instrument, None))
    made = window.context.read(lambda s: instruments.get_instrument(s, key))
    assert made.title == "Bus depot check" and made.items[0].next_step.startswith("Ask dispatch")

    broken = InstrumentEditor(None, key + "-2", window)
    qtbot.addWidget(broken)
    qtbot.keyClicks(broken.title_edit, "No source")
    broken.rows.setData(broken.rows.index(0, 2), "Anything?")
    broken._save()
    assert "has no 'source'" in broken.error.text()
    assert broken.result() != QDialog.DialogCode.Accepted


def test_print_buttons_ask_for_the_selected_round(qtbot, window):
    tab = open_readiness(qtbot, window)
    select_round(qtbot, tab, "Fall 2025", "readiness")
    seen = []
    tab.export_with_options.connect(lambda kind, options: seen.append((kind, options)))
    tab.export_with_options.disconnect(window.export)
    click_action(qtbot, tab, tab.summary_action)
    click_action(qtbot, tab, tab.forms_action)
    assert seen == [("readiness-summary", {"round": "Fall 2025", "instrument": "readiness"}),
                    ("readiness-forms", {"round": "Fall 2025", "instrument": "readiness"})]


def test_the_readiness_models_pass_qt_model_checks(qtbot, qtmodeltester, window):
    tab = open_readiness(qtbot, window)
    qtmodeltester.check(tab.rounds_model)
    qtmodeltester.check(tab.respondents_model)
    qtmodeltester.check(tab.answers_model)
    tab.pages.setCurrentIndex(1)
    qtmodeltester.check(tab.results.items_model)
    qtmodeltester.check(tab.results.groups_model)
    from gui.readiness.instrument_editor import ItemRowsModel, rows_of
    from gui.readiness.instruments_dialog import InstrumentListModel

    qtmodeltester.check(InstrumentListModel(window.context))
    qtmodeltester.check(ItemRowsModel(rows_of(window.context.read(lambda s: instruments.get_instrument(s, "six-lessons")))))


def test_copying_a_built_in_keeps_its_prompts_and_guidance(qtbot, window):
    open_readiness(qtbot, window)
    original = window.context.read(lambda s: instruments.get_instrument(s, "readiness"))
    editor = InstrumentEditor(original, "readiness-copy", window)
    qtbot.addWidget(editor)
    editor.key = "readiness-copy"
    copy = editor.build()
    assert [s.prompt for s in copy.sections] == [s.prompt for s in original.sections]
    assert copy.guidance == original.guidance and len(copy.items) == len(original.items)
    # what the table has no column for stays too: each item's step toward the next level
    assert [i.growth_step for i in copy.items] == [i.growth_step for i in original.items]
    assert all(i.growth_step for i in copy.items)
