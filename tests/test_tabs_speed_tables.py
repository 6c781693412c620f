"""Every plan table paints its cells with little Python: the roles a view asks of each cell and a
RecordTableModel never answers are turned away before the row's record is looked up, and the roles
it does answer say what they said before."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush

from gui.widgets.record_model import WARNING_BACKGROUND, Column, RecordTableModel

R = Qt.ItemDataRole
# What QStyledItemDelegate.initStyleOption asks of every cell it paints, beyond the text and alignment
# (and the background) a RecordTableModel answers.
NEVER_ANSWERED = (R.DecorationRole, R.FontRole, R.ForegroundRole, R.CheckStateRole, R.SizeHintRole)


class _Context(QObject):
    changed = Signal(object)


@dataclass(frozen=True)
class _Row:
    id: int
    name: str
    hours: int | None
    late: bool


class _CountingList(list):
    """The model's rows, counting how often a row is looked up."""

    lookups = 0

    def __getitem__(self, key):
        type(self).lookups += 1
        return super().__getitem__(key)


class _Model(RecordTableModel):
    def __init__(self):
        super().__init__(_Context(), [
            Column("name", "Name", lambda r: r.name, lambda r: r.name, tooltip=lambda r: f"About {r.name}"),
            Column("hours", "Hours", lambda r: r.hours, align_right=True),
        ])
        self.reload()

    def load(self):
        return [_Row(1, "Counselor A", 4, False), _Row(2, "Nurse B", None, True)]

    def row_warning(self, record) -> bool:
        return record.late


def test_roles_never_answered_are_turned_away_without_looking_up_the_row(qapp):
    model = _Model()
    model._records = _CountingList(model._records)
    for row in range(2):
        for column in range(2):
            for role in NEVER_ANSWERED:
                assert model.data(model.index(row, column), role) is None
    assert _CountingList.lookups == 0
    model.data(model.index(0, 0), R.DisplayRole)
    assert _CountingList.lookups == 1  # the roles it answers do look the row up


def test_the_roles_a_record_table_answers_are_as_before(qapp):
    model = _Model()
    name, hours = model.index(1, 0), model.index(1, 1)
    assert [model.data(model.index(0, c)) for c in range(2)] == ["Counselor A", "4"]
    assert model.data(hours) == ""  # a blank value is an empty cell, not "None"
    assert model.data(name, R.EditRole) == "Nurse B" and model.data(hours, R.EditRole) is None  # read-only
    assert model.data(name, R.ToolTipRole) == "About Nurse B" and model.data(hours, R.ToolTipRole) is None
    assert model.data(hours, R.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(name, R.TextAlignmentRole) is None
    background = model.data(name, R.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == WARNING_BACKGROUND
    assert model.data(model.index(0, 0), R.BackgroundRole) is None  # a row without a warning
    assert model.data(model.index(5, 0)) is None and model.data(model.index(-1, 0)) is None


def test_a_cell_cut_at_a_word_is_measured_once_until_its_room_or_text_changes(qapp, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from gui.widgets import delegates
    from gui.widgets.tables import make_table_view

    cuts: list[tuple[str, str | None]] = []
    real = delegates.elide_at_word

    def counting(text, fits):
        cuts.append((text, real(text, fits)))
        return cuts[-1][1]

    monkeypatch.setattr(delegates, "elide_at_word", counting)
    model = _Model()
    long_name = "Counselor A who leads the district's wellness team and the spring staff survey"
    model._records[0] = _Row(1, long_name, 4, False)
    view = make_table_view()
    view.setModel(model)
    delegate = delegates.TableDelegate(view)
    image = QImage(400, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)

    def paint(width: int) -> None:
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.widget, option.rect = view, QRect(0, 0, width, 26)
        delegate.paint(painter, option, model.index(0, 0))

    try:
        paint(160)
        paint(160)  # painted again as it was (the tab shown again, a row selected)
        assert len(cuts) == 1 and cuts[0][1] is not None and cuts[0][1].endswith("\u2026")
        paint(240)  # the column widened: cut again, for its new room
        assert len(cuts) == 2 and len(cuts[1][1]) > len(cuts[0][1])
        model._records[0] = _Row(1, long_name.replace("spring", "autumn"), 4, False)
        paint(240)  # the text changed: cut again
        assert len(cuts) == 3 and "autumn" in cuts[2][0]
    finally:
        painter.end()
