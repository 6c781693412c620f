"""Which district profile staff group each survey group is, before its headcount is used.

Survey tools and HR spell groups differently ("Teacher" / "Teachers", "Bus driver / transportation" /
"Transportation"). The dialog lists every survey group with the profile group proposed for it and
that group's number of staff, or "no match", and a drop-down per row to pick another. OK applies
all of them as one undoable edit and remembers the choices for the next wave of the same survey.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui.data import commands
from gui.plan_context import PlanContext
from gui.widgets.headed_table_model import HeadedTableModel
from gui.widgets.record_model import WARNING_BACKGROUND
from gui.widgets.tables import make_table_view
from gui.window_geometry import fit_to_screen
from services.data import headcount_matching, survey_participation
from services.data.headcount_matching import GroupMatch, MatchHow
from services.district_profile import list_position_groups

Index = QModelIndex | QPersistentModelIndex
NO_MATCH = "(no match)"
_QUIET = QColor("#6B6B6B")  # "no match" rows: there, but not shouting


class HeadcountMatchModel(HeadedTableModel):
    """One row per survey group: its profile group (editable), that group's headcount, and how it matched."""

    HEADERS = ("Survey group", "District profile group", "Number of staff", "How it matched")
    SURVEY, PROFILE, STAFF, HOW = range(4)

    def __init__(self, matches: list[GroupMatch], profile_counts: dict[str, int], current: dict[str, int],
                 parent=None):
        super().__init__(parent)
        self.proposed = list(matches)
        self.rows = list(matches)
        self.profile_counts = profile_counts  # every profile group, 0 where the profile has no number
        self.current = current  # the headcounts the survey groups have now

    def row_count(self) -> int:
        return len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.PROFILE else flags

    def staff_text(self, row: GroupMatch) -> str:
        if row.profile_group is not None:
            count = self.profile_counts.get(row.profile_group, 0)
            if count:
                return f"{count:,}"
            now = self.current.get(row.survey_group)
            return "not in the profile" + (f" (keeps {now:,})" if now else "")
        now = self.current.get(row.survey_group)
        return f"keeps {now:,}" if now else "\u2014"

    def shared(self) -> dict[str, list[str]]:
        """Profile groups picked for more than one survey group: their headcount would count twice."""
        by_profile: dict[str, list[str]] = {}
        for r in self.rows:
            if r.profile_group is not None:
                by_profile.setdefault(r.profile_group, []).append(r.survey_group)
        return {p: groups for p, groups in by_profile.items() if len(groups) > 1}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            how = r.how.value
            return (r.survey_group, r.profile_group or NO_MATCH, self.staff_text(r), how[0].upper() + how[1:])[col]
        if role == Qt.ItemDataRole.EditRole and col == self.PROFILE:
            return r.profile_group or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.STAFF and r.profile_group is None:
                return "No match: this group keeps the headcount it has now (type one on the Participation page)."
            return r.note or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.STAFF:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and r.profile_group is None and col != self.SURVEY:
            return QBrush(_QUIET)
        if role == Qt.ItemDataRole.BackgroundRole and r.profile_group in self.shared():
            return QBrush(WARNING_BACKGROUND)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.PROFILE or not index.isValid():
            return False
        pick = value or None
        if pick is not None and pick not in self.profile_counts:
            return False
        row = self.rows[index.row()]
        if pick == row.profile_group:
            return False
        proposed = self.proposed[index.row()]
        self.rows[index.row()] = (proposed if pick == proposed.profile_group else
                                  replace(row, profile_group=pick, how=MatchHow.CHOSEN,
                                          note="Picked here; remembered for the next wave when you press OK."))
        # a change can make another row's profile group shared, or no longer shared
        self.dataChanged.emit(self.index(0, self.PROFILE), self.index(len(self.rows) - 1, self.HOW))
        return True

    def picks(self) -> dict[str, str | None]:
        return {r.survey_group: r.profile_group for r in self.rows}


