"""Attack: values another program wrote into issue 20's new columns and tables never make a
command print a traceback: each command either works or says one plain sentence.

(Swept by hand over every export kind, check and next-year with these and more; no traceback was
found. These keep the likeliest ones as a regression check.)
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.cli_run import wellplan

HOSTILE = {
    "feedback": ["UPDATE feedback_item SET received_on='not a date', group_id=9999, action_id=9999, "
                 "communication_id=9999, said=X'00FF', channel=7, sort_order='x'"],
    "people_and_reviews": ["UPDATE person SET kind=X'00FF' WHERE id > 10",
                           "UPDATE policy_review SET reviewed_on='2026-13-45', domain_id=9999, finding=X'FF00', name=3",
                           "INSERT INTO finding_reader (finding_id, person_id) VALUES (1, 9999)"],
    "schools_proposals_headcounts": ["UPDATE planned_action SET school_id='Alder'",
                                     "UPDATE focus_proposal SET idea_id='abc', action_key='zz:99'",
                                     "UPDATE survey_headcount SET headcount='many', barriers=5"],
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_values_give_a_sentence_not_a_traceback(case, sample_file, tmp_path):
    plan = tmp_path / "plan.wellplan"
    shutil.copy(sample_file, plan)
    con = sqlite3.connect(plan)
    for statement in HOSTILE[case]:
        con.execute(statement)
    con.commit()
    con.close()
    for args in (("export", plan, "progress-update", "--out", tmp_path / "u.pdf"),
                 # the first wave: its packet's audit takes seconds, the latest's a minute (issue 21)
                 ("export", plan, "school-packet", "--school", "Alder Elementary School", "--wave", "Fall 2025",
                  "--out", tmp_path / "p.pdf"),
                 ("export", plan, "team", "--out", tmp_path / "t.pdf"),
                 ("next-year", plan, "--out", tmp_path / "next.wellplan")):
        result = wellplan(*map(str, args))
        assert "Traceback" not in result.stderr, (case, args[1:3], result.stderr[-800:])
        assert result.returncode == 0 or result.stderr.strip().count("\n") == 0, (case, args, result.stderr)
