"""Table models over a plan's waves and a wave's items and headcounts (read from the services,
edited through undoable ``PlanEdit``s)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from gui.data import commands
from gui.plan_context import DATA, PlanContext, PlanEdit
from gui.screen_dates import show_date
from gui.widgets.headed_table_model import HeadedTableModel
from gui.widgets.record_model import WARNING_BACKGROUND, Column, RecordTableModel
from services.data import survey_waves
from services.data.survey_participation import Participation
from services.district_profile import headcount_from_text
from services.errors import InvalidInput

if TYPE_CHECKING:
    from gui.snapshot_read import SnapshotRead
    from gui.widgets.when_shown import WhenShown

Index = QModelIndex | QPersistentModelIndex


def _dates(w) -> str:
    if w.first_response and w.last_response:
        return f"{show_date(w.first_response)} \u2013 {show_date(w.last_response)}"
    return f"imported {show_date(w.imported_at.date())}"


class WavesModel(RecordTableModel):
    topics = frozenset({DATA})

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("label", "Wave", lambda w: w.label, lambda w: w.label,
                   tooltip=lambda w: f"From {w.source_name} (double-click to rename)"),
            Column("responses", "Responses", lambda w: w.respondent_count, align_right=True),
            Column("dates", "Answered", _dates, tooltip=_dates, sort_value=lambda w: w.last_response or w.imported_at.date()),
        ])
        self.reload()

    def load(self) -> list[Any]:
        return list(reversed(self.context.read(survey_waves.list_waves)))  # newest first

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        return commands.rename_wave(self.context, record.id, str(value))


class WaveRecordsModel(RecordTableModel):
    """Rows of one wave, read by ``list_rows(session, wave_id)``."""

    topics = frozenset({DATA})
    list_rows = staticmethod(lambda _session, _wave_id: [])

    def __init__(self, context: PlanContext, columns: list[Column]):
        super().__init__(context, columns)
        self.wave_id: int | None = None

    def set_wave(self, wave_id: int | None) -> None:
        if wave_id == self.wave_id:  # the rows follow the plan's changes themselves (``topics``)
            return
        self.wave_id = wave_id
        self.reload()

    def load(self) -> list[Any]:
        if self.wave_id is None:
            return []
        return self.context.read(lambda s: self.list_rows(s, self.wave_id))


class ItemsModel(WaveRecordsModel):
    """A wave's items. Each item's count of answers goes through all of them (a district's wave:
    9 MB and 50 ms on the window's thread at every change of the survey data, a wave renamed on
    the list beside the page included), so while the Items page is not on screen they are read in
    the background (``reads``, given by the tab); on screen, an edit shows at once, as it is read."""

    list_rows = staticmethod(survey_waves.list_items)

    def __init__(self, context: PlanContext):
        self.reads: SnapshotRead | None = None
        self.page: WhenShown | None = None  # the Items page (both given by the tab)
        self._rows: tuple[int | None, list[Any]] = (None, [])  # the wave the rows are of, and the rows
        self._wanted: object | None = None
        super().__init__(context, [
            Column("label", "Item", lambda i: i.label, tooltip=lambda i: i.question or i.label),
            Column("domain", "Domain", lambda i: i.domain or "(none)", lambda i: i.domain_id,
                   tooltip=lambda _i: "The wellness domain the item is read in (double-click to change)"),
            Column("reverse", "Reverse-scored", lambda i: "Yes" if i.reverse else "No", lambda i: i.reverse,
                   tooltip=lambda _i: "Yes for an item where agreeing is bad; its answers are flipped on the scale"),
            Column("scale", "Scale", lambda i: i.scale_text),
            Column("answered", "Answered", lambda i: "\u2014" if i.answered is None else i.answered, align_right=True,
                   tooltip=lambda i: "Kept from your account on the district server" if i.answered is None else ""),
        ])

    def reload(self) -> None:
        wave_id = self.wave_id
        # The read whose rows are wanted: a read dropped for a later one can still deliver its rows
        # (its result may already be on its way to the window's thread when it is cancelled).
        self._wanted = wanted = object()
        if self.reads is None or self.page is None or wave_id is None or self.page.shown:
            if self.reads is not None:
                self.reads.cancel()
            self._take(wave_id, super().load())
            return
        if self._rows[0] != wave_id:  # nothing of another wave stays listed while this one's are read
            self._take(wave_id, [])
        rows = self.list_rows

        def done(found: list[Any]) -> None:
            if wanted is self._wanted:
                self._take(wave_id, found)

        self.reads.start("Reading the wave's items...", lambda s: rows(s, wave_id), done,
                         lambda _message: done(super(ItemsModel, self).load()))
        self.page(self._catch_up)

    def _catch_up(self) -> None:
        """The page came on screen before its rows were read: they are read now, before the person
        edits one (rows arriving later would put an open editor back to the value read)."""
        if self.reads is not None and self.reads.busy:
            self.reload()

    def _take(self, wave_id: int | None, rows: list[Any]) -> None:
        self._rows = (wave_id, rows)
        RecordTableModel.reload(self)  # the rows kept, changed, added and removed as any table's

    def load(self) -> list[Any]:
        return self._rows[1]

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key == "domain":
            return commands.set_item_domain(self.context, record.id, value)
        if key == "reverse":
            return commands.set_item_reverse(self.context, record.id, bool(value))
        return None


class ParticipationModel(HeadedTableModel):
    """Responses, headcount (typed in), response rate, the barriers found (typed in) and a note,
    per group."""

    HEADERS = ("Group", "Responses", "Staff (headcount)", "Response rate", "Note", "Barriers found")
    HEADCOUNT = 2
    NOTE = 4
    BARRIERS = 5  # the widest: typed in, it takes the spare width

    def __init__(self, context: PlanContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.part: Participation | None = None
        self.wave_id: int | None = None
        self.sent: frozenset[str] = frozenset()  # groups already sent to Priorities as low participation

    def set_participation(self, wave_id: int | None, part: Participation | None,
                          sent: frozenset[str] | set[str] = frozenset()) -> None:
        self.beginResetModel()
        self.wave_id, self.part, self.sent = wave_id, part, frozenset(sent)
        self.endResetModel()

    def row_at(self, row: int):
        return self.part.rows[row] if self.part is not None and 0 <= row < len(self.part.rows) else None

    def note(self, r, short: bool = False) -> str:
        """The row's note (in the table, its first clause: the whole is its tooltip), and whether the
        group went to Priorities."""
        note = r.note.split(":")[0].split(" so ")[0] if short else r.note
        return note + ("; sent to Priorities" if note else "Sent to Priorities") if r.group in self.sent else note

    def row_count(self) -> int:
        return len(self.part.rows) if self.part else 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.row_at(index.row())
        # The barriers are kept with the group's headcount: typed in once it has one.
        editable = index.column() == self.HEADCOUNT or (index.column() == self.BARRIERS and row is not None
                                                        and row.headcount is not None)
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.part is None or not 0 <= index.row() < len(self.part.rows):
            return None
        r = self.part.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.group, "\u2014" if r.responses is None else str(r.responses),
                    "" if r.headcount is None else str(r.headcount),
                    "" if r.rate is None else f"{r.rate:.0f}%", self.note(r, short=True), r.barriers)[index.column()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.HEADCOUNT:
            return "" if r.headcount is None else str(r.headcount)  # text, so "1,120" can be typed
        if role == Qt.ItemDataRole.EditRole and index.column() == self.BARRIERS:
            return r.barriers
        if role == Qt.ItemDataRole.BackgroundRole and r.low:
            return QBrush(WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.HEADCOUNT:
            return "How many staff this group has (type it in; 0 clears it)"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.BARRIERS:
            return (r.barriers or "What keeps this group from taking part (time, trust, language, access): "
                    "type it in" if r.headcount is not None else "Enter the group's number of staff first")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.NOTE and self.note(r):
            return self.note(r)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.part is None:
            return False
        row = self.part.rows[index.row()]
        if index.column() == self.BARRIERS:
            text = str(value or "").strip()
            if text == row.barriers:
                return False
            return self.context.edit(commands.set_barriers(self.context, self.wave_id, self.part.dimension, row.group,
                                                           text))
        if index.column() != self.HEADCOUNT:
            return False
        try:
            count = headcount_from_text(str(value))  # read as the Overview's headcounts are
        except InvalidInput as exc:
            self.context.rejected.emit(str(exc))
            return False
        count_or_none = count if count > 0 else None
        if count_or_none == row.headcount:
            return False
        return self.context.edit(commands.set_headcount(self.context, self.wave_id, self.part.dimension, row.group,
                                                        count_or_none))


class CommentsModel(WaveRecordsModel):
    """Free-text comments, when the importer chose to keep them (read-only)."""

    list_rows = staticmethod(lambda session, wave_id: survey_waves.list_comments(session, wave_id) or [])

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("question", "Question", lambda c: c.question),
            Column("text", "Comment", lambda c: c.text, tooltip=lambda c: c.text),
        ])
