"""Issue 14 in the window: "Use the district profile's headcounts..." shows every survey group with
the staff group it matched and its number of staff, or "no match"; the user changes one match with
its drop-down, presses the button, sees the headcounts and response rates, and undoes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from gui.data.headcount_match_dialog import HeadcountMatchDialog
from services.data.survey_import import prepare_wave, propose, read_for_import, store_wave
from services.data.survey_participation import headcounts
from tests.test_cli_survey import staff_rows
from tests.test_gui_data import data_tab, settled
from tests.test_gui_team import click_cell
from tests.test_survey_files import _csv

ROLE = "What is your role?"
GROUPS = ("Teacher",) * 8 + ("Bus driver / transportation",) * 6 + ("FOOD SERVICE",) * 5 + ("Substitute",) * 5


@pytest.fixture
def survey_with_other_names(sample_plan, tmp_path):
    """The sample district with a survey whose groups are spelled unlike the profile's staff groups
    (requested before ``window``, so it is in the plan the window opens)."""
    path = tmp_path / "spring pulse.csv"
    path.write_text(_csv(staff_rows(GROUPS)), encoding="utf-8")
    with sample_plan.transaction() as s:
        source = read_for_import(path)
        proposal = propose(s, source)
        store_wave(s, prepare_wave(proposal.source, proposal.choices), "Spring pulse")
    return "Spring pulse"


def open_match_dialog(qtbot, window, wave_label: str) -> HeadcountMatchDialog:
    tab = data_tab(qtbot, window)
    click_cell(qtbot, tab.waves_view, tab.waves_model.row_of(next(
        w.id for w in tab.waves_model.records() if w.label == wave_label)), 0)
    assert tab.selected_wave().label == wave_label
    tab.pages.setCurrentWidget(tab.participation_page)
    qtbot.keyClicks(tab.participation_by, ROLE)
    assert tab.participation_by.currentText() == ROLE
    qtbot.mouseClick(tab.participation_page.findChild(QPushButton, "profileHeadcounts"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in tab.findChildren(HeadcountMatchDialog)))
    return next(d for d in tab.findChildren(HeadcountMatchDialog) if d.isVisible())


def shown(dialog) -> dict[str, tuple[str, str, str]]:
    model = dialog.model
    return {model.index(r, 0).data(): tuple(model.index(r, c).data() for c in (1, 2, 3))
            for r in range(model.rowCount())}


def test_match_groups_pick_one_by_hand_apply_and_undo(qtbot, qtmodeltester, survey_with_other_names, window):
    dialog = open_match_dialog(qtbot, window, survey_with_other_names)
    qtmodeltester.check(dialog.model)
    rows = shown(dialog)
    assert rows["Teacher"] == ("Teachers", "780", "Same words")
    assert rows["Bus driver / transportation"] == ("Transportation", "96", "Words in common")
    assert rows["FOOD SERVICE"] == ("Food service", "112", "Same name")
    assert rows["Substitute"] == ("(no match)", "\u2014", "No match")
    assert "3 of 4 groups get a headcount" in dialog.summary.text()
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    # every row has a drop-down; substitutes are counted with office staff in this district
    row = list(rows).index("Substitute")
    combo = dialog.view.indexWidget(dialog.model.index(row, dialog.model.PROFILE))
    assert isinstance(combo, QComboBox) and combo.currentText() == "(no match)"
    assert all(isinstance(dialog.view.indexWidget(dialog.model.index(r, 1)), QComboBox) for r in range(len(rows)))
    combo.setFocus()
    qtbot.keyClicks(combo, "Office and")
    assert combo.currentText() == "Office and clerical"
    assert shown(dialog)["Substitute"] == ("Office and clerical", "64", "Your choice")
    assert "4 of 4 groups get a headcount" in dialog.summary.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    tab = settled(qtbot, window.tab("data"))
    part = {r.group: r for r in tab.participation_model.part.rows}
    assert part["Teacher"].headcount == 780 and part["Teacher"].rate == 1.0  # 8 of 780
    assert part["Substitute"].headcount == 64 and part["Bus driver / transportation"].headcount == 96
    assert window.undo_action.text().endswith("Use the district profile's headcounts")
    wave_id = tab.selected_wave().id
    window.undo_action.trigger()  # one step takes all four back
    assert window.context.read(lambda s: headcounts(s, wave_id, ROLE)) == {}
    settled(qtbot, tab)
    assert all(r.headcount is None for r in tab.participation_model.part.rows)
    window.redo_action.trigger()
    assert window.context.read(lambda s: headcounts(s, wave_id, ROLE))["Substitute"] == 64
    settled(qtbot, tab)

    # the choice is proposed first next time
    again = open_match_dialog(qtbot, window, survey_with_other_names)
    assert shown(again)["Substitute"] == ("Office and clerical", "64", "Chosen last time")
    qtbot.keyClick(again.view, Qt.Key.Key_Escape)  # cancel: nothing changes
    qtbot.waitUntil(lambda: not again.isVisible())
    assert window.undo_action.text().endswith("Use the district profile's headcounts")


def test_no_numbers_in_the_profile_says_where_to_enter_them(qtbot, survey_with_other_names, window):
    from services.district_profile import list_position_groups, update_position_group

    with window.context.plan.transaction() as s:
        for g in list_position_groups(s):
            update_position_group(s, g.id, headcount=0)
    messages = []
    window.context.rejected.connect(messages.append)
    tab = data_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.participation_page)
    qtbot.mouseClick(tab.participation_page.findChild(QPushButton, "profileHeadcounts"), Qt.MouseButton.LeftButton)
    assert not tab.findChildren(HeadcountMatchDialog)
    assert "Overview tab" in messages[-1]
