"""Long work's progress dialog, as a person meets it: it appears once the work has run a moment,
and when the work ends the window it covered has the keys again, with the focus where it was, so
typing goes on without a click (Qt's offscreen platform, like some window managers, does not hand
the keys back by itself; before this the table a person was typing into stayed deaf)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLineEdit, QMainWindow

from gui.workers import Task


def test_the_window_has_the_keys_back_when_long_work_ends(qtbot, qt_settings):
    window = QMainWindow()
    field = QLineEdit()
    window.setCentralWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)

    go_on = threading.Event()
    results: list = []
    task = Task(window, "Working...", lambda progress, cancelled: go_on.wait(10) and "done",
                results.append, lambda exc, details: results.append(exc))
    task.start()
    qtbot.waitUntil(lambda: task.dialog.isVisible() and task.dialog.isActiveWindow(), timeout=5000)
    assert not field.hasFocus()  # the dialog has the keys while the work runs

    go_on.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClicks(field, "after")
    assert field.hasFocus() and field.text() == "after"


def test_a_result_already_on_its_way_when_cancel_is_pressed_is_not_delivered(qtbot, qt_settings):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    delivered: list = []
    task = Task(owner, "Reading...", lambda progress, cancelled: "rows", delivered.append,
                lambda exc, details: delivered.append(exc))
    task.start()
    assert QThreadPool.globalInstance().waitForDone(5000)  # the result is queued for the window's thread
    task.cancel()
    qtbot.wait(50)  # the queued result arrives now, if at all
    assert delivered == []
