"""The Data tab's "Save results as CSV..." as a person uses it: the window asks where, audits and
writes the file off the window's thread with a progress dialog that can cancel, and records the
release in the plan's ledger with the file. Cancelled at any point, no file (whole, partial or
staged) and no ledger entry is left; the same button then saves it."""

from __future__ import annotations

import csv
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from services.data import survey_report_csv
from services.data.release_ledger import list_releases
from services.data.survey_import import prepare_wave, propose, read_for_import, store_wave
from tests.gui_windows import open_window
from tests.test_gui_cancel_tasks import (
    Hold,
    deliver_queued,
    export_to,
    press_cancel,
    visible_progress,
    wait_for_workers,
)
from tests.test_gui_data import data_tab, settled
from tests.test_gui_team import click_action
from tests.test_survey_files import two_attribute_survey

ROLE, SITE = "What is your role?", "Which site?"


@pytest.fixture
def window(qtbot, qt_settings, empty_plan):
    """The window over a new plan with one small survey wave of two attributes (the sample's
    cross-tabs take long to audit)."""
    survey = two_attribute_survey(empty_plan.path.parent / "sites pulse.csv")
    with empty_plan.transaction() as s:
        proposal = propose(s, read_for_import(survey))
        store_wave(s, prepare_wave(proposal.source, proposal.choices), "Sites pulse")
    return open_window(qtbot, qt_settings, empty_plan)


@pytest.fixture
def hold():
    held = Hold()
    yield held
    held.release()  # a failed test must not leave a worker waiting


def choose(qtbot, tab, combo, label: str) -> None:
    combo.setCurrentIndex(combo.findText(label))
    combo.activated.emit(combo.currentIndex())
    settled(qtbot, tab)


def read_csv(path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_save_results_as_csv_writes_in_the_background_and_records_one_release(qtbot, window, tmp_path,
                                                                                monkeypatch):
    tab = data_tab(qtbot, window)
    wave = tab.selected_wave().label
    choose(qtbot, tab, tab.results_page.by, ROLE)  # a cross-tab, as chosen on the results page
    choose(qtbot, tab, tab.results_page.then_by, SITE)
    out = tmp_path / "exports" / "role and site.csv"
    out.parent.mkdir()
    export_to(monkeypatch, out)
    releases_before = window.context.read(list_releases)
    threads: list[threading.Thread] = []
    real_write = survey_report_csv.write_report_csv
    monkeypatch.setattr(survey_report_csv, "write_report_csv",
                        lambda *a, **k: threads.append(threading.current_thread()) or real_write(*a, **k))

    click_action(qtbot, tab, tab.csv_action)
    task = window.active_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert threads and threading.main_thread() not in threads, "the CSV was written on the window's thread"
    assert [p.name for p in out.parent.iterdir()] == ["role and site.csv"]  # nothing staged is left
    rows = read_csv(out)
    assert {r["group"] for r in rows} == {"All respondents", "Teacher / North", "Teacher / South",
                                          "Bus driver / North", "Nurse / South"}
    # The three nurses are withheld, and the file withholds exactly what the screen did.
    assert all(r["suppressed"] == "true" and r["mean"] == "" for r in rows if r["group"] == "Nurse / South")
    shown = tab.results_page.report
    assert [r["suppressed"] == "true" for r in rows] == [not shown.cell(r["group"], r["measure"]).shown for r in rows]
    added = window.context.read(list_releases)[len(releases_before):]
    assert [r.description for r in added] == [f"survey report of {wave} by {ROLE} and {SITE}"]
    assert window.last_export_box.isVisible() and "The CSV file is ready" in window.last_export_box.text()
    window.last_export_box.close()


@pytest.mark.parametrize("moment", ["while auditing", "once written"])
def test_cancel_leaves_no_csv_and_no_release_then_the_same_button_saves(qtbot, window, tmp_path, hold,
                                                                         monkeypatch, moment):
    tab = data_tab(qtbot, window)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "results.csv"
    export_to(monkeypatch, out)
    releases_before = window.context.read(list_releases)
    outcomes: list[str] = []
    if moment == "while auditing":
        real_table = survey_report_csv.release_table

        def audit_then_hold(*args, **kwargs):
            table = real_table(*args, **kwargs)
            hold()
            return table

        monkeypatch.setattr(survey_report_csv, "release_table", audit_then_hold)
    else:
        real_write = survey_report_csv.write_report_csv

        def write_then_hold(*args, **kwargs):
            written = real_write(*args, **kwargs)
            outcomes.append("written")
            hold()
            return written

        monkeypatch.setattr(survey_report_csv, "write_report_csv", write_then_hold)

    click_action(qtbot, tab, tab.csv_action)
    task = window.active_task
    assert task is not None and task.running
    try:
        press_cancel(qtbot, task, hold)
        assert not task.running and visible_progress(window) == []
    finally:
        hold.release()
    wait_for_workers(qtbot)
    deliver_queued()  # what the stopped build sent must not reach the window
    assert outcomes == ([] if moment == "while auditing" else ["written"])
    assert sorted(p.name for p in folder.iterdir()) == [], "a cancelled CSV left a file behind"
    assert window.context.read(list_releases) == releases_before, "a cancelled CSV was recorded as released"
    assert window.findChildren(QMessageBox) == []  # no "the CSV file is ready", no error

    monkeypatch.undo()
    export_to(monkeypatch, out)
    click_action(qtbot, tab, tab.csv_action)
    task = window.active_task
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert [p.name for p in folder.iterdir()] == ["results.csv"]
    assert len(window.context.read(list_releases)) == len(releases_before) + 1
    window.last_export_box.close()
