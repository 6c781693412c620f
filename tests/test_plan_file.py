"""The plan file: new, reopen, every refusal, the lock, copies, and migrations."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import models.schema as schema
from models.schema import Migration
from services import district_profile
from services.plan import plan_file, plan_inspect
from services.plan.plan_file import (
    DamagedPlanError,
    NewerPlanError,
    NotAPlanError,
    PlanInUseError,
    PlanNotFoundError,
    create_plan,
    open_plan,
)
from services.plan.plan_lock import lock_path_for
from services.team import team_roster


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_sample(sample_plan) -> Path:
    """The sample plan's path, closed so the test can open it (or damage it) itself."""
    sample_plan.close()
    return sample_plan.path


@pytest.fixture
def next_format(monkeypatch) -> int:
    """Pretend this WellPlan writes the format after the current one; return that version."""
    monkeypatch.setattr(plan_inspect, "CURRENT_VERSION", schema.CURRENT_VERSION + 1)
    return schema.CURRENT_VERSION + 1


def test_new_plan_reopens_with_its_contents(tmp_path):
    path = tmp_path / "district.wellplan"
    plan = create_plan(path, district_name="Lakeside Schools")
    with plan.transaction() as s:
        team_roster.add_member(s, "Ana Silva", team_role="lead")
    plan.close()

    again = open_plan(path)
    with again.transaction() as s:
        assert district_profile.get_profile(s).name == "Lakeside Schools"
        assert [p.name for p in team_roster.list_team(s)] == ["Ana Silva"]
        assert team_roster.find_lead(s).name == "Ana Silva"
    again.close()


def test_connection_uses_rollback_journal_full_sync_and_foreign_keys(empty_plan):
    with empty_plan.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "delete"
        assert con.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_file_is_readable_with_plain_sqlite(sample_plan):
    con = sqlite3.connect(sample_plan.path)
    names = {row[0] for row in con.execute("SELECT name FROM person")}
    con.close()
    assert "Dana Whitfield" in names


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(PlanNotFoundError, match="There is no file"):
        open_plan(tmp_path / "nowhere.wellplan")


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", NotAPlanError, "empty"),
        (b"Name,Email\nAna,ana@example.org\n", NotAPlanError, "not a WellPlan plan"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, NotAPlanError, "not a WellPlan plan"),
    ],
)
def test_files_that_are_not_plans_are_refused_and_untouched(tmp_path, content, error, words):
    path = tmp_path / "bad.wellplan"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(error, match=words):
        open_plan(path)
    assert digest(path) == before
    assert not lock_path_for(path).exists()


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "contacts.wellplan"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotAPlanError, match="another program"):
        open_plan(path)
    assert digest(path) == before


def test_newer_plan_is_refused_and_untouched(closed_sample):
    path = closed_sample
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 5}")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NewerPlanError, match="newer version of WellPlan"):
        open_plan(path)
    with pytest.raises(NewerPlanError):
        open_plan(path, read_only=True)
    assert digest(path) == before


def test_damaged_plan_is_refused_and_untouched(closed_sample):
    path = closed_sample
    data = bytearray(path.read_bytes())
    # Scribble over the second page onwards (table b-trees), keeping the header intact.
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DamagedPlanError, match="damaged"):
        open_plan(path)
    assert digest(path) == before


def test_second_open_in_this_process_is_explained(sample_plan):
    with pytest.raises(PlanInUseError, match="already open in this window") as info:
        open_plan(sample_plan.path)
    assert info.value.by_this_process


