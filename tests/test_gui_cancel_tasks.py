"""Cancel pressed on the progress dialog of long work, as a person would press it: the survey
import wizard (reading the file, checking every answer) and an export from the File menu. The work
stops, the plan stays byte-for-byte as it was, no file (whole, partial or staged) is left behind,
and the same import or export then runs to the end.

The background work is held at one point until Cancel has been clicked: a file big enough to take
"long enough" would make these tests slow on a fast machine and flaky on a slow one. Only the
timing is changed; the work itself, its checks of ``cancelled()`` and the window are the real ones.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWizard

from gui.data import import_wizard
from services.data import survey_waves
from services.data.release_ledger import list_releases
from services.data.survey_import import prepare_wave, read_for_import
from services.errors import Cancelled
from services.reports import registry, survey_summary
from tests.cli_run import digest
from tests.gui_windows import add_small_wave, open_window
from tests.pdf_text import pdf_text
from tests.test_cli_survey import staff_rows
from tests.test_gui_data import click_next, data_tab, open_wizard
from tests.test_survey_files import _csv

HOLD_TIMEOUT_S = 10
ROLES = ("Teacher",) * 7 + ("Bus driver",) * 6 + ("Nurse",) * 2


class Hold:
    """Where the background work waits until the test lets it go on (after pressing Cancel)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self._released = threading.Event()

    def __call__(self) -> None:  # on the worker's thread
        self.reached.set()
        assert self._released.wait(HOLD_TIMEOUT_S), "the test never let the held work go on"

    def release(self) -> None:
        self._released.set()


@pytest.fixture
def hold():
    held = Hold()
    yield held
    held.release()  # a failed test must not leave a worker waiting


@pytest.fixture
def window(qtbot, qt_settings, empty_plan):
    """The window over a new plan with one small survey wave (the sample takes seconds to build)."""
    add_small_wave(empty_plan, ROLES)
    return open_window(qtbot, qt_settings, empty_plan)


def press_cancel(qtbot, task, held: Hold) -> None:
    """Once the work is held, wait for its progress dialog to appear (it does after
    PROGRESS_DELAY_MS), then click Cancel."""
    qtbot.waitUntil(held.reached.is_set, timeout=10000)
    qtbot.waitUntil(task.dialog.isVisible, timeout=5000)
    cancel = next(b for b in task.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)


def wait_for_workers(qtbot) -> None:
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=10000)


def deliver_queued() -> None:
    """Deliver every signal a worker queued for the window's thread."""
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def visible_progress(window) -> list[QProgressDialog]:
    return [d for d in window.findChildren(QProgressDialog) if d.isVisible()]


def waves(window) -> list[tuple[str, int]]:
    return [(w.label, w.respondent_count) for w in window.context.read(survey_waves.list_waves)]


def test_cancel_while_the_wizard_reads_the_file_then_while_it_checks_the_answers(qtbot, window, tmp_path, hold,
                                                                                   monkeypatch):
    survey = tmp_path / "spring pulse.csv"
    survey.write_text(_csv(staff_rows(("Custodian",) * 9 + ("Teacher",) * 8)), encoding="utf-8")
    tab = data_tab(qtbot, window)
    plan_before, waves_before = digest(window.context.plan.path), waves(window)

    # 1. Reading the file: held once it is read, Cancel is pressed, and the wizard stays on its first page.
    def read_then_hold(*args, **kwargs):
        source = read_for_import(*args, **kwargs)
        hold()
        return source

    monkeypatch.setattr(import_wizard, "read_for_import", read_then_hold)
    wizard = open_wizard(qtbot, tab, survey)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert not next_button.isEnabled()  # while the file is read
    press_cancel(qtbot, wizard.task, hold)
    hold.release()
    wait_for_workers(qtbot)
    deliver_queued()  # what the finished read sent must not reach the wizard (it was cancelled)
    assert wizard.currentPage() is wizard.file_page and wizard.source is None
    assert next_button.isEnabled() and visible_progress(window) == []

    # The same Next now reads the file and moves on.
    monkeypatch.setattr(import_wizard, "read_for_import", read_for_import)
    click_next(qtbot, wizard, wizard.columns_page)
    click_next(qtbot, wizard, wizard.wave_page)
    wizard.wave_page.label.selectAll()
    qtbot.keyClicks(wizard.wave_page.label, "Spring pulse")

    # 2. Checking every answer: held after the first column, Cancel pressed; the rest is never done.
    outcomes: list[str] = []
    checking = Hold()

    def prepare_and_hold(source, choices, *, progress=None, cancelled=None, **kwargs):
        def held_progress(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:
                checking()

        try:
            wave = prepare_wave(source, choices, progress=held_progress, cancelled=cancelled, **kwargs)
        except Cancelled:
            outcomes.append("stopped")
            raise
        outcomes.append("finished")
        return wave

    monkeypatch.setattr(import_wizard, "prepare_wave", prepare_and_hold)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    try:
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
        assert not finish.isEnabled()
        press_cancel(qtbot, wizard.task, checking)
    finally:
        checking.release()
    qtbot.waitUntil(lambda: outcomes != [], timeout=10000)
    wait_for_workers(qtbot)
    assert outcomes == ["stopped"], "the answers went on being checked after Cancel"
    assert wizard.isVisible() and wizard.currentPage() is wizard.wave_page and wizard.prepared is None
    assert finish.isEnabled() and visible_progress(window) == []
    assert waves(window) == waves_before and tab.waves_model.rowCount() == len(waves_before)
    assert digest(window.context.plan.path) == plan_before
    assert not window.context.undo_stack.canUndo()

    # 3. Finish again, left alone this time: the wave is stored.
    monkeypatch.setattr(import_wizard, "prepare_wave", prepare_wave)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.waves_model.rowCount() == len(waves_before) + 1, timeout=10000)
    assert ("Spring pulse", 17) in waves(window) and tab.selected_wave().label == "Spring pulse"
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importSummary") is not None)
    window.findChild(QMessageBox, "importSummary").accept()


