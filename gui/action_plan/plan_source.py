"""The plan's actions and objectives, read once per change and shared by the Action plan tab's tables, its owner
filter and its balance line; and the tab's work on a change held back while the tab is hidden.

Every table of the tab (actions, PDSA cycles, feedback), the owner filter and the balance line each
read every action again after each edit, on the window's thread: six reads of 1,000 actions, 250-500
ms an edit at district scale, even for an edit on another tab with this one hidden. They now ask
here (as the Readiness tab's tables ask ``gui.readiness.round_source``), and while the tab is hidden
what a change asks of it waits until the tab is shown, then runs once however many changes came.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from gui.plan_context import PlanContext
from services.action_plan import action_schedule, objectives
from services.action_plan.action_schedule import ActionRecord
from services.action_plan.objectives import ObjectiveRecord


class PlanSource(QObject):
    def __init__(self, context: PlanContext, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self._actions: list[ActionRecord] | None = None
        self._objectives: list[ObjectiveRecord] | None = None
        # Hidden until the tab is first shown: it was built with everything read, so a change before
        # then waits like any other.
        self.hidden = True
        self._waiting: dict[Callable[[], None], None] = {}  # in the order asked, each once
        # Connected before the tables are made, so a change drops the actions before they read them again.
        context.changed.connect(self._changed)

    def _changed(self, _topics: frozenset[str]) -> None:
        # Any change may touch an action's record (its owner's name, its school, its candidate's label).
        self._actions = self._objectives = None

    def actions(self) -> list[ActionRecord]:
        """Every action of the plan (``action_schedule.list_actions``), read once per change."""
        if self._actions is None:
            self._actions = self.context.read(action_schedule.list_actions)
        return self._actions

    def objectives(self) -> list[ObjectiveRecord]:
        """Every objective of the plan (``objectives.list_objectives``), read once per change."""
        if self._objectives is None:
            self._objectives = self.context.read(objectives.list_objectives)
        return self._objectives

    def when_shown(self, work: Callable[[], None]) -> None:
        """Do ``work`` now if the tab is shown, else once when it is next shown."""
        if self.hidden:
            self._waiting[work] = None
        else:
            work()

    def hide(self) -> None:
        self.hidden = True

    def show(self) -> None:
        """The tab is on screen: do what changes asked of it while it was hidden, in their order."""
        self.hidden = False
        waiting, self._waiting = list(self._waiting), {}
        for work in waiting:
            work()

    @property
    def behind(self) -> bool:
        """Whether work waits for the tab to be shown."""
        return bool(self._waiting)
