"""A group with low participation goes to Priorities with the barriers the team found (seed 000 step
3): its evidence is the response rate the participation page shows, never a withheld count; approved,
it reaches the printed plan with its source and evidence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from models import PlannedAction
from services.data import low_participation, survey_participation
from services.data.survey_report import find_wave
from services.errors import InvalidInput
from services.priorities import action_decisions, candidate_actions
from services.sample.sample_survey_waves import LATEST, POSITION
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text
from tests.test_gui_team import click_cell, type_into_editor

LOW = "Maintenance and custodial"  # 32% of 118 answered, against 62% overall, in the sample's latest wave
SENT = "Food service"  # the sample sent it already, with the barriers the team found
SMALL = "Nurses and health staff"  # fewer than 5 answered: withheld
FINE = "Teachers"


def _wave_id(s) -> int:
    return find_wave(s, LATEST).id


def test_barriers_travel_with_the_rate_and_a_withheld_count_never_does(sample_plan):
    with sample_plan.transaction() as s:
        wave = _wave_id(s)
        survey_participation.set_barriers(s, wave, POSITION, LOW, "Kitchen opens at 6; the survey link went to "
                                                                  "district email nobody checks")
        sent = low_participation.send_low_participation(s, wave, POSITION, LOW)
        assert sent.source_kind == "low_participation"
        assert sent.evidence == ("Staff survey Fall 2026: 32% of Maintenance and custodial answered, against 62% "
                                 "overall. Barriers found: Kitchen opens at 6; the survey link went to district email "
                                 "nobody checks")
        assert sent.source_label == "Staff survey Fall 2026, Maintenance and custodial"
        with pytest.raises(InvalidInput, match="already in Priorities"):
            low_participation.send_low_participation(s, wave, POSITION, SENT)
        with pytest.raises(InvalidInput, match="already in Priorities"):
            low_participation.send_low_participation(s, wave, POSITION, LOW)
        with pytest.raises(InvalidInput, match="not low participation"):
            low_participation.send_low_participation(s, wave, POSITION, FINE)
        small = low_participation.send_low_participation(s, wave, POSITION, SMALL)
        assert "fewer than 5 of Nurses and health staff answered, too few to report" in small.evidence
        assert not any(ch.isdigit() for ch in small.evidence.replace("2026", "").replace("5 of", ""))
        with pytest.raises(InvalidInput, match="number of staff in Somebody first"):
            survey_participation.set_barriers(s, wave, POSITION, "Somebody", "x")


def test_barriers_stay_when_headcounts_are_replaced(sample_plan):
    with sample_plan.transaction() as s:
        wave = _wave_id(s)
        survey_participation.set_barriers(s, wave, POSITION, LOW, "Shift times")
        counts = survey_participation.headcounts(s, wave, POSITION)
        survey_participation.replace_headcounts(s, wave, POSITION, {**counts, LOW: 120})
        assert survey_participation.barriers(s, wave, POSITION)[LOW] == "Shift times"


def test_approved_low_participation_prints_in_the_plan_with_its_source(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        wave = _wave_id(s)
        survey_participation.set_barriers(s, wave, POSITION, LOW, "Kitchen shifts start at 6")
        sent = low_participation.send_low_participation(s, wave, POSITION, LOW)
        action_decisions.decide(s, sent.id, "approved")
        planned = s.scalar(select(PlannedAction).where(PlannedAction.candidate_action_id == sent.id))
        assert planned.evidence == sent.evidence and planned.source_label == sent.source_label
    path = sample_plan.path
    sample_plan.close()
    out = tmp_path / "plan.pdf"
    result = wellplan("export", str(path), "plan", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Address what keeps Maintenance and custodial from taking part in the staff survey" in text
    assert "Low participation: Staff survey Fall 2026, Maintenance and custodial" in text
    assert "32% of Maintenance and custodial answered, against 62% overall" in text


def test_the_participation_page_records_barriers_and_sends_the_group(qtbot, window):
    from tests.gui_windows import open_tab_for_typing
    from tests.test_gui_data import settled

    tab = settled(qtbot, open_tab_for_typing(qtbot, window, "Data", "data"))
    tab.pages.setCurrentWidget(tab.participation_page)
    qtbot.waitUntil(lambda: tab.participation_model.rowCount() > 2, timeout=20000)
    model, view = tab.participation_model, tab.participation_view
    row = next(r for r in range(model.rowCount()) if model.row_at(r).group == LOW)
    window.activateWindow()  # the background reads' progress may have taken the keyboard meanwhile
    qtbot.waitUntil(window.isActiveWindow)
    click_cell(qtbot, view, row, model.BARRIERS)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "Kitchen shifts start at 6")
    settled(qtbot, tab)
    qtbot.waitUntil(lambda: model.index(row, model.BARRIERS).data() == "Kitchen shifts start at 6", timeout=20000)
    fine = next(r for r in range(model.rowCount()) if model.row_at(r).group == FINE)
    click_cell(qtbot, view, fine, 0)
    assert not tab.send_participation_button.isEnabled()
    click_cell(qtbot, view, row, 0)
    assert tab.send_participation_button.isEnabled()
    assert "Send to Priorities" in [a.text().replace("&", "") for a in view.context_menu().actions()]
    before = len(window.context.read(candidate_actions.list_candidate_actions))
    qtbot.mouseClick(tab.send_participation_button, Qt.MouseButton.LeftButton)
    sent = window.context.read(candidate_actions.list_candidate_actions)
    assert len(sent) == before + 1
    assert sent[-1].evidence.endswith("Barriers found: Kitchen shifts start at 6")
    assert "Sent to Priorities" in window.statusBar().currentMessage()
    settled(qtbot, tab)
    qtbot.waitUntil(lambda: "sent to priorities" in model.index(row, model.NOTE).data().casefold(), timeout=20000)
    assert not tab.send_participation_button.isEnabled()
    window.undo_action.trigger()
    assert len(window.context.read(candidate_actions.list_candidate_actions)) == before
    window.undo_action.trigger()  # the barriers typed
    settled(qtbot, tab)
    qtbot.waitUntil(lambda: model.index(row, model.BARRIERS).data() == "", timeout=20000)


def test_clearing_a_sent_groups_headcount_and_undoing_it_keeps_the_link_and_barriers(qtbot, window):
    from services.priorities.candidate_actions import source_home
    from tests.gui_windows import open_tab_for_typing
    from tests.test_gui_data import settled

    tab = settled(qtbot, open_tab_for_typing(qtbot, window, "Data", "data"))
    tab.pages.setCurrentWidget(tab.participation_page)
    qtbot.waitUntil(lambda: tab.participation_model.rowCount() > 2, timeout=20000)
    model = tab.participation_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).group == SENT)
    barriers = model.row_at(row).barriers
    assert barriers and SENT in model.sent
    sent = next(a for a in window.context.read(candidate_actions.list_candidate_actions)
                if a.source_kind == "low_participation")
    assert model.setData(model.index(row, model.HEADCOUNT), "0")  # clears it, as typing 0 does
    settled(qtbot, tab)
    qtbot.waitUntil(lambda: model.row_at(row).headcount is None, timeout=20000)
    assert window.context.read(lambda s: source_home(s, sent.source_kind, sent.source_id)) is None
    window.undo_action.trigger()
    settled(qtbot, tab)
    qtbot.waitUntil(lambda: model.row_at(row).barriers == barriers, timeout=20000)
    assert SENT in model.sent  # the candidate finds its group's row again
    assert window.context.read(lambda s: source_home(s, sent.source_kind, sent.source_id)) is not None
