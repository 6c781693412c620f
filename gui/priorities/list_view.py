"""The candidate-action list: titles get the room they need at any window width.

Every plan table fits its columns to their contents, each at most a set width (``fit_columns``).
Here the titles are what the person reads, so the Action column may take up to nearly half the
list's width (whole titles at 1920 wide; cut at a word on a laptop, whole in the tooltip), and it
is fitted again when the list is resized, until the person drags a column edge themselves.
"""

from __future__ import annotations

from gui.widgets.tables import PlanTableView

TITLE_SHARE = 0.45  # of the list's width, at most, for the titles


class PriorityListView(PlanTableView):
    title_column: int | None = None

    def _refit(self) -> None:
        super()._refit()
        if self._fit is None or self.title_column is None or self.model() is None:
            return
        room = int(self.viewport().width() * TITLE_SHARE)
        wanted = self.sizeHintForColumn(self.title_column) + 12
        header = self.horizontalHeader()
        if wanted > header.sectionSize(self.title_column) and room > header.sectionSize(self.title_column):
            self._fitting = True
            try:
                header.resizeSection(self.title_column, min(wanted, room))
            finally:
                self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._contents_changed()
