"""The focus-group printouts through the command line, read back as text."""

from __future__ import annotations

import re

import pytest

from services.focus_groups import focus_templates
from tests.cli_run import digest, wellplan
from tests.pdf_text import pdf_text


def _flat(text: str) -> str:
    """PDF text with line breaks and hyphen-free wrapping folded, so long sentences can be found."""
    return re.sub(r"\s+", " ", text)


def _export(sample_file, tmp_path, kind, *extra):
    out = tmp_path / f"{kind}.pdf"
    result = wellplan("export", str(sample_file), kind, *extra, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return _flat(pdf_text(out))


@pytest.mark.parametrize("kind", ["focus-guide", "focus-packet"])
@pytest.mark.parametrize("key", [t.key for t, _ in focus_templates.built_in_templates()])
def test_blank_worksheets_hold_every_initiative_and_action(sample_file, tmp_path, kind, key):
    template = focus_templates.get_template(key)[0]
    text = _export(sample_file, tmp_path, kind, "--template", key)
    for initiative in template.initiatives:
        assert _flat(f"{initiative.number}. {initiative.title}") in text, initiative.number
        for action in initiative.actions:
            assert _flat(f"{action.key} ") in text and _flat(action.text) in text, action.key
    for attribute in template.attributes:
        assert attribute.title in text and _flat(attribute.brainstorm_prompt) in text
    assert "Do it now!" in text and "Do it next" in text
    notes = [p.note for p in template.parts] + [a.example for a in template.attributes if a.example]
    if kind == "focus-guide":
        assert "Facilitator's guide:" in text
        for note in notes:
            assert _flat(note)[:80] in text
        assert _flat(template.intention)[:60] in text
    else:  # the packet holds no facilitator note, and none of the facilitator's planning pages
        assert "Facilitator's guide:" not in text
        for note in notes:
            assert _flat(note)[:60] not in text, note[:40]
        assert "Name of attendee" not in text and "Subject:" not in text


def test_the_guide_for_the_sample_session_is_filled_in(sample_file, tmp_path):
    text = _export(sample_file, tmp_path, "focus-guide", "--session", "2026-10-14")
    assert "Mental health staff focus group" in text and "Wednesday, October 14, 2026, 1:00 PM" in text
    assert "Monique Baptiste" in text and "Maple Hollow School District" in text  # invitation filled in
    assert "{district}" not in text and "Our jobs will be spent mostly with students" in text
    assert "Create a lead counselor role with time for mentoring" in text
    assert "Illustrative prioritization of the example initiatives" in text and "Augment salaries" in text


def test_the_results_summary(sample_file, tmp_path):
    before = digest(sample_file)
    text = _export(sample_file, tmp_path, "focus-summary")
    assert digest(sample_file) == before
    assert "Focus group results: Mental health staff focus group" in text
    assert "7 people took part" in text and "Monique" not in text  # roles, never names
    assert "Subgroups disagree: impact rated 1 to 3" in text
    assert "Template's illustrative place: Do it next" in text  # 11.3 was marked but not rated
    assert "Front-load benefit accrual for new mental health staff" in text and "Next bargaining round" in text
    assert "are on the Priorities tab" in text


@pytest.mark.parametrize("args, message", [
    (("focus-guide", "--session", "99"), "There is no focus-group session '99'"),
    (("focus-guide", "--template", "nope"), "There is no focus-group template 'nope'"),
    (("focus-packet", "--session", "1", "--template", "listening-session"), "uses the template 'retain-mh-staff'"),
    (("focus-summary", "--template", "retain-mh-staff"), "--template does not apply to the focus-summary export"),
    (("readiness-forms", "--session", "1"), "--session does not apply to the readiness-forms export"),
])
def test_bad_choices_give_one_line_and_no_file(sample_file, tmp_path, args, message):
    out = tmp_path / "x.pdf"
    result = wellplan("export", str(sample_file), *args, "--out", str(out))
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
