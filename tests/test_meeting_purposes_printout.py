"""The team printout lists each meeting's purposes and says which purpose no meeting of the year
serves, read as paper (PDF text), from the window's export and from the command line."""

from __future__ import annotations

import datetime as dt

from services.reports.registry import export
from services.team import meetings
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text

WARNING = "No meeting this year is for reading the data and setting priorities."


def _schedule(plan) -> None:
    with plan.transaction() as s:
        meetings.add_meeting(s, dt.date(2026, 9, 10), dt.time(12, 30), dt.time(13, 30), "Library", "Kick-off",
                             purposes=("team",))
        meetings.add_meeting(s, dt.date(2026, 10, 8), dt.time(12, 30), dt.time(13, 30), "Library", "Budget review",
                             purposes=("plan", "other"))
        meetings.add_meeting(s, dt.date(2026, 11, 12), dt.time(12, 30), dt.time(13, 30), "Library", "Check-in")


def _print(plan, path):
    with plan.transaction() as s:
        export(s, "team", path)
    return " ".join(pdf_text(path).split())


def test_each_meetings_purposes_and_what_the_year_leaves_out(empty_plan, tmp_path):
    _schedule(empty_plan)
    text = _print(empty_plan, tmp_path / "team.pdf")
    assert "Purposes" in text
    assert "Team functioning Kick-off" in text  # the purpose, then the description in small type
    assert "Equity-focused action plan Other: Budget review" in text  # "Other" worded by the description
    assert "Not set Check-in" in text
    assert WARNING in text

    with empty_plan.transaction() as s:
        third = meetings.list_meetings(s)[-1]
        meetings.update_meeting(s, third.id, purposes=("data",))
    text = _print(empty_plan, tmp_path / "team2.pdf")
    assert "Reading data and setting priorities Check-in" in text
    assert "No meeting this year is for" not in text and "Not set" not in text


def test_an_empty_schedule_says_nothing_is_scheduled_not_what_is_missing(empty_plan, tmp_path):
    text = _print(empty_plan, tmp_path / "team.pdf")
    assert "No meetings are scheduled yet." in text and "No meeting this year is for" not in text


def test_the_command_lines_team_printout_shows_the_purposes(empty_plan, tmp_path):
    _schedule(empty_plan)
    path = empty_plan.path
    empty_plan.close()
    out = tmp_path / "cli-team.pdf"
    result = wellplan("export", str(path), "team", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split())
    assert "Equity-focused action plan Other: Budget review" in text and WARNING in text
