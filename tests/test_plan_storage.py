"""A full or read-only disk: one plain sentence, a non-zero exit, the plan byte for byte as it was,
no journal and no half-written file left, for every command that writes.

Two ways to get there: SQLite's own SQLITE_FULL / SQLITE_READONLY injected into the command line
(``tests.storage_faults``), which runs everywhere; and a real 3 MB filesystem, mounted when the
tests run as root on a machine that allows it (skipped with the reason otherwise).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from services.plan.plan_file import journal_path_for
from services.plan.storage_errors import Place, explain, failure_of
from tests.cli_run import ROOT, digest, wellplan
from tests.test_cli_survey import staff_rows
from tests.test_survey_files import _csv

BY = "What is your role?"


def with_fault(fault: str, match: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.storage_faults", fault, match, "--", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def one_sentence(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and "SELECT" not in result.stderr and "INSERT" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


@pytest.fixture
def survey(tmp_path) -> Path:
    path = tmp_path / "staff survey.csv"
    roles = ("Teacher",) * 700 + ("Bus driver",) * 500 + ("Nurse",) * 300
    path.write_text(_csv(staff_rows(roles)), encoding="utf-8")
    return path


@pytest.fixture
def plan(tmp_path, sample_file) -> Path:
    path = tmp_path / "district plan.wellplan"
    shutil.copy(sample_file, path)
    return path


def _leftovers(folder: Path, plan: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((plan.name + "-", "~$")) or
                  p.name.endswith((".partial", ".part", ".building")))


# Injected into SQLite: runs on every machine ---------------------------------------------------
def test_an_import_onto_a_full_disk_changes_nothing(plan, survey):
    before = digest(plan)
    result = with_fault("full", str(plan), "survey", "import", str(plan), str(survey), "--wave", "Spring 2027")
    one_sentence(result, "The disk holding district plan.wellplan is full", "nothing was changed")
    assert digest(plan) == before
    assert not journal_path_for(plan).exists() and _leftovers(plan.parent, plan) == []
    # And the plan is fine afterwards: every command still reads it.
    assert wellplan("check", str(plan)).returncode == 0


def test_a_report_whose_release_cant_be_recorded_leaves_no_file(plan, tmp_path):
    wellplan("survey", "headcounts", str(plan), "--wave", "Fall 2026", "--roster")  # warm nothing; read only
    before = digest(plan)
    out = tmp_path / "report.csv"
    result = with_fault("full", str(plan), "survey", "report", str(plan), "--by",
                        "Which best describes your position?", "--out", str(out))
    one_sentence(result, "is full", "nothing was changed")
    assert digest(plan) == before and not out.exists()
    assert not journal_path_for(plan).exists()


def test_a_read_only_plan_is_told_plainly(plan, survey):
    before = digest(plan)
    result = with_fault("read-only", str(plan), "survey", "import", str(plan), str(survey), "--wave", "Spring 2027")
    one_sentence(result, "district plan.wellplan can't be changed", "read-only", "nothing was changed")
    assert digest(plan) == before and not journal_path_for(plan).exists()


def test_a_full_temporary_folder_is_named_as_such(plan, tmp_path):
    before = digest(plan)
    out = tmp_path / "team.pdf"
    result = with_fault("full", "snapshot-", "export", str(plan), "team", "--out", str(out))
    one_sentence(result, "temporary folder is full", "nothing was changed")
    assert digest(plan) == before and not out.exists()


def test_failures_are_recognised_by_code_through_sqlalchemy(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as con:
        con.execute(text("CREATE TABLE t (x)"))
    with engine.connect() as con:
        con.execute(text("PRAGMA query_only = ON"))
        with pytest.raises(OperationalError) as wrapped:
            con.execute(text("INSERT INTO t VALUES (1)"))
    assert failure_of(wrapped.value).kind == "read-only"
    raw = sqlite3.connect(tmp_path / "y.db")
    raw.execute("CREATE TABLE t (x)")
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as full:
        raw.execute("INSERT INTO t VALUES (zeroblob(100000))")
    raw.close()
    assert explain(full.value, Place.PLAN, Path("p.wellplan")).startswith("The disk holding p.wellplan is full")
    nospace = OSError(errno.ENOSPC, "No space left on device")
    assert failure_of(nospace).kind == "full"
    assert failure_of(OSError(errno.EROFS, "Read-only file system")).kind == "read-only"
    assert failure_of(ValueError("no")) is None


# A real small filesystem ------------------------------------------------------------------------
def _mount(folder: Path, size: str = "3m", read_only: bool = False) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root; the injected tests above cover the same cases")
    folder.mkdir(exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this machine can't mount a small filesystem ({result.stderr.strip()})")


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "small disk"
    _mount(folder)
    yield folder
    _unmount(folder)


def _fill(folder: Path) -> None:
    """Fill the disk to the last byte."""
    with (folder / "filler").open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        for size in (4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                pass


def test_a_real_full_disk(small_disk, sample_file, survey, tmp_path):
    plan = small_disk / "district plan.wellplan"
    shutil.copy(sample_file, plan)
    _fill(small_disk)
    before = digest(plan)
    one_sentence(wellplan("survey", "import", str(plan), str(survey), "--wave", "Spring 2027"),
                 "The disk holding district plan.wellplan is full", "nothing was changed")
    one_sentence(wellplan("export", str(plan), "plan", "--out", str(small_disk / "plan.pdf")),
                 "The disk holding plan.pdf is full", "nothing was written")
    one_sentence(wellplan("sample", str(small_disk / "another.wellplan")), "another.wellplan", "is full",
                 "no plan was made")
    assert digest(plan) == before
    assert _leftovers(small_disk, plan) == [] and not (small_disk / "plan.pdf").exists()
    assert not list(small_disk.glob(".another*")) and not (small_disk / "another.wellplan").exists()
    # Free some space, as the message says, and the same import works.
    (small_disk / "filler").unlink()
    assert wellplan("survey", "import", str(plan), str(survey), "--wave", "Spring 2027").returncode == 0


def test_a_real_read_only_disk(tmp_path, sample_file, survey):
    folder = tmp_path / "read-only disk"
    _mount(folder)
    plan = folder / "district plan.wellplan"
    shutil.copy(sample_file, plan)
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    try:
        before = digest(plan)
        one_sentence(wellplan("survey", "import", str(plan), str(survey), "--wave", "Spring 2027"),
                     "can't be changed", "read-only")
        # Reading and printing work from a read-only disk; the plan itself is never written.
        result = wellplan("export", str(plan), "team", "--out", str(tmp_path / "team.pdf"))
        assert result.returncode == 0, result.stderr
        assert digest(plan) == before
    finally:
        _unmount(folder)
