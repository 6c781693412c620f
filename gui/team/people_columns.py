"""People's columns sized to fit the table's width, so a maximised window on a 1366-pixel laptop
shows every column without scrolling sideways.

Each column first asks for the width of what it holds (its heading included, within reason). When
the asks add up to more than the table has, the columns people use least give way first (contact,
release time, self-description, organisation), each down to a readable least width, then the
middle ones (position group, school); names and team roles keep their width while anything else
can give. Within a tier the widest columns narrow first, to a common width, so a short column is
never cut while a long one keeps its room. What doesn't fit is cut at a word with "…" and shows
whole in the cell's tooltip (``TableDelegate``). Any spare width goes to the release-time column.

The widths follow the table as the window is resized and as rows change, until the person drags
a column's edge themselves (as every plan table does).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 12  # beside the text, as fit_columns leaves
MOST = 320  # no column asks for more than this, however long its text
LEAST = 72  # a column given way is still this wide: a word or two, and its heading's start


def shared_widths(wanted: Sequence[int], least: Sequence[int], tiers: Sequence[int], room: int) -> list[int]:
    """Widths for columns that want ``wanted`` within ``room``: while they ask for more, the
    columns of the highest tier give way first (the widest first, to a common width, none below
    its ``least``), then the next tier's. A column never gets more than it wants here; more room
    than the asks is left for the caller to give."""
    widths = list(wanted)
    for tier in sorted(set(tiers), reverse=True):
        over = sum(widths) - room
        if over <= 0:
            break
        cols = [c for c, t in enumerate(tiers) if t == tier and widths[c] > least[c]]
        # the common width ("water level") that takes ``over`` away, none below its least
        low, high = 0, max((widths[c] for c in cols), default=0)
        while low < high:
            level = (low + high + 1) // 2
            saved = sum(widths[c] - max(least[c], min(widths[c], level)) for c in cols)
            if saved >= over:
                low = level
            else:
                high = level - 1
        for c in cols:
            widths[c] = max(least[c], min(widths[c], low))
    return widths


class FitToWidth(QObject):
    """Keeps ``view``'s columns inside its width: ``tiers[c]`` is how early column ``c`` gives way
    (0: last), ``spare`` the column that takes what is left over."""

    def __init__(self, view: QTableView, tiers: Sequence[int], spare: int):
        super().__init__(view)
        self.view, self.tiers, self.spare = view, list(tiers), spare
        self.following = True
        self._fitting = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed heading: "Release time or…"
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.layoutChanged):
            signal.connect(lambda *_a: self._timer.start())
        self.fit()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def _resized(self, *_args) -> None:
        if not self._fitting and self.view.horizontalHeader().underMouse():
            self.following = False  # they sized a column by hand: leave the widths to them

    def wanted(self) -> list[int]:
        view, header = self.view, self.view.horizontalHeader()
        return [min(MOST, max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) + PADDING)
                for c in range(header.count())]

    def fit(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        if not self.following or view.model() is None or header.count() != len(self.tiers):
            return
        wanted = self.wanted()
        room = view.viewport().width()
        least = [min(w, LEAST) for w in wanted]
        widths = shared_widths(wanted, least, self.tiers, room)
        widths[self.spare] += max(0, room - sum(widths))
        self._fitting = True
        try:
            for c, width in enumerate(widths):
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(c, width)
        finally:
            self._fitting = False
