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


def _keys_and_indexes(path) -> dict[str, dict]:
    """Each table's foreign keys (columns, target, actions) and indexes (columns, uniqueness,
    where they come from), in a form that doesn't depend on the order they were made in."""
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = {}
    for t in tables:
        keys: dict[int, list] = {}
        for _id, seq, target, column, to, on_update, on_delete, match in con.execute(f"PRAGMA foreign_key_list('{t}')"):
            keys.setdefault(_id, []).append((seq, target, column, to, on_update, on_delete, match))
        foreign = sorted(tuple(sorted(parts)) for parts in keys.values())
        indexes = []
        for _seq, name, unique, origin, partial in con.execute(f"PRAGMA index_list('{t}')"):
            columns = tuple(r[2] for r in sorted(con.execute(f"PRAGMA index_info('{name}')")))
            # SQLite names the indexes it makes for UNIQUE and PRIMARY KEY itself; compare the rest by name
            label = None if name.startswith("sqlite_autoindex_") else name
            indexes.append((label, columns, unique, origin, partial))
        out[t] = {"foreign keys": foreign, "indexes": sorted(indexes, key=repr)}
    con.close()
    return out


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
    upgraded, new = _keys_and_indexes(path), _keys_and_indexes(tmp_path / "fresh.wellplan")
    assert any(v["foreign keys"] for v in new.values()) and any(v["indexes"] for v in new.values())
    for table in new:
        assert upgraded[table] == new[table], table
