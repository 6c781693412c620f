"""Making a district's own instrument: a scale and a list of items grouped into sections.

The editor builds an ``Instrument`` and hands it to the services, which check it exactly as they
check a file; a problem is shown in the dialog, which stays open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from gui.widgets.headed_table_model import HeadedTableModel
from gui.widgets.tables import make_table_view
from models.instrument import Instrument, Item, Scale, ScaleType, Section
from services.errors import InvalidInput
from services.readiness.instruments import parse_instrument, to_toml

Index = QModelIndex | QPersistentModelIndex
SCALE_NAMES = {ScaleType.YES_NO: "Yes / no checklist", ScaleType.LEVELS: "Levels (a rubric if items describe them)",
               ScaleType.AGREEMENT: "Agreement, 1 to N"}
DEFAULT_LABELS = {ScaleType.YES_NO: "No, Yes", ScaleType.LEVELS: "Not yet, Beginning, Developing, Established",
                  ScaleType.AGREEMENT: "Strongly disagree, Disagree, Neutral, Agree, Strongly agree"}
BASE_HEADERS = ("Section", "Number", "Item")


class ItemRowsModel(HeadedTableModel):
    """The items being edited, one row each: its section, number and text, then what the scale asks
    for beside it: a next step for a "no" (a yes/no checklist), or what each level looks like (a
    rubric: one column per answer name). Each row is kept as [section, number, text, next step,
    level 1, level 2...], so changing the scale loses nothing typed."""

    def __init__(self, rows: list[list[str]], kind: ScaleType = ScaleType.YES_NO, labels: tuple[str, ...] = ()):
        super().__init__()
        self.rows = rows
        self.kind = kind
        self.labels = labels

    def set_scale(self, kind: ScaleType, labels: tuple[str, ...]) -> None:
        if (kind, labels) == (self.kind, self.labels):
            return
        self.beginResetModel()
        self.kind, self.labels = kind, labels
        self.endResetModel()

    def _slot(self, column: int) -> int:
        """Where a column's text is kept in a row."""
        if column < 3:
            return column
        return 3 if self.kind is ScaleType.YES_NO else 4 + column - 3

    def row_count(self) -> int:
        return len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        if parent.isValid():
            return 0
        extra = 1 if self.kind is ScaleType.YES_NO else len(self.labels) if self.kind is ScaleType.LEVELS else 0
        return len(BASE_HEADERS) + extra

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < 3:
            return BASE_HEADERS[section]
        if self.kind is ScaleType.YES_NO:
            return "Next step if \u201cno\u201d"
        return f"What \u201c{self.labels[section - 3]}\u201d looks like"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            row = self.rows[index.row()]
            slot = self._slot(index.column())
            return row[slot] if slot < len(row) else ""
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        slot = self._slot(index.column())
        row.extend([""] * (slot + 1 - len(row)))
        row[slot] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def add_row(self, after: int) -> int:
        section = self.rows[after][0] if 0 <= after < len(self.rows) else "Section 1"
        row = after + 1 if after >= 0 else len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, [section, "", "", ""])
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def descriptors(self, row: list[str]) -> tuple[str, ...]:
        """A row's level descriptions, one per answer name; none when all are blank."""
        texts = tuple((row[4 + n] if 4 + n < len(row) else "").strip() for n in range(len(self.labels)))
        return texts if any(texts) else ()


def rows_of(instrument: Instrument) -> list[list[str]]:
    return [[s.title, i.key, i.text, i.next_step, *i.descriptors] for s in instrument.sections for i in s.items]


