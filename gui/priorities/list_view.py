"""The candidate-action list: titles get the room they need at any window width.

Every plan table fits its columns to their contents, each at most a set width (``fit_columns``).
Here the titles are what the person reads, so the Action column may take up to nearly half the
list's width (whole titles at 1920 wide; cut at a word on a laptop, whole in the tooltip), and it
is fitted again when the list is resized, until the person drags a column edge themselves. A
change of one action (a drop on the matrix, a rating) only widens a column its row no longer fits:
measuring every row again after each drop cost more than the frame it had.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from gui.widgets.tables import PlanTableView

TITLE_SHARE = 0.45  # of the list's width, at most, for the titles


class PriorityListView(PlanTableView):
    title_column: int | None = None
    _fitted_width: int | None = None  # the list's width when its columns were last fitted

    def _refit(self) -> None:
        if self._fitted and self._fitted_width == self.viewport().width():
            # Fitted since this was asked for, at this width (the tab's first visit sizes the list,
            # which asks, and then shows it, which fits it): measuring again would change nothing.
            return
        super()._refit()
        if not self._fitted or self.title_column is None:  # (hidden: fitted when shown)
            return
        self._fitted_width = self.viewport().width()
        room = int(self.viewport().width() * TITLE_SHARE)
        wanted = self.sizeHintForColumn(self.title_column) + 12
        header = self.horizontalHeader()
        if wanted > header.sectionSize(self.title_column) and room > header.sectionSize(self.title_column):
            self._fitting = True
            try:
                header.resizeSection(self.title_column, min(wanted, room))
            finally:
                self._fitting = False

    def _contents_changed(self, *args) -> None:
        # dataChanged for one row (the list model's narrow update) carries its two corner indexes.
        if (len(args) >= 2 and isinstance(args[0], QModelIndex) and isinstance(args[1], QModelIndex)
                and args[0].isValid() and args[0].row() == args[1].row()):
            self._fit_row(args[0].row())
            return
        super()._contents_changed(*args)

    def _fit_row(self, row: int) -> None:
        """Widen the columns that one row no longer fits, as far as a whole refit would."""
        model = self.model()
        if self._fit is None or model is None:
            return
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column in range(header.count()):
                if column == self._fit[0] or self.isColumnHidden(column):
                    continue
                wanted = self.sizeHintForIndex(model.index(row, column)).width() + 12
                most = int(self.viewport().width() * TITLE_SHARE) if column == self.title_column else 320
                if wanted > header.sectionSize(column) and most > header.sectionSize(column):
                    header.resizeSection(column, min(wanted, most))
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._contents_changed()
