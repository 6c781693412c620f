"""What the import wizard shows of a survey file's columns: each column's proposed role (and
scale, reverse-scoring and domain) to confirm, and the answers that don't fit a scale, to decide.
Table models and their delegate; the wizard's pages are in ``import_wizard``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.headed_table_model import HeadedTableModel
from services.data.identifying_values import redact
from services.data.survey_columns import ROLE_LABELS, Role, missing_tokens, showable_answer
from services.data.survey_files import normalize_text
from services.data.survey_import import ColumnChoice, ImportSource, point_on_scale, with_role

Index = QModelIndex | QPersistentModelIndex
IDENTIFYING_BACKGROUND = QColor("#F1F1F1")


def count_text(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _scale_text(choice: ColumnChoice) -> str:
    if choice.scale is None:
        return "not a scale"
    if choice.scale.kind == "numeric":
        return f"numbers 1-{choice.scale.points}"
    return f"{choice.scale.kind}, {choice.scale.points} points"


class ColumnChoicesModel(HeadedTableModel):
    """One row per column of the file: what it is called, examples of its answers, and its role."""

    HEADERS = ("Column", "Question or statement", "Examples", "Role", "Scale", "Reverse", "Domain")
    ROLE, REVERSE, DOMAIN = 3, 5, 6

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.source: ImportSource | None = None
        self.choices: list[ColumnChoice] = []
        self.domains: list[str] = []
        # Each row's examples, worked out once per choice: painting and fitting the columns ask for
        # every cell many times, and an attribute's examples go through all of its answers' groups.
        self._examples_of: dict[int, tuple[ColumnChoice, str]] = {}

    def set_source(self, source: ImportSource, choices: list[ColumnChoice], domains: list[str]) -> None:
        self.beginResetModel()
        self.source, self.choices, self.domains = source, list(choices), domains
        self._examples_of = {}
        self.endResetModel()

    def examples(self, row: int) -> str:
        c = self.choices[row]
        known = self._examples_of.get(row)
        if known is None or known[0] is not c:  # a choice changed is a new object (dataclasses.replace)
            known = self._examples_of[row] = (c, self._examples(c))
        return known[1]

    def _examples(self, c: ColumnChoice) -> str:
        """A few of the column's answers, only where they can't identify anyone: a scale's points,
        a question's choices, an attribute's groups; never names, comments or contact details."""
        if c.role is Role.SCALE and c.scale is not None:
            return "; ".join(label.capitalize() for label in c.scale.labels[:3]) + ("; ..." if c.scale.points > 3
                                                                                   else "")
        if c.role is Role.CHOICES:
            return "; ".join(o[:30] for o in c.options[:3])
        if c.role is Role.DIMENSION and not c.refusal and self.source is not None:
            missing = missing_tokens(self.source.missing)
            values = [str(v).strip() for v in self.source.table.frame[c.index].cat.categories
                      if str(v).strip() and str(v).strip().casefold() not in missing][:3]
            return "; ".join(redact(v)[:30] for v in values)
        return ""

    def row_count(self) -> int:
        return len(self.choices)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        choice = self.choices[index.row()]
        if index.column() == self.ROLE or (choice.role is Role.SCALE and index.column() == self.DOMAIN):
            flags |= Qt.ItemFlag.ItemIsEditable
        if choice.role is Role.SCALE and index.column() == self.REVERSE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        c, col = self.choices[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:  # only the cell asked for: a view asks for every cell
            if col == 0:
                return c.header
            if col == 1:
                return c.label if c.label != c.header else ""
            if col == 2:
                return self.examples(index.row())
            if col == self.ROLE:
                return ROLE_LABELS[c.role]
            if col == 4:
                return _scale_text(c) if c.role is Role.SCALE else ""
            if col == self.DOMAIN:
                return c.domain or ("(none)" if c.role is Role.SCALE else "")
            return ""
        if role == Qt.ItemDataRole.EditRole:
            return {self.ROLE: c.role.value, self.DOMAIN: c.domain}.get(col)
        if role == Qt.ItemDataRole.CheckStateRole and col == self.REVERSE and c.role is Role.SCALE:
            return Qt.CheckState.Checked if c.reverse else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.ROLE:
                why = f"Proposed because {c.reason}." if c.reason and c.reason != "chosen by you" else \
                    ("Chosen by you." if c.reason else "")
                if c.refusal and c.role is not Role.DIMENSION:
                    why += f" It can't be a respondent attribute: {c.refusal}."
                return why.strip() or None
            if col == 4 and c.scale is not None:
                return "Lowest to highest: " + ", ".join(c.scale.labels)
            if col == self.REVERSE:
                return "Tick for an item where agreeing is bad (\u201cMy workload is too heavy\u201d)."
            return c.label or None
        if role == Qt.ItemDataRole.BackgroundRole and c.role is Role.IDENTIFYING:
            return QBrush(IDENTIFYING_BACKGROUND)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.source is None:
            return False
        row, col = index.row(), index.column()
        c = self.choices[row]
        if role == Qt.ItemDataRole.CheckStateRole and col == self.REVERSE:
            c = replace(c, reverse=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role == Qt.ItemDataRole.EditRole and col == self.ROLE:
            c = with_role(self.source, c, Role(value))
        elif role == Qt.ItemDataRole.EditRole and col == self.DOMAIN:
            c = replace(c, domain=value or "")
        else:
            return False
        self.choices[row] = c
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    def counts(self) -> dict[Role, int]:
        return {r: sum(1 for c in self.choices if c.role is r) for r in Role}

    def set_answers(self, row: int, answers: tuple[tuple[str, int], ...]) -> None:
        self.choices[row] = replace(self.choices[row], answers=answers)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))


MISSING_CHOICE = 0


class OddAnswersModel(HeadedTableModel):
    """The answers of scale items that are off their scale ("Agreee", "99"): where they are, and the
    point or "Missing" the user maps each to. Only answers that can't identify anyone are shown as
    text; anything else is named by its rows."""

    HEADERS = ("Column", "Answer", "Rows", "Count as")
    MAP = 3

    def __init__(self, columns: ColumnChoicesModel):
        super().__init__(columns)
        self.columns = columns
        self.rows: list[tuple[int, str, str, str]] = []  # (column row, normalised answer, shown as, rows)
        columns.modelReset.connect(self.refresh)
        columns.dataChanged.connect(self._columns_changed)

    def _columns_changed(self, top: QModelIndex, _bottom: QModelIndex, *_roles) -> None:
        if top.column() == 0:  # a whole row changed: a role, which can add or remove odd answers
            self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = []
        source = self.columns.source
        for n, c in enumerate(self.columns.choices):
            if c.role is not Role.SCALE or not c.odd or source is None:
                continue
            series = source.table.frame[c.index]
            codes = series.cat.codes.to_numpy()
            categories = [str(v) for v in series.cat.categories]
            for value in c.odd:
                where = [i for i, v in enumerate(categories) if v == value]
                positions = [int(p) for p in (codes == where[0]).nonzero()[0][:4]] if where else []
                rows = ", ".join(str(source.table.row_number(p)) for p in positions[:3]) + \
                    (" ..." if len(positions) > 3 else "")
                shown = showable_answer(value, c.scale) or "(free text, not shown)"
                self.rows.append((n, normalize_text(value), shown, rows))
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def _mapped(self, row: int) -> int | None:
        column, key, _shown, _rows = self.rows[row]
        return dict(self.columns.choices[column].answers).get(key)

    def unmapped(self) -> int:
        return sum(1 for r in range(len(self.rows)) if self._mapped(r) is None)

    def options(self, row: int) -> list[tuple[int, str]]:
        scale = self.columns.choices[self.rows[row][0]].scale
        return [(MISSING_CHOICE, "Missing")] + [(n, f"{n} {label}") for n, label in enumerate(scale.labels, 1)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.MAP else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column, _key, shown, rows = self.rows[index.row()]
        mapped = self._mapped(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.MAP:
                return "Choose..." if mapped is None else dict(self.options(index.row()))[mapped]
            return (self.columns.choices[column].label, shown, rows, "")[index.column()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.MAP:
            return mapped
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.MAP and mapped is None:
            return QBrush(QColor("#B42318"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.MAP or value is None:
            return False
        column, key, _shown, _rows = self.rows[index.row()]
        choice = self.columns.choices[column]
        answers = dict(choice.answers)
        answers[key] = point_on_scale(choice.scale, "missing" if int(value) == MISSING_CHOICE else str(int(value)))
        self.columns.set_answers(column, tuple(answers.items()))
        self.dataChanged.emit(index, index)
        return True


class OddAnswerDelegate(ChoiceDelegate):
    """The points of the row's own scale, and Missing."""

    def __init__(self, model: OddAnswersModel, parent: QWidget | None = None):
        super().__init__(lambda: [], parent)
        self._model = model

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        self._choices = lambda: self._model.options(index.row())
        return super().createEditor(parent, option, index)
