"""What the printouts say about everyone who takes part (issue 20), read from the PDFs the command
line writes: the team printout's release time, own hours and people beyond the team (their contacts
left in the plan), and the readiness summary naming whom nobody who answered spoke for."""

from __future__ import annotations

from tests.cli_run import wellplan
from tests.pdf_text import pdf_text


def _export(sample_file, kind: str, out) -> str:
    result = wellplan("export", str(sample_file), kind, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return pdf_text(out)


def test_the_team_printout_shows_release_time_own_hours_and_who_takes_part_beyond_the_team(sample_file, tmp_path):
    text = _export(sample_file, "team", tmp_path / "team.pdf")
    assert "Release time and adjusted duties" in text
    assert "Dana Whitfield: Two hours a week released from district office duties for the wellness plan" in text
    assert "Can meet 7:30 AM\u20131:30 PM" in text  # Rosa Delgado's own hours, under her name
    assert "Rosa Delgado (can meet 7:30 AM\u20131:30 PM)" in text  # and the meetings outside them
    beyond = text[text.index("Taking part beyond the team"):text.index("How the team mirrors the staff")]
    assert "Carmen Ortiz Community partner Maple Hollow Community Health Center" in beyond
    assert "Walt Kowalski Staff Transportation District Office" in beyond
    assert "cortiz@mhchc.example" not in text  # a partner's contact stays in the plan
    assert "No one from Transportation (96 staff) is on the team." in text  # the driver is not on the team


def test_the_readiness_summary_names_whom_nobody_who_answered_spoke_for(sample_file, tmp_path):
    text = _export(sample_file, "readiness-summary", tmp_path / "readiness.pdf")
    assert "Whom nobody spoke for." in text
    assert "Nobody with a tenure of \u201cLess than 1 year\u201d answered." in text
    assert "Nobody from a school of the level \u201cAlternative\u201d or \u201cDistrict office\u201d answered." in text
