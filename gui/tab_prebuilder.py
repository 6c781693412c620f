"""The workspaces built ahead of their first visit, while the person reads the one in front.

A tab used to be built the first time it was shown: its widgets, its first reads and its first
layout, 100-600 ms between the click and the tab, at every first visit. Now, once a plan is open
and its code has loaded (``gui.workers.import_in_background``), the tabs not yet built are built
one at a time while the window is idle, each a step short enough not to hold the person up, with
a pause between steps for their clicks and keys. Then each is readied for its first showing, a step
each: its tables measure their cells now rather than as the tab is first shown (a first visit to
the Action plan spent 20-35 ms measuring). A first visit then only shows what is there.

Never while the person is in the middle of something: a menu or a dialog open, a mouse button
down, a drag. A tab built this way is hidden; work it starts in the background shows no progress
dialog (``gui.workers.Task``): nobody asked for it yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6 import QtCore  # not Qt: see gui.main_window (start-up loads only what it shows)
from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

_DONE = object()  # a tab's steps to its first showing have run out

# Between two builds: the person's clicks and keys of that moment are handled first.
PAUSE_MS = 100

# Off in the test suite (tests/conftest.py): each test builds the tab it uses when it uses it, and the
# prebuilder's own tests turn it back on.
enabled = True


class TabPrebuilder(QObject):
    """Builds the keys ``pending()`` gives, one per idle moment, with ``build(key)``, once ``ready()``
    (the tabs' code has loaded) is true; then, one per idle moment, readies each tab it built for
    its first showing with the steps ``prepare(key)`` gives (one step, one ``next``, per idle
    moment); stops when nothing is left, and calls ``done()``."""

    def __init__(self, pending: Callable[[], list[str]], build: Callable[[str], object],
                 ready: Callable[[], bool], parent: QObject | None = None,
                 prepare: Callable[[str], Iterator[None]] | None = None, done: Callable[[], object] | None = None):
        super().__init__(parent)
        self._done = done
        self._pending = pending
        self._build = build
        self._ready = ready
        self._prepare = prepare
        self._to_prepare: list[Iterator[None]] = []  # each built tab's steps (a generator runs none until asked)
        self._timer = QTimer(self)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        if enabled:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _step(self) -> None:
        if not (self._pending() or self._to_prepare):
            self._timer.stop()
            return
        if not (self._ready() and _person_idle()):
            return
        pending = self._pending()
        if pending:
            self._build(pending[0])
            if self._prepare is not None:
                self._to_prepare.append(iter(self._prepare(pending[0])))
        elif next(self._to_prepare[0], _DONE) is _DONE:
            self._to_prepare.pop(0)
        if not (self._pending() or self._to_prepare):
            self._timer.stop()
            if self._done is not None:
                self._done()


def _person_idle() -> bool:
    """Nothing of the person's is under way: no menu, dialog or drag, no button held, no background
    work running (a read they started, or one a tab built a moment ago started)."""
    app = QApplication.instance()
    return (app is not None and app.activePopupWidget() is None and app.activeModalWidget() is None
            and QApplication.mouseButtons() == QtCore.Qt.MouseButton.NoButton
            and QThreadPool.globalInstance().activeThreadCount() == 0)
