"""Reviewed district policies (seed 000 step 3: policies shape working conditions too) on the Data
tab's sources page: added, edited and removed with undo, and a finding sent to Priorities that
reaches the printed plan with its source."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from services.data import policy_reviews, wellness_domains
from services.errors import InvalidInput
from services.priorities import action_decisions, candidate_actions
from tests.cli_run import wellplan
from tests.gui_windows import answer_when_asked, open_tab_for_typing
from tests.pdf_text import pdf_text
from tests.test_gui_data import settled
from tests.test_gui_team import click_cell, type_into_editor

FOUND = "Sick leave can't be taken in half days, so staff with appointments work sick or lose a whole day."


def test_a_review_goes_to_priorities_once_and_only_with_a_finding(empty_plan):
    with empty_plan.transaction() as s:
        wellness_domains.ensure_domains(s)
        domain = wellness_domains.list_domains(s)[0]
        review = policy_reviews.add_review(s, "  Leave and  absence policy ", reviewed_on=dt.date(2026, 10, 2),
                                           domain_id=domain.id)
        with pytest.raises(InvalidInput, match="Write what the team found in Leave and absence policy first"):
            policy_reviews.send_review(s, review)
        policy_reviews.update_review(s, review, "finding", FOUND)
        sent = policy_reviews.send_review(s, review)
        assert sent.title == "Act on the review of Leave and absence policy"
        assert sent.source_kind == "policy_review" and sent.source_id == review
        assert sent.source_label == "Policy review: Leave and absence policy (Oct 2026)"
        assert sent.evidence == f"Leave and absence policy ({domain.name}): {FOUND}"
        with pytest.raises(InvalidInput, match="already in Priorities"):
            policy_reviews.send_review(s, review)
        assert policy_reviews.list_reviews(s)[0].sent_action_id == sent.id
        assert policy_reviews.review_dependents(s, review) == [
            "The candidate action \u201cAct on the review of Leave and absence policy\u201d sent from it stays on "
            "Priorities with its evidence, but can no longer show the review it came from."]
        with pytest.raises(InvalidInput, match="needs the policy's name"):
            policy_reviews.update_review(s, review, "name", "   ")
        with pytest.raises(InvalidInput, match="is a date"):
            policy_reviews.update_review(s, review, "reviewed_on", "yesterday")
        values = policy_reviews.remove_review(s, review)
        assert policy_reviews.list_reviews(s) == []
        policy_reviews.restore_review(s, values)
        assert policy_reviews.list_reviews(s)[0].finding == FOUND


def test_an_approved_review_prints_in_the_plan_with_its_source(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        review = policy_reviews.add_review(s, "Scheduling and duty-free lunch", reviewed_on=dt.date(2026, 9, 30),
                                           finding="Bus drivers' split shifts leave no paid time for the "
                                                   "wellness sessions.")
        sent = policy_reviews.send_review(s, review)
        action_decisions.decide(s, sent.id, "approved")
    path = sample_plan.path
    sample_plan.close()
    out = tmp_path / "plan.pdf"
    result = wellplan("export", str(path), "plan", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Act on the review of Scheduling and duty-free lunch" in text
    assert "Policy review: Scheduling and duty-free lunch (Sep 2026)" in text
    assert "split shifts leave no paid time for the wellness sessions" in text


def test_the_sources_page_adds_a_review_sends_it_and_removes_it_with_undo(qtbot, window, monkeypatch):
    tab = open_tab_for_typing(qtbot, window, "Data", "data")
    tab.pages.setCurrentWidget(tab.sources_page)
    panel = tab.sources_page.policies
    qtbot.waitUntil(panel.view.isVisible)
    reviewed = panel.model.rowCount()  # the sample's two, one of them sent already
    assert reviewed == 2 and panel.model.index(0, 4).data() == "Sent" and not panel.empty_note.isVisible()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("Workload agreement", True)))
    qtbot.mouseClick(panel.findChild(type(panel.send_button), "addPolicyReview"), Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == reviewed + 1
    row = reviewed
    # Add leaves the cursor typing what the team found
    type_into_editor(qtbot, FOUND)
    qtbot.waitUntil(lambda: panel.model.record_at(row).finding == FOUND)
    click_cell(qtbot, panel.view, row, 0)
    assert panel.send_button.isEnabled()
    before = len(window.context.read(candidate_actions.list_candidate_actions))
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    actions = window.context.read(candidate_actions.list_candidate_actions)
    assert len(actions) == before + 1 and actions[-1].evidence.endswith(FOUND)
    assert "Sent to Priorities: \u201cAct on the review of Workload agreement\u201d" in \
        window.statusBar().currentMessage()
    assert panel.model.index(row, 4).data() == "Sent" and not panel.send_button.isEnabled()
    # removing asks, saying the candidate stays
    settled(qtbot, tab)  # the wave read again after the edits (policies are the Data tab's data)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click_cell(qtbot, panel.view, row, 0)
    seen: list[str] = []
    answer_when_asked(qtbot, "Remove review", seen)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == reviewed)
    assert "stays on Priorities" in seen[0]
    window.undo_action.trigger()
    assert panel.model.rowCount() == reviewed + 1 and panel.model.record_at(row).finding == FOUND
    window.undo_action.trigger()  # the sending
    assert len(window.context.read(candidate_actions.list_candidate_actions)) == before
    settled(qtbot, tab)


def test_values_another_program_wrote_read_as_nothing(sample_plan):
    """A plan file is data from anywhere: bytes for a policy's name and finding,
    a proposal restating an action its template lacks (or two things at once), barriers that are not text."""
    from sqlalchemy import text

    from services.data import survey_participation
    from services.data.survey_report import find_wave
    from services.focus_groups import focus_results, focus_sessions
    from services.sample.sample_survey_waves import LATEST, POSITION

    with sample_plan.transaction() as s:
        s.execute(text("UPDATE policy_review SET name = X'00FF', finding = X'01'"))
        s.execute(text("UPDATE survey_headcount SET barriers = X'FE'"))
        s.execute(text("UPDATE focus_proposal SET action_key = '99.9' WHERE id = 1"))
        s.execute(text("UPDATE focus_proposal SET action_key = '1.1', idea_id = 1 WHERE id = 2"))
        reviews = policy_reviews.list_reviews(s)
        assert {(r.name, r.finding) for r in reviews} == {("", "")}
        assert survey_participation.barriers(s, find_wave(s, LATEST).id, POSITION) == {}
        sid = focus_sessions.list_sessions(s)[0].id
        proposals = {p.id: p for p in focus_results.load(s, sid).proposals}
        assert proposals[1].restates is None and proposals[2].restates is None  # both at once: neither
        with pytest.raises(InvalidInput, match="Write what the team found"):
            policy_reviews.send_review(s, reviews[1].id)
