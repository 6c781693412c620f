"""Values another program wrote into the meeting purposes (plan format 10) never make a command
print a traceback, and a purpose WellPlan doesn't write is not read as one."""

from __future__ import annotations

import shutil
import sqlite3

from services.plan.plan_file import open_plan
from services.team import meetings
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text

HOSTILE = [
    "DELETE FROM meeting_purpose",  # the sample's own purposes: only the hostile ones below are left
    "INSERT INTO meeting_purpose (meeting_id, purpose) VALUES (1, X'00FF')",
    "INSERT INTO meeting_purpose (meeting_id, purpose) VALUES (1, 'DATA')",
    "INSERT INTO meeting_purpose (meeting_id, purpose) VALUES (2, 7)",
    "INSERT INTO meeting_purpose (meeting_id, purpose) VALUES (9999, 'team')",
    "INSERT INTO meeting_purpose (meeting_id, purpose) VALUES ('abc', 'plan')",
]


def test_hostile_purposes_are_left_out_and_give_no_traceback(sample_file, tmp_path):
    plan = tmp_path / "plan.wellplan"
    shutil.copy(sample_file, plan)
    con = sqlite3.connect(plan)
    for statement in HOSTILE:
        con.execute(statement)
    con.commit()
    con.close()
    for args in (("export", plan, "team", "--out", tmp_path / "t.pdf"), ("check", plan),
                 ("next-year", plan, "--out", tmp_path / "next.wellplan")):
        result = wellplan(*map(str, args))
        assert "Traceback" not in result.stderr, (args[:2], result.stderr[-800:])
        assert result.returncode == 0 or result.stderr.strip().count("\n") == 0, (args, result.stderr)
    text = " ".join(pdf_text(tmp_path / "t.pdf").split())
    assert "Team functioning" not in text and "Equity-focused action plan" not in text  # none of them counts
    opened = open_plan(plan)
    try:
        with opened.transaction() as s:
            assert all(m.purposes == () for m in meetings.list_meetings(s))
    finally:
        opened.close()