class ProfileGroupDelegate(QStyledItemDelegate):
    """A drop-down of the profile's staff groups (and "no match") that commits as soon as one is picked."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(NO_MATCH, "")
        for name in self.names:
            combo.addItem(name, name)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole) or ""), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class HeadcountMatchDialog(QDialog):
    def __init__(self, context: PlanContext, wave_id: int, wave_label: str, dimension: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Use the district profile's headcounts")
        self.context, self.wave_id, self.dimension = context, wave_id, dimension

        def read(s):
            return (headcount_matching.propose_profile_matches(s, wave_id, dimension),
                    {g.name: g.headcount for g in list_position_groups(s)},
                    survey_participation.headcounts(s, wave_id, dimension))

        matches, counts, current = context.read(read)
        self.model = HeadcountMatchModel(matches, counts, current, self)
        self.view = make_table_view(self, name="Survey groups and the profile's staff groups")
        self.view.setObjectName("headcountMatches")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(self.model.PROFILE, ProfileGroupDelegate(list(counts), self.view))
        self.view.verticalHeader().setDefaultSectionSize(30)
        self._editor_rows: dict[QObject, int] = {}
        for row in range(self.model.rowCount()):
            index = self.model.index(row, self.model.PROFILE)
            self.view.openPersistentEditor(index)
            editor = self.view.indexWidget(index)
            self._editor_rows[editor] = row
            editor.installEventFilter(self)  # a drop-down taking focus makes its row the one explained
        header = self.view.horizontalHeader()
        self.view.resizeColumnsToContents()
        header.resizeSection(self.model.SURVEY, min(max(header.sectionSize(self.model.SURVEY) + 16, 140), 280))
        header.resizeSection(self.model.PROFILE, max(min(header.sectionSize(self.model.PROFILE), 320), 240) + 24)
        header.resizeSection(self.model.STAFF, max(header.sectionSize(self.model.STAFF) + 16, 110))
        header.setSectionResizeMode(self.model.HOW, QHeaderView.ResizeMode.Stretch)

        intro = QLabel(f"Each answer to \u201c{escape(dimension)}\u201d in <b>{escape(wave_label)}</b>, with the "
                       "district profile's staff group it seems to be. Where a match is wrong, pick the right group "
                       f"from its list, or \u201c{NO_MATCH}\u201d. Your choices are remembered for the next survey "
                       "that asks this question.", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.summary = QLabel(objectName="matchSummary", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Use these headcounts")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.reason = QLabel(objectName="matchReason", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.reason.setStyleSheet("color: #4A4A4A;")
        layout.addWidget(self.view, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.model.dataChanged.connect(lambda *_a: self._summarise())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._explain())
        self._summarise()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, self.model.SURVEY))
        width = sum(header.sectionSize(c) for c in range(header.count())) + 60
        self.resize(max(760, min(width, 1100)), min(200 + 30 * self.model.rowCount(), 620))
        fit_to_screen(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self._editor_rows:
            self.view.setCurrentIndex(self.model.index(self._editor_rows[watched], self.model.SURVEY))
        return super().eventFilter(watched, event)

    def _explain(self) -> None:
        """Why the current row matched (or didn't), where a planner sees it without hovering."""
        row = self.view.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            self.reason.clear()
            return
        r = self.model.rows[row]
        self.reason.setText(f"{r.survey_group}: {r.note}" if r.note else "")

    def _summarise(self) -> None:
        self._explain()  # a new pick changes the row's reason too

        rows = self.model.rows
        counted = [r for r in rows if r.profile_group and self.model.profile_counts.get(r.profile_group)]
        staff = sum(self.model.profile_counts[r.profile_group] for r in counted)
        text = (f"{len(counted)} of {len(rows)} groups get a headcount from the district profile"
                + (f" ({staff:,} staff)." if counted else "."))
        unmatched = [r.survey_group for r in rows if r.profile_group is None]
        if unmatched:
            keeps = "it keeps" if len(unmatched) == 1 else "they keep"
            text += (f" No match for {escape(', '.join(unmatched))}: {keeps} the headcount typed on the "
                     "Participation page, if any.")
        for profile, groups in self.model.shared().items():
            text += (f"<br><b>{escape(profile)}</b> is picked for {escape(' and '.join(groups))}: its "
                     f"{self.model.profile_counts.get(profile, 0):,} staff would be counted for each.")
        self.summary.setText(text)

    def accept(self) -> None:
        edit = commands.apply_profile_matches(self.context, self.wave_id, self.dimension, self.model.picks())
        if self.context.edit(edit):
            super().accept()
