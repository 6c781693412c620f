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


class _Names(RecordTableModel):
    """People whose group shows by name, the names kept by ``load`` (as the Team and Action plan tables
    keep theirs): cells that follow their records and what load sets."""

    cells_follow_records = True

    def __init__(self, rows: list[_Row]):
        self.rows, self.group_names = rows, {1: "Counselors"}
        super().__init__(_Context(), [
            Column("name", "Name", lambda r: r.name, lambda r: r.name),
            Column("group", "Group", lambda r: self.group_names.get(r.hours, "")),
        ])
        self.reload()

    def load(self):
        return list(self.rows)


def _changed_rows(model) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_r: seen.append((first.row(), last.row())))
    return seen


def test_a_reload_tells_the_views_only_of_the_rows_that_changed(qapp):
    rows = [_Row(n, f"Person {n}", 1, False) for n in range(6)]
    model = _Names(rows)
    seen = _changed_rows(model)
    model.reload()
    assert seen == []  # nothing changed: nothing painted or measured again
    model.rows = [*rows[:2], _Row(2, "Renamed", 1, False), _Row(3, "Renamed too", 1, False), *rows[4:]]
    model.reload()
    assert seen == [(2, 3)] and model.data(model.index(2, 0)) == "Renamed"
    # what load keeps changed (a group renamed), the records the same: every row may show it
    seen.clear()
    real_load = model.load

    def renaming_load():
        model.group_names = {1: "School counselors"}
        return real_load()

    model.load = renaming_load
    model.reload()
    assert seen == [(0, 5)] and model.data(model.index(0, 1)) == "School counselors"


def test_a_table_not_declared_to_follow_its_records_tells_of_every_row(qapp):
    model = _Model()
    seen = _changed_rows(model)
    model.reload()
    assert seen == [(0, 1)]  # as before: its cells may show what its records don't hold


def test_a_column_is_measured_as_qt_does_each_text_once(qtbot):
    from PySide6.QtWidgets import QTableView

    from gui.widgets.tables import FIT_ROWS, make_table_view

    rows = [_Row(n, "Counselor " + "A" * (n % 7), 1, False) for n in range(120)]
    model = _Names(rows)
    view = make_table_view()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    measured: list[int] = []
    real = view.sizeHintForIndex
    view.sizeHintForIndex = lambda index: measured.append(index.row()) or real(index)
    for scrolled in (0, 50, 119):  # the rows on screen and around them, wherever the table is scrolled
        view.scrollTo(model.index(scrolled, 0))
        assert [view.sizeHintForColumn(c) for c in range(2)] == [QTableView.sizeHintForColumn(view, c)
                                                                   for c in range(2)]
    assert len(measured) == 7 + 1  # seven names and one group, however many rows showed them
    measured.clear()
    model.rows = [_Row(0, "Counselor with a much longer name than the others", 1, False), *rows[1:]]
    model.reload()
    view.scrollTo(model.index(0, 0))
    assert view.sizeHintForColumn(0) == QTableView.sizeHintForColumn(view, 0)
    assert measured == [0]  # only the name typed
