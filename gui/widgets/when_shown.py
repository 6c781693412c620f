"""Work a change of the plan asks of a widget, done now if the widget is on screen, else once when it
is next shown.

Every tab is built ahead of its first visit (gui.tab_prebuilder), so every tab hears every change:
a tab nobody is looking at redrew its header, read its session again and so on at each keystroke's
edit elsewhere (the Focus groups tab: a quarter of an edit's time on the Priorities tab). A tab
asks here instead, and what it asked while hidden runs once, in order, as it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WhenShown(QObject):
    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self._widget = widget
        self._waiting: dict[Callable[[], None], None] = {}  # in the order asked, each once
        self._topics: frozenset[str] = frozenset()  # the changes gathered for ``follow``
        self._follow: Callable[[frozenset[str]], None] | None = None
        widget.installEventFilter(self)

    def __call__(self, work: Callable[[], None]) -> None:
        if self._widget.isVisible():
            work()
        else:
            self._waiting[work] = None

    def changes(self, topics: frozenset[str], follow: Callable[[frozenset[str]], None]) -> None:
        """A change of the plan for the widget's ``follow(topics)``: now if it is shown, else once as
        it is shown, with the topics of every change meanwhile (one ``follow`` per widget)."""
        self._topics |= topics
        self._follow = follow
        self(self._follow_gathered)

    def _follow_gathered(self) -> None:
        topics, self._topics = self._topics, frozenset()
        if self._follow is not None:
            self._follow(topics)

    @property
    def shown(self) -> bool:
        """Whether the widget is on screen (work asked now runs now)."""
        return self._widget.isVisible()

    @property
    def behind(self) -> bool:
        """Whether work waits for the widget to be shown."""
        return bool(self._waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._widget and event.type() == QEvent.Type.Show and self._waiting:
            waiting, self._waiting = list(self._waiting), {}
            for work in waiting:
                work()
        return False
