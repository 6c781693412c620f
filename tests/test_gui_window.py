"""The main window: welcome screen, menus, Overview edits, settings, exports and errors."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui import error_dialog
from gui.main_window import MainWindow
from gui.preferences_dialog import PreferencesDialog
from gui.settings import AppSettings
from gui.tabs import TABS
from services import district_profile
from services.app_info import APP_VERSION
from services.team import team_roster
from tests.pdf_text import pdf_text


def menu_texts(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_welcome_screen_then_sample_district(qtbot, qt_settings, built_sample, monkeypatch):
    import shutil

    from services.plan.plan_file import open_plan
    from services.sample import sample_district

    def copy_of_the_sample(path, overwrite=False, mirror=False):  # built once per run: the same plan
        shutil.copy(built_sample, path)
        return open_plan(path, mirror=mirror)

    monkeypatch.setattr(sample_district, "build_sample", copy_of_the_sample)
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "WellPlan"
    assert window.stack.currentWidget() is window.welcome
    assert not window.save_copy_action.isEnabled()
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.context is not None, timeout=30000)  # built in the background
    assert window.windowTitle().startswith("Maple Hollow School District \u2014 ")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Overview", "Team", "Readiness", "Data", "Focus groups",
                                                                               "Priorities", "Action plan"]
    assert window.save_copy_action.isEnabled()
    path = window.context.plan.path
    window.close_plan()
    # The plan is now a recent plan, on the welcome screen and in the menu.
    assert window.welcome.recent_paths()[0] == str(path.resolve())
    assert AppSettings().recent_files()[0] == str(path.resolve())
    window.close()


def test_menus_offer_the_standard_commands(window):
    assert menu_texts(window, "File") == ["New plan...", "Open plan...", "Open Recent", "Open sample district",
                                          "Open district server...", "Save", "Save a copy as...",
                                          "Copy plan to server...", "Print this tab...", "Export",
                                          "Year-end review...", "Start next school year...", "Close plan", "Quit"]
    edit = [t.split("\t")[0] for t in menu_texts(window, "Edit")]
    assert edit == ["Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select all", "Preferences..."]
    assert menu_texts(window, "View") == [spec.title for spec in TABS]
    assert menu_texts(window, "Help") == ["WellPlan user guide", "About WellPlan"]
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.open_action.shortcut().toString() == "Ctrl+O"


def test_typing_the_district_name_retitles_the_window_and_undoes(qtbot, window):
    overview = window.tab("overview")
    field = overview.profile_form.name_edit
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "Riverside Unified")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.context.read(district_profile.get_profile).name == "Riverside Unified"
    assert window.windowTitle().startswith("Riverside Unified \u2014")
    assert "All changes saved" in window.save_label.text()
    window.undo_action.trigger()
    assert field.text() == "Maple Hollow School District"
    assert window.windowTitle().startswith("Maple Hollow School District")


def test_minimum_group_size_stops_at_three_and_steps_merge_into_one_undo(qtbot, window):
    spin = window.tab("overview").profile_form.min_group
    spin.setFocus()
    for _ in range(5):
        qtbot.keyClick(spin, Qt.Key.Key_Down)
    assert spin.value() == 3
    assert window.context.read(district_profile.get_profile).min_group_size == 3
    window.undo_action.trigger()
    assert window.context.read(district_profile.get_profile).min_group_size == 5


def test_headcount_edit_updates_the_total_and_the_team_gaps(qtbot, window):
    overview = window.tab("overview")
    model = overview.groups_model
    row = next(r for r, g in enumerate(model.records()) if g.name == "Transportation")
    assert model.setData(model.index(row, model.column_of("headcount")), 0)
    assert "Total staff: 1,426" in overview.total_label.text()
    gaps = window.tab("team").representation.gaps_label.text()
    assert "Every position group with staff has someone on the team." in gaps
    # The seven steps are redrawn once the edits pause, not after each one.
    qtbot.waitUntil(lambda: "Done" in overview.journey.step_labels["team"].text())


def test_journey_step_link_opens_its_tab(window):
    overview = window.tab("overview")
    overview.journey.step_labels["team"].linkActivated.emit("team")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Team"


def test_export_runs_in_the_background_and_writes_the_pdf(qtbot, window, tmp_path):
    out = tmp_path / "team.pdf"
    task = window.start_export("team", out)
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert out.exists()
    assert "Dana Whitfield" in pdf_text(out)
    assert window.last_export_box.isVisible()
    window.last_export_box.close()


def test_save_a_copy_uses_the_chosen_name(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "backup"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.save_copy_action.trigger()
    copy = tmp_path / "backup.wellplan"
    assert copy.exists()
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM person WHERE team_role IS NOT NULL").fetchone()[0] == 10
    con.close()


def test_refused_file_is_explained_and_the_window_stays_usable(qtbot, qt_settings, tmp_path, monkeypatch):
    bad = tmp_path / "photo.wellplan"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    assert not window.open_plan_path(bad)
    assert shown == ["photo.wellplan is not a WellPlan plan file."]
    assert window.stack.currentWidget() is window.welcome


def test_preferences_persist(qtbot, qt_settings):
    dialog = PreferencesDialog(qt_settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.reopen.isChecked()
    qtbot.mouseClick(dialog.reopen, Qt.MouseButton.LeftButton, pos=dialog.reopen.rect().center())
    assert not dialog.reopen.isChecked()
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    dialog.accept()
    fresh = AppSettings()
    assert fresh.reopen_last_plan() is False
    assert fresh.default_paper_size() == "a4"


def test_window_geometry_is_remembered(qtbot, window):
    window.resize(1000, 700)
    window.close()
    assert AppSettings().window_geometry() is not None


def test_unexpected_errors_show_plain_words_with_details(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(error_dialog, "show_error", lambda parent, summary, details="": shown.append((summary, details)))
    error_dialog.install_excepthook()
    try:
        raise KeyError("never expected")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert shown[0][0].startswith("Something went wrong that WellPlan did not expect")
    assert "KeyError" in shown[0][1] and "WellPlan" in shown[0][1]
    # The window is still there and still works.
    assert window.context.read(team_roster.find_lead).name == "Dana Whitfield"


def test_user_guide_opens_offline(qtbot, window):
    from gui.help_dialogs import UserGuideDialog

    dialog = UserGuideDialog(window)
    qtbot.addWidget(dialog)
    assert "Minimum group size" in dialog.browser.toPlainText()


def test_new_plan_starts_empty_with_the_preferred_paper(qtbot, qt_settings, tmp_path, monkeypatch):
    qt_settings.set_default_paper_size("a4")
    target = tmp_path / "Lakeside district"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.show()
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20000)  # made in the background
    assert window.context.plan.path == tmp_path / "Lakeside district.wellplan"
    profile = window.context.read(district_profile.get_profile)
    assert profile.paper_size == "a4" and profile.min_group_size == 5
    assert window.context.read(team_roster.list_team) == []
    overview = window.tab("overview")
    # (the steps are read off the window's thread)
    qtbot.waitUntil(lambda: "Start with the district profile" in overview.journey.next_label.text())
    window.close()


def test_open_plan_from_the_file_dialog(qtbot, qt_settings, sample_plan, monkeypatch):
    path = sample_plan.path
    sample_plan.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.open_action.trigger()
    qtbot.waitUntil(lambda: window.context is not None, timeout=10000)  # opened in the background
    assert window.context.plan.path == path
    window.close()
    assert not (path.parent / ("~$" + path.name)).exists(), "closing the window releases the plan"
    with sqlite3.connect(path) as con:  # the plan notes which version last opened it, for support
        noted = dict(con.execute("SELECT key, value FROM plan_info WHERE key LIKE 'last_opened_%'").fetchall())
    assert noted["last_opened_with"] == f"WellPlan {APP_VERSION}" and noted["last_opened_at"][:4].isdigit()


def test_school_year_dates_are_checked_and_undoable(qtbot, window):
    import datetime as dt

    from PySide6.QtCore import QDate

    form = window.tab("overview").profile_form
    form.end_edit.setFocus()
    form.end_edit.setDate(QDate(2027, 6, 18))
    qtbot.keyClick(form.end_edit, Qt.Key.Key_Return)
    assert window.context.read(district_profile.get_profile).year_end == dt.date(2027, 6, 18)
    # A last day before the first day is refused, explained, and the field shows the saved date.
    form.end_edit.setDate(QDate(2026, 6, 1))
    qtbot.keyClick(form.end_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "rejectedEdit")
    assert "end after it starts" in box.text()
    box.close()
    assert form.end_edit.date() == QDate(2027, 6, 18)
    window.undo_action.trigger()
    assert window.context.read(district_profile.get_profile).year_end == dt.date(2027, 6, 11)


def test_the_plans_copy_in_memory_is_brought_up_to_date_off_the_windows_thread(qtbot, window, monkeypatch):
    """A pause after an edit brings the copy in memory (for Save a copy, should the file be written
    over) up to date: a district's plan took 40 ms to copy, on the window's thread until now."""
    import threading

    from gui.team import commands as team_commands
    from services.plan import plan_file

    monkeypatch.setattr(plan_file, "MIRROR_AT_ONCE_BYTES", 0)  # as for a district's plan (a small one is copied at once)
    plan = window.context.plan
    threads: list[str] = []
    real = plan.refresh_mirror
    monkeypatch.setattr(plan, "refresh_mirror", lambda: threads.append(threading.current_thread().name) or real())
    person = window.context.read(team_roster.list_people)[0]
    assert window.context.edit(team_commands.change_member(window.context, person, "name", "Renamed Before A Pause"))
    qtbot.waitUntil(lambda: bool(threads), timeout=10000)
    assert threads == ["wellplan-mirror"]
