"""Files that vanish or change under an open plan, journals, locks, snapshots, and a plan file
that carries code: nothing lost, nothing run, nothing left behind."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.plan import plan_file, plan_snapshots
from services.plan.plan_authorizer import authorizer
from services.plan.plan_file import (
    ForeignObjectsError,
    PlanGoneError,
    PlanInUseError,
    check_plan,
    journal_path_for,
    open_plan,
)
from services.plan.plan_lock import lock_path_for
from services.plan.plan_schema import schema_objects, strangers
from services.team import team_roster
from tests.cli_run import digest, wellplan
from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile-schema"


def _names(plan) -> list[str]:
    with plan.transaction(check_file=False) as s:
        return [p.name for p in team_roster.list_team(s)]


def _add_member(plan, name: str) -> None:
    with plan.transaction() as s:
        team_roster.add_member(s, name)


@pytest.fixture
def plan_copy(tmp_path, sample_file) -> Path:
    path = tmp_path / "district.wellplan"
    shutil.copy(sample_file, path)
    return path


# Files that vanish or change --------------------------------------------------------------------
def test_a_plan_deleted_while_open_is_never_recreated_and_can_be_saved(plan_copy, tmp_path):
    plan = open_plan(plan_copy, mirror=True)
    _add_member(plan, "Added Before")
    plan_copy.unlink()
    with pytest.raises(PlanGoneError, match="deleted, renamed or moved"):
        _add_member(plan, "Added After")
    assert not plan_copy.exists()  # no empty plan made in its place
    copy = plan.save_copy(tmp_path / "rescued.wellplan")
    plan.close()
    rescued = open_plan(copy, read_only=True)
    assert "Added Before" in _names(rescued) and "Added After" not in _names(rescued)
    rescued.close()


def test_a_plan_replaced_by_another_file_is_left_alone(plan_copy, tmp_path):
    other = tmp_path / "other district.wellplan"
    plan_file.create_plan(other, district_name="Other District").close()
    plan = open_plan(plan_copy, mirror=True)
    _add_member(plan, "Ours")
    os.replace(shutil.copy(other, tmp_path / "incoming.wellplan"), plan_copy)  # saved over by rename
    replaced = digest(plan_copy)
    with pytest.raises(PlanGoneError, match="replaced by another file"):
        _add_member(plan, "Lost")
    assert digest(plan_copy) == replaced
    copy = plan.save_copy(tmp_path / "ours.wellplan")
    plan.close()
    assert "Ours" in _names(open_plan(copy, read_only=True))


def test_a_plan_written_over_in_place_is_noticed_before_the_next_edit(plan_copy, tmp_path):
    other = tmp_path / "other district.wellplan"
    plan_file.create_plan(other, district_name="Other District").close()
    plan = open_plan(plan_copy, mirror=True)
    _add_member(plan, "Ours")
    inode = plan_copy.stat().st_ino
    with plan_copy.open("r+b") as f:  # what 'copy' over an existing file does: same file, new bytes
        f.write(other.read_bytes())
        f.truncate()
    assert plan_copy.stat().st_ino == inode
    overwritten = digest(plan_copy)
    with pytest.raises(PlanGoneError, match="wrote over"):
        _add_member(plan, "Into the other district")
    assert digest(plan_copy) == overwritten
    copy = plan.save_copy(tmp_path / "ours.wellplan")  # from the copy in memory
    plan.close()
    saved = open_plan(copy, read_only=True)
    assert "Ours" in _names(saved)
    saved.close()


def test_own_edits_and_reads_are_not_taken_for_someone_elses(plan_copy):
    plan = open_plan(plan_copy, mirror=True)
    for n in range(5):
        _add_member(plan, f"Member {n}")
        snapshot = open_plan(plan_copy, read_only=True)  # a report worker reads meanwhile
        snapshot.close()
    assert plan.gone is None
    plan.close()


# Journals -----------------------------------------------------------------------------------------
def _crash_mid_write(path: Path) -> None:
    code = ("import os, sqlite3, sys; con = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "con.execute('PRAGMA cache_size = 1'); con.execute('BEGIN');"
            "con.execute(\"UPDATE person SET name = 'HALF WRITTEN' || zeroblob(2000)\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def test_a_journal_of_a_live_writer_is_not_taken_for_a_crash(plan_copy, tmp_path):
    # Another program is in the middle of a change (as the window is, many times a minute).
    code = ("import sqlite3, sys; con = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "con.execute('BEGIN IMMEDIATE'); con.execute(\"UPDATE person SET name = name || ' '\");"
            "print('writing', flush=True); sys.stdin.read(); con.execute('ROLLBACK')")
    writer = subprocess.Popen([sys.executable, "-c", code, str(plan_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        assert journal_path_for(plan_copy).exists()
        assert not plan_file.has_interrupted_write(plan_copy)
        result = wellplan("check", str(plan_copy))
        assert result.returncode == 0 and "Integrity: ok" in result.stdout, result.stderr
        result = wellplan("export", str(plan_copy), "team", "--out", str(tmp_path / "team.pdf"))
        assert result.returncode == 0, result.stderr
    finally:
        writer.communicate("")


def test_check_repair_rolls_back_a_real_crash(plan_copy):
    _crash_mid_write(plan_copy)
    result = wellplan("check", str(plan_copy))
    assert result.returncode == 1 and "check --repair" in result.stderr and result.stderr.count("\n") == 1
    result = wellplan("check", str(plan_copy), "--repair")
    assert result.returncode == 0, result.stderr
    assert "Repair: Rolled back a change that was cut off" in result.stdout and "Integrity: ok" in result.stdout
    assert not journal_path_for(plan_copy).exists()
    plan = open_plan(plan_copy, read_only=True)
    assert not any("HALF WRITTEN" in n for n in _names(plan))
    plan.close()


def test_after_a_crash_read_only_commands_leave_the_plan_alone(plan_copy, tmp_path):
    _crash_mid_write(plan_copy)
    before, journal = digest(plan_copy), digest(journal_path_for(plan_copy))
    result = wellplan("export", str(plan_copy), "team", "--out", str(tmp_path / "team.pdf"))
    assert result.returncode == 1 and "check --repair" in result.stderr and result.stderr.count("\n") == 1
    assert digest(plan_copy) == before and digest(journal_path_for(plan_copy)) == journal


def test_a_journal_from_another_plan_is_never_rolled_in_without_a_copy(plan_copy, tmp_path, sample_file):
    """SQLite can't tell a journal copied beside a plan from the plan's own; rolling it back
    damages the plan, so the plan and the journal are both kept as they were first."""
    other = tmp_path / "other.wellplan"
    shutil.copy(sample_file, other)
    _crash_mid_write(other)
    shutil.copy(journal_path_for(other), journal_path_for(plan_copy))
    before = digest(plan_copy)
    wellplan("check", str(plan_copy), "--repair")
    [kept] = plan_copy.parent.glob("district (before recovery, *).wellplan")
    assert digest(kept) == before and journal_path_for(kept).exists()


def test_check_repair_rebuilds_a_damaged_plan_from_what_can_be_read(plan_copy):
    con = sqlite3.connect(plan_copy)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'candidate_action'").fetchone()[0]
    con.close()
    with plan_copy.open("r+b") as f:  # scribble over one table's first page
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff" * 64)
    assert wellplan("check", str(plan_copy)).returncode == 1
    result = wellplan("check", str(plan_copy), "--repair")
    assert "Repair: Rebuilt the damaged plan" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0 and "Integrity: ok" in result.stdout
    assert list(plan_copy.parent.glob("district (damaged, *).wellplan"))
    plan = open_plan(plan_copy, read_only=True)
    assert "Dana Whitfield" in _names(plan)  # the rest of the plan survived
    plan.close()


# Locks --------------------------------------------------------------------------------------------
def _write_lock(plan: Path, host: str, pid: int, opened_at: dt.datetime) -> None:
    lock_path_for(plan).write_text(json.dumps({"user": "pat", "host": host, "pid": pid,
                                               "opened_at": opened_at.isoformat(timespec="seconds")}))


def test_a_lock_from_another_computer_says_whose_and_can_be_taken_over(plan_copy):
    _write_lock(plan_copy, "FRONT-OFFICE-PC", 4242, dt.datetime(2026, 11, 3, 9, 15))
    with pytest.raises(PlanInUseError, match="pat on computer FRONT-OFFICE-PC \\(since 2026-11-03 09:15\\)") as info:
        open_plan(plan_copy)
    assert info.value.elsewhere and "open it anyway" in str(info.value)
    plan = open_plan(plan_copy, take_over_lock=True)
    assert json.loads(lock_path_for(plan_copy).read_text())["pid"] == os.getpid()
    plan.close()
    assert not lock_path_for(plan_copy).exists()


def test_a_lock_whose_process_id_now_belongs_to_another_program_is_stale(plan_copy):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.2)
        # The lock says an hour ago; the process with that id started just now: not WellPlan's.
        _write_lock(plan_copy, socket.gethostname(), other.pid, dt.datetime.now() - dt.timedelta(hours=1))
        plan = open_plan(plan_copy)
        plan.close()
        # The same id written after the process started is a running WellPlan: respected.
        _write_lock(plan_copy, socket.gethostname(), other.pid, dt.datetime.now() + dt.timedelta(seconds=5))
        with pytest.raises(PlanInUseError, match="already open"):
            open_plan(plan_copy)
    finally:
        other.kill()
        other.wait()


def test_two_imports_at_once_lose_nothing(plan_copy, tmp_path):
    from tests.test_cli_survey import staff_rows
    from tests.test_survey_files import _csv

    files = []
    for n, roles in enumerate((("Teacher",) * 400 + ("Nurse",) * 200, ("Teacher",) * 300 + ("Bus driver",) * 300)):
        path = tmp_path / f"wave{n}.csv"
        path.write_text(_csv(staff_rows(roles)), encoding="utf-8")
        files.append(path)
    main = str(Path(__file__).resolve().parent.parent / "main.py")
    runs = [subprocess.Popen([sys.executable, main, "survey", "import", str(plan_copy), str(f), "--wave", f"W{n}"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n, f in enumerate(files)]
    results = [(r.wait(timeout=120), r.stderr.read()) for r in runs]
    for code, err in results:
        assert code == 0 or ("already open in WellPlan" in err and err.count("\n") == 1), err
    # Whoever was refused runs again, and both waves are there, whole.
    for n, (code, _err) in enumerate(results):
        if code != 0:
            assert wellplan("survey", "import", str(plan_copy), str(files[n]), "--wave", f"W{n}").returncode == 0
    plan = open_plan(plan_copy, read_only=True)
    with plan.transaction() as s:
        from services.data import survey_waves

        counts = {w.label: w.respondent_count for w in survey_waves.list_waves(s) if w.label in ("W0", "W1")}
    plan.close()
    assert counts == {"W0": 600, "W1": 600}
    assert check_plan(plan_copy).healthy


# Snapshots ----------------------------------------------------------------------------------------
def test_snapshots_are_private_and_gone_with_their_process(plan_copy, tmp_path):
    snapshot = open_plan(plan_copy, read_only=True)
    folder = snapshot._snapshot_dir
    assert folder.parent == plan_snapshots.root()
    if hasattr(os, "getuid"):
        assert (folder.stat().st_mode & 0o077) == 0 and (plan_snapshots.root().stat().st_mode & 0o077) == 0
    snapshot.close()
    assert not folder.exists()
    # One left by a process killed outright (kill -9 runs no clean-up) goes at the next start.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = plan_snapshots.root() / f"snapshot-{dead.pid}-abc123"
    left.mkdir()
    shutil.copy(plan_copy, left / plan_copy.name)
    assert wellplan("check", str(plan_copy)).returncode == 0
    assert not left.exists()


def test_a_killed_export_leaves_no_copy_of_the_plan(plan_copy, tmp_path):
    main = str(Path(__file__).resolve().parent.parent / "main.py")
    run = subprocess.Popen([sys.executable, main, "export", str(plan_copy), "plan", "--out", str(tmp_path / "p.pdf")])
    deadline = time.monotonic() + 60  # killed while its copy of the plan exists, not at a guessed moment
    while run.poll() is None and time.monotonic() < deadline and \
            not any(plan_snapshots.root().glob(f"snapshot-{run.pid}-*/*.wellplan")):
        time.sleep(0.01)
    assert run.poll() is None, "the export finished before it could be interrupted"
    run.send_signal(signal.SIGTERM)
    run.wait(timeout=60)
    mine = [p for p in plan_snapshots.root().glob(f"snapshot-{run.pid}-*")]
    assert mine == []
    assert not list(tmp_path.glob("*.partial"))


# A plan file is data, never code ----------------------------------------------------------------------
HOSTILE_FILES = sorted(HOSTILE.glob("*.wellplan"))


def test_every_hostile_fixture_is_here():
    assert {p.stem for p in HOSTILE_FILES} == {"trigger", "view", "generated-column", "check-constraint",
                                               "extra-index", "extra-table", "missing-table"}


@pytest.mark.parametrize("fixture", HOSTILE_FILES, ids=lambda p: p.stem)
def test_a_hostile_plan_is_refused_untouched_everywhere(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = digest(path)
    with pytest.raises(ForeignObjectsError):
        open_plan(path)
    with pytest.raises(ForeignObjectsError):
        open_plan(path, read_only=True)
    for args in (("check", str(path)), ("export", str(path), "team", "--out", str(tmp_path / "t.pdf")),
                 ("survey", "report", str(path), "--by", "Role", "--out", str(tmp_path / "r.csv"))):
        result = wellplan(*args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "was not opened and has not been changed" in result.stderr, result.stderr
    assert digest(path) == before
    assert not (tmp_path / "t.pdf").exists() and not (tmp_path / "r.csv").exists()


@pytest.mark.parametrize("name", ["trigger", "extra-index", "extra-table"])
def test_check_repair_removes_what_wellplan_never_writes(name, tmp_path):
    path = tmp_path / f"{name}.wellplan"
    shutil.copy(HOSTILE / f"{name}.wellplan", path)
    result = wellplan("check", str(path), "--repair")
    assert result.returncode == 0 and "Repair: Removed a database" in result.stdout, result.stdout + result.stderr
    kept = list(tmp_path.glob(f"{name} (before repair, *).wellplan"))
    assert len(kept) == 1 and digest(kept[0]) == digest(HOSTILE / f"{name}.wellplan")
    con = sqlite3.connect(path)
    assert strangers(schema_objects(con), 7) == []
    con.close()
    open_plan(path).close()


@pytest.mark.parametrize("name", ["view", "generated-column", "check-constraint", "missing-table"])
def test_what_cant_be_removed_safely_is_not(name, tmp_path):
    path = tmp_path / f"{name}.wellplan"
    shutil.copy(HOSTILE / f"{name}.wellplan", path)
    before = digest(path)
    result = wellplan("check", str(path), "--repair")
    assert result.returncode == 1 and "most recent copy" in result.stderr and result.stderr.count("\n") == 1
    assert digest(path) == before


def test_the_authorizer_refuses_code_that_slips_in_after_opening(tmp_path):
    path = tmp_path / "x.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE plan_info (key TEXT, value TEXT)")
    con.execute("CREATE TABLE survey_wave (id INTEGER)")
    con.execute("INSERT INTO survey_wave VALUES (1)")
    con.execute("CREATE TRIGGER wipe AFTER INSERT ON plan_info BEGIN DELETE FROM survey_wave; END")
    con.execute("CREATE VIEW waves AS SELECT * FROM survey_wave")
    con.commit()
    con.set_authorizer(authorizer())
    for statement in ("INSERT INTO plan_info VALUES ('a', 'b')", "SELECT * FROM waves",
                      f"ATTACH '{tmp_path / 'y.db'}' AS other", "PRAGMA writable_schema = ON",
                      "SELECT randomblob(1000000000)", "CREATE TABLE t (x)", "DROP TRIGGER wipe",
                      "CREATE TEMP TRIGGER t AFTER INSERT ON plan_info BEGIN SELECT 1; END"):
        with pytest.raises(sqlite3.DatabaseError, match="not authorized|prohibited"):
            con.execute(statement)
    assert con.execute("SELECT count(*) FROM survey_wave").fetchone() == (1,)
    con.close()


def test_the_schema_signatures_are_current(tmp_path):
    """resources/schema/signatures.json must be what the fixtures of every format give now."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_signatures", FIXTURES / "make_schema_signatures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = json.loads((Path(__file__).resolve().parent.parent / "resources/schema/signatures.json").read_text())
    assert module.build() == current, "run python tests/fixtures/make_schema_signatures.py"


