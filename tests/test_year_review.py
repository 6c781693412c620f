"""The year-end review: each objective's indicator against its target, the PDSA decisions and the
actions, the conclusions the team records (refused in one sentence when too long), and the printed
review through ``export PLAN year-review`` read back from the PDF."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from services.action_plan import objectives as objective_rules
from services.errors import InvalidInput
from services.plan.plan_file import create_plan, open_plan
from services.year import year_review
from tests.cli_run import digest, wellplan
from tests.pdf_text import pdf_text


@pytest.fixture
def reviewed(tmp_path, cli_sample):
    """The sample with the quiet rooms' target reached and the team's conclusions recorded."""
    path = tmp_path / "Maple Hollow.wellplan"
    shutil.copy(cli_sample, path)
    plan = open_plan(path)
    with plan.transaction() as s:
        objective_rules.add_measurement(s, 2, dt.date(2027, 2, 1), 10.0)
        year_review.set_objective_conclusions(s, 1, "Rotations work where relief drivers exist.\nKitchens next.")
        year_review.set_year_conclusions(s, "A year of building trust & <listening>.")
    plan.close()
    return path


def test_the_review_reads_each_objective_against_its_target(reviewed):
    plan = open_plan(reviewed, read_only=True)
    try:
        with plan.transaction() as s:
            review = year_review.load_review(s)
    finally:
        plan.close()
    first, second, third, fourth = review.objectives
    assert (first.latest, first.target, first.reached, first.verdict) == (35.0, 70.0, False, "Target not reached")
    assert (second.latest, second.reached, second.verdict) == (10.0, True, "Target reached")
    assert third.reached is None and third.verdict == "No target set"
    assert (fourth.latest, fourth.target, fourth.reached) == (40.0, 50.0, False)  # the food service objective
    assert first.conclusions == "Rotations work where relief drivers exist.\nKitchens next."
    assert review.year_conclusions == "A year of building trust & <listening>."
    assert first.cycles and first.cycles[0].decision in ("adopt", "adapt")
    assert len(first.done) == 2 and first.unfinished and review.reached == 1
    assert review.school_year == "2026-27"


def test_conclusions_are_checked_and_give_back_what_they_replace(tmp_path):
    plan = create_plan(tmp_path / "p.wellplan", "Lakeside")
    try:
        with plan.transaction() as s:
            o = objective_rules.add_objective(s, "By June 2027, 80% of staff take their breaks.")
            assert year_review.set_objective_conclusions(s, o.id, "  First.  ") == ""
            assert year_review.set_objective_conclusions(s, o.id, "Second.") == "First."
            assert year_review.set_year_conclusions(s, "Year.") == ""
            with pytest.raises(InvalidInput, match="at most 4,000 characters"):
                year_review.set_year_conclusions(s, "x" * 4001)
            with pytest.raises(InvalidInput, match="no longer exists"):
                year_review.set_objective_conclusions(s, o.id + 1, "Gone.")
            review = year_review.load_review(s)
            assert review.objectives[0].verdict == "No target set" and review.year_conclusions == "Year."
    finally:
        plan.close()


def test_the_printed_review_has_each_objective_its_indicator_and_the_conclusions(tmp_path, reviewed):
    before = digest(reviewed)
    out = tmp_path / "review.pdf"
    result = wellplan("export", str(reviewed), "year-review", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert digest(reviewed) == before  # printing reads the plan only
    text = pdf_text(out)
    assert "Year-end review" in text and "School year 2026-27" in text
    assert "1 of 4 objectives reached their target" in text
    for statement in ("By June 2027, 70% of transportation and food service staff",
                      "By March 2027, every school has a quiet room", "Double the use of the employee assistance"):
        assert statement in text
    assert "Objective 1" in text and "Objective 3" in text
    assert "% favorable: 'I can take the breaks I am entitled to'" in text
    assert "29% (Oct 23, 2026)" in text and "35% (Nov 20, 2026)" in text and "70% by Jun 4, 2027" in text
    assert "Target not reached" in text and "Target reached" in text and "No target set" in text
    assert "Rotations work where relief drivers exist. Kitchens next." in text
    assert "A year of building trust & <listening>." in text
    assert "Done (2):" in text and "Not finished (8):" in text
    assert "Adopted" in text or "Adapted" in text


def test_an_empty_review_prints_lines_to_write_on(tmp_path):
    path = tmp_path / "empty.wellplan"
    create_plan(path, "Lakeside").close()
    out = tmp_path / "review.pdf"
    result = wellplan("export", str(path), "year-review", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "The plan has no objectives yet" in text and "Not recorded yet" in text
