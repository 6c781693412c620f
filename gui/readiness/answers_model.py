"""The answer grid: one row per item, one column per respondent, notes at the end.

The item's key and text sit in the row header, which stays put while a wide round scrolls
sideways, so the item is always in view beside the answers.

Typing a paper form in goes down a respondent's column: a digit records the answer and the cursor
moves to the next item, and after the last item to the top of the next respondent's column, so a
stack of forms is typed with the number keys alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

from gui.plan_context import READINESS, PlanContext
from gui.readiness import commands
from gui.readiness.round_source import RoundSource
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import PlanTableView
from gui.widgets.word_elision import cut_at_word
from models.instrument import DONT_KNOW, ScaleType
from services.errors import InvalidInput
from services.readiness.readiness_rounds import RoundData
from services.scale_colors import DONT_KNOW_COLOR, scale_colors

Index = QModelIndex | QPersistentModelIndex
HEADER_TEXT_LENGTH = 46


def key_hint(data: RoundData | None) -> str:
    """What the keys do for this round's scale, shown under the grid."""
    if data is None:
        return ""
    scale = data.instrument.scale
    if scale.type is ScaleType.YES_NO:
        keys = "Y or 2 = Yes, N or 1 = No"
    else:
        keys = ", ".join(f"{v} = {scale.label(v)}" for v in scale.values)
    if scale.dont_know:
        keys += ", D or 0 = Don't know"
    return (f"Type {keys}. The cursor then moves to the next item (and to the next respondent after the last). "
            "Delete clears the selected answers; arrows move; Ctrl+Z undoes; Ctrl+Tab leaves the grid.")


def value_for_text(data: RoundData, text: str) -> int | None:
    """The answer a pasted or copied cell means: "3", "3 Developing", "Developing", "Yes", "?" or
    "Don't know"; None for a blank cell. ``ValueError`` for text that is no answer on this scale."""
    scale = data.instrument.scale
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    if scale.dont_know and wanted in ("?", "d", "don't know", "dont know", "0"):
        return DONT_KNOW
    for value in scale.values:
        label = scale.label(value).casefold()
        if wanted in (label, f"{value} {label}", str(value)):
            return value
    if scale.type is ScaleType.YES_NO and wanted in ("y", "n"):
        return 2 if wanted == "y" else 1
    raise ValueError(f"\u201c{text.strip()}\u201d is not an answer on this scale")


def value_for_key(data: RoundData, event: QKeyEvent) -> int | None | bool:
    """The answer a key press means: a value, None for "clear", or False if it isn't an answer key."""
    scale = data.instrument.scale
    key, typed = event.key(), event.text().strip().casefold()
    if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        return None
    if scale.dont_know and typed in ("d", "0", "?"):
        return DONT_KNOW
    if scale.type is ScaleType.YES_NO:
        return {"y": 2, "n": 1, "1": 1, "2": 2}.get(typed, False)
    if typed.isdigit() and 1 <= int(typed) <= scale.points:
        return int(typed)
    return False


