"""The Items page counts each item's answers, which reads every answer of the wave: while the page
is not on screen, a change of the survey data (a wave renamed on the list beside it) reads them in
the background; with the page on screen they are read at once, so what the person sees is current."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui.data import wave_models
from tests.test_gui_data import data_tab, settled
from tests.test_gui_team import click_cell


def rename_selected_wave(qtbot, tab, label: str) -> None:
    """As the list's Rename wave does: the name's cell opened for typing over, then Enter."""
    view = tab.waves_view
    index = tab.waves_model.index(tab.waves_model.row_of(tab.selected_wave().id), 0)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, label)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate hands the text over queued; Enter then moves down the list, as in a spreadsheet.
    qtbot.waitUntil(lambda: label in [w.label for w in tab.waves_model.records()])


def test_the_items_are_read_in_the_background_while_their_page_is_not_shown(qtbot, window, monkeypatch):
    tab = data_tab(qtbot, window)  # on the results page
    on_window_thread: list[bool] = []
    original = wave_models.ItemsModel.list_rows
    monkeypatch.setattr(wave_models.ItemsModel, "list_rows", staticmethod(
        lambda s, wave_id: on_window_thread.append(threading.current_thread() is threading.main_thread())
        or original(s, wave_id)))
    assert tab.items_model.rowCount() > 0

    rename_selected_wave(qtbot, tab, "Spring pulse, renamed")
    settled(qtbot, tab)
    assert on_window_thread and not any(on_window_thread)  # the rename's, and the next wave's
    assert tab.items_model.rowCount() > 0

    bar = tab.pages.tabBar()
    items_page = next(i for i in range(bar.count()) if "Items" in bar.tabText(i))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(items_page).center())
    qtbot.waitUntil(tab.items_view.isVisible)
    before = len(on_window_thread)
    rename_selected_wave(qtbot, tab, "Spring pulse, again")
    read_now = on_window_thread[before:]
    assert read_now and all(read_now)  # read as the edit was made: nothing left to arrive later
    assert not tab.items_model.reads.busy and tab.items_model.rowCount() > 0
    click_cell(qtbot, tab.items_view, 0, 0)
    settled(qtbot, tab)
