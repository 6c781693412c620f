"""File > Export as a person meets it: an export with nothing in it is refused before the window
asks where to save it."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui_windows import open_window


def test_an_empty_plans_calendar_is_refused_before_the_save_dialog(qtbot, qt_settings, empty_plan, monkeypatch):
    window = open_window(qtbot, qt_settings, empty_plan)
    asked, said = [], []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    window.export_actions["calendar"].trigger()
    assert asked == [] and len(said) == 1 and "no dates to put in a calendar yet" in said[0]
    window.export_actions["team"].trigger()  # one that has something to print asks as before
    assert len(asked) == 1 and len(said) == 1
