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
from services.plan.record_versions import EditConflict, remembering
from services.plan.server_plan import lost_connection
from services.plan.storage_errors import StorageError
from services.plan_changes import Operation, Topic

T = TypeVar("T")
HEARD_TOGETHER_MS = 150
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
    # Another planner changed a record this planner's edit or undo would have written over (a plan
    # on a district server): nothing was written; the window offers to reload.
    conflict = Signal(str)
    # A plan on a district server: other planners changed these topics (after the views redrew).
    others_changed = Signal(frozenset)
    # The server's connection was lost (why) or is back (""): the plan is read-only while it is lost.
    connection_changed = Signal(str)
    # An edit refused while the server can't be reached: only said (views are not read again for
    # it: nothing can be read until the server is back, and the edit changed nothing).
    refused_offline = Signal(str)
    # (From the listener's thread to this object's: Qt queues a signal emitted on another thread.)
    _heard_there = Signal(object)
    _lost_there = Signal(str)
    _back_there = Signal()

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
        self.offline: str | None = None  # why the server can't be reached, while it can't
        # While the undo stack is put back after a refused undo or redo (PlanEdit._not_saved).
        self.stack_moves_only = False
        self._listener = None
        self._stopped = False
        self._heard: set[str] = set()
        # Announcements that come together (a pasted block, a whole rating round) redraw once.
        self._heard_timer = QTimer(self)
        self._heard_timer.setSingleShot(True)
        self._heard_timer.setInterval(HEARD_TOGETHER_MS)
        self._heard_timer.timeout.connect(self._show_heard)
        self._heard_there.connect(self._hear)
        self._lost_there.connect(self._lose)
        self._back_there.connect(self._come_back)

    # Other planners (a plan on a district server) ----------------------------------------------
    def watch_others(self) -> None:
        """Start hearing other planners' changes, and whether the server is there (a server plan)."""
        if self.plan.on_server and self._listener is None:
            self._listener = self.plan.listen(self._heard_there.emit, self._lost_there.emit, self._back_there.emit)

    def stop_watching(self) -> None:
        """The plan is closing: nothing more is heard, and what was heard is not read any more."""
        if self._stopped:
            return
        self._stopped = True
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self._heard_timer.stop()
        self._heard.clear()
        for signal in (self._heard_there, self._lost_there, self._back_there):
            signal.disconnect()  # (an announcement already queued from the listener's thread)

    def _hear(self, topics: frozenset[str]) -> None:
        self._heard |= topics
        self._heard_timer.start()

    def _show_heard(self) -> None:
        if self.offline is not None:  # nothing can be read now; everything is read once it is back
            return
        if _typing():
            # The person is typing a value: it is saved when they leave the field, and checked
            # then against the record as the field showed it. Were the views redrawn first, the
            # window would count the other planner's change as seen while the field still shows
            # the old text, and the value typed would silently replace theirs.
            self._heard_timer.start()
            return
        topics, self._heard = frozenset(self._heard), set()
        self.changed.emit(topics)  # each view redraws only if it shows one of them
        self.others_changed.emit(topics)

    def server_unreachable(self, reason: str) -> None:
        """A read or write found the district server gone before the listener did: read-only now,
        and back as soon as the server answers again."""
        self._lose(reason)
        if self._listener is not None:
            self._listener.recheck()

    def _lose(self, reason: str) -> None:
        self.offline = reason
        self.undo_stack.setActive(False)  # undo and redo wait for the server too
        self.connection_changed.emit(reason)

    def _come_back(self) -> None:
        self.offline = None
        self.undo_stack.setActive(True)
        self.connection_changed.emit("")
        self.reload()  # what others changed while it was away was never heard

    def read(self, fn: Callable[[Session], T]) -> T:
        # Views keep showing what the plan held after its file went away, so the person can see
        # what they are about to save a copy of.
        # (On a server, what this planner saw is remembered, for their next edit.)
        with self.plan.transaction(check_file=False) as session, remembering(self.plan.seen, session):
            return fn(session)

    def edit(self, command: PlanEdit) -> bool:
        """Apply an edit and put it on the undo stack; False (and ``rejected``) if it was refused."""
        if self.offline is not None:
            self.refused_offline.emit("The district server can't be reached, so the plan is read-only until it is "
                                      f"back; your change ({command.text()}) was not saved.")
            return False
        try:
            command.apply_first()
        except InvalidInput as exc:
            self.rejected.emit(str(exc))
            return False
        except EditConflict as exc:
            self.failed_to_save(exc)
            return False
        except (PlanFileError, StorageError) as exc:
            if self.plan.on_server:  # say which change it was (none is lost unsaid)
                if lost_connection(exc):  # the server went away as it was saved
                    self.server_unreachable(str(exc))
                    self.refused_offline.emit(f"{exc} Your change ({command.text()}) was not saved; the plan is "
                                              "read-only until the district server is back.")
                    return False
                exc = PlanFileError(f"{exc} Your change ({command.text()}) was not saved.")
            self.failed_to_save(exc)
            return False
        self.undo_stack.push(command)
        return True

    def reload(self) -> None:
        """Every view reads the plan again (after another planner's change refused an edit)."""
        self.changed.emit(frozenset(Topic))

    def failed_to_save(self, exc: Exception, topics: Iterable[str] = ()) -> None:
        """A write the disk refused (the transaction was rolled back): say so in one sentence, and
        let views showing the refused value redraw from the file."""
        if isinstance(exc, PlanGoneError):
            self.file_lost.emit(str(exc))
            return
        if isinstance(exc, EditConflict):
            self.conflict.emit(str(exc))
            self.changed.emit(frozenset(topics))
            return
        self.rejected.emit(str(exc))
        if topics:
            self.changed.emit(frozenset(topics))

    def announce(self, topics: Iterable[str]) -> None:
        self._mirror_timer.start()
        self.saved.emit()
        self.changed.emit(frozenset(topics))


