"""Long work off the UI thread: a plain function run in QThreadPool, with progress and Cancel.

The function never touches widgets; it gets ``progress(done, total)`` and ``cancelled()`` callables
and its result comes back through a signal. Cancelling disconnects first, so a stale result never
reaches the window (Orange's habit). The progress dialog appears only if the work takes longer
than ``PROGRESS_DELAY_MS`` (Anki's habit), so quick exports don't flash a dialog.
"""

from __future__ import annotations

import importlib
import logging
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from PySide6 import QtCore  # QtCore.Qt, not Qt: see gui.main_window
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from gui.collection_pause import CollectionPause, pause_collection

log = logging.getLogger("wellplan")
PROGRESS_DELAY_MS = 600


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, formatted traceback


def _disconnect(signals: _Signals) -> None:
    for signal in (signals.progress, signals.finished, signals.failed):
        try:
            signal.disconnect()
        except (RuntimeError, TypeError):
            pass


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, cancel_event: threading.Event):
        super().__init__()
        self._fn = fn
        self._signals = signals
        self._cancel = cancel_event

    def run(self) -> None:
        try:
            try:
                result = self._fn(progress=self._signals.progress.emit, cancelled=self._cancel.is_set)
            except BaseException as exc:  # reported to the window, never lost in the thread
                self._signals.failed.emit(exc, traceback.format_exc())
            else:
                self._signals.finished.emit(result)
        except RuntimeError:  # the window closed meanwhile and took the task with it: nobody to tell
            if not self._cancel.is_set():
                log.warning("a background task outlived its window:\n%s", traceback.format_exc())


class Task(QObject):
    """Run ``fn(progress=..., cancelled=...)`` in the pool; exactly one of the callbacks fires
    unless the person cancels, when ``cancelled`` is emitted instead."""

    cancelled = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
    ):
        super().__init__(parent)
        self._signals = _Signals()
        self._cancel = threading.Event()
        self._on_done = on_done
        self._on_error = on_error
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle("WellPlan")
        self.dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._signals.progress.connect(self._show_progress)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._runnable = _Runnable(fn, self._signals, self._cancel)
        self.running = False
        # A task goes with its parent (a tab closed with its plan): the work still running is
        # told to stop; its result goes nowhere (Qt disconnects a deleted task's slots).
        cancel = self._cancel
        self.destroyed.connect(lambda *_a: cancel.set())

    def start(self) -> None:
        self.running = True
        parent = self.dialog.parentWidget()
        if parent is not None and not parent.isVisible():
            # Work of a tab built ahead of its first visit (gui.tab_prebuilder): nobody asked for it
            # yet, so no dialog comes up over the tab they are reading.
            self.dialog.setMinimumDuration(2**31 - 1)
        self.dialog.setValue(0)
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        if not self.running:
            return
        self._cancel.set()
        self._disconnect()
        self._close()
        self.cancelled.emit()

    def _disconnect(self) -> None:
        _disconnect(self._signals)

    def _show_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _close(self) -> None:
        # The progress dialog is the window's child, not the task's: it goes with the task, or
        # every export would leave a hidden one behind for as long as the window lives.
        self.running = False  # from now on the dialog's Cancel (reset() may press it) does nothing
        was_shown = self.dialog.isVisible()
        self.dialog.reset()
        self.dialog.hide()
        # The person goes on typing where they were: the window the dialog covered takes the keys
        # back (not every window manager, nor Qt's offscreen platform, hands them back by itself;
        # the dialog may not even have been made active yet when a short task ends).
        owner = self.dialog.parentWidget()
        if (was_shown and owner is not None and owner.window().isVisible()
                and QApplication.activeWindow() in (None, self.dialog)):
            owner.window().activateWindow()
        self.dialog.deleteLater()
        self.deleteLater()  # deferred: after the signal being handled, and not at all if the parent went first

    def _finished(self, result: Any) -> None:
        # A result already on its way when Cancel was pressed still arrives (disconnecting does not
        # take back a queued call): a cancelled task delivers nothing, as its callers rely on.
        if self._cancel.is_set():
            return
        self._close()
        self._on_done(result)

    def _failed(self, exc: BaseException, details: str) -> None:
        if self._cancel.is_set():
            return
        log.error("background task failed:\n%s", details)
        self._close()
        self._on_error(exc, details)


def import_in_background(modules: Sequence[str], pause: CollectionPause | None = None,
                         then: Sequence[Callable[[], object]] = ()) -> threading.Thread:
    """Load ``modules`` (a workspace's code, say) on a thread of their own while the window is idle,
    so the first use of one doesn't load it on the window's thread: the Data tab's first build spent
    a second there, half of it importing pyqtgraph. Python's import lock makes the window wait for
    a module this thread is loading, never load it twice. Not in the pool: a person's export or
    read never queues behind it. Garbage collection waits meanwhile (``gui.collection_pause``;
    ``pause``, if the caller began one already), and what they load is frozen once they are.
    ``then``: work that readies what the window will need, done on the same thread afterwards."""
    pause = pause or pause_collection()

    def run() -> None:
        try:
            for name in modules:
                try:
                    importlib.import_module(name)
                except Exception:  # the window's own import of it, where it is needed, reports it
                    log.warning("could not load %s ahead of time:\n%s", name, traceback.format_exc())
            for work in then:
                try:
                    work()
                except Exception:  # the window's own use of it, where it is needed, reports it
                    log.warning("could not prepare ahead of time:\n%s", traceback.format_exc())
        finally:
            pause.end(code_loaded=True)

    thread = threading.Thread(target=run, name="wellplan-imports", daemon=True)
    thread.start()
    _importing.append(thread)
    return thread


_importing: list[threading.Thread] = []


def finish_background_imports(timeout_s: float = 60.0) -> None:
    """Wait for the threads loading modules ahead of time (a few seconds' work at most). Called as
    the process ends: Python stopping while a thread is still in the middle of loading a C extension
    (pandas, pyqtgraph, Qt's modules) can crash the process on its way out."""
    while _importing:
        _importing.pop().join(timeout_s)