class AnswersModel(QAbstractTableModel):
    def __init__(self, context: PlanContext, rounds: RoundSource | None = None):
        super().__init__()
        self.context = context
        self.rounds = rounds or RoundSource(context)
        self.round_id: int | None = None
        self.data_: RoundData | None = None
        # The instrument's items, gathered from its sections once per instrument read: the grid asks
        # for them at every cell and heading it paints (19,000 items walked for one first paint).
        self._items: tuple[object, tuple] = (None, ())
        context.changed.connect(self._on_changed)

    # Loading ------------------------------------------------------------------------------------
    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.reload(reset=True)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if READINESS in topics:
            self.reload()

    def reload(self, reset: bool = False) -> None:
        new = None
        if self.round_id is not None:
            try:
                new = self.rounds.load(self.round_id)
            except InvalidInput:  # the round was deleted (or its creation undone)
                new = None
        old = self.data_
        same_shape = (not reset and old is not None and new is not None
                      and [p.id for p in old.respondents] == [p.id for p in new.respondents]
                      and [i.key for i in old.instrument.items] == [i.key for i in new.instrument.items])
        if same_shape:  # keep the current cell: a keyboard user must not lose their place
            self.data_ = new
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        else:
            self.beginResetModel()
            self.data_ = new
            self.endResetModel()

    # Shape --------------------------------------------------------------------------------------
    @property
    def items(self):
        if self.data_ is None:
            return ()
        instrument = self.data_.instrument
        if self._items[0] is not instrument:
            self._items = (instrument, instrument.items)
        return self._items[1]

    @property
    def respondents(self):
        return self.data_.respondents if self.data_ else []

    def notes_column(self) -> int:
        return len(self.respondents)

    def respondent_at(self, column: int):
        return self.respondents[column] if 0 <= column < len(self.respondents) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.data_ is None else len(self.respondents) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.items):
                return None
            item = self.items[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{item.key}  {cut_at_word(item.text, HEADER_TEXT_LENGTH)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                section_ = self.data_.instrument.section_of(item.key)
                extra = f"\n\nIf not: {item.next_step}" if item.next_step else ""
                return f"{section_.title}\n\n{item.key} {item.text}{extra}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.notes_column():
                return "Discussion notes"
            return self.respondent_at(section).code
        if role == Qt.ItemDataRole.ToolTipRole and (p := self.respondent_at(section)):
            team = "on the planning team" if p.on_team else "not on the planning team"
            tenure = f", {p.tenure_band}" if p.tenure_band else ""
            return f"{p.code}: {p.position_group or 'position not recorded'}{tenure}, {team}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # Cells --------------------------------------------------------------------------------------
    def value_at(self, index: Index) -> int | None:
        p = self.respondent_at(index.column())
        return self.data_.answer(p.id, self.items[index.row()].key) if p and self.data_ else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        item = self.items[index.row()]
        scale = self.data_.instrument.scale
        column = index.column()
        if column == self.notes_column():
            notes = self.data_.notes.get(item.key, "")
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
                return notes
            return None
        value = self.value_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            return "?" if value == DONT_KNOW else f"{value} {scale.label(value)}" if scale.type is not \
                ScaleType.YES_NO else scale.label(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and value is not None:
            return scale.label(value)
        if role == Qt.ItemDataRole.BackgroundRole and value is not None:
            fill = DONT_KNOW_COLOR if value == DONT_KNOW else scale_colors(scale.points)[value - 1]
            color = QColor(fill)
            color.setAlpha(110)  # a tint: the text must stay readable
            return QBrush(color)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.data_ is None:
            return False
        item = self.items[index.row()]
        if index.column() == self.notes_column():
            if (value or "") == self.data_.notes.get(item.key, ""):
                return False
            return self.context.edit(commands.set_notes(self.context, self.round_id, item.key, str(value or "")))
        p = self.respondent_at(index.column())
        if isinstance(value, str):  # pasted: "3", "Developing", "?"
            try:
                value = value_for_text(self.data_, value)
            except ValueError as exc:
                self.context.rejected.emit(f"{exc}.")
                return False
        if p is None or value == self.value_at(index):
            return False
        return self.context.edit(commands.set_answer(self.context, p, item.key, value))


class AnswerGrid(PlanTableView):
    """The grid's keyboard: answer keys record and move on; everything else is a table's usual
    (cells selected, copied and pasted as in a spreadsheet; Delete clears them; Ctrl+Tab leaves)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setAccessibleName("Answers: one row per item, one column per respondent")
        self.set_commands(remove=("C&lear answers", self.clear_selected))

    def clear_selected(self) -> None:
        """Delete: the selected answers (and notes) are cleared, in one undo step."""
        model: AnswersModel = self.model()
        indexes = [i for i in self.selected_indexes() if i.data(Qt.ItemDataRole.DisplayRole)]
        if not indexes or model.data_ is None:
            return
        stack = model.context.undo_stack
        stack.beginMacro(f"Clear {len(indexes)} answer{'s' if len(indexes) != 1 else ''}")
        try:
            for index in indexes:
                model.setData(index, "" if index.column() == model.notes_column() else None)
        finally:
            stack.endMacro()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        model: AnswersModel = self.model()
        index = self.currentIndex()
        if (index.isValid() and model.data_ is not None and model.respondent_at(index.column()) is not None
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            value = value_for_key(model.data_, event)
            if value is not False:
                model.setData(index, value)
                if value is not None:
                    self._advance(index)
                return
        if (index.isValid() and index.column() == model.notes_column() and event.text().strip()
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.edit(index)  # start typing a note straight away, as in a spreadsheet
        super().keyPressEvent(event)

    def _advance(self, index: QModelIndex) -> None:
        model: AnswersModel = self.model()
        row, column = index.row() + 1, index.column()
        if row >= model.rowCount():
            row, column = 0, column + 1
            if model.respondent_at(column) is None:
                row, column = model.rowCount() - 1, index.column()  # the last cell: stay there
        self.setCurrentIndex(model.index(row, column))


class AnswerDelegate(ChoiceDelegate):
    """A drop-down of the scale's answers for mouse users; notes get the usual text editor."""

    def __init__(self, model: AnswersModel, parent=None):
        super().__init__(self._choices, parent)
        self._model = model

    def _choices(self) -> list[tuple[Any, str]]:
        data = self._model.data_
        if data is None:
            return []
        scale = data.instrument.scale
        choices: list[tuple[Any, str]] = [(None, "(no answer)")]
        choices += [(v, scale.label(v)) for v in scale.values]
        if scale.dont_know:
            choices.append((DONT_KNOW, "Don't know"))
        return choices

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        if self._model.respondent_at(index.column()) is None:
            return QStyledItemDelegate.createEditor(self, parent, option, index)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        if self._model.respondent_at(index.column()) is None:
            QStyledItemDelegate.setEditorData(self, editor, index)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if self._model.respondent_at(index.column()) is None:
            QStyledItemDelegate.setModelData(self, editor, model, index)
        else:
            super().setModelData(editor, model, index)
