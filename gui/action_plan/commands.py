"""The Action plan tab's undoable edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from gui.plan_context import PlanContext, PlanEdit, value_swap
from gui.screen_dates import show_date
from services.action_plan import (
    action_schedule,
    communications,
    feedback_log,
    improvement_cycles,
    objectives,
    school_calendar,
    statement_dates,
)
from services.priorities import contract_limits


def set_field(context: PlanContext, text: str, read: Callable, update: Callable, row_id: int, key: str,
              value) -> PlanEdit:
    """Set one field of one row: ``read(session, id)`` gives the current value of ``key`` (an
    attribute or a dict entry), ``update(session, id, **{key: value})`` writes it."""

    def set_value(s, v):
        current = read(s, row_id)
        before = current[key] if isinstance(current, dict) else getattr(current, key)
        update(s, row_id, **{key: v})
        return before

    swap = value_swap(set_value, value)
    return PlanEdit(context, text, swap, swap, merge_key=f"{text}-{row_id}-{key}")


def _part(record: objectives.ObjectiveRecord, key: str):
    return record.parts[key] if key in record.parts else getattr(record, key)


def set_objective_field(context: PlanContext, objective_id: int, key: str, value) -> PlanEdit:
    if key == "target_date":
        return set_target_date(context, objective_id, value)

    def read(s, i):
        record = objectives.get_objective(s, i)
        return {key: _part(record, key)}

    label = objectives.PART_LABELS.get(key, key.replace("_", " "))
    return set_field(context, f"Edit the objective's {label}", read, objectives.update_objective, objective_id,
                     key, value)


def set_target_date(context: PlanContext, objective_id: int, day: dt.date | None) -> PlanEdit:
    """Move an objective's target date; where its statement or Time-bound answer names the old
    date ("By June 2027, ..."), the same step rewords it, and the undo text and ``said`` (for the
    status bar) say so. Undo puts back the date and the words together."""
    said: list[str] = []
    fields = ("target_date", "statement", "time_bound")

    def swap(s, memo):
        record = objectives.get_objective(s, objective_id)
        before = {k: getattr(record, k, None) if k in fields[:2] else record.parts[k] for k in fields}
        if memo is None:
            redated = statement_dates.move_target_date(s, objective_id, day)
            if redated.said:
                edit.setText(f"Change the objective's target date and the date in {redated.said}")
                said[:] = [f"The target date is now {show_date(day)}, and {redated.said} say"
                           f"{'s' if ' and ' not in redated.said else ''} so too."]
        else:
            objectives.update_objective(s, objective_id, **memo)
        return before

    edit = PlanEdit(context, "Edit the objective's target date", swap, swap,
                    merge_key=f"Edit the objective's target date-{objective_id}")
    edit.said = said
    return edit


def add_objective(context: PlanContext, statement: str) -> PlanEdit:
    def forward(s, memo):
        if memo is None:
            return objectives.add_objective(s, statement).id
        objectives.restore_objective(s, memo)
        return memo.record.id

    return PlanEdit(context, "Add an objective", forward, lambda s, i: objectives.remove_objective(s, i))


def remove_objective(context: PlanContext, objective_id: int) -> PlanEdit:
    return PlanEdit(context, "Remove an objective", lambda s, _m: objectives.remove_objective(s, objective_id),
                    lambda s, removed: objectives.restore_objective(s, removed))


def add_measurement(context: PlanContext, objective_id: int, when: dt.date, value: float) -> PlanEdit:
    def forward(s, memo):
        if memo is None:
            return objectives.add_measurement(s, objective_id, when, value).id
        objectives.restore_measurement(s, memo)
        return memo.id

    return PlanEdit(context, "Add a measurement", forward, lambda s, i: objectives.remove_measurement(s, i))


def remove_measurement(context: PlanContext, measurement_id: int) -> PlanEdit:
    return PlanEdit(context, "Remove a measurement", lambda s, _m: objectives.remove_measurement(s, measurement_id),
                    lambda s, record: objectives.restore_measurement(s, record))


def set_action_field(context: PlanContext, action_id: int, key: str, value) -> PlanEdit:
    # The one field read before and written, not the whole action (read back twice: half the edit's time).
    return set_field(context, "Edit an action", lambda s, i: {key: action_schedule.action_value(s, i, key)},
                     action_schedule.change_action, action_id, key, value)


def set_contract_limit(context: PlanContext, action_id: int, title: str, limited: bool, note: str,
                       was_limited: bool) -> PlanEdit:
    """Mark a plan's action limited by a contract or collective bargaining (or not), with its note; the
    Priorities candidate it came from changes with it, in the same undo step."""
    short = title if len(title) <= 40 else title[:38] + "..."
    if limited != was_limited:
        text = (f"Mark \u201c{short}\u201d limited by a contract" if limited
                else f"Mark \u201c{short}\u201d not limited by a contract")
    else:
        text = f"Change the contract note of \u201c{short}\u201d"
    return PlanEdit(context, text, lambda s, _m: contract_limits.set_for_planned(s, action_id, limited, note),
                    lambda s, memo: contract_limits.restore(s, memo))


def move_action(context: PlanContext, action_id: int, start: dt.date, end: dt.date,
                with_dependants: bool, title: str) -> PlanEdit:
    """Move (or resize) an action; with ``with_dependants``, the actions waiting on it move along."""

    def forward(s, _memo):
        before = action_schedule.get_action(s, action_id)
        dates = {action_id: (before.start, before.end)}
        action_schedule.move_action(s, action_id, start, end)
        if with_dependants:
            dates.update(action_schedule.shift_dependants(s, action_id))
        return dates

    def backward(s, dates):
        action_schedule.set_dates(s, dict(reversed(list(dates.items()))))

    return PlanEdit(context, f"Move \u201c{title}\u201d" + (" and what depends on it" if with_dependants else ""),
                    forward, backward)


def add_action(context: PlanContext, title: str, **fields) -> PlanEdit:
    def forward(s, memo):
        if memo is None:
            return action_schedule.add_action(s, title, **fields).id
        action_schedule.restore_action(s, memo)
        return memo.values["id"]

    return PlanEdit(context, "Add an action", forward, lambda s, i: action_schedule.remove_action(s, i))


def remove_action(context: PlanContext, action_id: int) -> PlanEdit:
    return PlanEdit(context, "Remove an action", lambda s, _m: action_schedule.remove_action(s, action_id),
                    lambda s, removed: action_schedule.restore_action(s, removed))


def remove_actions(context: PlanContext, action_ids: list[int]) -> PlanEdit:
    """Remove several actions as one step; undo puts them back last first, so the links between
    them come back too."""
    text = "Remove an action" if len(action_ids) == 1 else f"Remove {len(action_ids)} actions"

    def forward(s, _memo):
        return [action_schedule.remove_action(s, i) for i in action_ids]

    def backward(s, removed):
        for r in reversed(removed):
            action_schedule.restore_action(s, r)

    return PlanEdit(context, text, forward, backward)


def set_predecessors(context: PlanContext, action_id: int, predecessor_ids) -> PlanEdit:
    swap = value_swap(lambda s, v: action_schedule.set_predecessors(s, action_id, v), tuple(predecessor_ids))
    return PlanEdit(context, "Change what an action depends on", swap, swap)


def _rows(add, remove, restore, text: str, plural: str):
    """Add / remove edits for a plain row kind (PDSA cycles, communications, breaks)."""

    def adder(context: PlanContext, *args, **kwargs) -> PlanEdit:
        def forward(s, memo):
            if memo is None:
                return add(s, *args, **kwargs).id
            restore(s, memo)
            return memo["id"]

        return PlanEdit(context, f"Add {text}", forward, lambda s, i: remove(s, i))

    def remover(context: PlanContext, *row_ids: int) -> PlanEdit:
        """Remove one row, or several as one step (the selected rows)."""
        def backward(s, removed):
            for values in reversed(removed):
                restore(s, values)

        return PlanEdit(context, f"Remove {text}" if len(row_ids) == 1 else f"Remove {len(row_ids)} {plural}",
                        lambda s, _m: [remove(s, i) for i in row_ids], backward)

    return adder, remover


add_cycle, remove_cycle = _rows(improvement_cycles.add_cycle, improvement_cycles.remove_cycle,
                                improvement_cycles.restore_cycle, "a PDSA cycle", "PDSA cycles")
add_communication, remove_communication = _rows(communications.add_item, communications.remove_item,
                                                communications.restore_item, "a communication", "communications")
add_feedback, remove_feedback = _rows(feedback_log.add_item, feedback_log.remove_item, feedback_log.restore_item,
                                      "feedback", "pieces of feedback")
add_break, remove_break = _rows(school_calendar.add_break, school_calendar.remove_break,
                                school_calendar.restore_break, "a school break", "school breaks")


def _row_reader(lister):
    def read(s, row_id):
        return next(r for r in lister(s) if r.id == row_id)

    return read


def set_cycle_field(context: PlanContext, cycle_id: int, key: str, value) -> PlanEdit:
    return set_field(context, "Edit a PDSA cycle", _row_reader(improvement_cycles.list_cycles),
                     improvement_cycles.update_cycle, cycle_id, key, value)


def act_on_cycle(context: PlanContext, cycle_id: int, decision: str, adapt_with: str = "cycle") -> PlanEdit:
    """The Act decision and what it does to the plan, one undo step; ``said`` (after it is applied)
    holds a sentence for each change, for the status bar."""
    said: list[str] = []

    def forward(session, _memo):
        memo, sentences = improvement_cycles.act_on(session, cycle_id, decision, adapt_with)
        said[:] = sentences
        return memo

    edit = PlanEdit(context, f"Act on a PDSA cycle: {improvement_cycles.DECISIONS[decision].lower()}", forward,
                    lambda session, memo: improvement_cycles.undo_act(session, memo))
    edit.said = said
    return edit


def set_communication_field(context: PlanContext, item_id: int, key: str, value) -> PlanEdit:
    return set_field(context, "Edit a communication", _row_reader(communications.list_items),
                     communications.update_item, item_id, key, value)


def set_feedback_field(context: PlanContext, item_id: int, key: str, value) -> PlanEdit:
    """One field of a piece of feedback; ``answer`` ("action:7", "communication:3", "") is what
    answers it."""
    def read(s, i):
        record = feedback_log.get_item(s, i)
        return {"answer": record.answer_key} if key == "answer" else record

    return set_field(context, "Edit feedback", read, feedback_log.update_item, item_id, key, value)


def set_objective_with_groups(context: PlanContext, action_id: int, objective_id: int, group_ids) -> PlanEdit:
    """Put an action under an objective and add the staff groups it serves to the objective's
    groups (Equitable), as one undo step."""
    def forward(s, _memo):
        before = action_schedule.get_action(s, action_id).objective_id
        groups = objectives.get_objective(s, objective_id).group_ids
        action_schedule.update_action(s, action_id, objective_id=objective_id)
        objectives.set_groups(s, objective_id, groups | frozenset(group_ids))
        return before, groups

    def backward(s, memo):
        before, groups = memo
        objectives.set_groups(s, objective_id, groups)
        action_schedule.update_action(s, action_id, objective_id=before)

    return PlanEdit(context, "Put an action under an objective, with the groups it serves", forward, backward)
