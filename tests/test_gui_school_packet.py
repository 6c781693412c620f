"""Printing one school's packet from the Overview's schools table: right-click a school (or press
the button under the table) and the window's usual export takes it from there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from services import district_profile as dp
from services.data.release_ledger import list_releases
from tests.gui_windows import open_tab_for_typing
from tests.pdf_text import pdf_text
from tests.test_gui_team_habits import focus_cell


def open_overview(qtbot, window):
    return open_tab_for_typing(qtbot, window, "Overview", "overview")


def packet_action(view):
    return next(a for a in view.context_menu().actions() if a.text().replace("&", "") == "Print this school's packet...")


def test_a_schools_packet_is_asked_for_from_its_row(qtbot, window, monkeypatch):
    asked_where: list = []  # the window asks where to save; the person cancels here
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked_where.append(a) or ("", "")))
    tab = open_overview(qtbot, window)
    view, model = tab.schools_view, tab.schools_model
    view.clearSelection()
    view.setCurrentIndex(model.index(-1, -1))
    qtbot.waitUntil(lambda: not tab.print_packet_button.isEnabled())
    assert not packet_action(view).isEnabled()  # no school chosen: nothing to print

    schools = window.context.read(dp.list_schools)
    row = model.row_of(schools[1].id)
    focus_cell(qtbot, view, row, 0)
    assert tab.print_packet_button.isEnabled() and packet_action(view).isEnabled()
    with qtbot.waitSignal(tab.export_with_options) as asked:
        packet_action(view).trigger()
    assert asked.args == ["school-packet", {"school": schools[1].name}]

    focus_cell(qtbot, view, model.row_of(schools[2].id), 0)
    with qtbot.waitSignal(tab.export_with_options) as asked:
        qtbot.mouseClick(tab.print_packet_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["school-packet", {"school": schools[2].name}]
    assert tab.print_packet_button.text().replace("&", "") == "Print this school's packet..."


def test_the_packet_is_saved_where_the_person_chooses_and_its_release_recorded(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "Alder packet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warned.append(text)))
    tab = open_overview(qtbot, window)
    school = window.context.read(dp.list_schools)[0]
    before = len(window.context.read(list_releases))
    focus_cell(qtbot, tab.schools_view, tab.schools_model.row_of(school.id), 0)
    packet_action(tab.schools_view).trigger()
    # the disclosure audit of the school's survey results takes a minute on a loaded machine
    qtbot.waitUntil(lambda: out.exists() or bool(warned), timeout=180000)
    assert not warned
    text = pdf_text(out)
    assert f"School packet: {school.name}" in text and f"2. The plan at {school.name}" in text
    assert "1. Staff survey results Grouped by: Which best describes your position? \u2022 " in text
    assert f"responses at {school.name}" in text
    qtbot.waitUntil(lambda: window.last_export_box.isVisible(), timeout=10000)
    window.last_export_box.close()
    # The sample's survey asks which school: the school's results are printed, and recorded as one release.
    assert len(window.context.read(list_releases)) == before + 1


def test_the_export_menu_asks_which_school_and_cancel_asks_nothing_more(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    schools = [school.name for school in window.context.read(dp.list_schools)]
    offered, asked_where = [], []
    answers = iter([("", False), (schools[2], True)])
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda _p, _t, _label, items, *a: offered.append(items) or next(answers)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked_where.append(a) or ("", "")))
    window.export_actions["school-packet"].trigger()  # cancelled: no save dialog
    assert offered == [schools] and asked_where == []
    window.export_actions["school-packet"].trigger()
    assert len(asked_where) == 1 and f"{schools[2]} - School packet.pdf" in asked_where[0][2]
