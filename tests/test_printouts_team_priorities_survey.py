"""The team printout, the priorities printouts (matrix, dot-voting sheet) and the survey summary read
as paper (issue 18): an empty plan's pages say what to do instead; meeting times in the district's
style; survey groups in their natural order; every withheld survey cell says why."""

from __future__ import annotations

import re

import pytest

from services import district_profile
from services.data.group_order import natural_order
from services.priorities import candidate_actions
from services.reports.registry import export
from tests.pdf_text import pdf_text
from tests.test_survey_files import AGREE, _csv


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

POSITION = "Which best describes your position?"


def _print(plan, kind, path, **options):
    with plan.transaction() as s:
        export(s, kind, path, **options)
    return pdf_text(path)


def test_an_empty_plans_voting_sheet_says_what_to_do_and_gives_lines_to_write_ideas_in(empty_plan, tmp_path):
    text = _print(empty_plan, "voting-sheet", tmp_path / "v.pdf")
    assert "decided" not in text and "nothing left to vote on" not in text
    assert "The plan has no candidate actions yet" in text
    assert "add them on the Priorities tab (Add action)" in text
    assert "On the next page, write each action the team suggests on a numbered line." in text
    assert "# Action (write it in) Category Impact Ease 1 1 2 3 4 5 1 2 3 4 5 2 " in text
    assert re.search(r"\b10 1 2 3 4 5 1 2 3 4 5\b", text)  # ten numbered lines, each with its boxes


