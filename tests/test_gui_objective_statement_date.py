"""Typing a new target date on the Objectives page rewords the date the statement names ("By June
2027, ...") in the same undo step, and the status bar says so; Ctrl+Z puts back both."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar

from services.action_plan import objectives
from tests.gui_windows import open_tab_for_typing
from tests.test_gui_team import click_cell


def _type_target_date(qtbot, page, typed: str) -> None:
    """Into the filled date field as a person does: Tab into it (its month is selected), type, Tab on."""
    edit = page.target_date
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_typed_target_date_rewords_the_statement_in_one_undo_step(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    tab.pages.setCurrentWidget(tab.objectives_page)
    page = tab.objectives_page
    row = next(r for r in range(page.model.rowCount()) if page.model.record_at(r).statement.startswith("By June 2027"))
    record = page.model.record_at(row)
    assert record.target_date == dt.date(2027, 6, 4)
    click_cell(qtbot, page.list, row, 0)
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == record.id)

    _type_target_date(qtbot, page, "05/28/2028")

    def stored():
        return window.context.read(lambda s: objectives.get_objective(s, record.id))

    qtbot.waitUntil(lambda: stored().target_date == dt.date(2028, 5, 28))
    new_statement = record.statement.replace("By June 2027", "By May 2028", 1)
    assert stored().statement == new_statement
    assert stored().parts["time_bound"] == record.parts["time_bound"].replace("June 2027", "May 2028")
    qtbot.waitUntil(lambda: page.statement.text() == new_statement)  # what the person reads in the field
    status = window.findChild(QStatusBar).currentMessage()
    assert "May 28, 2028" in status and "its statement and Time-bound answer say so too" in status, status
    stack = window.context.undo_stack
    assert stack.undoText() == "Change the objective's target date and the date in its statement and Time-bound " \
                               "answer"

    stack.undo()
    assert (stored().target_date, stored().statement, stored().parts["time_bound"]) == \
        (record.target_date, record.statement, record.parts["time_bound"])
    qtbot.waitUntil(lambda: page.statement.text() == record.statement)
    stack.redo()
    assert (stored().target_date, stored().statement) == (dt.date(2028, 5, 28), new_statement)


def test_a_statement_without_the_date_is_left_as_written(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    tab.pages.setCurrentWidget(tab.objectives_page)
    page = tab.objectives_page
    row = next(r for r in range(page.model.rowCount()) if page.model.record_at(r).target_date is None)
    record = page.model.record_at(row)
    click_cell(qtbot, page.list, row, 0)
    page.target_date.setFocus()
    qtbot.keyClicks(page.target_date, "06/01/2027")
    qtbot.keyClick(page.target_date, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.context.read(lambda s: objectives.get_objective(s, record.id)).target_date
                    == dt.date(2027, 6, 1))
    _type_target_date(qtbot, page, "07/01/2027")
    qtbot.waitUntil(lambda: window.context.read(lambda s: objectives.get_objective(s, record.id)).target_date
                    == dt.date(2027, 7, 1))
    assert window.context.read(lambda s: objectives.get_objective(s, record.id)).statement == record.statement
    assert window.context.undo_stack.undoText() == "Edit the objective's target date"