def test_something_in_the_locks_place_is_never_taken_for_no_lock(plan_copy):
    lock_path_for(plan_copy).mkdir()
    result = wellplan("survey", "headcounts", str(plan_copy), "--wave", "Fall 2026", "--by",
                      "Which best describes your position?", "Teachers=10")
    assert result.returncode == 1 and "can't be marked as open" in result.stderr and result.stderr.count("\n") == 1


def test_check_repair_on_a_read_only_disk_names_the_plan(tmp_path, sample_file):
    from tests.test_plan_storage import _mount, _unmount

    folder = tmp_path / "ro"
    _mount(folder)
    try:
        plan = folder / "t.wellplan"
        shutil.copy(HOSTILE / "trigger.wellplan", plan)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        result = wellplan("check", str(plan), "--repair")
        assert result.returncode == 1 and result.stderr.startswith("wellplan: t.wellplan can't be changed")
        assert result.stderr.count("\n") == 1
    finally:
        _unmount(folder)


def test_check_repair_keeps_every_readable_row_and_removes_waves_that_lost_answers(plan_copy):
    con = sqlite3.connect(plan_copy)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in con.execute(
        "SELECT pageno FROM dbstat WHERE name = 'survey_item' AND pagetype = 'leaf' ORDER BY pageno")] \
        if con.execute("SELECT 1 FROM pragma_module_list WHERE name = 'dbstat'").fetchone() else []
    items = con.execute("SELECT count(*) FROM survey_item").fetchone()[0]
    con.close()
    if len(pages) < 3:
        pytest.skip("this SQLite has no dbstat to find the table's pages")
    with plan_copy.open("r+b") as f:
        f.seek((pages[0] - 1) * page_size)
        f.write(b"\x0d" + b"\xff" * 40)  # one leaf page of items scribbled over
    result = wellplan("check", str(plan_copy), "--repair")
    assert result.returncode == 0, result.stderr
    assert "lost some of its answers, so it was removed" in result.stdout
    con = sqlite3.connect(plan_copy)
    left = con.execute("SELECT count(*) FROM survey_item").fetchone()[0]
    waves = con.execute("SELECT count(*) FROM survey_wave").fetchone()[0]
    con.close()
    assert 0 < left < items and waves >= 1  # the other wave's items survived, whole
