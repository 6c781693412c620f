"""The readiness printouts through the command line, read back as text."""

from __future__ import annotations

import pytest

from services.readiness import instruments
from tests.cli_run import digest, wellplan
from tests.pdf_text import page_count, pdf_text


@pytest.mark.parametrize("inst", instruments.built_in_instruments(), ids=lambda i: i.key)
def test_blank_forms_hold_every_item_with_boxes_to_tick(sample_file, tmp_path, inst):
    out = tmp_path / f"{inst.key}.pdf"
    result = wellplan("export", str(sample_file), "readiness-forms", "--instrument", inst.key, "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert inst.title.split(":")[0] in text and "Respondent code:" in text
    for section in inst.sections:
        assert section.title in text
    for item in inst.items:
        assert f"{item.key} {item.text}" in text, item.key
        for descriptor in item.descriptors:
            assert descriptor in text
    for label in inst.scale.labels:
        assert label in text
    assert "never your name" in text
    for item in inst.items:  # the form asks; next steps come with the results
        assert not item.next_step or item.next_step not in text


def test_forms_for_a_round_print_one_per_respondent_code(sample_file, tmp_path):
    out = tmp_path / "round.pdf"
    result = wellplan("export", str(sample_file), "readiness-forms", "--round", "Fall 2026",
                      "--instrument", "where-to-start", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    for n in range(1, 10):
        assert f"Respondent code: R0{n}" in text
    assert "R10" not in text
    assert page_count(out) >= 9


def test_summary_reads_strengths_growth_change_and_withholds_small_groups(sample_file, tmp_path):
    before = digest(sample_file)
    out = tmp_path / "summary.pdf"
    result = wellplan("export", str(sample_file), "readiness-summary", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert digest(sample_file) == before
    text = pdf_text(out)
    # The latest round of each instrument, with change since the earlier readiness round.
    assert "Readiness to advance equitable employee wellness: Fall 2026" in text
    assert "Where do we start? Wellbeing and connectedness checklist: Fall 2026" in text
    assert "Change since Fall 2025" in text and "up 1" in text
    assert "not in a score" in text
    assert "Strengths to build on" in text and "Where growth is needed" in text
    assert "C4 There is a budget line for employee wellness." in text
    assert "9 of 12 answered 'Not yet'" in text and "(in Priorities)" in text
    assert "Run an improvement cycle" in text  # a checklist "no" shows its next step
    assert "Knowledge gaps" in text and "Where respondents disagree" in text
    assert "Planning team (6)" in text and "Other respondents (6)" in text
    assert "Not shown, to protect respondents:" in text and "Food service" in text
    assert "Results for groups of fewer than 5 respondents are not shown" in text
    assert "Discussion notes" in text


def test_summary_of_one_round_and_mistyped_rounds(sample_file, tmp_path):
    out = tmp_path / "one.pdf"
    result = wellplan("export", str(sample_file), "readiness-summary", "--round", "fall 2025", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Fall 2025" in text and "first round" in text and "checklist" not in text

    before = digest(sample_file)
    for args, message in (
        (("--round", "Winter 1999"), "There is no readiness round 'Winter 1999'. Rounds: Fall 2026"),
        (("--instrument", "nope"), "There is no instrument 'nope'"),
    ):
        kind = "readiness-forms" if args[0] == "--instrument" else "readiness-summary"
        bad = wellplan("export", str(sample_file), kind, *args, "--out", str(tmp_path / "bad.pdf"))
        assert bad.returncode == 1
        assert bad.stderr.count("\n") == 1 and message in bad.stderr, bad.stderr
        assert not (tmp_path / "bad.pdf").exists()
    assert digest(sample_file) == before
    wrong = wellplan("export", str(sample_file), "matrix", "--round", "Fall 2026", "--out", str(tmp_path / "m.pdf"))
    assert wrong.returncode == 1 and "--round does not apply to the matrix export" in wrong.stderr
