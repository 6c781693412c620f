"""Preferences and starting up as a person meets them: the survey-gap thresholds change which
results the Data tab marks, the last plan reopens at start (or not, when unticked), and a plan
that another WellPlan holds is refused with a message that says so."""

from __future__ import annotations

import shutil
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from gui import app as gui_app
from gui.preferences_dialog import PreferencesDialog
from services.plan.plan_lock import lock_path_for
from tests.test_gui_data import data_tab


def _gaps(model) -> int:
    return sum(bool(model.gap_at(model.index(r, c))) for r in range(model.rowCount()) for c in range(model.columnCount()))


def _set_preferences(qtbot, monkeypatch, *, mean: str | None = None, pct: str | None = None,
                     reopen: bool | None = None) -> None:
    """Make the Preferences dialog, when it opens, be filled in from the keyboard and OK'd."""

    def fill_in(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        for box, text in ((dialog.gap_mean, mean), (dialog.gap_pct, pct)):
            if text is not None:
                box.lineEdit().selectAll()
                qtbot.keyClicks(box, text)
                box.interpretText()
        if reopen is not None and dialog.reopen.isChecked() != reopen:
            qtbot.mouseClick(dialog.reopen, Qt.MouseButton.LeftButton)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", fill_in)


def test_the_gap_thresholds_change_which_survey_results_are_gaps(qtbot, window, monkeypatch):
    tab = data_tab(qtbot, window)
    model = tab.results_page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    before = _gaps(model)
    assert before > 0  # the sample's survey has gaps at the usual thresholds
    _set_preferences(qtbot, monkeypatch, mean="3", pct="100")  # nothing is that far below
    window.show_preferences()
    assert window.settings.gap_thresholds() == (3.0, 100.0)
    qtbot.waitUntil(lambda: _gaps(model) == 0)
    _set_preferences(qtbot, monkeypatch, mean="0.05", pct="1")  # the smallest difference counts
    window.show_preferences()
    qtbot.waitUntil(lambda: _gaps(model) > before)


def _start(monkeypatch, qt_settings, plan_path=None):
    """``run_app`` as WellPlan starts, with the test's settings and without entering the event loop."""
    started = []

    class Window(gui_app.MainWindow):
        def __init__(self, settings, **options):
            super().__init__(settings, **options)
            started.append(self)

    monkeypatch.setattr(gui_app, "MainWindow", Window)
    monkeypatch.setattr(gui_app, "use_settings_folder", lambda *a: None)  # keep the test's settings folder
    monkeypatch.setattr("gui.logging_setup.start_logging", lambda *a: None)
    monkeypatch.setattr(gui_app, "install_excepthook", lambda *a: None)
    monkeypatch.setattr(gui_app.QApplication, "exec", lambda *a: 0)
    assert gui_app.run_app(plan_path) == 0
    return started[0]


def test_the_last_plan_reopens_at_start_unless_the_preference_is_off(qtbot, qt_settings, built_sample, tmp_path,
                                                                     monkeypatch):
    path = tmp_path / "Last.wellplan"
    shutil.copy(built_sample, path)
    qt_settings.add_recent_file(str(path))  # what opening it last time left
    assert qt_settings.last_plan() == str(path)
    window = _start(monkeypatch, qt_settings)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith(path.name)  # named at once, opened once the window is drawn
    qtbot.waitUntil(lambda: window.context is not None, timeout=60000)
    assert window.context.plan.path == path
    window.close()
    qtbot.waitUntil(lambda: not lock_path_for(path).exists())

    _set_preferences(qtbot, monkeypatch, reopen=False)
    other = _start(monkeypatch, qt_settings)
    qtbot.addWidget(other)
    other.show_preferences()
    assert not qt_settings.reopen_last_plan()
    other.close()
    third = _start(monkeypatch, qt_settings)
    qtbot.addWidget(third)
    qtbot.wait(700)  # past the moment a plan at start would begin opening
    assert third.context is None and third.stack.currentWidget() is third.welcome  # the welcome page, no plan
    third.close()


def test_a_plan_open_in_another_wellplan_is_refused_with_a_message(qtbot, qt_settings, built_sample, tmp_path,
                                                                   monkeypatch):
    from gui.main_window import MainWindow

    path = tmp_path / "Shared.wellplan"
    shutil.copy(built_sample, path)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nsys.path.insert(0, '.')\n"
                               "from services.plan.plan_file import open_plan\n"
                               f"plan = open_plan({str(path)!r})\nprint('open', flush=True)\ntime.sleep(120)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        said = []
        for kind in ("information", "warning"):
            monkeypatch.setattr(QMessageBox, kind, lambda _parent, _title, text, *a, **k: said.append(text))
        win = MainWindow(qt_settings)
        qtbot.addWidget(win)
        win.show()
        assert not win.open_plan_path(path)
        assert win.context is None
        assert len(said) == 1 and "already open" in said[0] and path.name in said[0], said
    finally:
        holder.kill()
        holder.wait()
