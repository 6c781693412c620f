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
from services.focus_groups import focus_results, focus_sessions, provider_need
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


def add_new_attendee(ctx: PlanContext, session_id: int, name: str, role_key: str,
                     position_group_id: int | None = None) -> PlanEdit:
    """Adds a person to the plan as well (in their position group); undo removes both."""
    def forward(s, _m):
        attendee = focus_sessions.add_new_attendee(s, session_id, name, role_key, position_group_id=position_group_id)
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


def need_edit(ctx: PlanContext, session_id: int, role_key: str, role_name: str, changes: dict[str, Any]) -> PlanEdit:
    """Record the district's need for one provider role (shared by the template's sessions): one undo step."""
    def forward(s: Session, before_after):
        template = focus_sessions.template_of(s, session_id)
        if before_after is None:
            before = provider_need.snapshot(s, template.key, role_key)
            provider_need.set_session_need(s, session_id, role_key, **changes)
            return template.key, before, provider_need.snapshot(s, template.key, role_key)
        key, before, after = before_after
        provider_need.restore(s, key, role_key, after)
        return before_after

    def backward(s: Session, before_after):
        key, before, _after = before_after
        provider_need.restore(s, key, role_key, before)
        return before_after

    return PlanEdit(ctx, f"Change the district's need for {role_name}", forward, backward)