def test_plan_held_by_another_running_copy_is_explained(tmp_path):
    path = tmp_path / "shared.wellplan"
    # Another process opens the plan and keeps it open until we close its stdin.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from services.plan.plan_file import create_plan;"
        "p = create_plan(sys.argv[2]); print('ready', flush=True); sys.stdin.read(); p.close()"
    )
    other = subprocess.Popen([sys.executable, "-c", code, str(Path(__file__).parent.parent), str(path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "ready"
        with pytest.raises(PlanInUseError, match="already open in WellPlan by") as info:
            open_plan(path)
        assert not info.value.by_this_process
    finally:
        other.communicate("", timeout=30)
    # Once the other copy closes the plan, it opens normally.
    open_plan(path).close()


def test_lock_left_by_a_crashed_copy_is_taken_over(tmp_path):
    path = tmp_path / "crashed.wellplan"
    create_plan(path).close()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import json
    import socket

    lock_path_for(path).write_text(json.dumps({"user": "someone", "host": socket.gethostname(),
                                               "pid": int(dead.stdout), "opened_at": "2026-01-01T08:00:00"}))
    plan = open_plan(path)
    plan.close()
    assert not lock_path_for(path).exists()


def test_read_only_open_never_writes_and_takes_no_lock(closed_sample):
    path = closed_sample
    before = digest(path)
    plan = open_plan(path, read_only=True)
    with plan.transaction() as s:
        assert len(team_roster.list_team(s)) == 10
    assert not lock_path_for(path).exists()
    plan.close()
    assert digest(path) == before


def test_save_a_copy_makes_an_independent_plan(sample_plan, tmp_path):
    copy = sample_plan.save_copy(tmp_path / "backup.wellplan")
    with sample_plan.transaction() as s:
        team_roster.add_member(s, "Added after the copy")
    opened = open_plan(copy)
    with opened.transaction() as s:
        names = [p.name for p in team_roster.list_team(s)]
    opened.close()
    assert len(names) == 10 and "Added after the copy" not in names


def test_save_a_copy_over_the_open_plan_is_refused(sample_plan):
    with pytest.raises(plan_file.PlanFileError, match="different name"):
        sample_plan.save_copy(sample_plan.path)


def _add_notes_column(con):
    con.exec_driver_sql("ALTER TABLE school ADD COLUMN notes TEXT DEFAULT ''")


def _broken_step(con):
    con.exec_driver_sql("ALTER TABLE school ADD COLUMN half_done TEXT")
    raise RuntimeError("step failed half-way")


def test_upgrade_copies_the_old_file_aside_then_migrates(closed_sample, next_format):
    path = closed_sample
    before = digest(path)
    step = Migration(next_format, "school notes", _add_notes_column)
    plan = open_plan(path, migrations=(step,))
    assert plan.schema_version() == next_format
    with plan.engine.connect() as con:
        columns = [r[1] for r in con.exec_driver_sql("PRAGMA table_info(school)")]
    plan.close()
    assert "notes" in columns
    backups = [p for p in path.parent.iterdir() if "before upgrade" in p.name]
    assert len(backups) == 1 and digest(backups[0]) == before


def test_failed_upgrade_leaves_the_plan_as_it_was(closed_sample, next_format):
    path = closed_sample
    before = digest(path)
    step = Migration(next_format, "broken", _broken_step)
    with pytest.raises(RuntimeError, match="half-way"):
        open_plan(path, migrations=(step,))
    assert digest(path) == before
    assert not lock_path_for(path).exists()


def test_read_only_open_upgrades_in_a_snapshot_only(closed_sample, next_format):
    path = closed_sample
    before = digest(path)
    step = Migration(next_format, "school notes", _add_notes_column)
    plan = open_plan(path, read_only=True, migrations=(step,))
    assert plan.schema_version() == next_format
    plan.close()
    assert digest(path) == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_migration_steps_must_be_contiguous():
    steps = (Migration(3, "skips 2", _add_notes_column),)
    with pytest.raises(RuntimeError, match="not contiguous"):
        schema.migrations_from(1, steps)


def test_create_refuses_to_overwrite_by_accident(sample_plan):
    with pytest.raises(plan_file.PlanFileError, match="already exists"):
        create_plan(sample_plan.path)


def test_copying_the_file_by_hand_gives_a_working_plan(sample_plan, tmp_path):
    sample_plan.close()
    copy = tmp_path / "emailed copy.wellplan"
    shutil.copy(sample_plan.path, copy)
    plan = open_plan(copy)
    assert plan.schema_version() == schema.CURRENT_VERSION
    plan.close()


def _crash_mid_write(path: Path) -> None:
    """A process that dies in the middle of a change, leaving SQLite's rollback journal behind."""
    code = (
        "import os, sqlite3, sys;"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None);"
        "con.execute('PRAGMA cache_size = 1');"  # spill changed pages into the file itself
        "con.execute('BEGIN');"
        "con.execute(\"UPDATE person SET name = 'HALF WRITTEN' || zeroblob(2000)\");"
        "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def test_a_change_cut_off_by_a_crash_is_rolled_back_on_open(closed_sample):
    path = closed_sample
    _crash_mid_write(path)
    assert plan_file.has_interrupted_write(path)
    # 'check' and printing only report it (they never rewrite a plan); opening it for editing rolls
    # it back as SQLite would, since nobody holds the plan, keeping the file and journal first.
    with pytest.raises(plan_file.InterruptedWriteError, match="check --repair"):
        plan_file.check_plan(path)
    with pytest.raises(plan_file.InterruptedWriteError, match="check --repair"):
        open_plan(path, read_only=True)
    plan = open_plan(path)
    with plan.transaction() as s:
        names = [p.name for p in team_roster.list_team(s)]
    plan.close()
    assert "Dana Whitfield" in names and not any("HALF WRITTEN" in n for n in names)
    assert not plan_file.has_interrupted_write(path)
    assert not plan_file.journal_path_for(path).exists()
    [kept] = path.parent.glob("sample (before recovery, *).wellplan")
    assert plan_file.journal_path_for(kept).exists()


def test_paths_with_spaces_and_hashes_work(tmp_path):
    folder = tmp_path / "Wellness #2 (2026) 100%"
    folder.mkdir()
    path = folder / "Plan #1.wellplan"
    create_plan(path, district_name="Hash District").close()
    plan = open_plan(path, read_only=True)
    with plan.transaction() as s:
        assert district_profile.get_profile(s).name == "Hash District"
    plan.close()
    assert plan_file.check_plan(path).healthy


def test_a_statement_compiled_for_the_plan_is_found_compiled_by_its_snapshots(sample_plan):
    # Each background read's snapshot is an engine of its own, and SQLAlchemy keeps compiled
    # statements by dialect: every read compiled all its statements again (45-90 ms of the
    # Overview's read of its steps, Python's lock held while the window painted).
    from sqlalchemy import func, literal, select

    from models import Person
    from services.plan.plan_file import open_plan

    statement = select(func.count(Person.id), literal("compiled once"))
    with sample_plan.transaction() as session:
        counted = session.connection().execute(statement).scalar_one()
    snapshot = open_plan(sample_plan.path, read_only=True)
    try:
        with snapshot.transaction() as session:
            again = session.connection().execute(statement)
            assert again.context.cache_hit == again.context.dialect.CACHE_HIT
            assert again.scalar_one() == counted
    finally:
        snapshot.close()
