"""File > New plan... as a person uses it: the plan file is made off the window's thread (the
window keeps drawing meanwhile), then opens on the Overview with the district's name ready to
type; a folder that can't be written is explained in one sentence."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.main_window import MainWindow
from services import district_profile

WAIT_S = 5


def name_the_new_plan(monkeypatch, path) -> None:
    """The save dialog answers with ``path``, as if the person had typed it there."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


@pytest.fixture
def welcome_window(qtbot, qt_settings):
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_the_window_keeps_drawing_while_a_new_plan_is_made(qtbot, welcome_window, tmp_path, monkeypatch):
    window = welcome_window
    name_the_new_plan(monkeypatch, tmp_path / "Lakeside")
    making = threading.Event()  # the plan file is being made
    drew = threading.Event()  # the window's thread went round its loop meanwhile
    threads: list[threading.Thread] = []
    waited: list[bool] = []
    from services.plan import plan_file  # the window imports create_plan from there when it makes a plan

    real_create = plan_file.create_plan

    def create_while_the_window_draws(*args, **kwargs):
        threads.append(threading.current_thread())
        making.set()
        # Made on the window's thread, this wait holds the window and times out: nothing draws.
        waited.append(drew.wait(WAIT_S))
        return real_create(*args, **kwargs)

    monkeypatch.setattr(plan_file, "create_plan", create_while_the_window_draws)
    timer = QTimer()
    timer.timeout.connect(lambda: drew.set() if making.is_set() else None)
    timer.start(0)
    try:
        window.new_action.trigger()
        qtbot.waitUntil(lambda: window.context is not None, timeout=20000)
    finally:
        timer.stop()
    assert waited == [True], "the window's thread was held while the plan was made"
    assert threads and threading.main_thread() not in threads
    assert window.context.plan.path == tmp_path / "Lakeside.wellplan"


def test_a_new_plan_opens_with_the_district_name_ready_to_type(qtbot, welcome_window, tmp_path, monkeypatch):
    window = welcome_window
    name_the_new_plan(monkeypatch, tmp_path / "Lakeside")
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20000)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Overview"
    field = window.tab("overview").profile_form.name_edit
    qtbot.waitUntil(lambda: window.focusWidget() is field)
    # The person just types: the keys go wherever the window's focus is.
    qtbot.keyClicks(window.focusWidget(), "Lakeside Unified")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.context.read(district_profile.get_profile).name == "Lakeside Unified"
    assert window.windowTitle().startswith("Lakeside Unified \u2014 Lakeside.wellplan")


def test_a_place_that_cant_hold_a_plan_is_explained_and_the_welcome_stays(qtbot, welcome_window, tmp_path,
                                                                          monkeypatch):
    window = welcome_window
    not_a_folder = tmp_path / "notes.txt"  # typed as if it were a folder
    not_a_folder.write_text("minutes", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    name_the_new_plan(monkeypatch, not_a_folder / "Lakeside")
    window.new_action.trigger()
    qtbot.waitUntil(lambda: shown != [], timeout=20000)
    assert len(shown) == 1 and "notes.txt" in shown[0] and "Error" not in shown[0], shown
    assert window.context is None and window.stack.currentWidget() is window.welcome
    assert not_a_folder.read_text(encoding="utf-8") == "minutes"
    # and the window is free to make one somewhere else
    name_the_new_plan(monkeypatch, tmp_path / "Lakeside")
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20000)
