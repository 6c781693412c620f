"""The instruments a plan can use: the built-in ones and the district's own, with make, copy,
edit, delete, and sharing with another district as a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from gui.dialog_lifetime import listen_while_open, run_modal
from gui.plan_context import READINESS, PlanContext
from gui.readiness import commands
from gui.readiness.instrument_editor import SCALE_NAMES, InstrumentEditor
from gui.widgets.headed_table_model import HeadedTableModel
from gui.widgets.tables import fit_columns, make_table_view, selected_rows
from models.instrument import Instrument
from services.errors import InvalidInput
from services.readiness import instruments
from services.readiness.instruments import BUILT_IN, InstrumentChoice

Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = "WellPlan instrument (*.toml)"


class InstrumentListModel(HeadedTableModel):
    HEADERS = ("Instrument", "Kind", "Scale", "Items", "Used")

    def __init__(self, context: PlanContext):
        super().__init__()
        self.context = context
        self.choices: list[InstrumentChoice] = []
        self.reload()

    def plan_changed(self, topics: frozenset[str]) -> None:
        if READINESS in topics:
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.choices = self.context.read(instruments.available_instruments)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (c.title, "Built in" if c.origin == BUILT_IN else "Made for this plan",
                    SCALE_NAMES[c.instrument.scale.type].split(" (")[0], str(len(c.instrument.items)),
                    "Yes" if c.in_use else "")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.instrument.purpose}\n\nSource: {c.instrument.source}".strip()
        return None


class InstrumentsDialog(QDialog):
    def __init__(self, context: PlanContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Readiness instruments")
        self.resize(820, 420)
        self.model = InstrumentListModel(context)
        listen_while_open(self, context.changed, self.model.plan_changed)
        self.view = make_table_view(self, stretch_column=0, name="Readiness instruments")
        self.view.setObjectName("instrumentList")
        self.view.setModel(self.model)
        self.view.setEditTriggers(self.view.EditTrigger.NoEditTriggers)
        fit_columns(self.view, stretch_column=0)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        intro = QLabel("Built-in instruments come from the source documents and can't be changed; copy one to "
                       "adapt it. Share an instrument with another district by exporting it as a file.")
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        labelled = (("&New...", self.new), ("&Copy...", self.copy), ("&Edit...", self.edit),
                    ("&Delete", self.delete), ("&Import...", self.import_file), ("E&xport...", self.export_file))
        for text, slot in labelled:
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        # The same commands on the list's right-click menu (Delete deletes the selected one).
        menu_actions = []
        for text, slot in (("Make a cop&y to adapt...", self.copy), ("&Edit...", self.edit),
                           ("E&xport...", self.export_file)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            menu_actions.append(action)
        self.view.set_commands(add=("&New instrument...", self.new), remove=("&Delete instrument", self.delete),
                               extra=menu_actions)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        if self.model.rowCount():
            self.view.selectRow(0)

    def selected(self) -> InstrumentChoice | None:
        rows = selected_rows(self.view)
        return self.model.choices[rows[0]] if rows else None

    def _edit_with(self, instrument: Instrument | None, key: str, previous: Instrument | None) -> None:
        editor = InstrumentEditor(instrument, key, self)
        if run_modal(editor) == QDialog.DialogCode.Accepted and editor.result_instrument is not None:
            self.context.edit(commands.save_instrument(self.context, editor.result_instrument, previous))

    def new(self) -> None:
        self._edit_with(None, self.context.read(lambda s: instruments.key_for_title(s, "district-instrument")), None)

    def copy(self) -> None:
        choice = self.selected()
        if choice is None:
            return
        key = self.context.read(lambda s: instruments.unused_key(s, f"{choice.key}-copy"))
        original = choice.instrument
        copy = Instrument(key, f"{original.title} (our version)", original.source, original.scale, original.sections,
                          original.purpose, original.guidance, original.instructions)
        self._edit_with(copy, key, None)

    def edit(self) -> None:
        choice = self.selected()
        if choice is None:
            return
        if choice.origin == BUILT_IN:
            QMessageBox.information(self, "Readiness instruments", f"\u201c{choice.title}\u201d is built in and "
                                    "can't be changed. Use Copy... to make your own version.")
            return
        self._edit_with(choice.instrument, choice.key, choice.instrument)

    def delete(self) -> None:
        choice = self.selected()
        if choice is not None:
            self.context.edit(commands.delete_instrument(self.context, choice.key, choice.title))

    def import_file(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(self, "Import an instrument", start, FILE_FILTER + ";;All files (*)")
        if not path:
            return
        try:
            incoming = instruments.read_instrument_file(path)
        except InvalidInput as exc:
            QMessageBox.warning(self, "Readiness instruments", str(exc))
            return
        if any(c.key == incoming.key and instruments.to_toml(c.instrument) == instruments.to_toml(incoming)
               for c in self.model.choices):
            QMessageBox.information(self, "Readiness instruments", f"\u201c{incoming.title}\u201d is already here.")
            return
        self.context.edit(commands.import_instrument(self.context, Path(path)))

    def export_file(self) -> None:
        choice = self.selected()
        if choice is None:
            return
        start = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        path, _ = QFileDialog.getSaveFileName(self, "Export an instrument", str(start / f"{choice.key}.toml"),
                                              FILE_FILTER)
        if not path:
            return
        try:
            written = instruments.export_instrument(choice.instrument, path)
        except OSError as exc:
            QMessageBox.warning(self, "Readiness instruments", f"Could not write {path}: {exc.strerror or exc}")
            return
        QMessageBox.information(self, "Readiness instruments", f"Saved {written}")
