"""The workspaces, in journey order. A new tab is a new subpackage and one line here.

Each tab's key and title are written here and nowhere else: the window labels the whole tab bar
from this list when a plan opens, but builds (and imports) a tab only when it is first shown, so
the titles can't come from the tab classes without importing all seven at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the window's View menu lists the tabs before a plan (and SQLAlchemy) is loaded
    from gui.plan_context import PlanContext
    from gui.workspace_tab import WorkspaceTab


class TabSpec(NamedTuple):  # not a dataclass: the window lists the tabs before dataclasses is loaded
    key: str
    title: str
    build: Callable[[PlanContext, set[str]], WorkspaceTab]


def _overview(context: PlanContext, available: set[str]) -> WorkspaceTab:
    from gui.overview.overview_tab import OverviewTab

    return OverviewTab(context, available)


def _team(context: PlanContext, _available: set[str]) -> WorkspaceTab:
    from gui.team.team_tab import TeamTab

    return TeamTab(context)


def _readiness(context: PlanContext, _available: set[str]) -> WorkspaceTab:
    from gui.readiness.readiness_tab import ReadinessTab

    return ReadinessTab(context)


def _focus_groups(context: PlanContext, _available: set[str]) -> WorkspaceTab:
    from gui.focus_groups.focus_tab import FocusGroupsTab

    return FocusGroupsTab(context)


def _data(context: PlanContext, _available: set[str]) -> WorkspaceTab:
    from gui.data.data_tab import DataTab

    return DataTab(context)


def _priorities(context: PlanContext, _available: set[str]) -> WorkspaceTab:
    from gui.priorities.priorities_tab import PrioritiesTab

    return PrioritiesTab(context)


def _action_plan(context: PlanContext, _available: set[str]) -> WorkspaceTab:
    from gui.action_plan.action_plan_tab import ActionPlanTab

    return ActionPlanTab(context)


TABS: tuple[TabSpec, ...] = (
    TabSpec("overview", "Overview", _overview),
    TabSpec("team", "Team", _team),
    TabSpec("readiness", "Readiness", _readiness),
    TabSpec("data", "Data", _data),
    TabSpec("focus_groups", "Focus groups", _focus_groups),
    TabSpec("priorities", "Priorities", _priorities),
    TabSpec("action_plan", "Action plan", _action_plan),
)
