"""The ledger of releases through the command line: every report, participation table and printed
summary is recorded with its file, listed by ``survey releases``, never recorded for a refused or
failed release, and a ledger changed by another program is noticed. Late responses re-imported
replace their wave and are protected; headcounts set from the command line."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from services.data.release_ledger import list_releases, verify
from services.plan.plan_file import create_plan, open_plan
from tests.cli_run import digest
from tests.test_cli_survey import run_cli, staff_rows
from tests.test_survey_files import _csv

ROLE = "What is your role?"


@pytest.fixture
def plan_path(tmp_path, capsys):
    path = tmp_path / "district.wellplan"
    create_plan(path, district_name="Maple Hollow").close()
    survey = tmp_path / "pulse.csv"
    survey.write_text(_csv(staff_rows(("Teacher",) * 8 + ("Bus driver",) * 7 + ("Custodian",) * 6 + ("Nurse",) * 3)),
                      encoding="utf-8")
    assert run_cli(capsys, "survey", "import", str(path), str(survey), "--wave", "Pulse")[0] == 0
    return path


def _releases(path):
    plan = open_plan(path, read_only=True)
    try:
        with plan.transaction() as s:
            return list_releases(s), verify(s)
    finally:
        plan.close()


def test_each_release_is_recorded_with_its_file_and_listed(tmp_path, plan_path, capsys):
    assert _releases(plan_path) == ([], None)
    code, out, err = run_cli(capsys, "survey", "report", str(plan_path), "--by", ROLE, "--out", str(tmp_path / "r.csv"))
    assert code == 0, err
    assert run_cli(capsys, "survey", "headcounts", str(plan_path), "--wave", "Pulse", "--by", ROLE, "Teacher=20",
                   "Bus driver=9", "Custodian=8", "Nurse=4")[0] == 0
    code, out, err = run_cli(capsys, "survey", "participation", str(plan_path), "--by", ROLE, "--out",
                             str(tmp_path / "p.csv"))
    assert code == 0, err
    with (tmp_path / "p.csv").open(encoding="utf-8") as f:
        rows = {r["group"]: r for r in csv.DictReader(f)}
    assert rows["Teacher"]["responses"] == "8" and rows["Teacher"]["response_rate"] == "40.0"
    assert rows["Nurse"]["responses"] == "" and rows["Nurse"]["response_rate"] == ""  # 3 people: withheld
    assert rows["Nurse"]["headcount"] == "4"
    code, out, err = run_cli(capsys, "export", str(plan_path), "survey-summary", "--by", ROLE, "--out",
                             str(tmp_path / "s.pdf"))
    assert code == 0, err
    releases, broken = _releases(plan_path)
    assert broken is None
    assert [r.kind for r in releases] == ["report", "participation", "summary"]
    assert all(r.numbers > 0 and r.withheld > 0 for r in releases)  # the nurses are recorded as withheld
    code, out, err = run_cli(capsys, "survey", "releases", str(plan_path))
    assert code == 0 and out.count("Pulse:") == 3 and "participation table of Pulse" in out


def test_a_refused_or_failed_release_is_not_recorded(tmp_path, plan_path, capsys):
    before = digest(plan_path)
    (tmp_path / "a folder.csv").mkdir()
    for args in (("--by", "Shoe size", "--out", str(tmp_path / "x.csv")),
                 ("--by", ROLE, "--out", str(tmp_path / "a folder.csv")),
                 ("--by", ROLE, "--out", str(tmp_path / "missing" / "x.csv"))):
        code, _out, err = run_cli(capsys, "survey", "report", str(plan_path), *args)
        assert code == 1 and err.count("\n") == 1, err
        assert digest(plan_path) == before
    assert (tmp_path / "a folder.csv").is_dir()


def test_a_ledger_changed_by_another_program_is_noticed(tmp_path, plan_path, capsys):
    assert run_cli(capsys, "survey", "report", str(plan_path), "--by", ROLE, "--out", str(tmp_path / "r.csv"))[0] == 0
    assert run_cli(capsys, "survey", "report", str(plan_path), "--by", ROLE, "--out", str(tmp_path / "r2.csv"))[0] == 0
    con = sqlite3.connect(plan_path)
    con.execute("UPDATE survey_release SET content = '{\"numbers\": [], \"withheld\": []}' WHERE id = 1")
    con.commit()
    con.close()
    assert _releases(plan_path)[1] == 1
    code, _out, err = run_cli(capsys, "survey", "releases", str(plan_path))
    assert code == 1 and "changed outside WellPlan" in err and err.count("\n") == 1


def test_headcounts_refuse_unknown_groups_in_one_line(tmp_path, plan_path, capsys):
    before = digest(plan_path)
    code, _out, err = run_cli(capsys, "survey", "headcounts", str(plan_path), "--wave", "Pulse", "--by", ROLE,
                              "Teachers=20")
    assert code == 1 and "no group 'Teachers'" in err and err.count("\n") == 1
    code, _out, err = run_cli(capsys, "survey", "headcounts", str(plan_path), "--wave", "Pulse", "--by", ROLE,
                              "Teacher=many")
    assert code == 1 and "GROUP=N" in err
    roster = tmp_path / "roster.csv"
    roster.write_text("Group,Staff\nTeacher,21\nNurse,4\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "survey", "headcounts", str(plan_path), "--wave", "Pulse", "--by", ROLE,
                             "--roster", str(roster))
    assert code == 0 and "25 staff" in out, err
    assert digest(plan_path) != before


def test_late_responses_replace_their_wave_and_are_protected(tmp_path, plan_path, capsys):
    first = tmp_path / "pulse.csv"
    assert run_cli(capsys, "survey", "report", str(plan_path), "--by", ROLE, "--out", str(tmp_path / "a.csv"))[0] == 0
    later = tmp_path / "pulse again.csv"
    rows = staff_rows(("Teacher",) * 8 + ("Bus driver",) * 7 + ("Custodian",) * 6 + ("Nurse",) * 3)
    late = staff_rows(("Teacher",) * 2)[1:]
    for r in late:
        r[1] = "late@example.org"
    later.write_text(_csv(rows + late), encoding="utf-8")
    assert first.exists()
    before = digest(plan_path)
    code, _out, err = run_cli(capsys, "survey", "import", str(plan_path), str(later))
    assert code == 1 and "every response of wave 'Pulse' and 2 more" in err and "--replace 'Pulse'" in err
    assert digest(plan_path) == before
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(later), "--replace", "Pulse")
    assert code == 0, err
    assert "now has 26 responses: the 24 it had and 2 late ones" in out
    assert run_cli(capsys, "survey", "report", str(plan_path), "--by", ROLE, "--out", str(tmp_path / "b.csv"))[0] == 0
    with (tmp_path / "a.csv").open(encoding="utf-8") as f:
        earlier = {(r["group"], r["measure"]): r for r in csv.DictReader(f)}
    with (tmp_path / "b.csv").open(encoding="utf-8") as f:
        now = {(r["group"], r["measure"]): r for r in csv.DictReader(f)}
    # Whatever of All respondents and Teachers the two reports both show can't differ by the two
    # late teachers' answers: a cell shown in the first is withheld in the second.
    for key in (("All respondents", "I feel valued by district leadership"), ("Teacher", "My workload is too heavy")):
        assert earlier[key]["suppressed"] == "false" and now[key]["suppressed"] == "true", key
    assert any(r["suppressed"] == "false" for (g, _m), r in now.items() if g != "All respondents")  # still useful


@pytest.mark.parametrize("command", [
    ("survey", "report", "--by", ROLE, "--out", "{out}.csv"),
    ("survey", "participation", "--by", ROLE, "--out", "{out}.csv"),
    ("export", "survey-summary", "--by", ROLE, "--out", "{out}.pdf"),
])
def test_a_released_file_appears_only_after_its_ledger_entry_is_committed(command, plan_path, tmp_path, capsys,
                                                                          monkeypatch):
    """Stopped at any moment, no released file exists without its entry: the file is renamed into
    place only after the commit (a kill between leaves an entry for a file nobody has)."""
    import os

    from cli import survey_commands

    out = str(tmp_path / "released")
    args = [a.format(out=out) for a in command]
    args.insert(2 if args[0] == "survey" else 1, str(plan_path))
    if args[0] == "export":
        args[1], args[2] = str(plan_path), "survey-summary"
    committed_at_rename = []
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).startswith(out):
            con = sqlite3.connect(plan_path)
            committed_at_rename.append(con.execute("SELECT count(*) FROM survey_release").fetchone()[0])
            con.close()
        return real_replace(src, dst)

    monkeypatch.setattr(survey_commands.os, "replace", replace)
    code, _out, err = run_cli(capsys, *args)
    assert code == 0, err
    assert committed_at_rename and committed_at_rename[-1] >= 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".released", "released"))) == \
        [Path(args[args.index("--out") + 1]).name]
