"""The workspaces, in journey order. A new tab is a new subpackage and one line here.

Each tab's key and title are written here and nowhere else: the window labels the whole tab bar
from this list when a plan opens, but builds (and imports) a tab only when it is first shown, so
the titles can't come from the tab classes without importing all seven at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the window's View menu lists the tabs before a plan (and SQLAlchemy) is loaded
    from gui.plan_context import PlanContext
    from gui.workspace_tab import WorkspaceTab


class TabSpec(NamedTuple):  # not a dataclass: the window lists the tabs before dataclasses is loaded
    key: str
    title: str
    module: str  # the workspace's code: imported when the tab is first shown, or ahead of that on a thread
    make: Callable[[ModuleType, PlanContext, set[str]], WorkspaceTab]  # the workspace, from that module
    # A function of that module run on the thread that loads it ahead (gui.workers): what the first
    # build would otherwise do on the window's thread that touches neither widgets nor the plan.
    ahead: str = ""

    def build(self, context: PlanContext, available: set[str]) -> WorkspaceTab:
        return self.make(importlib.import_module(self.module), context, available)

    def prepare_ahead(self) -> None:
        """Load the workspace's code and do its ``ahead`` work (on a thread of its own, gui.workers)."""
        code = importlib.import_module(self.module)
        if self.ahead:
            getattr(code, self.ahead)()


TABS: tuple[TabSpec, ...] = (
    # The Overview is told which tabs there are (it links to them); the others need only the plan.
    TabSpec("overview", "Overview", "gui.overview.overview_tab", lambda code, plan, tabs: code.OverviewTab(plan, tabs)),
    TabSpec("team", "Team", "gui.team.team_tab", lambda code, plan, _tabs: code.TeamTab(plan)),
    TabSpec("readiness", "Readiness", "gui.readiness.readiness_tab", lambda code, plan, _tabs: code.ReadinessTab(plan)),
    TabSpec("data", "Data", "gui.data.data_tab", lambda code, plan, _tabs: code.DataTab(plan)),
    TabSpec("focus_groups", "Focus groups", "gui.focus_groups.focus_tab",
            lambda code, plan, _tabs: code.FocusGroupsTab(plan), ahead="read_templates"),
    TabSpec("priorities", "Priorities", "gui.priorities.priorities_tab",
            lambda code, plan, _tabs: code.PrioritiesTab(plan)),
    TabSpec("action_plan", "Action plan", "gui.action_plan.action_plan_tab",
            lambda code, plan, _tabs: code.ActionPlanTab(plan)),
)
