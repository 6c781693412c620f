"""One school's packet (``export PLAN school-packet --school NAME``): a cover with the school and
the school year, the school's survey results (audited and recorded like every survey printout),
its part of the plan and the progress update; and what it says instead when the survey can't be
shown for the school."""

from __future__ import annotations

from pathlib import Path

from models import PlannedAction
from services import district_profile as dp
from services.action_plan import action_schedule
from services.data.release_ledger import list_releases
from services.plan.plan_file import open_plan
from tests.disclosure_attacker import protection_failures, read_report_csv
from tests.disclosure_attacker_schools import SchoolAttacker, read_school_summary
from tests.pdf_text import pdf_text
from tests.test_disclosure_attacks import (
    MIN_SIZE,
    POSITION,
    SCHOOL,
    WAVE,
    Survey,
    crowd,
    imported,
    public_facts,
    refused,
    shown,
    wellplan,
)
from tests.test_school_packet_disclosure import SCHOOLS, district_year


def with_schools(plan: Path, *, actions: bool = False) -> None:
    """The district's schools in its profile (and, with ``actions``, one action at Lincoln, one at
    Oak and one district-wide)."""
    handle = open_plan(plan)
    try:
        with handle.transaction() as session:
            ids = {name: dp.add_school(session, name, level).id
                   for name, level in zip(SCHOOLS, ("Elementary", "Middle", "High"), strict=True)}
            if actions:
                for title, school in (("Open a quiet room at Lincoln", "Lincoln Elementary"),
                                      ("Repaint the Oak staff lounge", "Oak Middle"),
                                      ("Publish a you said, we did update", None)):
                    record = action_schedule.add_action(session, title)
                    session.get(PlannedAction, record.id).school_id = ids[school] if school else None
    finally:
        handle.close()


def packet(plan: Path, school: str, out: Path, *options: str) -> str:
    """The packet as the command line writes it, read back as text."""
    wellplan("export", plan, "school-packet", "--school", school, "--out", out, *options)
    return pdf_text(out)


def releases(plan: Path):
    handle = open_plan(plan, read_only=True)
    try:
        with handle.transaction() as session:
            return list_releases(session)
    finally:
        handle.close()


def test_a_packet_has_the_schools_survey_plan_and_progress(tmp_path):
    plan = imported(tmp_path, district_year())
    with_schools(plan, actions=True)
    text = packet(plan, "lincoln ELEMENTARY", tmp_path / "lincoln.pdf")
    cover, rest = text.split("Page 1 of", 1)
    assert "Lincoln Elementary" in cover and "School packet \u2022 " in cover
    assert "In this packet 1. Staff survey results 2. The plan at Lincoln Elementary 3. Progress update" in cover
    survey, rest = rest.split("1. Staff survey results", 1)[1].split("2. The plan at Lincoln Elementary", 1)
    assert "Grouped by: What is your position? \u2022 24 responses at Lincoln Elementary" in survey
    assert "All respondents (24)" in survey and "Teacher (14)" in survey and "Nurse" not in survey
    plan_part, progress = rest.split("3. Progress update", 1)
    assert "Open a quiet room at Lincoln" in plan_part and "Publish a you said, we did update" in plan_part
    assert "Repaint the Oak staff lounge" not in plan_part
    assert "Of the plan's 2 actions" in progress  # Lincoln's and the district-wide one, not Oak's
    assert "Repaint the Oak staff lounge" not in progress
    assert "Results for groups of fewer than 5 respondents are not shown" in text  # the footer of each page
    recorded = releases(plan)
    assert [r.kind for r in recorded] == ["summary"]
    assert recorded[0].description == ("school packet for Lincoln Elementary: survey results of Fall 2026 at "
                                       "Lincoln Elementary by What is your position?")


def test_a_school_too_small_for_results_gets_the_rest_of_its_packet(tmp_path):
    survey = Survey(crowd(12, {POSITION: "Teacher", SCHOOL: "Lincoln Elementary"}) +
                    crowd(6, {POSITION: "Custodian", SCHOOL: "Lincoln Elementary"}, 3) +
                    crowd(4, {POSITION: "Teacher", SCHOOL: "Elm High"}, 7))
    plan = imported(tmp_path, survey)
    with_schools(plan)
    text = packet(plan, "Elm High", tmp_path / "elm.pdf")
    assert "1. Staff survey results Fewer than 5 people from Elm High answered wave 'Fall 2026', so its results " \
           "are withheld" in text
    assert "2. The plan at Elm High" in text and "3. Progress update" in text
    assert releases(plan) == []  # nothing of the survey left the plan
    # No one at Oak answered at all.
    text = packet(plan, "Oak Middle", tmp_path / "oak.pdf")
    assert "No one from 'Oak Middle' answered wave 'Fall 2026'" in text


def test_a_survey_that_never_asked_which_school_is_said_so(tmp_path):
    plan = imported(tmp_path, Survey(crowd(12, {POSITION: "Teacher"}) + crowd(6, {POSITION: "Custodian"}, 2)))
    with_schools(plan)
    text = packet(plan, "Oak Middle", tmp_path / "oak.pdf")
    assert "Wave 'Fall 2026' has no respondent attribute for school, so its results can't be shown for one " \
           "school." in text
    assert "2. The plan at Oak Middle" in text


def test_a_school_the_district_does_not_have_is_refused_in_a_sentence(tmp_path):
    plan = imported(tmp_path, district_year())
    with_schools(plan)
    out = tmp_path / "birch.pdf"
    err = refused("export", plan, "school-packet", "--school", "Birch Creek", "--out", out)
    assert len(err.strip().splitlines()) == 1
    assert "no school called \u201cBirch Creek\u201d" in err and "Lincoln Elementary" in err
    assert not out.exists() and releases(plan) == []


def test_every_schools_packet_against_the_district_reports(tmp_path):
    # The attack of test_school_packet_disclosure, with the packets themselves: the survey section
    # of each is the school's release.
    survey = district_year()
    plan = imported(tmp_path, survey)
    with_schools(plan)
    public = public_facts(plan)
    tables = []
    for by in (POSITION, SCHOOL):
        out = tmp_path / f"district by {len(tables)}.csv"
        wellplan("survey", "report", plan, "--by", by, "--wave", WAVE, "--out", out)
        tables.append(read_report_csv(out, wave=WAVE, by=by))
    for school in SCHOOLS:
        text = packet(plan, school, tmp_path / f"{school}.pdf", "--by", POSITION)
        section = text.split("Page 1 of", 1)[1].split("1. Staff survey results", 1)[1].split("2. The plan at", 1)[0]
        tables.append(read_school_summary(section, wave=WAVE, by=POSITION, school_attribute=SCHOOL, school=school,
                                          groups=public.groups[POSITION],
                                          measures=[*public.points, *public.domains], source=f"{school} packet"))
    failures = protection_failures(SchoolAttacker(tables, public), survey.respondents(plan), MIN_SIZE)
    assert not failures, "\n".join(failures[:20])
    assert shown(tables[2], "Teacher")  # Lincoln's teachers
    assert len(releases(plan)) == 5
