"""Start-up puts the window on screen first: named after its plan before SQLAlchemy, the models or
any service is loaded, with the Overview as it was when that plan last closed (gui.launch_picture)
until the plan is open, and only then the live Overview."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPixmap

from gui import launch_picture

ROOT = Path(__file__).resolve().parent.parent

# The real entry point, watched from inside its event loop: what is loaded when the window is first
# on screen, what it shows, and what it shows once the plan is open.
WATCH = """
import runpy, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

seen = []
real_exec = QApplication.exec

def watch():
    for window in QApplication.topLevelWidgets():
        if isinstance(window, QMainWindow) and window.isVisible():
            if not seen:
                heavy = sorted(m for m in ("sqlalchemy", "models", "pandas", "numpy", "reportlab") if m in sys.modules)
                print("first:", window.windowTitle(), "|", window.overview_on_screen(), "|", ",".join(heavy), flush=True)
                seen.append(1)
            if window.overview_on_screen() == "live" and not window.tab_widgets["overview"].journey.reading:
                print("live:", window.windowTitle(), flush=True)
                window.close()
                QApplication.quit()
                return
    QTimer.singleShot(5, watch)

def exec_watching(self):
    QTimer.singleShot(0, watch)
    return real_exec()

QApplication.exec = exec_watching
sys.argv = ["main.py", sys.argv[1]]
runpy.run_path("main.py", run_name="__main__")
"""


def _start(plan: Path, home: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    result = subprocess.run([sys.executable, "-c", WATCH, str(plan)], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=240)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(("first:", "live:"))]


def test_the_window_is_named_before_anything_that_reads_plans_is_loaded(built_sample, tmp_path):
    plan = tmp_path / "Our district.wellplan"
    shutil.copy(built_sample, plan)
    first, live = _start(plan, tmp_path / "home")
    title, overview, heavy = (part.strip() for part in first.removeprefix("first:").split("|"))
    assert title.startswith("Our district.wellplan")
    assert heavy == ""  # SQLAlchemy, the models, pandas, numpy, reportlab: none yet
    assert overview == "None"  # never closed here before: no picture, the Overview comes live
    assert live.startswith("live: Maple Hollow") and "Our district.wellplan" in live  # the district's name once open

    # Closed once (the watcher closes the window as a person would), the next start shows the
    # Overview at once, as a picture, still before anything heavy is loaded.
    first, live = _start(plan, tmp_path / "home")
    title, overview, heavy = (part.strip() for part in first.removeprefix("first:").split("|"))
    assert overview == "picture" and heavy == ""
    assert live.startswith("live: Maple Hollow")


def _picture(colour: str = "#336699") -> QPixmap:
    picture = QPixmap(300, 200)
    picture.fill(QColor(colour))
    return picture


def test_the_picture_is_used_only_for_the_very_file_it_was_taken_of(qapp, built_sample, tmp_path):
    plan = tmp_path / "plan.wellplan"
    shutil.copy(built_sample, plan)
    size = QSize(1280, 800)
    launch_picture.save(plan, _picture(), size)
    shown = launch_picture.load(plan, size)
    assert shown is not None and shown.toImage().pixelColor(10, 10) == QColor("#336699")
    assert launch_picture.load(plan, QSize(1280 + 6, 800 - 6)) is not None  # a restored window a few pixels off
    assert launch_picture.load(plan, QSize(1000, 800)) is None  # another size: the picture would not fit

    other = tmp_path / "other.wellplan"
    shutil.copy(plan, other)
    assert launch_picture.load(other, size) is None  # the same bytes under another name is another plan

    # Any write changes SQLite's change counter (bytes 24-27); the time and size are put back, as a
    # program that restores them would, and the picture is still refused.
    before = plan.stat()
    data = bytearray(plan.read_bytes())
    data[24:28] = (int.from_bytes(data[24:28], "big") + 1).to_bytes(4, "big")
    plan.write_bytes(bytes(data))
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert launch_picture.load(plan, size) is None

    launch_picture.save(plan, _picture(), size)
    assert launch_picture.load(plan, size) is not None
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns + 1000))  # touched: not the file it was
    assert launch_picture.load(plan, size) is None


def test_a_picture_of_a_plan_that_is_gone_is_deleted(qapp, built_sample, tmp_path):
    plan = tmp_path / "gone.wellplan"
    shutil.copy(built_sample, plan)
    launch_picture.save(plan, _picture(), QSize(800, 600))
    plan.unlink()
    assert launch_picture.load(plan, QSize(800, 600)) is None
    folder = launch_picture._folder()
    assert not (folder / launch_picture.PICTURE).exists() and not (folder / launch_picture.ABOUT).exists()


def test_a_damaged_description_is_no_picture(qapp, built_sample, tmp_path):
    plan = tmp_path / "plan.wellplan"
    shutil.copy(built_sample, plan)
    launch_picture.save(plan, _picture(), QSize(800, 600))
    about = launch_picture._folder() / launch_picture.ABOUT
    kept = about.read_text(encoding="utf-8")
    assert launch_picture.load(plan, QSize(800, 600)) is not None
    for damaged in ("{not json", kept.replace("window=800x600", "window=big"),
                    kept.replace("pixels=300x200x1200", "pixels=300x200"),
                    kept.replace("pixels=300x200x1200", "pixels=300x201x1200"), kept + "a line without its sign\n"):
        about.write_text(damaged, encoding="utf-8")
        assert launch_picture.load(plan, QSize(800, 600)) is None, damaged
    about.write_text(kept, encoding="utf-8")
    picture = launch_picture._folder() / launch_picture.PICTURE
    picture.write_bytes(picture.read_bytes()[:-4])  # cut short: not the picture described
    assert launch_picture.load(plan, QSize(800, 600)) is None


def test_closing_the_window_keeps_its_overview_and_the_next_start_shows_it_until_the_plan_opens(
        qtbot, qt_settings, built_sample, tmp_path):
    from gui.main_window import MainWindow

    plan = tmp_path / "Kept.wellplan"
    shutil.copy(built_sample, plan)
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan_path(plan)
    qtbot.waitUntil(lambda: window.overview_on_screen() == "live")
    qtbot.waitUntil(lambda: not window.tab_widgets["overview"].journey.reading, timeout=60000)
    drawn = window._tab_hosts["overview"].grab().toImage()
    window.close()

    again = MainWindow(qt_settings, opening=plan)
    qtbot.addWidget(again)
    assert again.windowTitle().startswith("Kept.wellplan")
    assert "Opening Kept.wellplan" in again.statusBar().currentMessage()
    again.show()
    assert again.overview_on_screen() == "picture"
    shown = again._launch_picture.pixmap().toImage()
    assert shown.size() == drawn.size() and shown.pixelColor(40, 40) == drawn.pixelColor(40, 40)
    assert again.context is None  # a picture: nothing in it can be used yet
    qtbot.waitUntil(lambda: again.overview_on_screen() == "live", timeout=60000)
    assert again._launch_picture is None and again.context.plan.path == plan
    assert again.windowTitle().startswith("Maple Hollow")
    again.close()


def test_a_picture_a_few_pixels_larger_never_makes_the_window_larger(qtbot, qt_settings, built_sample, tmp_path):
    # A picture taken in a window within the slack of this one's size is shown, cut to the window:
    # shown in a widget that asked for the picture's size, the window grew by the difference at each
    # start, and the next picture with it (seen as 4 pixels a start in the start-up benchmark).
    from gui.main_window import MainWindow

    plan = tmp_path / "Kept.wellplan"
    shutil.copy(built_sample, plan)
    window = MainWindow(qt_settings, opening=plan)
    qtbot.addWidget(window)
    size = window.size()
    window.close()
    launch_picture.save(plan, _picture_of(size.width() + 10, size.height() + 10), size)

    again = MainWindow(qt_settings, opening=plan)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.overview_on_screen() == "picture"
    assert again.size() == size
    qtbot.waitUntil(lambda: again.overview_on_screen() == "live", timeout=60000)
    again.close()


def _picture_of(width: int, height: int) -> QPixmap:
    picture = QPixmap(width, height)
    picture.fill(QColor("#336699"))
    return picture


def test_a_plan_that_fails_to_open_at_start_leaves_the_welcome_screen(qtbot, qt_settings, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui.main_window import MainWindow

    plan = tmp_path / "Broken.wellplan"
    plan.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    said = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, _title, text, *a, **k: said.append(text))
    monkeypatch.setattr("gui.main_window.show_error", lambda _parent, text, *a: said.append(text))
    window = MainWindow(qt_settings, opening=plan)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    assert "Broken.wellplan" in said[0]
    assert window.context is None and window.tabs is None
    assert window.stack.currentWidget() is window.welcome and window.windowTitle() == "WellPlan"
    assert window.statusBar().currentMessage() == ""
