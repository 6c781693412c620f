"""The window stays light: closed dialogs go away and stop listening to the plan, background tasks
leave no progress dialog behind, and slow reads of the plan or a file run off the window's thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from gui.action_plan.breaks_dialog import BreaksDialog
from gui.data.domains_dialog import DomainsDialog
from gui.plan_context import DATA, OBJECTIVES, READINESS
from gui.readiness.instruments_dialog import InstrumentListModel

OPENINGS = 3


def _close_the_dialog_when_it_shows() -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            QTimer.singleShot(10, close)

    QTimer.singleShot(0, close)


def _delete_what_was_closed() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _count_calls(monkeypatch, cls, name: str) -> list:
    calls: list = []
    original = getattr(cls, name)

    def counting(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counting)
    return calls


@pytest.mark.parametrize(("tab_key", "opener", "cls", "method", "topic"), [
    ("readiness", "manage_instruments", InstrumentListModel, "reload", READINESS),
    ("data", "edit_domains", DomainsDialog, "refresh", DATA),
    ("action_plan", "edit_breaks", BreaksDialog, "refresh", OBJECTIVES),
    ("priorities", "edit_settings", None, None, None),
])
def test_closed_dialogs_are_deleted_and_stop_listening(qtbot, window, monkeypatch, tab_key, opener, cls, method,
                                                       topic):
    tab = window.tab(tab_key)
    qtbot.waitUntil(lambda: not getattr(tab, "reading", False), timeout=20000)
    calls = _count_calls(monkeypatch, cls, method) if cls is not None else []
    for _ in range(OPENINGS):
        _close_the_dialog_when_it_shows()
        getattr(tab, opener)()
    _delete_what_was_closed()
    assert window.findChildren(QDialog) == []
    if topic is not None:
        before = len(calls)
        window.context.changed.emit(frozenset({topic}))
        assert len(calls) == before, "a closed dialog still re-reads the plan on every change"


def test_window_dialogs_are_deleted_when_closed(window):
    for opener in (window.show_preferences, window.show_user_guide):
        for _ in range(OPENINGS):
            _close_the_dialog_when_it_shows()
            opener()
    _delete_what_was_closed()
    assert window.findChildren(QDialog) == []


def _background_reads_done(qtbot) -> None:
    """The window's own reads (the Overview's steps, read when the plan opened) have finished."""
    from PySide6.QtCore import QThreadPool

    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=20000)
    _delete_what_was_closed()


def test_a_background_task_leaves_no_progress_dialog(qtbot, window, tmp_path):
    _background_reads_done(qtbot)
    for n in range(2):
        task = window.start_export("team", tmp_path / f"team{n}.pdf")
        qtbot.waitUntil(lambda task=task: not task.running, timeout=20000)
        window.last_export_box.close()
    _delete_what_was_closed()
    assert window.findChildren(QProgressDialog) == []
    assert window.findChildren(QDialog) == []


def test_a_cancelled_task_leaves_no_progress_dialog(qtbot, window, tmp_path):
    _background_reads_done(qtbot)
    task = window.start_export("team", tmp_path / "team.pdf")
    task.cancel()
    _delete_what_was_closed()
    assert window.findChildren(QProgressDialog) == []


def test_opening_a_plan_leaves_the_window_drawing(qtbot, qt_settings, sample_plan):
    from gui.main_window import MainWindow

    path = sample_plan.path
    sample_plan.close()
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(0)
    assert window.open_plan_path(path)
    timer.stop()
    assert ticks, "the window's thread was held for the whole open"
    assert window.context is not None
    window.close()


def test_the_data_tab_reads_each_wave_once_until_the_survey_data_changes(qtbot, window, monkeypatch):
    from gui.data import data_tab as data_tab_module

    window.show_tab("data")
    tab = window.tab("data")
    qtbot.waitUntil(lambda: tab.isVisible() and not tab.reading, timeout=20000)
    reads: list[str] = []
    original = data_tab_module.load_wave
    monkeypatch.setattr(data_tab_module, "load_wave", lambda s, label: reads.append(label) or original(s, label))
    for row in (0, 1, 0, 1):
        tab.waves_view.selectRow(row % tab.waves_model.rowCount())
        qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert reads == []  # already read when the tab was built
    window.context.changed.emit(frozenset({DATA}))
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == tab.waves_model.rowCount()


def test_the_data_tab_reads_a_wave_off_the_windows_thread(qtbot, window, monkeypatch):
    # A wave is every answer of a survey: while it is read, the window keeps drawing.
    import threading

    from gui.data import data_tab as data_tab_module

    window.show_tab("data")
    tab = window.tab("data")
    qtbot.waitUntil(lambda: tab.isVisible() and not tab.reading, timeout=20000)
    threads: list[threading.Thread] = []
    original = data_tab_module.load_wave
    monkeypatch.setattr(data_tab_module, "load_wave",
                        lambda s, label: threads.append(threading.current_thread()) or original(s, label))
    window.context.changed.emit(frozenset({DATA}))
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert threads and threading.main_thread() not in threads
    assert tab.results_page.report is not None  # and its results arrived


def test_the_data_tab_built_ahead_reads_its_survey_when_it_is_first_shown(qtbot, window, monkeypatch):
    # Built ahead of its first visit (gui.tab_prebuilder) or behind another tab when the survey data
    # changes, the tab reads nothing: the read and its audit are seconds of Python, and the window's
    # thread shares Python with them while the person works on another tab.
    from gui.data import data_tab as data_tab_module

    reads: list[str] = []
    original = data_tab_module.load_wave
    monkeypatch.setattr(data_tab_module, "load_wave", lambda s, label: reads.append(label) or original(s, label))
    tab = window.tab("data")  # built, not shown
    window.context.changed.emit(frozenset({DATA}))
    qtbot.wait(200)
    assert reads == [] and not tab.reading and tab.results_page.report is None
    window.show_tab("data")
    assert "Reading the answers of" in tab.results_page.note.text()  # not a blank page meanwhile
    qtbot.waitUntil(lambda: tab.isVisible() and not tab.reading and tab.results_page.report is not None,
                    timeout=20000)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == tab.waves_model.rowCount()
