"""The feedback log and the progress update's "You said, we did" (seed 000 step 7: "When individuals
don't see their feedback being addressed, it can create distrust"): each piece of feedback is
paired with the action or message the team linked to it, never with one it was not linked to;
what is not answered yet is counted, not paired; no one's name or contact is printed."""

from __future__ import annotations

import datetime as dt

import pytest

from services.action_plan import action_schedule, communications, feedback_log
from services.district_profile import list_position_groups
from services.errors import InvalidInput
from services.reports.plan_report import build_progress_update_pdf
from services.sample import sample_action_plan
from tests.pdf_text import page_count, pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

D = dt.date
TODAY = D(2026, 12, 1)


def _action(s, title):
    return next(a for a in action_schedule.list_actions(s) if a.title == title)


def test_the_update_pairs_what_was_said_with_what_answers_it(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        out = build_progress_update_pdf(s, tmp_path / "update.pdf", today=TODAY)
    text = pdf_text(out)
    assert page_count(out) == 1
    # the plan has it in progress (as of mid-January), but it starts on Dec 7: on Dec 1 it is still planned
    assert ("You said: Drivers on split routes still can't take a break between the morning and midday runs. "
            "We plan: Draft break schedules for routes and kitchens (not started") in text
    assert ("You said: Night custodians never hear about the EAP: the emails go out after they have left. "
            "We plan: EAP cards in every custodial office (not started).") in text
    # the kitchen staff's wish is linked to nothing: it is counted, never paired with a kitchen action
    unanswered = [f for f in sample_action_plan.FEEDBACK if f[5] is None][0][4]
    assert unanswered not in text
    assert "Set up break corners in three central kitchens" not in text.split("What we did")[0]
    # the families' question is answered by a message not sent until February: not claimed yet
    assert "Why is the district spending" not in text
    assert "We heard 2 more pieces of feedback we have not answered yet" in text


def test_a_message_sent_answers_feedback_and_a_dropped_action_does_not(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        families = next(f for f in feedback_log.list_items(s) if f.from_text.startswith("Families"))
        message = next(c for c in communications.list_items(s) if c.id == families.communication_id)
        communications.update_item(s, message.id, done=True)
        drivers = next(f for f in feedback_log.list_items(s) if f.said.startswith("Drivers"))
        action_schedule.update_action(s, drivers.action_id, status="dropped")
        out = build_progress_update_pdf(s, tmp_path / "update.pdf", today=TODAY)
    text = pdf_text(out)
    assert ("You said: Why is the district spending on staff wellness instead of classrooms? We told families: "
            "Why the district is investing in staff wellbeing.") in text
    assert "Drivers on split routes" not in text  # its answer was dropped: nothing is claimed


def test_feedback_heard_after_the_update_s_date_is_left_out(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        action = _action(s, "Ask drivers and cooks when a break could fit")
        feedback_log.add_item(s, "Cooks asked for a second break room.", received_on=D(2026, 12, 20),
                              action_id=action.id)
        out = build_progress_update_pdf(s, tmp_path / "update.pdf", today=TODAY)
    assert "second break room" not in pdf_text(out)


def test_no_one_s_name_or_contact_is_printed_from_feedback(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        action = _action(s, "Ask drivers and cooks when a break could fit")
        feedback_log.add_item(s, "Lucia Fernandez (ext. 4412, lucia.f@example.org) says the cooks want earlier "
                                 "breaks.", received_on=D(2026, 11, 29), action_id=action.id)
        out = build_progress_update_pdf(s, tmp_path / "update.pdf", today=TODAY)
    text = pdf_text(out)
    assert "You said: a colleague says the cooks want earlier breaks. We did: Ask drivers and cooks" in text
    assert "Lucia" not in text and "4412" not in text and "@" not in text


def test_edit_link_remove_and_put_back(empty_plan):
    with empty_plan.transaction() as s:
        a = action_schedule.add_action(s, "New break schedules")
        c = communications.add_item(s, "Staff", "What changes in February", "Newsletter")
        item = feedback_log.add_item(s, "  The break schedule\n does not fit route 12. ", received_on=TODAY)
        assert item.said == "The break schedule does not fit route 12." and not item.answered
        item = feedback_log.update_item(s, item.id, answer=f"communication:{c.id}")
        assert (item.action_id, item.communication_id, item.answered) == (None, c.id, True)
        item = feedback_log.update_item(s, item.id, answer=f"action:{a.id}")
        assert (item.action_id, item.communication_id) == (a.id, None)
        # removing the action unlinks the feedback; putting it back links it again
        removed = action_schedule.remove_action(s, a.id)
        assert not feedback_log.get_item(s, item.id).answered
        action_schedule.restore_action(s, removed)
        assert feedback_log.get_item(s, item.id).action_id == a.id
        # the same for a communication
        feedback_log.update_item(s, item.id, answer=f"communication:{c.id}")
        values = communications.remove_item(s, c.id)
        assert not feedback_log.get_item(s, item.id).answered
        communications.restore_item(s, values)
        assert feedback_log.get_item(s, item.id).communication_id == c.id
        values = feedback_log.remove_item(s, item.id)
        assert feedback_log.list_items(s) == []
        feedback_log.restore_item(s, values)
        assert feedback_log.get_item(s, item.id).said == "The break schedule does not fit route 12."
        with pytest.raises(InvalidInput, match="needs what was said"):
            feedback_log.update_item(s, item.id, said="  ")
        with pytest.raises(InvalidInput, match="no longer in the plan"):
            feedback_log.update_item(s, item.id, action_id=9999)


def test_pasted_rows_name_a_group_or_say_who_in_words(sample_plan):
    with sample_plan.transaction() as s:
        transport = next(g.id for g in list_position_groups(s) if g.name == "Transportation")
        action = _action(s, "Ask drivers and cooks when a break could fit")
        row = feedback_log.add_pasted(s, {"group_id": "transportation", "channel": "staff MEETING",
                                          "said": "More relief drivers, please.",
                                          "answer": "ask drivers and cooks when a break could fit"}, TODAY)
        assert (row.group_id, row.from_text, row.channel, row.action_id) == (transport, "", "Staff meeting",
                                                                            action.id)
        row = feedback_log.add_pasted(s, {"group_id": "Lincoln Elementary PTA", "said": "Thank you."}, None)
        assert (row.group_id, row.from_text, row.answered) == (None, "Lincoln Elementary PTA", False)
        with pytest.raises(InvalidInput, match="No action or communication in the plan reads"):
            feedback_log.add_pasted(s, {"said": "Hello", "answer": "Something we never did"}, None)


def test_a_short_surname_and_a_title_are_left_out_too(empty_plan):
    from services.team import team_roster

    with empty_plan.transaction() as s:
        team_roster.add_person(s, "Ana Li", contact="ali@district.example")
        cleaned = feedback_log.without_people("Ms. Li and Ana asked for a quiet room (write to ali@district.example).",
                                              s)
    assert "Li" not in cleaned.split() and "Ana" not in cleaned and "ali" not in cleaned
    assert "asked for a quiet room" in cleaned
