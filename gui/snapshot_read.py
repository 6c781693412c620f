"""A view's reads of the whole plan, off the window's thread.

A view that must read a lot (every answer of a survey wave, an audit against everything released)
asks a ``SnapshotRead``: the read runs in a background ``Task`` on a read-only snapshot of the
plan (the plan is always saved, so the snapshot is what the window shows), one read per view at a
time: asking again cancels the read in flight, whose result is then never delivered. The window
keeps drawing; a read that takes longer than a moment shows the task's progress dialog, with
Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from gui.workers import Task


class SnapshotRead(QObject):
    """Reads of the plan ``plan()`` for one view; ``settled`` fires when none is running."""

    settled = Signal()

    def __init__(self, view: QWidget, plan: Callable[[], Any]):
        super().__init__(view)
        self._view = view
        self._plan = plan  # the open plan (a plan file or a plan on a server), when a read starts
        self._task: Task | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(self, label: str, read: Callable[[Session], Any], done: Callable[[Any], None],
              failed: Callable[[str], None], cancelled: Callable[[], None] | None = None) -> None:
        """Run ``read(session)`` in the background, then ``done(result)`` on the window's thread;
        ``failed(message)`` if it raised, ``cancelled()`` if the person pressed Cancel."""
        from services.plan.record_versions import remembering

        self.cancel()
        plan = self._plan()

        def work(progress, cancelled):  # noqa: ARG001 (a read is dropped, not stopped, when cancelled)
            progress(0, 0)
            snapshot = plan.snapshot()
            try:
                # (On a server, what the planner saw is remembered, for their next edit.)
                with snapshot.transaction() as session, remembering(snapshot.seen, session):
                    return read(session)
            finally:
                snapshot.close()

        def finish(outcome: Callable[[], None]) -> None:
            self._task = None
            outcome()
            if self._task is None:  # the outcome may have started the next read
                self.settled.emit()

        task = Task(self._view, label, work, lambda result: finish(lambda: done(result)),
                    lambda exc, _details: finish(lambda: failed(str(exc))))
        task.cancelled.connect(lambda: finish(cancelled or (lambda: None)) if self._task is task else None)
        self._task = task
        task.start()

    def cancel(self) -> None:
        """Forget the read in flight (its result is dropped); nothing happens if none is."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
