"""The district's need per type of provider (seed 004), and the invitation list checked against it."""

from __future__ import annotations

import datetime as dt

import pytest

from models import ProviderNeed
from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions, provider_need


@pytest.fixture
def planned(empty_plan):
    with empty_plan.transaction() as s:
        record = focus_sessions.create_session(s, "retain-mh-staff", "Provider focus group",
                                               first_date=dt.date(2026, 10, 14))
    return empty_plan, record.id


def _set(s, sid, role, **values):
    template = focus_sessions.template_of(s, sid)
    text = s.get(focus_sessions.FocusSession, sid).template_text
    provider_need.set_need(s, template, text, role, **values)


def test_the_need_is_recorded_per_provider_role_and_the_invitation_list_checked_against_it(planned):
    plan, sid = planned
    with plan.transaction() as s:
        needs = focus_results.load(s, sid).needs
        assert [n.role_name for n in needs] == ["School counselor(s)", "Social worker(s)", "School psychologist(s)",
                                                "Other licensed provider(s), e.g. LCSW",
                                                "Other health provider, e.g. school nurse"]
        assert focus_results.load(s, sid).need_gaps == []  # nothing recorded: nothing to say
        _set(s, sid, "psychologists", vacancies=3, hard_to_fill_rank=1, student_share="35%", note="Two retire in June")
        _set(s, sid, "social-workers", vacancies=2)
        _set(s, sid, "counselors", hard_to_fill_rank=4, vacancies=0)
        data = focus_results.load(s, sid)
        psych = next(n for n in data.needs if n.id == "psychologists")
        assert (psych.vacancies, psych.hard_to_fill_rank, psych.student_share, psych.note) == (
            3, 1, 35, "Two retire in June")
        assert data.need_gaps == [
            "No school psychologist invited, and it is your hardest role to fill, has 3 open positions and serves "
            "35% of students.",
            "No social worker invited, and it has 2 open positions."]
        # Inviting a psychologist answers the first sentence; the counselors (rank 4, no vacancy) never show.
        focus_sessions.add_new_attendee(s, sid, "Iris Chen", "psychologists")
        assert focus_results.load(s, sid).need_gaps == ["No social worker invited, and it has 2 open positions."]


def test_the_need_is_the_districts_shared_by_its_sessions(planned):
    plan, sid = planned
    with plan.transaction() as s:
        _set(s, sid, "psychologists", hard_to_fill_rank=2)
        other = focus_sessions.create_session(s, "retain-mh-staff", "Second group").id
        assert focus_results.load(s, other).need_gaps == [
            "No school psychologist invited, and it is your second-hardest role to fill."]
        assert s.query(ProviderNeed).count() == 1


def test_a_template_without_provider_roles_has_no_need(empty_plan):
    with empty_plan.transaction() as s:
        sid = focus_sessions.create_session(s, "listening-session", "Listening").id
        data = focus_results.load(s, sid)
        assert data.needs == [] and data.need_gaps == []
        with pytest.raises(InvalidInput, match="not a type of provider"):
            _set(s, sid, "teachers", vacancies=2)


@pytest.mark.parametrize(("values", "message"), [
    ({"vacancies": -1}, "Open positions are a whole number from 0"),
    ({"vacancies": "many"}, "not a whole number"),
    ({"hard_to_fill_rank": 0}, "rank from 1"),
    ({"hard_to_fill_rank": 6}, "rank from 1 \\(the hardest\\) to 5, one per type of provider"),
    ({"student_share": 140}, "percentage from 0 to 100"),
    ({"colour": "red"}, "Unknown field"),
])
def test_bad_values_are_refused_in_a_sentence(planned, values, message):
    plan, sid = planned
    with plan.transaction() as s:
        with pytest.raises(InvalidInput, match=message):
            _set(s, sid, "psychologists", **values)
        with pytest.raises(InvalidInput, match="not a type of provider"):
            _set(s, sid, "district-head", vacancies=1)


def test_hostile_stored_values_read_as_not_known(planned):
    plan, sid = planned
    with plan.transaction() as s:
        s.add(ProviderNeed(template_key="retain-mh-staff", role_key="psychologists", vacancies=-7,
                           hard_to_fill_rank="first", student_share=900, note=b"\x00"))
        s.flush()
        need = next(n for n in focus_results.load(s, sid).needs if n.id == "psychologists")
        assert (need.vacancies, need.hard_to_fill_rank, need.student_share, need.note) == (None, None, None, "")


def test_undo_puts_the_row_back_as_it_was(planned):
    plan, sid = planned
    with plan.transaction() as s:
        before = provider_need.snapshot(s, "retain-mh-staff", "health")
        _set(s, sid, "health", vacancies=1)
        provider_need.restore(s, "retain-mh-staff", "health", before)
        assert s.query(ProviderNeed).count() == 0
        _set(s, sid, "health", vacancies=1)
        kept = provider_need.snapshot(s, "retain-mh-staff", "health")
        _set(s, sid, "health", vacancies=4, note="x")
        provider_need.restore(s, "retain-mh-staff", "health", kept)
        assert next(n for n in focus_results.load(s, sid).needs if n.id == "health").vacancies == 1


def test_role_nouns_read_as_one_person():
    assert provider_need.role_noun("School psychologist(s)") == "school psychologist"
    assert provider_need.role_noun("Other licensed provider(s), e.g. LCSW") == "other licensed provider"
    assert provider_need.role_noun("LCSW supervisors") == "LCSW supervisors"


def test_an_old_plans_session_gets_the_steps_provider_roles_and_sample_intention(tmp_path):
    """A session planned before version 10 keeps its template's old text, without the steps and
    provider roles: they come from the shipped template of the same key (they are instructions)."""
    import shutil
    from pathlib import Path

    from services.plan.plan_file import open_plan

    path = tmp_path / "old.wellplan"
    shutil.copy(Path(__file__).parent / "fixtures" / "plan-v9.wellplan", path)
    plan = open_plan(path, read_only=True)
    try:
        with plan.transaction() as s:
            session = focus_sessions.list_sessions(s)[0]
            assert "provider_roles" not in focus_sessions.template_text(s, session.id)
            data = focus_results.load(s, session.id)
            assert len(data.guide.steps) == 5 and len(data.needs) == 5
            assert data.intention == data.template.intention and data.need_gaps == []
    finally:
        plan.close()


@pytest.mark.parametrize(("line", "message"), [
    ('provider_roles = ["nurses"]', "mine.toml: provider_roles: 'nurses' is not one of the template's roles"),
    ('provider_roles = ["counselors", "counselors"]', "provider role 'counselors' is used twice"),
    ("steps = [3]", "mine.toml: steps must be a list of sentences"),
])
def test_a_template_with_bad_steps_or_provider_roles_is_refused_on_load(line, message):
    from services.focus_groups import focus_templates

    text = focus_templates.get_template("retain-mh-staff")[1]
    key = line.split(" =")[0]
    start = text.index(f"{key} = [")
    end = text.index("]\n", start) + 2
    with pytest.raises(focus_templates.TemplateError, match=message):
        focus_templates.parse_template(text[:start] + line + "\n" + text[end:], "mine.toml")