def export_to(monkeypatch, path: Path) -> None:
    """The save dialog answers with ``path``, as if the person had typed it there."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


@pytest.mark.parametrize(("kind", "expected_text"), [
    ("team", "Planning team"),
    ("survey-summary", "Staff survey results: Fall pulse"),
])
def test_cancel_an_export_from_the_file_menu_then_export_again(qtbot, window, tmp_path, hold, monkeypatch, kind,
                                                               expected_text):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "export.pdf"
    export_to(monkeypatch, out)
    plan_before = digest(window.context.plan.path)
    releases_before = window.context.read(list_releases)
    outcomes: list[str] = []

    def export_held_at_start(*args, **kwargs):
        hold()
        try:
            written = original_export(*args, **kwargs)
        except Cancelled:
            outcomes.append("stopped")
            raise
        outcomes.append("finished")
        return written

    original_export = registry.export
    monkeypatch.setattr(registry, "export", export_held_at_start)
    window.export_actions[kind].trigger()
    task = window.active_task
    assert task is not None and task.running
    try:
        press_cancel(qtbot, task, hold)
        assert not task.running and visible_progress(window) == []
    finally:
        hold.release()
    qtbot.waitUntil(lambda: outcomes != [], timeout=10000)
    wait_for_workers(qtbot)
    deliver_queued()  # what the stopped export sent must not reach the window
    assert outcomes == ["stopped"], "the export went on after Cancel"
    assert sorted(p.name for p in folder.iterdir()) == [], "a cancelled export left a file behind"
    assert digest(window.context.plan.path) == plan_before
    assert window.context.read(list_releases) == releases_before
    assert window.findChildren(QMessageBox) == []  # no "the PDF is ready", no error

    # The same menu item, left alone: the file is written (and a survey summary is in the ledger).
    monkeypatch.setattr(registry, "export", original_export)
    window.export_actions[kind].trigger()
    task = window.active_task
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert [p.name for p in folder.iterdir()] == ["export.pdf"]
    assert expected_text in pdf_text(out)
    added = len(window.context.read(list_releases)) - len(releases_before)
    assert added == (1 if kind == "survey-summary" else 0)
    assert window.last_export_box.isVisible()
    window.last_export_box.close()


def test_cancel_just_after_the_survey_summary_is_written_leaves_no_file(qtbot, window, tmp_path, hold, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    export_to(monkeypatch, folder / "Staff survey results.pdf")
    releases_before = window.context.read(list_releases)
    original_build_pdf = survey_summary.build_pdf

    def build_then_hold(*args, **kwargs):
        written = original_build_pdf(*args, **kwargs)
        hold()
        return written

    monkeypatch.setattr(survey_summary, "build_pdf", build_then_hold)
    window.export_actions["survey-summary"].trigger()
    task = window.active_task
    try:
        press_cancel(qtbot, task, hold)
    finally:
        hold.release()
    wait_for_workers(qtbot)
    assert window.context.read(list_releases) == releases_before
    assert sorted(p.name for p in folder.iterdir()) == [], "a cancelled export left a file behind"
