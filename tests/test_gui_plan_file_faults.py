"""The window when the disk or the file fails it: one sentence, the field back to what the file
holds, and for a file that went away, Save a copy of what the window holds, then carry on in it."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import event

from gui import error_dialog
from gui.main_window import MainWindow
from services import district_profile
from services.plan.plan_lock import lock_path_for
from tests.cli_run import digest
from tests.conftest import FIXTURES


def type_district_name(qtbot, window, name: str) -> None:
    field = window.tab("overview").profile_form.name_edit
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, name)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def answer_next_box(qtbot, button_text: str, seen: list[str]) -> None:
    """Press ``button_text`` in the next message box to open (they run their own event loop)."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, press)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        button.click()

    QTimer.singleShot(0, press)


def test_a_read_only_plan_refuses_the_edit_in_one_sentence(qtbot, window):
    plan = window.context.plan
    before = digest(plan.path)

    def read_only(dbapi_connection, _record):  # SQLite's own SQLITE_READONLY
        dbapi_connection.set_authorizer(None)
        dbapi_connection.execute("PRAGMA query_only = ON")

    event.listen(plan.engine, "connect", read_only)
    plan.engine.dispose()
    type_district_name(qtbot, window, "Riverside Unified")
    box = window.findChild(QMessageBox, "rejectedEdit")
    assert box is not None and box.text().startswith("sample.wellplan can't be changed because the file or its "
                                                     "folder is read-only"), box.text()
    # The field shows what the file holds again, and the file is as it was.
    assert window.tab("overview").profile_form.name_edit.text() == "Maple Hollow School District"
    assert digest(plan.path) == before


def test_a_real_full_disk_refuses_the_edit_in_one_sentence(qtbot, qt_settings, sample_file, tmp_path):
    from tests.test_plan_storage import _fill, _mount, _unmount

    disk = tmp_path / "small disk"
    _mount(disk)
    try:
        path = disk / "plan.wellplan"
        shutil.copy(sample_file, path)
        win = MainWindow(qt_settings)
        qtbot.addWidget(win)
        assert win.open_plan_path(path)
        _fill(disk)
        before = digest(path)
        type_district_name(qtbot, win, "Riverside Unified")
        box = win.findChild(QMessageBox, "rejectedEdit")
        assert box is not None and box.text() == ("The disk holding plan.wellplan is full: free some space and try "
                                                  "again; nothing was changed."), box.text()
        assert digest(path) == before and not (disk / "plan.wellplan-journal").exists()
        win.close()
    finally:
        _unmount(disk)


def test_a_plan_deleted_while_open_offers_save_a_copy_and_carries_on_there(qtbot, window, tmp_path, monkeypatch):
    path = window.context.plan.path
    type_district_name(qtbot, window, "Riverside Unified")
    path.unlink()
    rescued = tmp_path / "rescued.wellplan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(rescued), "")))
    seen: list[str] = []
    answer_next_box(qtbot, "Save a copy...", seen)
    type_district_name(qtbot, window, "Lost Edit District")
    assert "was deleted, renamed or moved while it was open" in seen[0]
    assert "safe" not in seen[0]
    assert not path.exists()
    # The window now works on the copy, which holds everything up to the last saved change.
    assert window.context.plan.path == rescued
    assert window.context.read(district_profile.get_profile).name == "Riverside Unified"
    type_district_name(qtbot, window, "Carrying On District")
    assert window.context.read(district_profile.get_profile).name == "Carrying On District"


def test_a_plan_written_over_by_another_district_is_left_alone(qtbot, window, tmp_path, monkeypatch):
    path = window.context.plan.path
    other = tmp_path / "other.wellplan"
    shutil.copy(FIXTURES / "plan-v7.wellplan", other)
    type_district_name(qtbot, window, "Riverside Unified")
    with path.open("r+b") as f:
        f.write(other.read_bytes())
        f.truncate()
    theirs = digest(path)
    seen: list[str] = []
    answer_next_box(qtbot, "Close the plan", seen)
    type_district_name(qtbot, window, "Edit Meant For Riverside")
    assert "Another program wrote over sample.wellplan" in seen[0]
    assert digest(path) == theirs  # not one byte of ours went into their file
    assert window.context is None


def test_a_lock_from_another_computer_can_be_opened_anyway(qtbot, qt_settings, sample_plan):
    path = sample_plan.path
    sample_plan.close()
    lock_path_for(path).write_text(json.dumps({"user": "pat", "host": "FRONT-OFFICE-PC", "pid": 4242,
                                               "opened_at": "2026-11-03T09:15:00"}))
    win = MainWindow(qt_settings)
    qtbot.addWidget(win)
    seen: list[str] = []
    answer_next_box(qtbot, "Cancel", seen)
    assert not win.open_plan_path(path)
    assert "pat on computer FRONT-OFFICE-PC (since 2026-11-03 09:15)" in seen[0]
    answer_next_box(qtbot, "Open anyway", seen)
    assert win.open_plan_path(path)
    assert win.context is not None
    win.close()


def test_code_in_a_plan_is_removed_only_with_consent(qtbot, qt_settings, tmp_path):
    path = tmp_path / "trigger.wellplan"
    shutil.copy(FIXTURES / "hostile-schema" / "trigger.wellplan", path)
    before = digest(path)
    win = MainWindow(qt_settings)
    qtbot.addWidget(win)
    seen: list[str] = []
    answer_next_box(qtbot, "Cancel", seen)
    assert not win.open_plan_path(path)
    assert "holds a database trigger ('keep_fresh')" in seen[0] and digest(path) == before
    answer_next_box(qtbot, "Remove them and open", seen)
    assert win.open_plan_path(path)
    assert len(list(tmp_path.glob("trigger (before repair, *).wellplan"))) == 1
    win.close()


def test_unexpected_disk_errors_show_plain_words_with_details(qtbot, window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(error_dialog, "show_error", lambda parent, summary, details="": shown.append((summary, details)))
    error_dialog.install_excepthook()
    con = sqlite3.connect(tmp_path / "x.db")
    con.execute("CREATE TABLE t (x)")
    con.execute(f"PRAGMA max_page_count = {con.execute('PRAGMA page_count').fetchone()[0]}")
    try:
        con.execute("INSERT INTO t VALUES (zeroblob(100000))")
    except sqlite3.OperationalError:
        sys.excepthook(*sys.exc_info())
    assert shown[0][0].startswith("The disk holding the file is full")
    assert "OperationalError" in shown[0][1]