class InstrumentEditor(QDialog):
    def __init__(self, instrument: Instrument | None, key: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit instrument" if instrument else "New instrument")
        self.resize(900, 600)
        self.key = instrument.key if instrument else key
        self.original = instrument  # its section prompts and guidance, which the form doesn't show, are kept
        self.result_instrument: Instrument | None = None
        self.title_edit = QLineEdit(instrument.title if instrument else "")
        self.title_edit.setObjectName("instrumentTitle")
        self.source_edit = QLineEdit(instrument.source if instrument else "")
        self.source_edit.setPlaceholderText("Who wrote it, or what it is based on")
        self.purpose_edit = QPlainTextEdit(instrument.purpose if instrument else "")
        self.purpose_edit.setMaximumHeight(60)
        self.instructions_edit = QLineEdit(instrument.instructions if instrument else "")
        self.instructions_edit.setPlaceholderText("Printed at the top of the paper form")
        self.scale_type = QComboBox()
        self.scale_type.setObjectName("scaleType")
        for kind, name in SCALE_NAMES.items():
            self.scale_type.addItem(name, kind)
        self.labels_edit = QLineEdit()
        self.labels_edit.setObjectName("scaleLabels")
        self.dont_know = QCheckBox("Offer \u201cDon't know\u201d")
        if instrument:
            self.scale_type.setCurrentIndex(list(SCALE_NAMES).index(instrument.scale.type))
            self.labels_edit.setText(", ".join(instrument.scale.labels))
            self.dont_know.setChecked(instrument.scale.dont_know)
        else:
            self.labels_edit.setText(DEFAULT_LABELS[ScaleType.YES_NO])
            self.dont_know.setChecked(True)
        self.scale_type.currentIndexChanged.connect(self._scale_changed)

        self.rows = ItemRowsModel(rows_of(instrument) if instrument else [["Section 1", "Q1", "", ""]],
                                  *self._scale_shape())
        self.labels_edit.editingFinished.connect(lambda: self.rows.set_scale(*self._scale_shape()))
        self.table = make_table_view(self, name="Items")
        self.table.setObjectName("instrumentItems")
        self.table.setSelectionBehavior(self.table.SelectionBehavior.SelectItems)
        self.table.setModel(self.rows)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 50)
        self.table.setColumnWidth(2, 330)
        self._size_scale_columns()
        self.rows.modelReset.connect(self._size_scale_columns)
        self.table.set_commands(add=("&Add item", self._add_row), remove=("&Remove item", self._remove_row))
        add = QPushButton("&Add item")
        add.clicked.connect(self._add_row)
        remove = QPushButton("&Remove item")
        remove.clicked.connect(self._remove_row)
        self.error = QLabel()
        self.error.setObjectName("instrumentError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B42318;")

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Source:", self.source_edit)
        form.addRow("&Purpose:", self.purpose_edit)
        form.addRow("&Instructions:", self.instructions_edit)
        form.addRow("S&cale:", self.scale_type)
        form.addRow("Answer &names (lowest first, commas between):", self.labels_edit)
        form.addRow("", self.dont_know)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)
        hint = QLabel("Items with the same section name form one section, in the order listed. For a scale of "
                      "levels, saying what each level looks like (optional) makes the items a rubric.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _size_scale_columns(self) -> None:
        """The next-step or level columns wide enough to read their headings whole."""
        metrics = self.table.horizontalHeader().fontMetrics()
        for column in range(3, self.rows.columnCount()):
            heading = self.rows.headerData(column, Qt.Orientation.Horizontal)
            self.table.setColumnWidth(column, max(200, metrics.horizontalAdvance(heading) + 30))

    def _scale_changed(self) -> None:
        self.labels_edit.setText(DEFAULT_LABELS[self.scale_type.currentData()])
        self.rows.set_scale(*self._scale_shape())

    def _scale_shape(self) -> tuple[ScaleType, tuple[str, ...]]:
        """The scale as typed so far: its kind and its answer names (what the table's columns follow)."""
        return (ScaleType(self.scale_type.currentData()),
                tuple(x.strip() for x in self.labels_edit.text().split(",") if x.strip()))

    def _add_row(self) -> None:
        row = self.rows.add_row(self.table.currentIndex().row())
        self.table.setCurrentIndex(self.rows.index(row, 2))
        self.table.edit(self.rows.index(row, 2))

    def _remove_row(self) -> None:
        self.rows.remove_row(self.table.currentIndex().row())

    def build(self) -> Instrument:
        """The instrument as typed, checked by the same rules as a file."""
        kind = ScaleType(self.scale_type.currentData())
        labels = tuple(x.strip() for x in self.labels_edit.text().split(",") if x.strip())
        sections: dict[str, list[Item]] = {}
        # An item's guidance and its step toward the next level aren't columns here: kept by item key.
        kept = {i.key: i for s in self.original.sections for i in s.items} if self.original else {}
        self.rows.set_scale(kind, labels)
        for n, row in enumerate(self.rows.rows, 1):
            section, key, text = row[:3]
            if not text.strip():
                continue
            descriptors = self.rows.descriptors(row) if kind is ScaleType.LEVELS else ()
            next_step = row[3].strip() if kind is ScaleType.YES_NO and len(row) > 3 else ""
            sections.setdefault(section.strip() or "Items", []).append(
                Item(key.strip() or f"Q{n}", text.strip(), next_step, descriptors,
                     guidance=kept[key.strip()].guidance if key.strip() in kept else "",
                     growth_step=kept[key.strip()].growth_step if key.strip() in kept and kind is not ScaleType.YES_NO
                     else ""))
        if not sections:
            raise InvalidInput("Type at least one item.")
        prompts = {sec.title: sec.prompt for sec in self.original.sections} if self.original else {}
        instrument = Instrument(
            key=self.key, title=self.title_edit.text().strip(), source=self.source_edit.text().strip(),
            scale=Scale(kind, labels, self.dont_know.isChecked()),
            sections=tuple(Section(str(n), title, prompts.get(title, ""), tuple(items)) for n, (title, items) in
                           enumerate(sections.items(), 1)),
            purpose=self.purpose_edit.toPlainText().strip(), instructions=self.instructions_edit.text().strip(),
            guidance=self.original.guidance if self.original else "")
        return parse_instrument(to_toml(instrument), self.title_edit.text().strip() or "The instrument")

    def _save(self) -> None:
        try:
            self.result_instrument = self.build()
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return
        self.accept()
