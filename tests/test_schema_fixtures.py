"""Every released plan-file format, checked in under tests/fixtures/, opens and upgrades."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from models.schema import CURRENT_VERSION
from services.plan.plan_file import create_plan, open_plan
from services.team import team_roster
from tests.conftest import FIXTURES

FIXTURE_FILES = sorted(FIXTURES.glob("plan-v*.wellplan"))


def _schema(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    shape = {t: [(c[1], c[2].upper(), c[3], c[5]) for c in con.execute(f"PRAGMA table_info('{t}')")] for t in tables}
    con.close()
    return shape


def test_there_is_a_fixture_for_every_released_format():
    versions = {int(p.stem.split("-v")[1]) for p in FIXTURE_FILES}
    assert versions == set(range(1, CURRENT_VERSION + 1))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_opens_and_ends_up_like_a_new_plan(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    plan = open_plan(path)
    assert plan.schema_version() == CURRENT_VERSION
    with plan.transaction() as s:
        team = team_roster.list_team(s)
    plan.close()
    assert len(team) >= 8  # the fixture is a sample district
    fresh = create_plan(tmp_path / "fresh.wellplan")
    fresh.close()
    assert _schema(path) == _schema(tmp_path / "fresh.wellplan")
