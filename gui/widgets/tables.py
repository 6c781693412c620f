"""One table for every list in the window, so they all behave like a spreadsheet.

Each table: cells selected like Excel's (click, Shift/Ctrl+click, drag), Ctrl+C copies them as
tab-separated text, Ctrl+V pastes (rows from a spreadsheet become new records where the table
takes rows, one undo step; otherwise values go into the cells from the current one on), a heading
click sorts a plan's list, and a right-click menu offers what can be done there. A tab adds its
own commands (add, remove, send to Priorities...) with ``set_commands``; the window's Edit menu
acts on the focused table through ``focused_table``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QStatusTipEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from gui.widgets.clipboard_rows import rows_to_text, text_to_rows
from gui.widgets.delegates import TableDelegate
from gui.widgets.paste_rows import paste_edit, rows_by_column
from gui.widgets.record_model import RecordTableModel
from services.app_info import APP_NAME

Command = tuple[str, Callable[[], object]]  # (menu text, slot)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End,
          Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_HINT = QAbstractItemDelegate.EndEditHint
FIT_ROWS = 40  # the rows a column's width is measured from: about a screenful (see _fit)
# A cell's text, and what else its width can depend on (QStyledItemDelegate.sizeHint asks them all).
_TEXT = int(Qt.ItemDataRole.DisplayRole)
_SIZED_BY = (int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.CheckStateRole),
             int(Qt.ItemDataRole.SizeHintRole))
WIDTHS_KEPT = 20000  # cells' widths remembered per table (by column and what they show); forgotten when full


class PlanTableView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._add: Command | None = None
        self._remove: Command | None = None
        self._extra: list[QAction] = []
        # (row, column) where the person began typing across this row with Tab: Enter goes down,
        # back to that column (Excel's habit), so a row of entries then the next row is Tab..., Enter.
        self._row_start: tuple[int, int] | None = None
        self._fit: tuple[int | None] | None = None  # (stretch column,) while columns follow their contents
        self._fitting = False
        self._fitted = False  # the widths follow the rows as they are now: asking again changes nothing
        self._fit_on_show = False  # asked to fit while hidden: fitted as it is shown
        # How wide each cell's contents are, by (column, its delegate, what it shows), and by column and
        # row until the row changes: see sizeHintForColumn.
        self._widths: dict[tuple, int] = {}
        self._row_widths: dict[int, dict[int, int]] = {}
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._refit)
        self.horizontalHeader().sectionResized.connect(self._person_resized)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.setItemDelegate(TableDelegate(self))
        # The clipboard keys belong to the table while it has focus (a cell being typed in keeps
        # its own); the window's Edit menu calls the same methods.
        self.copy_action = self._key_action("&Copy", QKeySequence.StandardKey.Copy, self.copy_selection)
        self.cut_action = self._key_action("Cu&t", QKeySequence.StandardKey.Cut, self.cut_selection)
        self.paste_action = self._key_action("&Paste", QKeySequence.StandardKey.Paste, self.paste)
        self.delete_action = self._key_action("&Delete", QKeySequence.StandardKey.Delete, self.remove_selected)
        self.select_all_action = self._key_action("Select &all", QKeySequence.StandardKey.SelectAll, self.selectAll)

    def closeEditor(self, editor: QWidget, hint) -> None:
        if hint in (_HINT.EditNextItem, _HINT.EditPreviousItem):
            self._note_tab_start()
        super().closeEditor(editor, hint)
        if hint == _HINT.SubmitModelCache:  # Enter in the editor (Tab is EditNextItem, Esc RevertModelCache)
            self._enter_moves_down()

    def _note_tab_start(self) -> None:
        current = self.currentIndex()
        if current.isValid() and (self._row_start is None or self._row_start[0] != current.row()):
            self._row_start = (current.row(), current.column())

    def _enter_moves_down(self) -> None:
        current, model = self.currentIndex(), self.model()
        if not current.isValid() or model is None:
            return
        column = self._row_start[1] if self._row_start and self._row_start[0] == current.row() else current.column()
        self._row_start = None
        if current.row() + 1 < model.rowCount():
            self.setCurrentIndex(model.index(current.row() + 1, column))

    def mousePressEvent(self, event) -> None:
        self._row_start = None  # a click starts a new row of typing
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in _ENTER and self.state() != QAbstractItemView.State.EditingState:
            self._enter_moves_down()  # Enter on a cell moves down, as in Excel (F2 or typing edits)
            return
        if event.key() in _MOVES:
            self._row_start = None
        # The menu key and Shift+F10 open the right-click menu at the current cell.
        if event.key() == Qt.Key.Key_Menu or (event.key() == Qt.Key.Key_F10
                                              and event.modifiers() == Qt.KeyboardModifier.ShiftModifier):
            rect = self.visualRect(self.currentIndex())
            self._show_menu(rect.center() if rect.isValid() else QPoint(4, 4))
            return
        # Tab and Shift+Tab move between cells (as in Excel); Ctrl+Tab and Ctrl+Shift+Tab leave the
        # table for the next control (as in Word's tables), so the keyboard is never trapped.
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QAbstractScrollArea.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Past the last cell (or before the first) Tab goes on to the next control rather than
        # round the table again.
        model, current = self.model(), self.currentIndex()
        if self.tabKeyNavigation() and model is not None and current.isValid() and self.state() != QAbstractItemView.State.EditingState:
            last = current.row() == model.rowCount() - 1 and current.column() == model.columnCount() - 1
            first = current.row() == 0 and current.column() == 0
            if (forward and last) or (not forward and first) or model.rowCount() == 0:
                self._row_start = None
                return QAbstractScrollArea.focusNextPrevChild(self, forward)
            self._note_tab_start()
        elif self.tabKeyNavigation() and model is not None and model.rowCount() == 0:
            return QAbstractScrollArea.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def _key_action(self, text: str, key: QKeySequence.StandardKey, slot: Callable) -> QAction:
        action = QAction(text, self)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # What the tab adds ---------------------------------------------------------------------------
    def set_commands(self, add: Command | None = None, remove: Command | None = None,
                     extra: list[QAction] | None = None) -> None:
        """The tab's own commands for this table: ``add`` and ``remove`` as (menu text, slot); Delete
        runs ``remove``. ``extra`` actions (send to Priorities, open source...) join the menu, as
        enabled as the tab keeps them."""
        if add is not None:
            self._add = add
        if remove is not None:
            self._remove = remove
        if extra is not None:
            self._extra = list(extra)

    def setModel(self, model) -> None:
        super().setModel(model)
        self._fitted = False
        self._widths.clear()
        self._row_widths.clear()
        if model is not None:
            model.dataChanged.connect(self._rows_changed)  # (connected first: measured again if fitted now)
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved,
                           model.layoutChanged, model.columnsInserted, model.columnsRemoved, model.columnsMoved,
                           model.headerDataChanged):
                signal.connect(self._row_widths.clear)  # the rows are not where they were
            for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
                signal.connect(self._contents_changed)
            model.rowsRemoved.connect(self._rows_removed)
        # A heading click sorts a list of plan records; where the order is what the person edits
        # (an agenda) or the model is not such a list, headings only label.
        sortable = isinstance(model, RecordTableModel) and not model.follows_plan_order
        if sortable:
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the plan's order first
        self.setSortingEnabled(sortable)

    def fit_to_contents(self, stretch_column: int | None) -> None:
        # A tab asks on every refresh; measuring rows that haven't changed since is the window's
        # time for nothing (a survey wave's tables: a tenth of a second at each edit of the profile).
        if self._fitted and self._fit == (stretch_column,):
            return
        self._fit = (stretch_column,)
        self._refit()

    def _refit(self) -> None:
        if self._fit is None or self.model() is None:
            return
        if not self.isVisible():
            # A table on a tab not in front (every tab is built ahead, gui.tab_prebuilder) is
            # measured when it is shown: an edit on one tab refitted the tables of all seven.
            self._fit_on_show = True
            return
        self._fit_on_show = False
        self._fitting = True
        try:
            _fit(self, self._fit[0])
            self._fitted = True
        finally:
            self._fitting = False

    # Measuring ---------------------------------------------------------------------------------
    def measure_ahead(self) -> bool:
        """While hidden, with a fit waiting for the table to be shown: measure the cells that fit
        will measure (the first rows: a hidden table measures from the top, as one just shown
        does), so that showing it finds their widths known. Whether there was anything to measure."""
        model = self.model()
        if not (self._fit_on_show and model is not None and not self.isVisible()):
            return False
        self.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)  # as the fit will (_fit)
        for column in range(model.columnCount()):
            if not self.isColumnHidden(column):
                self.sizeHintForColumn(column)
        return True

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 (Qt's name)
        """Qt's own answer (the widest cell of the rows the header's precision names: those on screen,
        then the rows around them), each cell's width remembered by what it shows.

        Qt measures every cell through the model (nine roles, each a call into Python) and the style's
        text layout: 0.1-0.3 ms a cell, 50-70 ms for a screenful of the Action plan's or the Priorities
        list's columns, at every fit after every edit. Only the rows the model says changed are asked
        again, and a text measured before (in any row) is not measured again."""
        model = self.model()
        if model is None:
            return -1
        self.ensurePolished()
        delegate = self.itemDelegateForColumn(column) or self.itemDelegate()
        by_row = self._row_widths.setdefault(column, {})
        widest = 0
        for row in self._rows_measured(model.rowCount(), self.horizontalHeader().resizeContentsPrecision()):
            width = by_row.get(row)
            if width is None:
                index = model.index(row, column)
                if self.indexWidget(index) is not None:  # an editor open in a cell: Qt knows which it counts
                    return super().sizeHintForColumn(column)
                key = _shown(model, index, column, id(delegate))
                width = self._widths.get(key) if key is not None else None
                if width is None:
                    width = self.sizeHintForIndex(index).width()
                    if key is not None:
                        if len(self._widths) >= WIDTHS_KEPT:
                            self._widths.clear()
                        self._widths[key] = width
                if key is not None:
                    by_row[row] = width
            widest = max(widest, width)
        return widest + 1 if self.showGrid() else widest

    def _rows_measured(self, count: int, precision: int) -> list[int]:
        """The rows QTableView.sizeHintForColumn measures: those on screen (every row when hidden), then
        one below and one above in turn until ``precision`` rows (0: only those on screen; below 0: all)."""
        header = self.verticalHeader()
        top = max(0, header.visualIndexAt(0))
        bottom = header.visualIndexAt(self.viewport().height())
        if not self.isVisible() or bottom == -1:
            bottom = count - 1
        rows: list[int] = []
        visual = top
        while visual <= bottom and (precision <= 0 or len(rows) < precision):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                rows.append(logical)
            visual += 1
        below = visual - 1
        while precision != 0 and len(rows) != precision and (top > 0 or below < count - 1):
            if (len(rows) % 2 and top > 0) or below == count - 1:
                top -= 1
                visual = top
            else:
                below += 1
                visual = below
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                rows.append(logical)
        return rows

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._widths.clear()  # the same text measures differently now
            self._row_widths.clear()
        super().changeEvent(event)

    def _rows_changed(self, first: QModelIndex, last: QModelIndex, *_roles) -> None:
        for by_row in self._row_widths.values():
            for row in range(first.row(), last.row() + 1):
                by_row.pop(row, None)

    def _contents_changed(self, *_args) -> None:
        self._fitted = False
        if self._fit is not None:
            self._fit_timer.start()

    def _rows_removed(self, *_args) -> None:
        self._fitted = False  # the next fit asked for measures again (a removal alone doesn't refit)

    def _person_resized(self, *_args) -> None:
        if not self._fitting and self.horizontalHeader().underMouse():
            self._fit = None  # they sized a column by hand: leave the widths to them

    def showEvent(self, event) -> None:
        if not self.accessibleName():  # a screen reader names the table by its box when not told otherwise
            box = self.parent()
            while box is not None and not isinstance(box, QGroupBox):
                box = box.parent()
            if box is not None:
                self.setAccessibleName(box.title().replace("&", ""))
        super().showEvent(event)
        if self._fit_on_show:
            self._refit()

    # Commands -----------------------------------------------------------------------------------
    def selected_indexes(self) -> list[QModelIndex]:
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        return sorted(indexes, key=lambda i: (i.row(), i.column()))

    def copy_selection(self) -> None:
        """The selected cells as tab-separated rows, as a spreadsheet copies them (a gap in the
        selection is a blank cell, so the shape survives)."""
        indexes = self.selected_indexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes if not self.isColumnHidden(i.column())})
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.model()
        table = [[(model.index(r, c).data() or "") if (r, c) in chosen else "" for c in columns] for r in rows]
        QGuiApplication.clipboard().setText(rows_to_text(table))
        self._status(f"Copied {len(chosen)} cell{'s' if len(chosen) != 1 else ''}.")

    def cut_selection(self) -> None:
        if self._remove is None or not self.selected_indexes():
            return
        self.copy_selection()
        self.remove_selected()

    def remove_selected(self) -> None:
        if self._remove is not None and self.selected_indexes():
            self._remove[1]()

    def paste(self) -> None:
        """Rows from a spreadsheet become new records where the table takes rows; a single value, or
        a table that takes no rows, fills the cells from the current one on. Either is one undo step."""
        rows = text_to_rows(QGuiApplication.clipboard().text())
        model = self.model()
        if not rows or model is None:
            return
        single = len(rows) == 1 and len(rows[0]) == 1
        if isinstance(model, RecordTableModel) and model.paste_target is not None and not single:
            self._paste_rows(model, rows)
        else:
            self._paste_cells(rows)

    def _paste_rows(self, model: RecordTableModel, rows: list[list[str]]) -> None:
        current = self.currentIndex()
        values = rows_by_column(model, rows, current.column() if current.isValid() else 0)
        if not values:
            return
        edit, outcome = paste_edit(model, values, model.paste_target)
        if not model.context.edit(edit):
            return
        count = len(outcome.added)
        self._status(f"Pasted {count} row{'s' if count != 1 else ''} into {model.paste_target}.")
        if outcome.added:
            row = model.row_of(outcome.added[0].id)
            if row >= 0:
                self.setCurrentIndex(model.index(row, 0))
        if outcome.refused:
            QMessageBox.information(
                self, APP_NAME,
                f"{count} row{'s were' if count != 1 else ' was'} added to {model.paste_target}; "
                f"{len(outcome.refused)} did not fit and {'were' if len(outcome.refused) != 1 else 'was'} "
                f"left out:\n\n{outcome.message()}")

    def _paste_cells(self, rows: list[list[str]]) -> None:
        model = self.model()
        start = self.currentIndex()
        if not start.isValid():
            return
        targets = []
        for dr, row in enumerate(rows):
            for dc, text in enumerate(row):
                index = model.index(start.row() + dr, start.column() + dc)
                if index.isValid() and model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    targets.append((index, text))
        if not targets:
            self._status("Nothing here takes a pasted value.")
            return
        stack = getattr(getattr(model, "context", None), "undo_stack", None)
        if stack is not None:
            stack.beginMacro(f"Paste into {len(targets)} cell{'s' if len(targets) != 1 else ''}")
        try:
            for index, text in targets:
                model.setData(index, _typed_like(index, text), Qt.ItemDataRole.EditRole)
        finally:
            if stack is not None:
                stack.endMacro()

    def _status(self, text: str) -> None:
        # Goes up the parents to the window's status bar, the way Qt's own status tips travel.
        QApplication.sendEvent(self, QStatusTipEvent(text))

    # Menu ---------------------------------------------------------------------------------------
    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        if self._add is not None:
            menu.addAction(self._add[0], self._add[1])
        if self._remove is not None:
            remove = menu.addAction(self._remove[0], self.remove_selected)
            remove.setShortcut(QKeySequence.StandardKey.Delete)
            remove.setEnabled(bool(self.selected_indexes()))
        if self._add is not None or self._remove is not None:
            menu.addSeparator()
        has_cells = bool(self.selected_indexes())
        model = self.model()
        takes_rows = isinstance(model, RecordTableModel) and model.paste_target is not None
        if self._remove is not None:
            self.cut_action.setEnabled(has_cells)
            menu.addAction(self.cut_action)
        self.copy_action.setEnabled(has_cells)
        menu.addAction(self.copy_action)
        if takes_rows or _any_editable(model):
            self.paste_action.setEnabled(bool(QGuiApplication.clipboard().text()))
            menu.addAction(self.paste_action)
        menu.addAction(self.select_all_action)
        if self._extra:
            menu.addSeparator()
            for action in self._extra:
                menu.addAction(action)
        return menu

    def _show_menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.viewport().mapToGlobal(position))


def _shown(model, index: QModelIndex, column: int, delegate: int) -> tuple | None:
    """What decides a cell's width, as a key to remember it by: its column and delegate, its text, and
    its font, icon, check box or size asked for if it has any (a key is made only of what compares by
    value: None if the cell shows something that doesn't)."""
    text = model.data(index, _TEXT)
    font, icon, check, size = (model.data(index, role) for role in _SIZED_BY)
    if icon is not None or size is not None:
        return None
    key = (column, delegate, text, font.key() if hasattr(font, "key") else font, getattr(check, "value", check))
    try:
        hash(key)
    except TypeError:  # a value shown that Python can't compare by value
        return None
    return key


def _any_editable(model) -> bool:
    if model is None or model.rowCount() == 0:
        return False
    return any(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable for c in range(model.columnCount()))


def _typed_like(index: QModelIndex, text: str):
    """A pasted value as the cell holds it: a number for a number cell, a date for a date cell; the
    text otherwise (the model refuses what doesn't fit, in a sentence)."""
    from gui.screen_dates import parse_date, parse_time, to_qdate
    from services.pasted_cells import YES, folded

    current = index.data(Qt.ItemDataRole.EditRole)
    text = text.strip()
    try:
        if isinstance(current, bool):
            return folded(text) in YES
        if isinstance(current, int):
            return int(float(text))
        if isinstance(current, float):
            return float(text)
        if type(current).__name__ == "QDate":
            return to_qdate(parse_date(text))
        if type(current).__name__ == "QTime":
            from PySide6.QtCore import QTime

            t = parse_time(text)
            return QTime(t.hour, t.minute) if t else QTime()
    except ValueError:
        return text
    return text


def make_table_view(parent=None, stretch_column: int | None = None, name: str = "",
                    view_class: type[PlanTableView] = PlanTableView) -> PlanTableView:
    """A plan table (``view_class``: ``PlanTableView`` or a tab's own kind of it) set up like every other."""
    view = view_class(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
    header.setStretchLastSection(stretch_column is None)
    view.setTabKeyNavigation(True)
    if name:
        view.setAccessibleName(name)
    return view


def fit_columns(view: QTableView, stretch_column: int | None = None) -> None:
    """Columns as wide as what they hold (within reason), one column taking the spare width. A plan
    table keeps fitting as rows arrive (a new plan's first names, a plan read in the background)
    until the person drags a column's edge themselves."""
    if isinstance(view, PlanTableView):
        view.fit_to_contents(stretch_column)
    else:
        _fit(view, stretch_column)


def _fit(view: QTableView, stretch_column: int | None) -> None:
    header = view.horizontalHeader()
    # Qt sizes a column from up to 1,000 rows (every row of a table not shown yet), each through the
    # model and the delegate in Python: 0.8 s for a district's 1,000 actions, again after every edit.
    # The rows on screen and a screenful more say how wide a column should be.
    header.setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    for col in range(header.count()):
        if col != stretch_column:
            header.resizeSection(col, min(max(header.sectionSize(col) + 12, 60), 320))
    if stretch_column is not None and stretch_column < header.count():
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)


def selected_rows(view: QTableView) -> list[int]:
    """The rows the person has selected (any cell of them), the current one first."""
    selection = view.selectionModel()
    rows = sorted({i.row() for i in selection.selectedIndexes()}) if selection else []
    current = view.currentIndex()
    if current.isValid() and current.row() in rows:
        rows.remove(current.row())
        rows.insert(0, current.row())
    return rows


def selected_record(view: QTableView):
    """The record behind the selected row of a RecordTableModel view (the current one, if the
    selection spans several), or None."""
    rows = selected_rows(view)
    return view.model().record_at(rows[0]) if rows else None


def on_delete_key(view: PlanTableView, slot, text: str = "&Remove") -> None:
    """Delete (and the right-click menu's Remove) removes the selected row while the table has focus,
    not while a cell is being typed in."""
    view.set_commands(remove=(text, slot))


def focused_table() -> PlanTableView | None:
    """The table the keyboard is in (or whose cell is being typed in), for the Edit menu."""
    widget = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, PlanTableView):
        widget = widget.parentWidget()
    return widget
