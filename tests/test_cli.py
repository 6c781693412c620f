"""The command line end to end, as a script or a district IT person would use it."""

from __future__ import annotations

import pytest

from models.schema import CURRENT_VERSION
from services.sample.sample_district import TEAM
from tests.cli_run import ROOT, digest, wellplan  # noqa: F401
from tests.pdf_text import page_count, pdf_text


def test_check_reports_a_healthy_plan_and_its_contents(sample_file):
    result = wellplan("check", str(sample_file))
    assert result.returncode == 0, result.stderr
    assert "Integrity: ok" in result.stdout
    assert f"Plan format: {CURRENT_VERSION} (current)" in result.stdout
    assert "3 readiness rounds" in result.stdout
    assert "10 team members" in result.stdout and "6 meetings" in result.stdout


def test_team_pdf_holds_the_roster_gaps_and_meetings(sample_file, tmp_path):
    before = digest(sample_file)
    out = tmp_path / "team.pdf"
    result = wellplan("export", str(sample_file), "team", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Maple Hollow School District" in text
    assert "Planning team and meetings" in text
    for name, *_rest in TEAM:
        assert name in text
    assert "Lead point of contact" in text and "Dana Whitfield" in text
    assert "No one from Transportation (96 staff) is on the team." in text
    assert "Readiness reflection and who else to ask" in text
    assert "Outside usual hours: Lucia Fernandez (Food service" in text
    pages = page_count(out)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert digest(sample_file) == before, "exporting must not change the plan"


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["check", "{dir}/missing.wellplan"], "There is no file"),
        ("text", ["check", "{dir}/notes.wellplan"], "not a WellPlan plan file"),
        ("text", ["export", "{dir}/notes.wellplan", "team", "--out", "{dir}/x.pdf"], "not a WellPlan plan file"),
        ("sample", ["export", "{dir}/plan.wellplan", "team", "--out", "{dir}/no/such/folder/x.pdf"], "does not exist"),
        ("sample", ["export", "{dir}/plan.wellplan", "team", "--out", "{dir}/plan.wellplan"], "plan file itself"),
        ("sample", ["export", "{dir}/plan.wellplan", "gantt-chart", "--out", "{dir}/x.pdf"], "invalid choice"),
        ("sample", ["sample", "{dir}/plan.wellplan"], "already exists"),
    ],
)
def test_bad_input_gets_one_clear_line_and_leaves_files_alone(tmp_path, sample_file, setup, args, message):
    if setup == "text":
        (tmp_path / "notes.wellplan").write_text("not a plan at all\n")
    elif setup == "sample":
        (tmp_path / "plan.wellplan").write_bytes(sample_file.read_bytes())
    watched = [p for p in tmp_path.iterdir()]
    before = {p: digest(p) for p in watched}
    result = wellplan(*[a.format(dir=tmp_path) for a in args])
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert {p: digest(p) for p in watched} == before


def test_every_command_has_help():
    for command in ("sample", "check", "export", "self-test"):
        result = wellplan(command, "--help")
        assert result.returncode == 0
        assert "usage:" in result.stdout
    top = wellplan("--help")
    assert "export" in top.stdout and "self-test" in top.stdout


def test_self_test_passes_offscreen():
    result = wellplan("self-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "self-test ok"


def test_output_nobody_reads_is_not_an_error(cli_sample):
    # ``wellplan-cli check PLAN | head -1``: the reader stops reading. That is not WellPlan's error:
    # no "unexpected error" line, nothing logged as a failure; the conventional 141 of a closed pipe.
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write fails with EPIPE
    try:
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(cli_sample)], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT)
    finally:
        os.close(write_end)
    assert result.returncode == 141 and result.stderr == ""
