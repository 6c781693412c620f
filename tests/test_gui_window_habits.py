"""The window's habits a Word and Excel user brings: Ctrl+P prints the tab in front, Ctrl+S says
the plan is saved, Ctrl+1..7 and a tab's own keys work wherever the focus is, the Edit menu acts on
the focused table, files dropped on the window open, the sample asks before starting over, and the
window fits the screen it opens on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from gui import main_window as main_window_module
from gui.tabs import TABS
from services.team import team_roster

ROOT = Path(__file__).resolve().parents[1]

MAIN_PRINTOUTS = {"team": "team", "readiness": "readiness-summary", "data": "survey-summary",
                  "focus_groups": "focus-guide", "priorities": "matrix", "action_plan": "plan"}


def press(qtbot, window, keys: str) -> None:
    from PySide6.QtGui import QKeySequence

    sequence = QKeySequence(keys)
    combo = sequence[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


@pytest.mark.parametrize("key", list(MAIN_PRINTOUTS))
def test_ctrl_p_prints_the_main_printout_of_the_tab_in_front(qtbot, window, monkeypatch, key):
    asked = []
    monkeypatch.setattr(window, "export", lambda kind, options=None: asked.append(kind))
    window.show_tab(key)
    window.tabs.tabBar().setFocus()
    press(qtbot, window, "Ctrl+P")
    assert asked == [MAIN_PRINTOUTS[key]]


def test_ctrl_s_says_the_plan_is_saved_automatically(qtbot, window):
    press(qtbot, window, "Ctrl+S")
    assert "saves every change as you make it" in window.statusBar().currentMessage()


def test_ctrl_number_reaches_each_tab_and_a_tabs_keys_work_from_the_tab_bar(qtbot, window):
    for number, spec in enumerate(TABS, start=1):
        window.tabs.tabBar().setFocus()
        press(qtbot, window, f"Ctrl+{number}")
        assert window.tabs.currentIndex() == number - 1, spec.title
    window.show_tab("team")
    team = window.tab("team")
    before = team.roster_model.rowCount()
    window.tabs.tabBar().setFocus()
    press(qtbot, window, "Ctrl+Shift+M")  # Add member, with the focus outside the tab's widgets
    qtbot.waitUntil(lambda: team.roster_model.rowCount() == before + 1)


def test_edit_menu_copies_the_focused_tables_cells_as_tab_separated_rows(qtbot, window):
    window.show_tab("team")
    view = window.tab("team").roster_view
    model = view.model()
    view.setFocus()
    view.selectionModel().select(model.index(0, 0), view.selectionModel().SelectionFlag.ClearAndSelect)
    view.selectionModel().select(model.index(1, 2), view.selectionModel().SelectionFlag.Select)
    view.selectionModel().select(model.index(1, 0), view.selectionModel().SelectionFlag.Select)
    window.clipboard_actions["copy"].trigger()
    first, second = (model.index(r, 0).data() for r in (0, 1))
    group = model.index(1, 2).data()
    assert QGuiApplication.clipboard().text() == f"{first}\t\n{second}\t{group}\n"


def test_export_menu_names_each_kinds_own_file_type(window):
    texts = {k: a.text() for k, a in window.export_actions.items()}
    assert texts["calendar"].endswith("(calendar .ics)...")
    assert texts["actions"].endswith("(Excel .xlsx or CSV)...")
    assert texts["survey-report-csv"].endswith("(CSV)...")
    assert texts["plan"].endswith("(PDF)...")
    assert not any("(PDF)" in t for k, t in texts.items() if k in ("calendar", "actions", "survey-report-csv"))


def test_an_export_error_names_the_kind_of_file(window, monkeypatch, tmp_path):
    warned = []
    monkeypatch.setattr(main_window_module, "show_error", lambda parent, summary, details="": warned.append(summary))
    window._export_failed(RuntimeError("boom"), "", tmp_path / "plan.ics")
    window._export_failed(RuntimeError("boom"), "", tmp_path / "actions.xlsx")
    assert warned[0].startswith("The calendar file could not be made.")
    assert warned[1].startswith("The spreadsheet could not be made.")


def _drop(window, path: Path) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event.isAccepted()


def test_a_dropped_survey_export_goes_to_the_data_tab(qtbot, window, monkeypatch, tmp_path):
    survey = tmp_path / "Spring survey.csv"
    survey.write_text("q1\n4\n", encoding="utf-8")
    window.show_tab("data")
    taken = []
    monkeypatch.setattr(type(window.tab("data")), "take_file", lambda self, path: taken.append(path) or True)
    assert _drop(window, survey)
    assert taken == [str(survey)]
    assert window.tabs.currentIndex() == [s.key for s in TABS].index("data")


def test_a_dropped_plan_opens(qtbot, window, sample_plan):
    other = sample_plan.path
    sample_plan.close()
    renamed = other.with_name("Dropped district.wellplan")
    other.rename(renamed)
    assert _drop(window, renamed)
    qtbot.waitUntil(lambda: window.context is not None and window.context.plan.path == renamed)
    assert "Dropped district.wellplan" in window.windowTitle()


def test_opening_the_sample_again_asks_before_replacing_changes(qtbot, qt_settings, built_sample, monkeypatch):
    import shutil

    from gui.main_window import MainWindow
    from services.plan.plan_file import open_plan

    def copy_of_the_sample(path, overwrite=False, mirror=False):
        shutil.copy(built_sample, path)
        return open_plan(path, mirror=mirror)

    monkeypatch.setattr("services.sample.sample_district.build_sample", copy_of_the_sample)
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.open_sample()
    qtbot.waitUntil(lambda: window.context is not None)
    assert not qt_settings.sample_edited()
    window.context.edit(_rename_first_member(window, "Changed by me"))
    assert qt_settings.sample_edited()

    answers = []

    def answer(text):
        def run(box):
            answers.append(box.text())
            next(b for b in box.buttons() if text in b.text().replace("&", "")).click()
        return run

    monkeypatch.setattr(main_window_module, "run_modal", answer("Open with my changes"))
    window.close_plan()
    window.open_sample()
    qtbot.waitUntil(lambda: window.context is not None)
    assert "changes to the sample" in answers[0]
    assert _first_member(window) == "Changed by me"

    monkeypatch.setattr(main_window_module, "run_modal", answer("Start fresh"))
    window.open_sample()
    qtbot.waitUntil(lambda: window.context is not None and _first_member(window) != "Changed by me")
    assert not qt_settings.sample_edited()


def _first_member(window) -> str:
    return window.context.read(team_roster.list_team)[0].name


def _rename_first_member(window, name):
    from gui.team import commands

    person = window.context.read(team_roster.list_team)[0]
    return commands.change_member(window.context, person, "name", name)


SMALL_SCREEN_CHECK = r"""
import json, sys
from PySide6.QtCore import QByteArray, QSettings
from gui.app import make_application
from gui.main_window import MainWindow
from gui.settings import AppSettings, use_settings_folder
use_settings_folder(sys.argv[1])
app = make_application()
settings = AppSettings()
if sys.argv[2] == "save":
    window = MainWindow(settings)
    window.show()
    window.resize(900, 600)
    window.move(40, 30)
    app.processEvents()
    window.close()
    settings.sync()
window = MainWindow(settings)
window.show()
app.processEvents()
free = window.screen().availableGeometry()
frame = window.frameGeometry()
print(json.dumps({"free": [free.x(), free.y(), free.width(), free.height()],
                  "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                  "size": [window.width(), window.height()], "pos": [window.x(), window.y()]}))
"""


def _window_on(tmp_path: Path, width: int, height: int, mode: str) -> dict:
    tmp_path.mkdir(exist_ok=True)
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "S", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SMALL_SCREEN_CHECK, str(tmp_path / "settings"), mode],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_window_fits_a_laptop_screen_and_comes_back_where_it_was(tmp_path):
    laptop = _window_on(tmp_path, 1366, 768, "fresh")
    x, y, w, h = laptop["frame"]
    assert w <= 1366 and y + h <= 768, laptop  # the status bar is on the screen
    assert laptop["size"][1] < 800

    restored = _window_on(tmp_path / "again", 1920, 1080, "save")
    assert restored["size"] == [900, 600]
    assert restored["pos"] == [40, 30]
