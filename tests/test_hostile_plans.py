"""A plan file is data, never code: one carrying a trigger or a view is refused before anything
runs, and a minimum group size written below the floor with another program is never obeyed (it is
read as the default, 5; tests/test_hostile_settings.py has the other stored settings)."""

from __future__ import annotations

import csv
import shutil
import sqlite3

import pytest

from services.district_profile import get_profile
from services.plan.plan_file import ForeignObjectsError, create_plan, open_plan
from tests.cli_run import digest
from tests.conftest import FIXTURES
from tests.test_cli_survey import run_cli, staff_rows
from tests.test_survey_files import _csv

HOSTILE = {
    "trigger": "CREATE TRIGGER wipe AFTER UPDATE ON plan_info BEGIN DELETE FROM survey_wave; END",
    "view": "CREATE VIEW every_wave AS SELECT * FROM survey_wave",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_plan_with_code_in_it_is_refused_and_left_alone(kind, tmp_path, capsys):
    path = tmp_path / "hostile.wellplan"
    shutil.copy(FIXTURES / "plan-v7.wellplan", path)
    con = sqlite3.connect(path)
    con.execute(HOSTILE[kind])
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(ForeignObjectsError, match=f"holds a database {kind}"):
        open_plan(path)
    for args in (("check", str(path)), ("survey", "report", str(path), "--by", "Which best describes your position?",
                                        "--out", str(tmp_path / "r.csv")),
                 ("export", str(path), "team", "--out", str(tmp_path / "t.pdf"))):
        code, _out, err = run_cli(capsys, *args)
        assert code == 1 and err.count("\n") == 1 and "never writes" in err, (args, err)
    assert digest(path) == before
    assert not (tmp_path / "r.csv").exists() and not (tmp_path / "t.pdf").exists()


def test_a_minimum_group_size_below_the_floor_is_never_obeyed(tmp_path, capsys):
    path = tmp_path / "plan.wellplan"
    create_plan(path, district_name="Maple Hollow").close()
    survey = tmp_path / "s.csv"
    survey.write_text(_csv(staff_rows(("Teacher",) * 8 + ("Bus driver",) * 7 + ("Nurse",) * 2)), encoding="utf-8")
    assert run_cli(capsys, "survey", "import", str(path), str(survey), "--wave", "W")[0] == 0
    for stored in (1, 0, -5):
        con = sqlite3.connect(path)
        con.execute("UPDATE district SET min_group_size = ?", (stored,))
        con.commit()
        con.close()
        plan = open_plan(path, read_only=True)
        with plan.transaction() as s:
            assert get_profile(s).min_group_size == 5
        plan.close()
        out = tmp_path / f"r{stored}.csv"
        code, _out, err = run_cli(capsys, "survey", "report", str(path), "--by", "What is your role?", "--out", str(out))
        assert code == 0, err
        with out.open(encoding="utf-8") as f:
            nurses = [r for r in csv.DictReader(f) if r["group"] == "Nurse"]
        assert nurses and all(r["suppressed"] == "true" and r["mean"] == "" for r in nurses)  # 2 people


def test_an_interrupted_sample_leaves_no_plan_behind(tmp_path, monkeypatch):
    from services.sample import sample_district

    def fail(_session):
        raise KeyboardInterrupt  # as when the command is stopped halfway

    monkeypatch.setattr(sample_district, "SAMPLE_PARTS", (*sample_district.SAMPLE_PARTS[:2], fail))
    target = tmp_path / "Maple Hollow.wellplan"
    with pytest.raises(KeyboardInterrupt):
        sample_district.build_sample(target)
    assert list(tmp_path.iterdir()) == []  # neither a plan nor the half-built file


def test_replacing_a_plan_with_the_sample_keeps_the_old_one_whole_until_the_new_one_is_done(
        tmp_path, monkeypatch, built_sample):
    from services.plan.plan_file import PlanInUseError
    from services.sample import sample_district

    target = tmp_path / "Maple Hollow.wellplan"
    shutil.copy(built_sample, target)
    before = digest(target)

    def fail(_session):
        raise KeyboardInterrupt

    monkeypatch.setattr(sample_district, "SAMPLE_PARTS", (*sample_district.SAMPLE_PARTS[:2], fail))
    with pytest.raises(KeyboardInterrupt):
        sample_district.build_sample(target, overwrite=True)
    assert digest(target) == before and sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    # Held open elsewhere: refused before any building, and nothing left behind.
    held = open_plan(target)
    try:
        with pytest.raises(PlanInUseError):
            sample_district.build_sample(target, overwrite=True)
    finally:
        held.close()
    assert digest(target) == before and sorted(p.name for p in tmp_path.iterdir()) == [target.name]
