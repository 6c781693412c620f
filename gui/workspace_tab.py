"""What the window needs of a workspace tab, declared once.

Every tab subclasses ``WorkspaceTab``, so the window connects these signals to every tab alike
instead of asking each one what it happens to have. A tab never reaches for the window: it asks
through a signal and the window answers.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class WorkspaceTab(QWidget):
    """One step of the journey in the window's tab bar.

    - ``export_requested(kind)``: make the printout or file of that kind (``services.reports``
      registry key); the window asks where to save it and builds it in the background.
    - ``export_with_options(kind, options)``: the same, for what the tab chose (a round, a session).
    - ``open_tab(key)``: show another workspace (a ``gui.tabs`` key).
    - ``open_record(key, record_id)``: show another workspace with one of its records selected (the
      round, wave or session a candidate came from); the window calls that tab's ``show_record``.
      The key may name the tab's part after a colon ("data:participation").
    - ``status_message(text, milliseconds)``: a passing note for the status bar (0 keeps it until
      the next one), such as what an edit sent to another tab.
    """

    # The printout Ctrl+P makes while this tab is shown (a ``services.reports`` registry key).
    main_printout: str | None = None

    export_requested = Signal(str)
    export_with_options = Signal(str, dict)
    open_tab = Signal(str)
    open_record = Signal(str, int)
    status_message = Signal(str, int)

    def first_show_steps(self) -> Iterator[None]:
        """Built ahead of its first visit (gui.tab_prebuilder): what the first showing would do,
        done now, a step at a time (each ``next``), in moments the person is idle, for as long as
        the tab is still hidden. Its tables measure their cells, a table a step (the Action plan's
        all at once held the window over 100 ms)."""
        from gui.widgets.tables import PlanTableView

        self.ensurePolished()
        for view in self.findChildren(PlanTableView):
            if self.isVisible():
                return
            if view.measure_ahead():
                yield

    def refresh(self) -> None:
        """Read again what the tab shows from outside the plan (the preferences): the window calls
        it after they change. What comes from the plan follows its ``changed`` signal instead, so
        most tabs have nothing to do here."""

    def print_main(self) -> None:
        """Ctrl+P: ask for this tab's main printout. A tab whose printout can be narrowed to what is
        on screen (a round, a wave, a session) asks for that instead."""
        if self.main_printout is not None:
            self.export_requested.emit(self.main_printout)

    def show_record(self, record_id: int, part: str = "") -> None:
        """Select the record another tab asked to see (``open_record``), on the ``part`` of the tab
        the key named, if any; a tab with nothing to select by id shows itself only."""

    def take_file(self, path: str) -> bool:
        """A file dropped on the window that this tab knows what to do with (the Data tab: a survey
        export to import): start on it and return True; False leaves it to the window."""
        return False
