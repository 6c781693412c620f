"""Other planners' changes, as they happen: PostgreSQL's LISTEN/NOTIFY (issue 22).

Each transaction that writes to a plan on a server ends by announcing, on the channel
``wellplan_changes``, which topics it changed (the same ``services.plan_changes.Topic`` a window's
own edit announces) and which open plan wrote them. PostgreSQL delivers the announcement to every
listener when, and only if, the transaction commits. A planner's window listens on a connection
of its own (``ChangeListener``, on a thread), ignores its own announcements (it has already redrawn
for them), and redraws the views of the topics others changed: only what changed.

The listener is also how a window learns that the server went away: a connection that fails is
said once (``lost``), tried again every few seconds, and said again when it is back (``back``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.plan_changes import Topic

CHANNEL = "wellplan_changes"
RETRY_SECONDS = 3.0
WAIT_SECONDS = 0.25  # how long one wait for an announcement lasts: how soon a stop is noticed
ALIVE_SECONDS = 2.0  # how often the server is asked whether it is still there

log = logging.getLogger("wellplan")


def announce(session: Session, planner: str, topics: Iterable[str]) -> None:
    """Tell every other planner, when this transaction commits, that ``topics`` changed."""
    payload = json.dumps({"by": planner, "topics": sorted(topics)})
    session.execute(select(func.pg_notify(CHANNEL, payload)))


def _heard(payload: str, planner: str) -> frozenset[str] | None:
    """The topics another planner's announcement names (None: our own, or not one of ours)."""
    try:
        said = json.loads(payload)
        if said.get("by") == planner:
            return None
        topics = said.get("topics")
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            return None
        return frozenset(topics)
    except (ValueError, AttributeError):
        return None


class ChangeListener:
    """Listens for other planners' announcements on a thread of its own until ``stop()``.

    ``heard(topics)``, ``lost(reason)`` and ``back()`` are called on that thread: a window passes
    them on to its own thread (a signal) and never touches a widget from here."""

    def __init__(self, connect: Callable[[], object], planner: str, heard: Callable[[frozenset[str]], None],
                 lost: Callable[[str], None], back: Callable[[], None],
                 connection_errors: type[BaseException] | tuple = ()):
        self._connect = connect  # a new psycopg connection to the plan's database (autocommit)
        self._planner = planner
        self._heard, self._lost, self._back = heard, lost, back
        self._connection_errors = connection_errors  # the driver's (psycopg.Error): a bug is not a lost server
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wellplan-server-changes", daemon=True)
        self.listening = threading.Event()  # set while LISTEN is in place (tests wait for it)
        self._recheck = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def recheck(self) -> None:
        """The window found the server gone (an edit failed): ask it now, and say ``back`` if this
        connection still reaches it (else the loss is said, and waited out, as any)."""
        self._recheck.set()

    def stop(self) -> None:
        # Not waited for long: a connection being made to a server that does not answer takes
        # up to its timeout, and the thread (a daemon) ends by itself once it sees the stop.
        self._stopping.set()
        self._thread.join(timeout=1)

    def _run(self) -> None:
        was_lost, first = False, True
        while not self._stopping.is_set():
            connection = None
            try:
                connection = self._connect()
                connection.execute(f"LISTEN {CHANNEL}")
                if first:
                    # What others changed between the window's first reads and now was announced to
                    # nobody listening here: read it all once.
                    first = False
                    self._heard(frozenset(Topic))
                self.listening.set()
                if was_lost:
                    was_lost = False
                    self._back()
                asked = time.monotonic()
                while not self._stopping.is_set():
                    for note in connection.notifies(timeout=WAIT_SECONDS):
                        topics = _heard(note.payload, self._planner)
                        if topics:
                            self._heard(topics)
                    if self._recheck.is_set():
                        self._recheck.clear()
                        connection.execute("SELECT 1")
                        self._back()
                    if time.monotonic() - asked > ALIVE_SECONDS:
                        # A server (or network) gone quiet sends nothing: ask, so it is noticed.
                        connection.execute("SELECT 1")
                        asked = time.monotonic()
            except (OSError, self._connection_errors) as exc:  # the connection failed or never came
                self.listening.clear()
                if self._stopping.is_set():
                    break
                if not was_lost:
                    was_lost = True
                    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                    log.warning("the district server's connection was lost: %s", reason)
                    self._lost(reason)
                self._stopping.wait(RETRY_SECONDS)
            finally:
                if connection is not None:
                    try:
                        connection.close()
                    except Exception:  # noqa: BLE001 (a dead connection may fail to close; it is gone anyway)
                        pass
