"""The turn of the year in the window, as a person uses it: File > Year-end review... (type the
conclusions, each recorded as one undo step when the box is left; Undo takes it back) and File >
Start next school year... (the save dialog answered, the new plan written in the background while
this year's stays byte-identical, then opened when the person says so)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPlainTextEdit

from gui import main_window
from models import District, Objective
from tests.cli_run import digest
from tests.gui_windows import modal_dialogs_of, open_window


def _conclusions(window, objective_id: int) -> str:
    return window.context.read(lambda s: s.get(Objective, objective_id).conclusions)


def _type_into(qtbot, box: QPlainTextEdit, text: str) -> None:
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, text)


def test_year_review_records_conclusions_one_undo_step_each(qtbot, qt_settings, sample_plan, monkeypatch):
    dialogs = modal_dialogs_of(monkeypatch, main_window)
    window = open_window(qtbot, qt_settings, sample_plan)
    window.year_review_action.trigger()
    dialog = dialogs[-1]
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow())
    facts = dialog.facts[1].text()
    assert "Target not reached" in facts and "35%" in facts and "70%" in facts
    assert "Adopted: " in facts or "Adapted: " in facts  # the sample's PDSA cycle that acted
    first = dialog.findChild(QPlainTextEdit, "conclusions1")
    _type_into(qtbot, first, "Rotations work where relief drivers exist.")
    assert _conclusions(window, 1) == ""  # not yet: recorded when the box is left
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # on to the next objective's box
    qtbot.waitUntil(lambda: _conclusions(window, 1) == "Rotations work where relief drivers exist.")
    assert window.context.undo_stack.undoText() == "Record the conclusions on objective 1"
    year = dialog.findChild(QPlainTextEdit, "yearConclusions")
    _type_into(qtbot, year, "A year of building trust.")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)  # leaving the box records it, then Undo
    assert window.context.read(lambda s: s.get(District, 1).year_conclusions) == ""
    assert year.toPlainText() == ""
    assert _conclusions(window, 1) == "Rotations work where relief drivers exist."
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _conclusions(window, 1) == "" and first.toPlainText() == ""
    window.context.undo_stack.redo()  # Edit > Redo puts it back, in the box too
    assert _conclusions(window, 1) == "Rotations work where relief drivers exist."
    assert first.toPlainText() == "Rotations work where relief drivers exist."
    _type_into(qtbot, year, "Next year: night shifts.")
    dialog.reject()  # Close (or Esc) records what was typed
    assert window.context.read(lambda s: s.get(District, 1).year_conclusions) == "Next year: night shifts."


def test_start_next_school_year_writes_a_new_plan_and_opens_it(qtbot, qt_settings, sample_plan, monkeypatch,
                                                               tmp_path):
    this_year = sample_plan.path
    window = open_window(qtbot, qt_settings, sample_plan)
    before = digest(this_year)
    asked: list = []
    out = tmp_path / "Next year"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(out), "")))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "nextYearReady":
            seen.append(box.text() + "\n" + box.informativeText())
            button = next(b for b in box.buttons() if b.text().replace("&", "") == "Open the new plan")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    window.next_year_action.trigger()
    new_plan = out.with_name("Next year.wellplan")
    qtbot.waitUntil(lambda: window.context is not None and window.context.plan.path == new_plan, timeout=30000)
    assert "Maple Hollow School District 2027-28.wellplan" in asked[0][2]  # the name it proposed
    assert seen and seen[0].startswith("Started the 2027-28 plan") and "Carried over: 4 open objectives" in seen[0]
    assert window.context.read(lambda s: s.get(District, 1).school_year) == "2027-28"
    assert "Next year.wellplan" in window.windowTitle()
    assert digest(this_year) == before


def test_start_next_school_year_refuses_this_years_plan_as_the_new_one(qtbot, qt_settings, sample_plan,
                                                                       monkeypatch):
    this_year = sample_plan.path
    window = open_window(qtbot, qt_settings, sample_plan)
    before = digest(this_year)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(this_year), "")))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: warned.append(text)))
    window.next_year_action.trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert "is this year's plan itself" in warned[0] and "Nothing was written" in warned[0]
    assert window.context.plan.path == this_year and digest(this_year) == before


def test_in_the_new_plan_last_years_survey_prints_are_refused_in_a_sentence(qtbot, qt_settings, sample_plan,
                                                                             monkeypatch, tmp_path):
    # Last year's waves came over for comparison: printing them here is refused in the window's
    # usual warning, and no file is left behind.
    from services.year import next_year

    new_plan = tmp_path / "next.wellplan"
    sample_plan.close()
    next_year.start_next_year(sample_plan.path, new_plan)
    from services.plan.plan_file import open_plan

    window = open_window(qtbot, qt_settings, open_plan(new_plan))
    out = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warned.append(text)))
    before = digest(new_plan)
    window.export_actions["survey-summary"].trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=30000)
    assert "came over from last year's plan" in warned[0] and len(warned) == 1
    qtbot.waitUntil(lambda: window.active_task is None or not window.active_task.running, timeout=10000)
    assert not out.exists() and digest(new_plan) == before
