"""A plan file whose records' versions (``row_version``, format 11) another program wrote as text,
a fraction or a number too big to count on: an edit is refused in one sentence naming the value,
never a traceback, and the plan is left as it was."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from services.errors import InvalidInput
from services.plan.plan_file import open_plan
from services.plan_changes import Operation
from services.priorities.candidate_actions import update_candidate_action
from tests.cli_run import wellplan


@pytest.mark.parametrize("stored", ["'x'", "X'00'", "1.5", str(2**63 - 1), "-1"])
def test_a_version_wellplan_never_writes_refuses_the_edit_in_one_sentence(built_sample, tmp_path, stored):
    plan_path = tmp_path / "plan.wellplan"
    shutil.copy(built_sample, plan_path)
    with sqlite3.connect(plan_path) as con:
        action_id = con.execute("SELECT min(id) FROM candidate_action").fetchone()[0]
        con.execute(f"UPDATE candidate_action SET row_version = {stored} WHERE id = ?", (action_id,))
    before = plan_path.read_bytes()
    plan = open_plan(plan_path)
    try:
        with pytest.raises(InvalidInput, match="This plan holds a record version WellPlan can't read"):
            Operation("Rename", lambda s, m: update_candidate_action(s, action_id, title="New"),
                      lambda s, m: None).apply(plan)
    finally:
        plan.close()
    assert plan_path.read_bytes() == before
    printed = wellplan("export", plan_path, "matrix", "--out", tmp_path / "m.pdf")
    assert printed.returncode != 0 and "record version" in printed.stderr
    assert len(printed.stderr.strip().splitlines()) == 1 and "Traceback" not in printed.stderr
