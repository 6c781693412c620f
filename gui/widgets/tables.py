"""One configuration for every editable table, so they all behave like a spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def make_table_view(parent=None, stretch_column: int | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch_column is not None:
        header.setStretchLastSection(False)
    else:
        header.setStretchLastSection(True)
    view.setTabKeyNavigation(True)
    return view


def fit_columns(view: QTableView, stretch_column: int | None = None) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for col in range(header.count()):
        header.resizeSection(col, min(max(header.sectionSize(col) + 12, 60), 240))
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)


def selected_record(view: QTableView):
    """The record behind the selected row of a RecordTableModel view, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().record_at(rows[0].row()) if rows else None


def on_delete_key(view: QTableView, slot) -> None:
    """Delete removes the selected row while the table has focus (and not while editing a cell)."""
    action = QAction(view)
    action.setShortcut(QKeySequence.StandardKey.Delete)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    view.addAction(action)