def test_a_voting_sheet_with_every_action_decided_says_so_and_how_to_vote_again(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        for title in ("Quiet break room", "Wellness walk"):
            candidate_actions.set_status(s, candidate_actions.add_candidate_action(s, title).id, "parked",
                                         "Next year")
    text = _print(empty_plan, "voting-sheet", tmp_path / "v.pdf")
    assert "All 2 candidate actions in the plan have been decided (approved, declined or parked)" in text
    assert "press Undecide" in text
    matrix = _print(empty_plan, "matrix", tmp_path / "m.pdf")
    assert "All 2 candidate actions have been decided" in matrix and "Declined or parked" in matrix


def test_an_empty_plans_matrix_says_what_to_do_and_stops_there(empty_plan, tmp_path):
    text = _print(empty_plan, "matrix", tmp_path / "m.pdf")
    assert "No candidate actions yet. Add them on the Priorities tab (Add action)" in text
    assert "0 raters" not in text and "Ranked list" not in text and "Do it now! 0" not in text


def test_an_empty_plans_team_printout_says_what_to_do_instead_of_a_table_of_zeros(empty_plan, tmp_path):
    text = _print(empty_plan, "team", tmp_path / "t.pdf")
    assert "Share of staff" not in text and "0%" not in text and "(0 members)" not in text
    assert "set one member's role to Lead" in text
    assert "Add members on the Team tab (Add member)" in text
    assert "Enter each position group's headcount on the Overview tab" in text
    assert "Add them on the Team tab (Add meeting)" in text


def test_a_team_with_no_one_yet_is_told_which_groups_to_invite(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        teachers = district_profile.list_position_groups(s)[0]
        district_profile.update_position_group(s, teachers.id, headcount=120)
    text = _print(empty_plan, "team", tmp_path / "t.pdf")
    assert f"Invite someone from each position group with staff: {teachers.name} (120 staff)." in text
    assert "Share of staff" not in text


@pytest.mark.parametrize("paper, time, date, hours", [
    ("letter", "12:30 PM\u20131:30 PM", "Thu Sep 10, 2026", "5:30 AM\u20131:30 PM"),
    ("a4", "12:30\u201313:30", "Thu 10 Sep 2026", "05:30\u201313:30"),
])
def test_meeting_dates_times_and_usual_hours_follow_the_districts_style(sample_plan, tmp_path, paper, time, date,
                                                                      hours):
    with sample_plan.transaction() as s:
        district_profile.update_profile(s, paper_size=paper)
    text = _print(sample_plan, "team", tmp_path / "t.pdf")
    assert f"{date} {time}" in text
    assert f"(Food service, {hours})" in text
    if paper == "letter":
        assert "13:30" not in text


def test_natural_order_of_survey_groups():
    tenure = ["2-5 years", "6-10 years", "Less than 2 years", "More than 10 years", "No answer"]
    assert natural_order(tenure) == ["Less than 2 years", "2-5 years", "6-10 years", "More than 10 years", "No answer"]
    assert natural_order(["10-19 years", "1-4 years", "20 years or more", "5-9 years", "Less than 1 year"]) == [
        "Less than 1 year", "1-4 years", "5-9 years", "10-19 years", "20 years or more"]
    sites = ["District-wide", "Elementary school", "High school", "Middle school"]
    assert natural_order(sites) == ["Elementary school", "Middle school", "High school", "District-wide"]
    schools = [("Alder Elementary", "Elementary"), ("Maple High", "High"), ("Juniper Middle", "Middle"),
               ("Pathways", "Alternative")]
    assert natural_order(["Juniper Middle", "Maple High", "Pathways", "Alder Elementary"], schools=schools) == [
        "Alder Elementary", "Juniper Middle", "Maple High", "Pathways"]
    positions = ["Teachers", "Paraprofessionals and aides", "Bus drivers"]
    assert natural_order(["Bus drivers", "Paraprofessionals and aides", "Teacher"], positions) == [
        "Teacher", "Paraprofessionals and aides", "Bus drivers"]
    assert natural_order(["Blue", "Green", "Red"]) == ["Blue", "Green", "Red"]  # nothing to go by: as given


TENURE = ("Less than 2 years", "2-5 years", "6-10 years", "More than 10 years")


def test_the_survey_summary_lists_tenure_bands_by_length(empty_plan, tmp_path):
    from services.data.survey_import import choices_for, prepare_wave, read_for_import, store_wave

    rows = [["Timestamp", "Length of service", "I feel valued by district leadership",
             "My workload is manageable"]]
    for n in range(48):
        rows.append([f"10/{n % 28 + 1}/2026 8:00:00", TENURE[n % 4], AGREE[(n * 3 + n // 4) % 5], AGREE[(n + 2) % 5]])
    survey = tmp_path / "tenure.csv"
    survey.write_text(_csv(rows), encoding="utf-8")
    with empty_plan.transaction() as s:
        source = read_for_import(survey)
        store_wave(s, prepare_wave(source, choices_for(s, source)[0]), "Fall 2026")
    text = _print(empty_plan, "survey-summary", tmp_path / "s.pdf", by="Length of service",
                  releases=[])
    who = text[text.index("Who answered"):text.index("Items")]
    assert [who.index(band) for band in TENURE] == sorted(who.index(band) for band in TENURE), who
    items = text[text.index("Items"):]
    assert [items.index(f"{band} (12)") for band in TENURE] == sorted(items.index(f"{band} (12)") for band in TENURE)
    assert "answered Oct 1 \u2013 Oct 28, 2026" in text


def _tables(text: str) -> list[str]:
    """The results tables' text: from each heading to the next heading."""
    starts = [m.start() for m in re.finditer(r"(Wellness domains|Items) (\u2014 withheld|Domain|Item)", text)]
    ends = starts[1:] + [text.index("Largest gaps")]
    return [text[a:b] for a, b in zip(starts, ends, strict=True)]


def test_every_withheld_survey_cell_says_why_in_the_data_tabs_words(sample_plan, tmp_path):
    from services.data.survey_release import release_table
    from services.data.survey_report import load_wave, min_group_size

    text = _print(sample_plan, "survey-summary", tmp_path / "s.pdf", by=POSITION, wave="Fall 2025", releases=[])
    with sample_plan.transaction() as s:
        data = load_wave(s, "Fall 2025")
        report = release_table(s, data, POSITION, min_group_size(s)).report
    reasons = {c.withheld for c in report.cells.values() if c.withheld}
    # The sample's Fall 2025 withholds a small group, the next smallest, and, on three items,
    # Transportation, which is shown on the others: the case a reader must have explained.
    transportation = [m for m in report.measures if not report.cell("Transportation", m).shown]
    assert 0 < len(transportation) < len(report.measures)
    tables = _tables(text)
    assert len(tables) == 2
    seen = 0
    for table in tables:
        key = dict(re.findall(r"(?:withheld: |; )([a-z]) (.*?)(?=; [a-z] |\. (?:Domain|Item) )", table))
        assert key, table[:400]
        body = table.split(" Domain ", 1)[-1].split(" Item ", 1)[-1]
        dashes = re.findall(r"\u2014(?! withheld:)(?: ([a-z])(?=\s))?", body)  # not the key repeated on a new page
        assert dashes and all(dashes), "a withheld cell without a letter"
        for letter in dashes:
            assert letter in key, (letter, key)
        for words in key.values():  # each explanation is one of the Data tab's reasons (or their kind)
            assert words in reasons or words.startswith("withheld so that a small group's result"), words
        seen += len(dashes)
    assert seen == sum(1 for c in report.cells.values() if c.withheld)
    assert "withheld so a smaller group's result can't be worked out from the total" in text


def test_the_survey_summary_groups_by_school_level(sample_plan, tmp_path):
    text = _print(sample_plan, "survey-summary", tmp_path / "s.pdf", by="Where do you work most of the time?",
                  releases=[])
    who = text[text.index("Who answered"):text.index("Wellness domains")]
    order = ["Elementary school", "Middle school", "High school", "District-wide"]
    assert [who.index(g) for g in order] == sorted(who.index(g) for g in order), who
    assert re.search(r"answered Oct \d+ \u2013 Oct \d+, 2026", text)
