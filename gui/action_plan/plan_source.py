"""The plan's actions and objectives, read once per change off the window's thread and shared by the
Action plan tab's tables, its owner filter, its balance line and its chart; and the tab's work on a
change, done a piece at a time once they have arrived, and held back while the tab is hidden.

Every table of the tab (actions, PDSA cycles, feedback), the owner filter and the balance line each
read every action again after each edit, on the window's thread: six reads of 1,000 actions, 250-500
ms an edit at district scale, even for an edit on another tab with this one hidden. They ask here
(as the Readiness tab's tables ask ``gui.readiness.round_source``), and while the tab is hidden what a
change asks of it waits until the tab is shown, then runs once however many changes came.

Even one read of a district's actions and then all the tab's work in a row held the window 100-300
ms after an edit, and as long on showing the tab after edits elsewhere. So the read runs in the
background on a snapshot of the plan (``gui.snapshot_read``; the plan is always saved, so the
snapshot is what the window shows), the tab keeps showing what it showed until it arrives, and then
each piece of work asked for (a table's reload, the chart, the balance line) runs in an event of its
own, the window painting and taking keys between them. A plan of fewer than ``IN_BACKGROUND_FROM``
actions is read at once (a few ms there, less than copying the plan's snapshot for a worker), and its
tables follow with the read, so the one a person types in, pastes into or deletes from shows the change
before their next key; the rest (the chart, the objective's panel, the lines) follows a piece per event
as for a big plan: all of it in a row held the window 120-190 ms after each cell typed in the sample's
action table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from gui.plan_context import PlanContext
from gui.snapshot_read import SnapshotRead
from services.action_plan import action_schedule, objectives
from services.action_plan.action_schedule import ActionRecord
from services.action_plan.objectives import ObjectiveRecord

IN_BACKGROUND_FROM = 200  # actions: a plan with this many is read in the background


def _read(session: Session) -> tuple[list[ActionRecord], list[ObjectiveRecord]]:
    return action_schedule.list_actions(session), objectives.list_objectives(session)


class PlanSource(QObject):
    def __init__(self, context: PlanContext, view: QWidget):
        super().__init__(view)
        self.context = context
        self._actions: list[ActionRecord] = []
        self._objectives: list[ObjectiveRecord] = []
        self._fresh = False  # whether they are the plan as it is now (no change since they were read)
        self._read_once = False
        # Hidden until the tab is first shown: nothing is read for a tab built ahead of its first visit.
        self.hidden = True
        self._waiting: dict[Callable[[], None], None] = {}  # in the order asked, each once
        self._tables: set[Callable[[], None]] = set()  # the waiting work that is a table's reload
        self._reads = SnapshotRead(view, lambda: context.plan)
        self._step = QTimer(self, singleShot=True, interval=0)
        self._step.timeout.connect(self._next)
        # Connected before the tables are made, so a change makes the actions stale before they ask again.
        context.changed.connect(self._changed)

    def _changed(self, _topics: frozenset[str]) -> None:
        # Any change may touch an action's record (its owner's name, its school, its candidate's label).
        self._fresh = False
        self._reads.cancel()  # what it reads is the plan before this change
        if self._waiting and not self.hidden:
            self._step.start()  # what still waits is done once the plan is read again (``_next`` asks)

    def actions(self) -> list[ActionRecord]:
        """Every action of the plan (``action_schedule.list_actions``) as last read: the plan as of the
        last change the tab has followed."""
        return self._actions

    def objectives(self) -> list[ObjectiveRecord]:
        """Every objective of the plan (``objectives.list_objectives``), as last read."""
        return self._objectives

    def when_shown(self, work: Callable[[], None], first: bool = False, table: bool = False) -> None:
        """Do ``work`` once the plan has been read as it is now, if the tab is shown; else once it is
        next shown. Each piece of work asked for before it runs runs once. ``first`` puts it ahead of
        the rest (the chart a bar was moved on: the next arrow key moves it on from there); a ``table``'s
        reload is done with the read of a small plan, the rest a piece per event."""
        if first:
            self._waiting = {work: None, **self._waiting}
        else:
            self._waiting[work] = None
        if table:
            self._tables.add(work)
        if not self.hidden:
            self._follow(now=work if first else None)

    def hide(self) -> None:
        self.hidden = True

    def show(self) -> None:
        """The tab is on screen: do what changes asked of it while it was hidden, in their order."""
        self.hidden = False
        if self._waiting and self.in_background:
            self._step.start()  # the tab painted first, then the read started (``_next``): not both at once
        elif self._waiting:
            self._follow()

    @property
    def in_background(self) -> bool:
        """Whether the plan is big enough to be read in the background and followed a piece at a time
        (by the actions last read; before the first read, by counting them)."""
        if self._read_once:
            return len(self._actions) >= IN_BACKGROUND_FROM
        count = self.context.read(action_schedule.count_actions)
        return count >= IN_BACKGROUND_FROM

    def built(self) -> None:
        """The tab is built: a small plan is read and everything asked for is done now, so the tab is
        whole as soon as it is shown; a big one waits for the tab to be shown, and is read then."""
        if not self.in_background:
            self._follow(hidden_too=True)

    def _follow(self, hidden_too: bool = False, now: Callable[[], None] | None = None) -> None:
        if not self.in_background:
            if not self._fresh:
                self._reads.cancel()
                self._actions, self._objectives = self.context.read(_read)
                self._fresh = self._read_once = True
            # A tab built ahead of its first visit does everything now (it is whole when shown); a shown
            # one its tables (and the work asked ``first``), the rest a piece per event (``_next``).
            for work in [w for w in self._waiting if hidden_too or w is now or w in self._tables]:
                if work in self._waiting:  # (a table's reload may have done another's meanwhile)
                    self._run(work)
            if self._waiting and not self.hidden and not self._step.isActive():
                self._step.start()
        elif not self._fresh:
            if not self._reads.busy:
                self._reads.start("Reading the action plan...", _read, self._arrived, self._failed)
        elif not self._step.isActive():
            self._step.start()

    def _arrived(self, read: tuple[list[ActionRecord], list[ObjectiveRecord]]) -> None:
        self._actions, self._objectives = read
        self._fresh = self._read_once = True
        if not self.hidden and self._waiting:
            self._step.start()

    def _failed(self, _message: str) -> None:
        # No snapshot could be taken (the disk is full, the file went away): read here, as the window
        # still can, rather than show the plan as it was.
        self._arrived(self.context.read(_read))

    def _next(self) -> None:
        """One piece of waiting work, then the next in an event of its own."""
        if self.hidden or not self._waiting:
            return  # hidden meanwhile: showing the tab again goes on
        if not self._fresh:  # changed again meanwhile: read it again first
            self._follow()
            return
        self._run(next(iter(self._waiting)))
        if self._waiting:
            self._step.start()

    def _run(self, work: Callable[[], None]) -> None:
        del self._waiting[work]
        self._tables.discard(work)
        work()

    @property
    def behind(self) -> bool:
        """Whether work waits (for the tab to be shown, or for the plan's read)."""
        return bool(self._waiting)

    @property
    def reading(self) -> bool:
        """Whether the tab, shown, is still reading the plan or following a change."""
        return self._reads.busy or self._step.isActive() or (not self.hidden and self._fresh and bool(self._waiting))
