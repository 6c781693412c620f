"""Attack: next year's plan carries nothing a respondent wrote and nothing identifying.

A survey imported with --keep-comments keeps redacted free text; next-year leaves the comments in
last year's file (LEFT_BEHIND). The attacker reads the new file's bytes (every table, free pages,
its journal) for any comment written and any identifying value planted in the export.
"""

from __future__ import annotations

import sqlite3

from services.plan.plan_file import create_plan
from tests.cli_run import wellplan
from tests.survey_exports import build_google_forms_csv


def test_next_years_plan_holds_no_comment_text_and_no_identifying_value(tmp_path):
    built = build_google_forms_csv(tmp_path, n=40)
    plan = tmp_path / "plan.wellplan"
    create_plan(plan, district_name="Maple Hollow").close()
    result = wellplan("survey", "import", str(plan), str(built.path), "--wave", "Fall 2026", "--keep-comments")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(plan)
    kept = [t for (t,) in con.execute("SELECT text FROM survey_comment") if len(t) >= 12]
    con.close()
    assert kept, "the comments were kept this year (the attack needs some)"
    out = tmp_path / "next.wellplan"
    result = wellplan("next-year", str(plan), "--out", str(out))
    assert result.returncode == 0, result.stderr
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("next.wellplan*"))
    carried = [t for t in kept if t.encode("utf-8") in raw]
    assert not carried, f"next year's plan holds {len(carried)} comments, e.g. {carried[0]!r}"
    secrets = [s for s in built.secrets if len(s) >= 6 and s.encode("utf-8") in raw]
    assert not secrets, f"next year's plan holds identifying values: {secrets[:5]}"
    con = sqlite3.connect(out)
    assert con.execute("SELECT count(*) FROM survey_comment").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM survey_wave WHERE comments_kept").fetchone()[0] == 0
    con.close()
