"""The focus-group printouts through the command line, read back as text (seed 004, issue 23): the
blank and the filled facilitator's guide (and packet) have the same sections in the same order;
the guide holds the source's steps for using the tool and its contract reminder; a session's guide
and its results summary print the district's need, the intention and the group's version, the
group's view of the framework, attendees outside their hours, contract limits and the notes."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from pypdf import PdfReader

from services import district_profile
from services.focus_groups import focus_results, focus_sessions, focus_templates, provider_need
from services.plan.plan_file import open_plan
from services.reports import focus_worksheets
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text

HEADING_SIZES = {20.0, 14.0, 11.5}  # the document's title, h1 and h2 (services.reports.document.styles)


def headings(path) -> list[str]:
    """The printout's headings in order: runs of text in a heading's size, a wrapped one joined."""
    runs: list[tuple[float, str]] = []

    def visit(text, _cm, tm, _font, size):
        if text.strip():
            runs.append((round(size * tm[0], 1), text.strip()))

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
        runs.append((0.0, ""))  # a page ends a heading
    out: list[str] = []
    last = 0.0
    for size, text in runs:
        if size in HEADING_SIZES:
            if size == last and out:
                out[-1] += " " + text
            else:
                out.append(text)
        last = size
    return out


def _export(plan, tmp_path, kind, *extra) -> str:
    out = tmp_path / f"{kind}{'-'.join(extra)}.pdf"
    result = wellplan("export", str(plan), kind, *extra, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def filled(sample_file, tmp_path_factory):
    """The sample with its focus session run as the guide asks; its id."""
    path = tmp_path_factory.mktemp("focus") / "filled.wellplan"
    shutil.copy(sample_file, path)
    plan = open_plan(path)
    with plan.transaction() as s:
        sid = focus_sessions.list_sessions(s)[0].id
        for role in ("counselors", "social-workers", "psychologists", "licensed", "health"):  # the sample's own need
            provider_need.set_session_need(s, sid, role, vacancies=None, hard_to_fill_rank=None, student_share=None,
                                           note="")
        provider_need.set_session_need(s, sid, "psychologists", vacancies=3, hard_to_fill_rank=1, student_share=35,
                                       note="Two retire in June")
        provider_need.set_session_need(s, sid, "licensed", vacancies=2, hard_to_fill_rank=2)
        for a in focus_sessions.list_attendees(s, sid):
            if a.role_key == "licensed":
                focus_sessions.remove_attendee(s, a.id)
        focus_sessions.update_session(
            s, sid, first_date=dt.date(2026, 10, 14), start_time=dt.time(14, 0),
            intention="We meet to hear what keeps our counselors here.",
            group_intention="Find three things we can change this year.",
            attributes_matter="Great jobs matter most.", attributes_change="Add supervision time.",
            notes="The group asked to meet again in the spring.")
        food = next(g for g in district_profile.list_position_groups(s) if g.name == "Food service")
        focus_sessions.add_new_attendee(s, sid, "Rosa Diaz", "other", "Cafeteria lead", position_group_id=food.id)
        focus_results.set_mark(s, sid, "11.1", explore=True, contract_limited=True,
                               contract_note="Extra hours are set by the support staff agreement")
        idea = focus_results.add_idea(s, sid, "job", "could", "Four-day summer schedule")
        focus_results.update_idea(s, idea.id, contract_limited=True, contract_note="The calendar is bargained")
    plan.close()
    return path, str(sid)


@pytest.mark.parametrize("kind", ["focus-guide", "focus-packet"])
def test_blank_and_filled_print_the_same_sections_in_the_same_order(filled, tmp_path, kind):
    path, sid = filled
    blank = headings(_export(path, tmp_path, kind, "--template", "retain-mh-staff"))
    full = headings(_export(path, tmp_path, kind, "--session", sid))
    assert blank == full
    template = focus_templates.get_template("retain-mh-staff")[0]
    count = len(template.attributes)
    expected = [*(f"{n}/{count}: {a.title}" for n, a in enumerate(template.attributes, 1)),
                *(f"{a.title}: other actions" for a in template.attributes), template.part("prioritize").title,
                template.part("proposals").title, focus_worksheets.VIEW_TITLE]
    if kind == "focus-guide":
        expected += [focus_worksheets.STEPS_TITLE, focus_worksheets.NEED_TITLE, focus_worksheets.GROUP_INTENTION,
                     template.part("intention").title, template.part("attendees").title]
    for heading in expected:
        assert heading in blank, heading
    # The guide reads in the source's order: steps, who attends, the need, scheduling, agenda, intention, framework.
    if kind == "focus-guide":
        order = [focus_worksheets.STEPS_TITLE, template.part("attendees").title, focus_worksheets.NEED_TITLE,
                 template.part("scheduling").title, template.part("agenda").title, template.part("intention").title,
                 template.part("framework").title, focus_worksheets.VIEW_TITLE, template.part("aspiration").title]
        assert [blank.index(h) for h in order] == sorted(blank.index(h) for h in order)
    else:
        assert focus_worksheets.STEPS_TITLE not in blank and focus_worksheets.NEED_TITLE not in blank


def test_the_guide_holds_the_steps_and_the_reminder_and_the_sessions_answers(filled, tmp_path):
    path, sid = filled
    template, text_of = focus_templates.get_template("retain-mh-staff")
    steps = focus_templates.parse_guide(text_of, "retain-mh-staff").steps
    assert len(steps) == 5
    blank = pdf_text(_export(path, tmp_path, "focus-guide", "--template", "retain-mh-staff"))
    full = pdf_text(_export(path, tmp_path, "focus-guide", "--session", sid))
    for n, step in enumerate(steps, 1):
        assert f"{n}. {step}" in blank and f"{n}. {step}" in full
    assert f"Reminder: {' '.join(template.reminder.split())}" in blank
    assert f"Sample intention: {' '.join(template.intention.split())}" in blank
    for answer in ("Our intention: We meet to hear what keeps our counselors here.",
                   "Find three things we can change this year.", "Great jobs matter most.", "Add supervision time.",
                   "Two retire in June",
                   "No other licensed provider invited, and it is your second-hardest role to fill and has 2 open",
                   "Rosa Diaz (Cafeteria lead) \u2014 Outside the usual hours of Food service",
                   "Limited by a contract or collective bargaining: Extra hours are set by the support staff agreement",
                   "Four-day summer schedule (limited by a contract or collective bargaining: The calendar is bargained)"):
        assert answer in full, answer
        assert answer not in blank, answer
    packet = pdf_text(_export(path, tmp_path, "focus-packet", "--session", sid))
    assert steps[0] not in packet and "Rosa Diaz" not in packet  # the facilitator's pages only


def test_the_summary_prints_the_groups_version_view_need_contracts_and_notes(filled, tmp_path):
    path, sid = filled
    summary = pdf_text(_export(path, tmp_path, "focus-summary", "--session", sid))
    for expected in ("The session's intention: We meet to hear what keeps our counselors here.",
                     "The group's version: Find three things we can change this year.",
                     "Which attributes matter most? Great jobs matter most.",
                     "What would you add or remove? Add supervision time.",
                     "The district's need: No other licensed provider invited",
                     "Extra hours are set by the support staff agreement", "The calendar is bargained",
                     "Notes The group asked to meet again in the spring."):
        assert expected in summary, expected
    assert "Rosa Diaz" not in summary  # attendance by role, not by name
