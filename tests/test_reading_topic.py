"""What the team read from the data (a finding's interpretation and readers, a reviewed policy) is
its own topic, FINDINGS: editing it changes no survey answer, so the Data tab does not read the
waves again, and the Findings page, the reviewed policies and the results' "sent" marks redraw."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import gui.data.data_tab as data_tab_module
from gui.plan_context import PlanEdit
from services.data import policy_reviews, survey_findings
from services.plan_changes import Operation, Topic, topics_of
from services.team import team_roster
from tests.gui_windows import open_tab_for_typing
from tests.test_gui_data import settled
from tests.test_gui_team import click_cell, type_into_editor


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

READING = "Breaks fall between routes, so the room is empty when drivers could use it."


def test_a_reading_a_reader_and_a_policy_review_announce_findings_not_data(sample_plan):
    with sample_plan.transaction() as s:
        finding = survey_findings.list_findings(s)[1]
        person = team_roster.list_people(s)[0].id
        review = policy_reviews.list_reviews(s)[0]
    for forward in (lambda s, _m: survey_findings.set_interpretation(s, finding.id, READING),
                    lambda s, _m: survey_findings.set_readers(s, finding.id, [person]),
                    lambda s, _m: policy_reviews.update_review(s, review.id, "finding", "Breaks are unpaid.")):
        assert Operation("edit", forward, lambda s, m: None).apply(sample_plan) == {Topic.FINDINGS}
    # a removed wave takes its findings along (a cascade): both are announced
    assert {Topic.DATA, Topic.FINDINGS} <= topics_of({"survey_wave"})


def _watch(window) -> list[frozenset]:
    seen: list[frozenset] = []
    window.context.changed.connect(seen.append)
    return seen


def _count_wave_reads(monkeypatch) -> list[str]:
    read: list[str] = []
    real = data_tab_module.load_wave
    monkeypatch.setattr(data_tab_module, "load_wave", lambda s, label: read.append(label) or real(s, label))
    return read


def test_a_typed_reading_shows_on_the_findings_page_without_reading_the_waves(qtbot, window, monkeypatch):
    import gui.data.findings_page as findings_page

    tab = settled(qtbot, open_tab_for_typing(qtbot, window, "Data", "data"))
    tab.pages.setCurrentWidget(tab.findings_page)
    page = tab.findings_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 1)
    seen, waves_read = _watch(window), _count_wave_reads(monkeypatch)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click_cell(qtbot, page.view, 1, findings_page.READING)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    type_into_editor(qtbot, READING)
    qtbot.waitUntil(lambda: page.model.index(1, findings_page.READING).data() == READING)
    assert seen == [frozenset({Topic.FINDINGS})]
    assert not tab.reading and waves_read == []  # no read of the survey was started
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: page.model.index(1, findings_page.READING).data() == "")
    assert waves_read == [] and not tab.reading


def test_a_reviewed_policys_finding_redraws_its_panel_without_reading_the_waves(qtbot, window, monkeypatch):
    tab = settled(qtbot, open_tab_for_typing(qtbot, window, "Data", "data"))
    panel = tab.sources_page.policies
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    seen, waves_read = _watch(window), _count_wave_reads(monkeypatch)
    review = panel.model.record_at(0)
    window.context.edit(PlanEdit(window.context, "Edit a reviewed policy",
                                 lambda s, _m: policy_reviews.update_review(s, review.id, "finding", "Breaks are unpaid."),
                                 lambda s, before: policy_reviews.update_review(s, review.id, "finding", before)))
    assert panel.model.record_at(0).finding == "Breaks are unpaid."
    assert seen == [frozenset({Topic.FINDINGS})] and waves_read == [] and not tab.reading


def test_a_gap_sent_and_taken_back_can_be_sent_again_without_reading_the_waves(qtbot, window, monkeypatch):
    tab = settled(qtbot, open_tab_for_typing(qtbot, window, "Data", "data"))
    tab.pages.setCurrentWidget(tab.results_page)
    page, model = tab.results_page, tab.results_page.model
    qtbot.waitUntil(lambda: page.report is not None)
    cell = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.gap_at(model.index(r, c)) and model.cell_at(model.index(r, c)) not in model.sent)
    click_cell(qtbot, page.view, *cell)
    assert page.send_button.isEnabled()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    settled(qtbot, tab)  # the first sending records a release: the results are audited again
    qtbot.waitUntil(lambda: not page.send_button.isEnabled())
    assert page.view.currentIndex().row() == cell[0] and page.view.currentIndex().column() == cell[1]  # still there
    seen, waves_read = _watch(window), _count_wave_reads(monkeypatch)
    window.undo_action.trigger()  # the release stays recorded; the finding and its candidate go
    assert Topic.FINDINGS in seen[-1] and Topic.DATA not in seen[-1]
    assert model.cell_at(model.index(*cell)) not in model.sent
    assert waves_read == [] and not tab.wave_reads.busy and not page.reads.busy  # no wave read, no audit again
    click_cell(qtbot, page.view, *cell)
    assert page.send_button.isEnabled()