def _typing() -> bool:
    """Whether the keyboard is in a field that takes text or a number (a table cell's editor too)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

    focused = QApplication.focusWidget()
    return isinstance(focused, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)) and \
        not getattr(focused, "isReadOnly", lambda: False)()


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
        if self._context.stack_moves_only:
            return
        try:
            changed = self.operation.apply(self._context.plan)
        except (PlanFileError, StorageError) as exc:
            self._not_saved(exc)
            return
        self._context.announce(changed)

    def undo(self) -> None:
        if self._context.stack_moves_only:
            return
        try:
            changed = self.operation.revert(self._context.plan)
        except (PlanFileError, StorageError) as exc:
            self._not_saved(exc)
            return
        self._context.announce(changed)

    def _not_saved(self, exc: Exception) -> None:
        stack = self._context.undo_stack
        if isinstance(exc, EditConflict):
            # Another planner changed what this step wrote: the plan is as it was before this undo
            # (or redo), where the stack's index is now; Qt moves it on once this returns. It is
            # put back there, and until then every undo and redo only moves the index (a second
            # Ctrl+Z pressed meanwhile changes nothing), leaving earlier steps as they are.
            context, where = self._context, stack.index()
            context.stack_moves_only = True

            def put_back() -> None:
                stack.setIndex(min(where, stack.count()))
                context.stack_moves_only = False

            QTimer.singleShot(0, put_back)
            self._context.failed_to_save(exc, self._topics)
            return
        # The stack has already moved past this step, but the file has not: the history no longer
        # matches the file, so it is cleared (after Qt has finished this undo or redo).
        QTimer.singleShot(0, stack.clear)
        self._context.failed_to_save(exc, self._topics)

    def id(self) -> int:
        if self._merge_key is None:
            return -1
        return PlanEdit._MERGE_IDS.setdefault(self._merge_key, len(PlanEdit._MERGE_IDS) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, PlanEdit) or other._merge_key != self._merge_key:
            return False
        seen = self._context.plan.seen
        if seen is not None:  # a server: not over another planner's change between the two
            for key, now in other.operation.left.items():
                was = self.operation.left.get(key)
                if was is not None and now is not None and not seen.only_mine_since(key, was[0], now[0] - 1):
                    return False
        # Keep our memo (the state before the first edit); redo the latest value.
        self.operation.forward = other.operation.forward
        self.operation.left = {**self.operation.left, **other.operation.left}
        self._topics = self._topics | other._topics
        self.setText(other.text())
        return True
