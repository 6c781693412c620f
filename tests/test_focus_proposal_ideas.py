"""A focus-group proposal stays tied to the rated idea or example action it restates: sending the
session to Priorities makes one candidate for the pair (not two), placed on the matrix from the
group's ratings moved onto the matrix's lines, in the Do it now! or Do it next class the group chose."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions
from services.priorities import action_decisions, candidate_actions, priority_ratings
from services.priorities.prioritization import Quadrant, quadrant, to_matrix_scale
from services.priorities.priority_board import load_board
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

IDEA = "Protected planning hour for school counselors every week"


def _session(s):
    sid = focus_sessions.create_session(s, "retain-mh-staff", "Counselors' session", first_date=dt.date(2026, 10, 1)).id
    groups = [focus_results.add_subgroup(s, sid) for _ in range(2)]
    idea = focus_results.add_idea(s, sid, "job", focus_results.COULD, IDEA)
    for group, (impact, ease) in zip(groups, ((5, 4), (4, 4)), strict=True):
        focus_results.set_rating(s, group.id, (None, idea.id), impact=impact, ease=ease)
    focus_results.set_mark(s, sid, "4.3", explore=True)
    for group, (impact, ease) in zip(groups, ((3, 2), (3, 3)), strict=True):
        focus_results.set_rating(s, group.id, ("4.3", None), impact=impact, ease=ease)
    return sid, idea.id


def _from_session(s, sid):
    label = focus_sessions.get_session(s, sid).label
    return [a for a in candidate_actions.list_candidate_actions(s) if label in a.source_label]


def test_propose_this_makes_one_candidate_placed_from_the_ratings(empty_plan):
    with empty_plan.transaction() as s:
        sid, idea_id = _session(s)
        proposal = focus_results.propose(s, sid, (None, idea_id))
        assert (proposal.idea, proposal.category, proposal.restates) == (IDEA, focus_results.NOW, (None, idea_id))
        focus_results.update_proposal(s, proposal.id, owner="Director of Student Services", deadline="January")
        with pytest.raises(InvalidInput, match="already proposed"):
            focus_results.propose(s, sid, (None, idea_id))
        with pytest.raises(InvalidInput, match="already restates"):
            focus_results.add_proposal(s, sid, "The same again", restates=(None, idea_id))
        priority_ratings.set_setting(s, "midpoint_impact", 3.5)  # the plan's matrix draws its line higher
        result = focus_results.send_to_priorities(s, sid)
        sent = _from_session(s, sid)
        assert len(result.action_ids) == 2  # the proposal (with its idea) and the explored action 4.3
        ours = [a for a in sent if a.title == IDEA]
        assert len(ours) == 1
        action = ours[0]
        assert action.source_kind == "focus_group_proposal" and "restates Idea" in action.source_label
        assert (action.category, action.proposed_owner) == ("Do it now!", "Director of Student Services")
        # mean impact 4.5, ease 4 on the group's 1-5 with its line at 3, moved onto lines at 3.5 and 3
        assert action.agreed_impact == pytest.approx(to_matrix_scale(4.5, 3.5), abs=0.01)
        assert action.agreed_ease == pytest.approx(4.0)
        assert "focus group's mean ratings (impact 4.5, ease 4.0 of 5)" in action.evidence
        board = load_board(s)
        item = board.item(action.id)
        assert item.quadrant == Quadrant.DO_NOW
        assert len(item.ratings) == 2  # each subgroup's ratings came along as a rater's


def test_a_proposal_keeps_its_class_even_where_the_ratings_fall_short(empty_plan):
    with empty_plan.transaction() as s:
        sid, _idea = _session(s)
        proposal = focus_results.add_proposal(s, sid, "Counselors lead one staff meeting a term",
                                              category=focus_results.NOW, restates=("4.3", None))
        assert focus_results.load(s, sid).proposal_for(focus_results.load(s, sid).target(("4.3", None))).id == \
            proposal.id
        focus_results.send_to_priorities(s, sid)
        action = next(a for a in _from_session(s, sid) if a.title.startswith("Counselors lead"))
        assert not any(a.source_label.endswith("action 4.3") for a in _from_session(s, sid))  # no second one
        assert quadrant(action.agreed_impact, action.agreed_ease) == Quadrant.DO_NOW
        assert "Moved into Do it now!, as the group proposed it." in action.evidence


def test_a_proposal_tied_to_an_idea_sent_earlier_is_not_sent_twice(empty_plan):
    with empty_plan.transaction() as s:
        sid, idea_id = _session(s)
        focus_results.send_to_priorities(s, sid)
        before = len(_from_session(s, sid))
        focus_results.propose(s, sid, (None, idea_id))
        with pytest.raises(InvalidInput, match="already in Priorities"):
            focus_results.send_to_priorities(s, sid)
        assert len(_from_session(s, sid)) == before


def test_the_proposal_reaches_the_printed_plan_with_its_source(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        sid, idea_id = _session(s)
        focus_results.propose(s, sid, (None, idea_id))
        focus_results.send_to_priorities(s, sid)
        action = next(a for a in _from_session(s, sid) if a.title == IDEA)
        action_decisions.decide(s, action.id, "approved")
    path = empty_plan.path
    empty_plan.close()
    out = tmp_path / "plan.pdf"
    result = wellplan("export", str(path), "plan", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert IDEA in text
    assert "Focus-group proposal: Focus group" in text and "restates Idea" in text


def test_propose_this_from_the_ratings_page_then_send(qtbot, window):
    from tests.gui_windows import open_tab_for_typing

    tab = open_tab_for_typing(qtbot, window, "Focus groups", "focus_groups")
    tab.pages.setCurrentWidget(tab.ratings_page)
    model, view = tab.ratings_model, tab.ratings_page.view
    row = next(r for r in range(model.rowCount()) if model.record_at(r).target.text ==
               "Peer supervision circle for new counselors")
    view.setCurrentIndex(model.index(row, 1))
    proposals_before = tab.proposals_model.rowCount()
    qtbot.mouseClick(tab.ratings_page.propose_button, Qt.MouseButton.LeftButton)
    assert tab.proposals_model.rowCount() == proposals_before + 1
    added = tab.proposals_model.record_at(tab.proposals_model.rowCount() - 1)
    assert added.idea == "Peer supervision circle for new counselors" and added.restates is not None
    assert tab.pages.currentWidget() is tab.proposals_page
    restates = tab.proposals_model.column_of("restates")
    assert tab.proposals_model.index(tab.proposals_model.rowCount() - 1, restates).data().startswith("Idea")
    window.undo_action.trigger()
    assert tab.proposals_model.rowCount() == proposals_before


def test_the_sample_session_sends_no_second_candidate_for_the_proposal_tied_to_2_2(sample_plan):
    with sample_plan.transaction() as s:
        sid = focus_sessions.list_sessions(s)[0].id
        data = focus_results.load(s, sid)
        tied = data.proposal_for(data.target(("2.2", None)))
        assert tied is not None and tied.idea.startswith("Publish one referral form")
        before = {a.id for a in candidate_actions.list_candidate_actions(s)}
        # the sample sent everything; a proposal written since gives the session something new to send
        focus_results.add_proposal(s, sid, "Trial a caseload cap at one middle school")
        focus_results.send_to_priorities(s, sid)
        new = [a for a in candidate_actions.list_candidate_actions(s) if a.id not in before]
        assert new and not any("2.2" in a.source_label or a.title.startswith("Publish one referral") for a in new)


def test_writing_a_proposal_picks_the_rated_idea_it_restates(qtbot, window):
    from tests.gui_windows import open_tab_for_typing

    tab = open_tab_for_typing(qtbot, window, "Focus groups", "focus_groups")
    tab.pages.setCurrentWidget(tab.proposals_page)
    page = tab.proposals_page
    choice = next(i for i in range(page.restates.count()) if page.restates.itemText(i).startswith("1.1: "))
    page.restates.setCurrentIndex(choice)
    page.restates.activated.emit(choice)  # as a pick from its list does
    assert page.idea.text() == tab.ratings_model.record_at(0).target.text  # its words, to edit
    page.idea.setFocus()
    qtbot.keyClick(page.idea, Qt.Key.Key_End)
    qtbot.keyClicks(page.idea, " at the two high schools first")
    qtbot.keyClick(page.idea, Qt.Key.Key_Return)
    added = tab.proposals_model.record_at(tab.proposals_model.rowCount() - 1)
    assert added.restates == ("1.1", None) and added.idea.endswith("at the two high schools first")
    page.restates.showPopup()  # what is restated already is not offered twice
    assert not any(page.restates.itemText(i).startswith("1.1: ") for i in range(page.restates.count()))
    page.restates.hidePopup()
    ratings_row = next(r for r in range(tab.ratings_model.rowCount()) if tab.ratings_model.record_at(r).id == ("1.1", None))
    assert "proposed as Do it now!" in tab.ratings_model.index(ratings_row, tab.ratings_model.column_of("where")).data()
