"""Undoable edits of focus-group sessions.

Most edits go through ``session_edit``: it keeps the session's rows from before the edit and puts
them back on undo (ids included, so links from Priorities still hold), which gives every kind of
change (a checkbox, a rating, a reordered agenda) the same reliable undo without a hand-written
inverse for each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from gui.plan_context import FOCUS, PlanContext, PlanEdit
from services.focus_groups import focus_results, focus_sessions
from services.team import team_roster


def session_edit(ctx: PlanContext, session_id: int, text: str, apply: Callable[[Session], Any],
                 merge_key: str | None = None, topics: frozenset[str] = frozenset({FOCUS})) -> PlanEdit:
    def forward(s: Session, after: focus_sessions.SessionSnapshot | None):
        before = focus_sessions.snapshot(s, session_id)
        if after is None:
            apply(s)
        else:
            focus_sessions.restore(s, after)
        return before

    def backward(s: Session, before: focus_sessions.SessionSnapshot):
        after = focus_sessions.snapshot(s, session_id)
        focus_sessions.restore(s, before)
        return after

    return PlanEdit(ctx, text, forward, backward, merge_key=merge_key)


def create_session(ctx: PlanContext, template_key: str, title: str, **fields: Any) -> PlanEdit:
    def forward(s, snap):
        if snap is not None:
            focus_sessions.restore(s, snap)
            return snap.session_row["id"]
        return focus_sessions.create_session(s, template_key, title, **fields).id

    def backward(s, session_id):
        return focus_sessions.delete_session(s, session_id)

    return PlanEdit(ctx, f"Plan the session \u201c{title}\u201d", forward, backward)


def delete_session(ctx: PlanContext, record: focus_sessions.SessionRecord) -> PlanEdit:
    return PlanEdit(ctx, f"Delete the session \u201c{record.title}\u201d", lambda s, _m: focus_sessions.delete_session(s, record.id),
                    lambda s, snap: focus_sessions.restore(s, snap))


def add_new_attendee(ctx: PlanContext, session_id: int, name: str, role_key: str) -> PlanEdit:
    """Adds a person to the plan as well; undo removes both."""
    def forward(s, _m):
        attendee = focus_sessions.add_new_attendee(s, session_id, name, role_key)
        return attendee.person_id

    def backward(s, person_id):
        team_roster.remove_person(s, person_id)

    return PlanEdit(ctx, f"Invite {name}", forward, backward)


def send_to_priorities(ctx: PlanContext, session_id: int) -> PlanEdit:
    def forward(s, _m):
        return focus_results.send_to_priorities(s, session_id)

    def backward(s, result: focus_results.SendResult):
        focus_results.undo_send(s, result)

    return PlanEdit(ctx, "Send the focus group's actions to Priorities", forward, backward)
