"""The open plan as the window sees it: the file, one undo stack, and "what changed" announcements.

Every edit is a ``PlanEdit`` pushed through ``edit``: it runs against the file in one short
transaction, is committed at once, and the context then announces which topics changed so each
view decides for itself whether to redraw (Anki's habit). Views never write to the file directly.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from services.errors import InvalidInput
from services.plan.plan_file import PlanFile, PlanFileError, PlanGoneError
from services.plan.storage_errors import StorageError
from services.plan_changes import Operation, Topic

T = TypeVar("T")
log = logging.getLogger("wellplan")

# What a change can touch; a view listens for the ones it shows. The operation works them out from
# the rows it wrote (services.plan_changes.TABLE_TOPICS says which table is which topic).
PROFILE, SCHOOLS, GROUPS, TEAM, MEETINGS = Topic.PROFILE, Topic.SCHOOLS, Topic.GROUPS, Topic.TEAM, Topic.MEETINGS
ACTIONS, RATINGS, PLAN, READINESS, FOCUS = Topic.ACTIONS, Topic.RATINGS, Topic.PLAN, Topic.READINESS, Topic.FOCUS
DATA, FINDINGS, HEADCOUNTS, OBJECTIVES = Topic.DATA, Topic.FINDINGS, Topic.HEADCOUNTS, Topic.OBJECTIVES


class PlanContext(QObject):
    changed = Signal(frozenset)  # the topics that changed
    saved = Signal()  # an edit reached the file
    rejected = Signal(str)  # an edit was refused; the message is for the user
    # The file is no longer the one opened (deleted, moved, replaced, written over): nothing more
    # is written to it; the window offers to save what the plan holds.
    file_lost = Signal(str)

    def __init__(self, plan: PlanFile, parent: QObject | None = None):
        super().__init__(parent)
        self.plan = plan
        self.undo_stack = QUndoStack(self)
        # A big plan's copy in memory (for Save a copy if the file is written over) is brought up
        # to date when the person pauses rather than after every keystroke's edit.
        self._mirror_timer = QTimer(self)
        self._mirror_timer.setSingleShot(True)
        self._mirror_timer.setInterval(1500)
        # On a thread of its own: the copy of a district's plan held the window 40 ms. (The plan's
        # lock keeps it apart from the window's own use of the file.)
        self._mirror_timer.timeout.connect(
            lambda: threading.Thread(target=_refresh_mirror, args=(plan,), name="wellplan-mirror", daemon=True).start())

    def read(self, fn: Callable[[Session], T]) -> T:
        # Views keep showing what the plan held after its file went away, so the person can see
        # what they are about to save a copy of.
        with self.plan.transaction(check_file=False) as session:
            return fn(session)

    def edit(self, command: PlanEdit) -> bool:
        """Apply an edit and put it on the undo stack; False (and ``rejected``) if it was refused."""
        try:
            command.apply_first()
        except InvalidInput as exc:
            self.rejected.emit(str(exc))
            return False
        except (PlanFileError, StorageError) as exc:
            self.failed_to_save(exc)
            return False
        self.undo_stack.push(command)
        return True

    def failed_to_save(self, exc: Exception, topics: Iterable[str] = ()) -> None:
        """A write the disk refused (the transaction was rolled back): say so in one sentence, and
        let views showing the refused value redraw from the file."""
        if isinstance(exc, PlanGoneError):
            self.file_lost.emit(str(exc))
            return
        self.rejected.emit(str(exc))
        if topics:
            self.changed.emit(frozenset(topics))

    def announce(self, topics: Iterable[str]) -> None:
        self._mirror_timer.start()
        self.saved.emit()
        self.changed.emit(frozenset(topics))


def _refresh_mirror(plan: PlanFile) -> None:
    try:
        plan.refresh_mirror()
    except Exception:  # the file is still saved; only Save a copy after it is written over would miss it
        log.warning("the plan's copy in memory could not be brought up to date:\n%s", traceback.format_exc())


def value_swap(set_value: Callable[[Session, Any], Any], first: Any) -> Callable[[Session, Any], Any]:
    """Forward and backward of an edit that sets one value: ``set_value(session, value)`` returns the
    value it replaced, which the opposite direction sets back (wrapped, as None is a value too)."""

    def apply(session: Session, memo: Any) -> Any:
        return (set_value(session, first if memo is None else memo[0]),)

    return apply


class PlanEdit(QUndoCommand):
    """One undoable edit of the plan file: a ``services.plan_changes.Operation`` on the undo stack.

    ``forward(session, memo)`` does the edit and returns what ``backward`` needs to undo it;
    ``backward(session, memo)`` undoes it and returns what ``forward`` needs to redo it (the first
    ``forward`` gets ``None``). What changed is worked out by the operation from the rows it wrote
    and announced as such; nobody declares it. Edits with the same ``merge_key`` in a row merge
    into one undo step (typing in a field, nudging a spin box).
    """

    _MERGE_IDS: dict[str, int] = {}

    def __init__(
        self,
        context: PlanContext,
        text: str,
        forward: Callable[[Session, Any], Any],
        backward: Callable[[Session, Any], Any],
        merge_key: str | None = None,
    ):
        super().__init__(text)
        self._context = context
        self.operation = Operation(text, forward, backward)
        self._topics: frozenset[str] = frozenset()  # what the first apply changed
        self._applied_once = False
        self._merge_key = merge_key

    @property
    def result(self) -> Any:
        """What the first forward returned (e.g. a new record)."""
        return self.operation.result

    def apply_first(self) -> None:
        self._topics = self.operation.apply(self._context.plan)

    def redo(self) -> None:
        if not self._applied_once:  # already applied by apply_first, before the push
            self._applied_once = True
            self._context.announce(self._topics)
            return
        try:
            changed = self.operation.apply(self._context.plan)
        except (PlanFileError, StorageError) as exc:
            self._not_saved(exc)
            return
        self._context.announce(changed)

    def undo(self) -> None:
        try:
            changed = self.operation.revert(self._context.plan)
        except (PlanFileError, StorageError) as exc:
            self._not_saved(exc)
            return
        self._context.announce(changed)

    def _not_saved(self, exc: Exception) -> None:
        # The stack has already moved past this step, but the file has not: the history no longer
        # matches the file, so it is cleared (after Qt has finished this undo or redo).
        stack = self._context.undo_stack
        QTimer.singleShot(0, stack.clear)
        self._context.failed_to_save(exc, self._topics)

    def id(self) -> int:
        if self._merge_key is None:
            return -1
        return PlanEdit._MERGE_IDS.setdefault(self._merge_key, len(PlanEdit._MERGE_IDS) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, PlanEdit) or other._merge_key != self._merge_key:
            return False
        # Keep our memo (the state before the first edit); redo the latest value.
        self.operation.forward = other.operation.forward
        self._topics = self._topics | other._topics
        self.setText(other.text())
        return True
