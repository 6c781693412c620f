"""Long titles cut at a word, not mid-word: "Give counselors and psychologists a private…".

Qt elides a cell's text at whatever character runs out of room ("Pr…"). This delegate paints the
longest run of whole words that fits, then "…"; the whole text stays in the cell's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from gui.widgets.delegates import TableDelegate

ELLIPSIS = "\u2026"


def elide_at_word(text: str, fits: Callable[[str], bool]) -> str | None:
    """The longest run of whole words of ``text`` that ``fits`` with "…" after it; None if not even
    the first word does (the caller then cuts it as Qt would)."""
    if fits(text):
        return text
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:n]).rstrip(",;:.-\u2013\u2014") + ELLIPSIS
        if fits(candidate):
            return candidate
    return None


class WordElidingDelegate(TableDelegate):
    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        room = opt.rect.width() - 2 * margin
        metrics = opt.fontMetrics
        if opt.text and metrics.horizontalAdvance(opt.text) > room:
            cut = elide_at_word(opt.text, lambda t: metrics.horizontalAdvance(t) <= room)
            opt.text = cut if cut is not None else metrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
