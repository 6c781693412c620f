"""Garbage collection waits while the window's code loads, then that code is frozen
(gui.collection_pause): the walk found full collections of 60-130 ms, every thread stopped, as a
plan opened and the tabs' code loaded."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QMessageBox

from gui import collection_pause
from gui.main_window import MainWindow


@pytest.fixture
def fresh_process(monkeypatch):
    """The module as in a process that has loaded nothing yet; collection as it was afterwards."""
    monkeypatch.setattr(collection_pause, "_pauses", 0)
    monkeypatch.setattr(collection_pause, "_code_frozen", False)
    monkeypatch.setattr(collection_pause, "_plan_frozen", False)
    was, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()
    gc.set_threshold(*thresholds)


def test_collection_waits_for_the_last_loader_then_what_loaded_is_frozen(fresh_process):
    opening = collection_pause.pause_collection()
    tabs_code = collection_pause.pause_collection()
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    opening.end()
    opening.end()  # (twice: nothing more)
    assert not gc.isenabled()  # the tabs' code is still loading
    loaded = [[n] for n in range(1000)]  # what it loads
    young, middle, _full = gc.get_threshold()
    tabs_code.end(code_loaded=True)
    assert gc.isenabled()
    # With the code frozen, full passes come less often (a district's export had two of 56-136 ms).
    assert gc.get_threshold() == (young, middle, collection_pause.FULL_PASS_AFTER)
    assert gc.get_freeze_count() >= frozen + len(loaded)
    # Once the code is loaded, a plan opened later makes garbage to collect: nothing waits.
    later = collection_pause.pause_collection()
    assert gc.isenabled()
    later.end()
    assert gc.isenabled()


def test_collection_turned_off_before_stays_off(fresh_process):
    gc.disable()
    pause = collection_pause.pause_collection()
    pause.end(code_loaded=True)
    assert not gc.isenabled()


def test_opening_a_plan_holds_collection_until_the_tabs_code_is_loaded(qtbot, qt_settings, built_sample,
                                                                      tmp_path, fresh_process):
    import shutil

    path = tmp_path / "sample.wellplan"
    shutil.copy(built_sample, path)
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    opened = []
    window.begin_open(path, opened.append)
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: opened == [True], timeout=30000)
    assert not gc.isenabled()  # the tabs' code loads next
    qtbot.waitUntil(gc.isenabled, timeout=60000)
    assert collection_pause._code_frozen


def test_a_refused_plan_resumes_collection_before_it_says_so(qtbot, qt_settings, tmp_path, monkeypatch,
                                                            fresh_process):
    bad = tmp_path / "photo.wellplan"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    collecting_when_told = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda *_a: collecting_when_told.append(gc.isenabled())))
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    assert not window.open_plan_path(bad)
    assert collecting_when_told == [True]
    assert not collection_pause._code_frozen  # the tabs' code is still to load, with collection held


class _Cycle:
    """Garbage only a collection finds: it refers to itself."""


@pytest.mark.tabs_built_ahead
def test_a_plans_built_tabs_are_left_out_of_collections_until_it_closes(qtbot, qt_settings, sample_plan,
                                                                       fresh_process):
    import weakref

    from gui.tabs import TABS
    from tests.gui_windows import open_window

    window = open_window(qtbot, qt_settings, sample_plan)
    held = _Cycle()
    held.me = held  # made while the tabs are built: frozen with them
    gone = weakref.ref(held)
    qtbot.waitUntil(lambda: len(window.tab_widgets) == len(TABS) and not window.prebuilder.running, timeout=30000)
    del held
    gc.collect()
    assert gone() is not None  # frozen: no collection looks at it while the plan is open
    window.close_plan()
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)  # collected once the plan has closed
