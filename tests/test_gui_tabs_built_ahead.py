"""The tabs are built while the person reads the Overview, one at a time, so a first visit only shows
what is there (gui.tab_prebuilder); never while a dialog is open; and a hidden tab's background work
puts up no progress dialog over the tab in front."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressDialog, QVBoxLayout, QWidget

from gui.tabs import TABS
from gui.workers import Task
from tests.gui_windows import open_window

pytestmark = pytest.mark.tabs_built_ahead


def test_every_tab_is_built_while_the_overview_stays_in_front(qtbot, qt_settings, sample_plan):
    window = open_window(qtbot, qt_settings, sample_plan)
    assert list(window.tab_widgets) == ["overview"]  # opening costs the tab shown, no more
    built_while_shown: list[str] = []
    window.tabs.currentChanged.connect(lambda i: built_while_shown.append(TABS[i].key))

    qtbot.waitUntil(lambda: len(window.tab_widgets) == len(TABS), timeout=30000)
    assert list(window.tab_widgets) == [spec.key for spec in TABS]  # in journey order
    assert window.tabs.currentIndex() == 0 and not built_while_shown  # the person stayed on the Overview
    qtbot.waitUntil(lambda: not window.prebuilder.running, timeout=30000)  # each then readied, one by one
    assert all(not w.isVisible() for key, w in window.tab_widgets.items() if key != "overview")


def test_a_tab_built_ahead_has_measured_its_tables_before_it_is_first_shown(qtbot, qt_settings, sample_plan,
                                                                            monkeypatch):
    # Measuring the cells on the first showing was 20-35 ms of a first visit to the Action plan.
    from gui.widgets.tables import PlanTableView

    window = open_window(qtbot, qt_settings, sample_plan)
    qtbot.waitUntil(lambda: len(window.tab_widgets) == len(TABS) and not window.prebuilder.running, timeout=30000)
    tab = window.tab_widgets["action_plan"]
    measured: list = []
    for view in tab.findChildren(PlanTableView):
        real = view.sizeHintForIndex
        monkeypatch.setattr(view, "sizeHintForIndex", lambda index, real=real: (measured.append(index), real(index))[1])
    window.tabs.setCurrentIndex(next(n for n, spec in enumerate(TABS) if spec.key == "action_plan"))
    shown = [view for view in tab.findChildren(PlanTableView) if view.isVisible() and view.model() is not None]
    assert shown
    qtbot.waitUntil(lambda: all(view._fitted for view in shown))
    assert measured == []


def test_the_results_chart_is_made_before_the_data_tabs_first_visit(qtbot, qt_settings, sample_plan):
    # Made as the first results came, on the first visit, pyqtgraph's plot was 60-110 ms of it.
    window = open_window(qtbot, qt_settings, sample_plan)
    qtbot.waitUntil(lambda: len(window.tab_widgets) == len(TABS) and not window.prebuilder.running, timeout=30000)
    page = window.tab_widgets["data"].results_page
    chart = page._chart
    assert chart is not None and not chart.isVisible()
    window.show_tab("data")
    qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
    assert page._chart is chart and chart.isVisible()


def test_no_tab_is_built_while_a_dialog_is_open(qtbot, qt_settings, sample_plan):
    window = open_window(qtbot, qt_settings, sample_plan)
    dialog = QDialog(window)
    dialog.setWindowTitle("Preferences")
    dialog.open()  # window-modal, as the window's dialogs are
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    qtbot.wait(1500)
    assert list(window.tab_widgets) == ["overview"]
    dialog.accept()
    qtbot.waitUntil(lambda: len(window.tab_widgets) > 1, timeout=30000)


def test_a_hidden_tabs_long_work_puts_up_no_progress_dialog(qtbot, qt_settings):
    shown, hidden = QWidget(), QWidget()
    shown.setLayout(QVBoxLayout())
    shown.layout().addWidget(QLabel("The tab in front"))
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    shown.show()
    qtbot.waitExposed(shown)

    go_on = threading.Event()
    done: list = []
    quiet = Task(hidden, "Reading the survey...", lambda progress, cancelled: go_on.wait(10),
                 done.append, lambda exc, details: done.append(exc))
    asked = Task(shown, "Exporting...", lambda progress, cancelled: go_on.wait(10),
                 done.append, lambda exc, details: done.append(exc))
    quiet.start()
    asked.start()
    qtbot.waitUntil(asked.dialog.isVisible, timeout=5000)  # the work the person asked for says so
    assert not quiet.dialog.isVisible()
    assert [d for d in shown.findChildren(QProgressDialog) if d.isVisible()] == [asked.dialog]
    go_on.set()
    qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)
