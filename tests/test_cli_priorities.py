"""The Priorities printouts through the command line, read back as text."""

from __future__ import annotations

import re

from services.sample.sample_priorities import ACTIONS, APPROVED, DECIDED_OTHERWISE, DISCUSSIONS
from tests.cli_run import digest, wellplan
from tests.pdf_text import page_count, pdf_text


def _numbers_and_titles(text: str) -> dict[str, int]:
    """Every '<number> <title>' pair found, for the sample's titles."""
    found = {}
    for title, *_ in ACTIONS:
        match = re.search(r"(\d+) " + re.escape(title), text)
        if match:
            found[title] = int(match.group(1))
    return found


def test_matrix_pdf_holds_every_action_number_title_and_decision(sample_file, tmp_path):
    before = digest(sample_file)
    out = tmp_path / "matrix.pdf"
    result = wellplan("export", str(sample_file), "matrix", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert digest(sample_file) == before  # exporting never changes the plan
    found = _numbers_and_titles(text)
    assert set(found) == {a[0] for a in ACTIONS}, set(a[0] for a in ACTIONS) - set(found)
    assert len(set(found.values())) == len(ACTIONS)  # each action has its own number
    for quadrant in ("Do it now!", "Do it next", "Later", "Reconsider"):
        assert quadrant in text
    assert "More than 5 actions are in Do it now!" in text
    assert "Ranked list" in text and "Needs discussion" in text
    for owner, step in DISCUSSIONS.values():
        assert owner in text and step in text
    assert "Approved: these go into the action plan." in text
    assert "Principal of each school" in text and "Agreed by June 2027, in place at the start of next school year" in text
    for _status, reason in DECIDED_OTHERWISE.values():
        assert reason in text
    assert "Page 1 of" in text
    decisions = text.split("Approved: these go into the action plan.")[1].split("Declined or parked")[0]
    assert {a[0] for a in ACTIONS if a[0] in decisions} == set(APPROVED)  # no more, no fewer
    assert text.count("\u2714") == len(APPROVED)  # one tick on the matrix per approved action


def test_voting_sheet_lists_every_undecided_candidate_with_its_number(sample_file, tmp_path):
    out = tmp_path / "voting.pdf"
    result = wellplan("export", str(sample_file), "voting-sheet", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    undecided = {a[0] for a in ACTIONS} - set(APPROVED) - set(DECIDED_OTHERWISE)
    assert set(_numbers_and_titles(text)) == undecided
    assert "Name or subgroup:" in text
    assert "Do it now!" in text and "Reconsider" in text
    assert "Other ideas to add" in text
    # the sample's 16 undecided candidates (the focus group fully sent) fill page 2; the lines for other ideas follow
    assert page_count(out) == 3


def test_unknown_export_kind_lists_the_new_ones(sample_file, tmp_path):
    result = wellplan("export", str(sample_file), "dartboard", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode != 0
    assert "matrix" in result.stderr and "voting-sheet" in result.stderr
    assert "Traceback" not in result.stderr
