"""What deleting a focus-group session or a subgroup takes with it, in sentences the window asks
with (nothing listed: nothing to ask), and each session's template by its title, never its key."""

from __future__ import annotations

import datetime as dt

import pytest

from services.focus_groups import focus_results, focus_sessions


@pytest.fixture
def planned(empty_plan):
    with empty_plan.transaction() as s:
        record = focus_sessions.create_session(s, "retain-mh-staff", "Mental health staff focus group",
                                               first_date=dt.date(2026, 10, 14))
    return empty_plan, record.id


def test_a_session_just_planned_takes_nothing_with_it(planned):
    plan, session_id = planned
    with plan.transaction() as s:
        assert focus_results.session_dependents(s, session_id) == []


def test_a_session_with_attendees_and_results_lists_them(planned):
    plan, session_id = planned
    with plan.transaction() as s:
        focus_sessions.add_new_attendee(s, session_id, "Noor Haddad")
        data = focus_results.load(s, session_id)
        attribute = data.template.attributes[0].key
        focus_results.add_idea(s, session_id, attribute, focus_results.COULD, "Quiet room")
        focus_results.add_proposal(s, session_id, "Peer support circle")
        group = focus_results.add_subgroup(s, session_id)
        idea = focus_results.load(s, session_id).ideas[0]
        focus_results.set_rating(s, group.id, (None, idea.id), impact=4, ease=3)
        focus_results.send_to_priorities(s, session_id)
        lines = focus_results.session_dependents(s, session_id)
    assert lines[0] == "Its 1 attendee comes off the invitation list (people stay in the plan)."
    assert lines[1] == "The results typed in go with it: 1 idea, 1 subgroup rating, 1 proposal."
    assert lines[2] == "2 candidate actions sent to Priorities from it stay there."


def test_a_subgroup_lists_its_ratings_only_when_it_has_some(planned):
    plan, session_id = planned
    with plan.transaction() as s:
        data = focus_results.load(s, session_id)
        focus_results.add_idea(s, session_id, data.template.attributes[0].key, focus_results.COULD, "Quiet room")
        group = focus_results.add_subgroup(s, session_id)
        assert focus_results.subgroup_dependents(s, group.id) == []
        idea = focus_results.load(s, session_id).ideas[0]
        focus_results.set_rating(s, group.id, (None, idea.id), impact=5)
        assert focus_results.subgroup_dependents(s, group.id) == ["Its 1 rating of impact and ease goes with it."]


def test_the_template_is_named_by_its_title(planned):
    plan, session_id = planned
    with plan.transaction() as s:
        titles = focus_sessions.template_titles(s)
        template = focus_sessions.template_of(s, session_id)
    assert titles == {session_id: template.title} and "retain-mh-staff" not in template.title


def test_an_idea_lists_its_ratings_and_its_candidate_action(planned):
    plan, session_id = planned
    with plan.transaction() as s:
        data = focus_results.load(s, session_id)
        idea = focus_results.add_idea(s, session_id, data.template.attributes[0].key, focus_results.COULD, "Quiet room")
        assert focus_results.idea_dependents(s, idea.id) == []
        group = focus_results.add_subgroup(s, session_id)
        focus_results.set_rating(s, group.id, (None, idea.id), impact=4, ease=2)
        focus_results.send_to_priorities(s, session_id)
        assert focus_results.idea_dependents(s, idea.id) == [
            "Its 1 subgroup rating goes with it.", "The candidate action sent to Priorities from it stays there."]


def test_ideas_and_proposals_from_pasted_rows(planned):
    from services.errors import InvalidInput

    plan, session_id = planned
    with plan.transaction() as s:
        title = focus_sessions.template_of(s, session_id).attributes[0].title
        idea = focus_results.add_idea_from_row(s, session_id, {"attribute_key": title.upper(), "kind": "already taking",
                                                               "text": "Monthly case consultations"})
        assert idea.kind == focus_results.TAKEN and idea.text == "Monthly case consultations"
        assert focus_results.add_idea_from_row(s, session_id, {"attribute_key": title, "text": "Quiet room"}).kind \
            == focus_results.COULD  # blank: one the district could take
        with pytest.raises(InvalidInput, match="not one of the template's attributes"):
            focus_results.add_idea_from_row(s, session_id, {"attribute_key": "Astrology", "text": "Horoscopes"})
        proposal = focus_results.add_proposal_from_row(s, session_id, {"category": "do it next", "idea": "Peer circle",
                                                                       "owner": "Director", "deadline": "June"})
        assert (proposal.category, proposal.owner, proposal.deadline) == (focus_results.NEXT, "Director", "June")
        assert focus_results.add_proposal_from_row(s, session_id, {"category": "Do it now", "idea": "Referral form"}) \
            .category == focus_results.NOW
        with pytest.raises(InvalidInput, match="not a category"):
            focus_results.add_proposal_from_row(s, session_id, {"category": "Someday", "idea": "Gym"})


def test_a_proposal_sent_to_priorities_says_its_action_stays(planned):
    plan, session_id = planned
    with plan.transaction() as s:
        proposal = focus_results.add_proposal(s, session_id, "Peer circle")
        assert focus_results.proposal_dependents(s, proposal.id) == []
        focus_results.send_to_priorities(s, session_id)
        assert focus_results.proposal_dependents(s, proposal.id) == [
            "The candidate action sent to Priorities from it stays there."]
