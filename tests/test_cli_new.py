"""``python main.py new PLAN --district NAME [--year 2026-27]``: the empty plan File > New makes,
for scripts and for testing empty-plan printouts. A refusal is one line on stderr, exit 1, and
leaves no file behind."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from services import district_profile
from services.plan.plan_file import create_plan, open_plan
from tests.cli_run import wellplan

# The tables whose rows a new plan is seeded with, compared row for row; plan_info holds when and
# with what version the file was made, which differs by the second.
SKIP = {"plan_info", "sqlite_sequence"}


def _contents(path) -> dict[str, list[tuple]]:
    plan = open_plan(path, read_only=True)
    try:
        with plan.transaction() as s:
            tables = [r[0] for r in s.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))]
            # (Without row_version: how many times a row was written depends on the steps taken
            # to fill it in, one field at a time in the window; its values must be the same.)
            columns = {t: ", ".join(f'"{r[1]}"' for r in s.execute(text(f'PRAGMA table_info("{t}")'))
                                    if r[1] != "row_version") for t in tables}
            return {t: sorted(s.execute(text(f'SELECT {columns[t]} FROM "{t}"')).all(), key=repr)
                    for t in tables if t not in SKIP}
    finally:
        plan.close()


def _window_new_plan(path, name: str):
    """What File > New does (gui/main_window.py new_plan) with the default preferences, then the
    district's name typed on the Overview."""
    plan = create_plan(path)
    with plan.transaction() as s:
        district_profile.update_profile(s, paper_size="letter")
    with plan.transaction() as s:
        district_profile.update_profile(s, name=name)
    plan.close()


def test_new_makes_the_plan_file_new_makes(tmp_path):
    out = tmp_path / "Lakeside.wellplan"
    result = wellplan("new", str(out), "--district", "Lakeside Unified")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Lakeside Unified" in result.stdout and str(out) in result.stdout
    made_by_window = tmp_path / "window.wellplan"
    _window_new_plan(made_by_window, "Lakeside Unified")
    assert _contents(out) == _contents(made_by_window)
    # and it opens for editing, as a plan the window would show
    plan = open_plan(out)
    try:
        with plan.transaction() as s:
            profile = district_profile.get_profile(s)
            groups = district_profile.list_position_groups(s)
    finally:
        plan.close()
    assert profile.name == "Lakeside Unified" and profile.paper_size == "letter"
    assert profile.school_year == district_profile.default_school_year(dt.date.today())[0]
    assert [g.name for g in groups] == [g[0] for g in district_profile.DEFAULT_POSITION_GROUPS]


def test_new_with_a_school_year(tmp_path):
    out = tmp_path / "Lakeside.wellplan"
    result = wellplan("new", str(out), "--district", "Lakeside", "--year", "2030-31")
    assert result.returncode == 0, result.stderr
    assert "2030-31" in result.stdout
    plan = open_plan(out, read_only=True)
    try:
        with plan.transaction() as s:
            profile = district_profile.get_profile(s)
    finally:
        plan.close()
    assert (profile.school_year, profile.year_start, profile.year_end) == \
        ("2030-31", dt.date(2030, 8, 15), dt.date(2031, 6, 15))
    # the long form says the same year
    long_form = tmp_path / "long.wellplan"
    assert wellplan("new", str(long_form), "--district", "Lakeside", "--year", "2030-2031").returncode == 0
    assert _contents(long_form) == _contents(out)


def test_new_adds_the_plan_ending_as_the_window_does(tmp_path):
    result = wellplan("new", str(tmp_path / "Lakeside"), "--district", "Lakeside")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["Lakeside.wellplan"]


def _refused(result, *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert lines[0].startswith("wellplan: ")
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert result.stdout == ""


def test_new_refuses_a_file_that_exists_and_leaves_it_alone(tmp_path):
    out = tmp_path / "Lakeside.wellplan"
    out.write_bytes(b"somebody's work")
    _refused(wellplan("new", str(out), "--district", "Lakeside"), "already exists")
    assert out.read_bytes() == b"somebody's work"
    assert [p.name for p in tmp_path.iterdir()] == ["Lakeside.wellplan"]


@pytest.mark.parametrize("year", ["2026-28", "2026", "soon", "26-27", "2026-2028", "2026-7"])
def test_new_refuses_a_bad_year_and_writes_nothing(tmp_path, year):
    out = tmp_path / "Lakeside.wellplan"
    _refused(wellplan("new", str(out), "--district", "Lakeside", "--year", year), "--year", year, "2026-27")
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_folder_that_does_not_exist_and_writes_nothing(tmp_path):
    out = tmp_path / "no such folder" / "Lakeside.wellplan"
    _refused(wellplan("new", str(out), "--district", "Lakeside"), "does not exist", "no such folder")
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_district_without_a_name(tmp_path):
    _refused(wellplan("new", str(tmp_path / "x.wellplan"), "--district", "   "), "--district")
    assert list(tmp_path.iterdir()) == []
