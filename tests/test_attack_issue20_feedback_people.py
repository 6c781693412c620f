"""Attack: "You said, we did" in the progress update prints the feedback log's words, which
``feedback_log.without_people`` promises are "without the name or contact of anyone the plan
names (People)". The attacker reads the printed update (pdftotext) for People's names and the
contacts the People page holds, written the way people write them in a note.
"""

from __future__ import annotations

import shutil
import sqlite3

from tests.cli_run import wellplan
from tests.pdf_text import pdf_text


def _update_with_said(sample_file, tmp_path, said: str) -> str:
    plan = tmp_path / "plan.wellplan"
    shutil.copy(sample_file, plan)
    con = sqlite3.connect(plan)
    con.execute("UPDATE feedback_item SET said = ? WHERE id = 2", (said,))  # answered: printed first
    con.commit()
    con.close()
    out = tmp_path / "update.pdf"
    result = wellplan("export", str(plan), "progress-update", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split())
    assert "You said" in text
    return text


def test_a_people_contact_written_without_its_dot_is_printed(sample_file, tmp_path):
    # Walt Kowalski (not on the team) has "ext. 5120" on People; the note says "ext 5120".
    text = _update_with_said(sample_file, tmp_path,
                             "Drivers want a break room; ask at ext 5120 or extension 5120 for the route list.")
    assert "5120" not in text, "a People contact (ext. 5120) is printed in You said, we did"


def test_a_people_email_spelled_out_is_printed(sample_file, tmp_path):
    text = _update_with_said(sample_file, tmp_path,
                             "Families want an evening session: write to cortiz at mhchc dot example.")
    assert "cortiz" not in text.casefold(), "Carmen Ortiz's People contact is printed in You said, we did"


def test_a_people_name_by_surname_or_first_name_is_printed(sample_file, tmp_path):
    # Carmen Ortiz and Walt Kowalski are on People (beyond the team); the full name is replaced by
    # "a colleague", a surname with a title or a first name alone is not.
    text = _update_with_said(sample_file, tmp_path,
                             "Ms. Ortiz asked for an evening session; Kowalski said the drivers agree.")
    assert "Ortiz" not in text and "Kowalski" not in text, \
        "a People name is printed in You said, we did: " + text[text.index("You said"):][:200]
