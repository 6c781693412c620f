"""The printouts and exports of actions limited by a contract or collective bargaining, through the
command line: the priority matrix PDF, the printed plan, the actions CSV and the calendar (issue 23)."""

from __future__ import annotations

import csv
import shutil

from models import ActionStatus
from services.action_plan import action_schedule
from services.plan.plan_file import open_plan
from services.priorities import action_decisions, contract_limits, planned_actions
from services.priorities.priority_board import load_board
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text

PROPOSED_NOTE = "Counselors' contract caps caseload duties; ask the association first"
APPROVED_NOTE = "Break times are set in the custodians' bargaining agreement"
PLAN_NOTE = "Bus drivers' agreement sets the depot's shift changes"


def _marked_plan(sample_file, tmp_path):
    """A copy of the sample with a proposed candidate, a newly approved one and an action added in
    the plan each marked, as the windows would mark them (through the same services)."""
    path = tmp_path / "marked.wellplan"
    shutil.copy(sample_file, path)
    plan = open_plan(path)
    with plan.transaction() as s:
        board = load_board(s)
        proposed = [i for i in board.items if i.status == ActionStatus.PROPOSED.value and i.impact is not None]
        first, second = proposed[0], proposed[1]
        contract_limits.set_for_candidate(s, first.id, True, PROPOSED_NOTE)
        contract_limits.set_for_candidate(s, second.id, True, APPROVED_NOTE)
        action_decisions.decide(s, second.id, ActionStatus.APPROVED.value)
        approved = planned_actions.find_for_candidate(s, second.id)
        added = next(a for a in action_schedule.list_actions(s)
                     if a.candidate_id is None and a.end is not None and a.status != "dropped")
        contract_limits.set_for_planned(s, added.id, True, PLAN_NOTE)
    plan.close()
    return path, first, second, approved, added


def test_the_printouts_and_exports_show_the_limit_and_its_note(sample_file, tmp_path):
    path, proposed, approved_item, approved, added = _marked_plan(sample_file, tmp_path)

    matrix = tmp_path / "matrix.pdf"
    result = wellplan("export", str(path), "matrix", "--out", str(matrix))
    assert result.returncode == 0, result.stderr
    text = pdf_text(matrix)
    assert "\u00a7 marks an action limited by a contract or collective bargaining" in text
    assert "\u00a7 Limited by a contract or collective bargaining" in text  # the section's heading
    assert PROPOSED_NOTE in text and APPROVED_NOTE in text
    assert f"{proposed.title} \u00a7" in text  # beside its title in the lists

    plan_pdf = tmp_path / "plan.pdf"
    result = wellplan("export", str(path), "plan", "--out", str(plan_pdf))
    assert result.returncode == 0, result.stderr
    text = pdf_text(plan_pdf)
    assert f"\u00a7 Limited by a contract or collective bargaining: {APPROVED_NOTE}" in text  # under the action
    assert f"\u00a7 Limited by a contract or collective bargaining: {PLAN_NOTE}" in text
    assert PROPOSED_NOTE not in text  # not in the plan until approved
    assert approved.title in text and added.title in text

    sheet = tmp_path / "actions.csv"
    result = wellplan("export", str(path), "actions", "--out", str(sheet))
    assert result.returncode == 0, result.stderr
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    assert header[-2:] == ["Contract-limited", "Contract note"]
    by_title = {r[header.index("Action")]: r for r in rows[1:]}
    assert by_title[approved.title][-2:] == ["yes", APPROVED_NOTE]
    assert by_title[added.title][-2:] == ["yes", PLAN_NOTE]
    marked = {approved.title, added.title}
    assert any(r[-2:] == ["", ""] for t, r in by_title.items() if t not in marked)  # the others say nothing


def test_the_calendar_names_the_limit(sample_file, tmp_path):
    from icalendar import Calendar

    path, *_rest, added = _marked_plan(sample_file, tmp_path)
    ics = tmp_path / "plan.ics"
    result = wellplan("export", str(path), "calendar", "--out", str(ics))
    assert result.returncode == 0, result.stderr
    events = {str(e["SUMMARY"]): str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    mine = next(d for summary, d in events.items() if summary.endswith(added.title))
    assert mine.endswith(f"Limited by a contract or collective bargaining: {PLAN_NOTE}.")
