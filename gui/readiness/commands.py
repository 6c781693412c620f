"""Undoable edits of the Readiness tab, each a ``PlanEdit`` over the readiness services."""

from __future__ import annotations

import datetime as dt

from gui.plan_context import PlanContext, PlanEdit
from models.instrument import Instrument
from services.priorities import candidate_actions
from services.readiness import instruments, readiness_results, readiness_rounds
from services.readiness.readiness_rounds import RespondentRecord, RoundRecord


def create_round(ctx: PlanContext, instrument_key: str, label: str, given_on: dt.date, respondents: int) -> PlanEdit:
    def forward(s, snapshot):
        if snapshot is not None:
            readiness_rounds.restore_round(s, snapshot)
            return readiness_rounds.get_round(s, snapshot.id)
        return readiness_rounds.create_round(s, instrument_key, label, given_on, respondents=respondents)

    return PlanEdit(ctx, f"Start the round \u201c{label}\u201d", forward,
                    lambda s, record: readiness_rounds.delete_round(s, record.id))


def delete_round(ctx: PlanContext, round_: RoundRecord) -> PlanEdit:
    return PlanEdit(ctx, f"Delete the round \u201c{round_.label}\u201d", lambda s, _m: readiness_rounds.delete_round(s, round_.id),
                    lambda s, snapshot: readiness_rounds.restore_round(s, snapshot))


def update_round(ctx: PlanContext, round_: RoundRecord, **changes) -> PlanEdit:
    before = {"label": round_.label, "given_on": round_.given_on, "notes": round_.notes}
    return PlanEdit(ctx, f"Change the round \u201c{round_.label}\u201d", lambda s, _m: readiness_rounds.update_round(s, round_.id, **changes),
                    lambda s, _m: readiness_rounds.update_round(s, round_.id, **before))


def add_respondent(ctx: PlanContext, round_id: int) -> PlanEdit:
    def forward(s, snapshot):
        if snapshot is not None:
            readiness_rounds.restore_respondent(s, snapshot)
            return snapshot.record
        return readiness_rounds.add_respondent(s, round_id)

    return PlanEdit(ctx, "Add a respondent", forward,
                    lambda s, record: readiness_rounds.remove_respondent(s, record.id))


def remove_respondent(ctx: PlanContext, respondent: RespondentRecord) -> PlanEdit:
    return PlanEdit(ctx, f"Remove respondent {respondent.code}", lambda s, _m: readiness_rounds.remove_respondent(s, respondent.id),
                    lambda s, snapshot: readiness_rounds.restore_respondent(s, snapshot))


def update_respondent(ctx: PlanContext, respondent: RespondentRecord, what: str, **change) -> PlanEdit:
    before = {"code": respondent.code, "position_group_id": respondent.position_group_id,
              "on_team": respondent.on_team, "school_id": respondent.school_id, "tenure_band": respondent.tenure_band}
    return PlanEdit(ctx, f"Change the {what} of respondent {respondent.code}", lambda s, _m: readiness_rounds.update_respondent(s, respondent.id, **change),
                    lambda s, _m: readiness_rounds.update_respondent(s, respondent.id, **before))


def set_answer(ctx: PlanContext, respondent: RespondentRecord, item_key: str, value: int | None) -> PlanEdit:
    def backward(s, previous):
        readiness_rounds.set_answer(s, respondent.id, item_key, previous)

    verb = "Clear" if value is None else "Answer"
    return PlanEdit(ctx, f"{verb} {item_key} for {respondent.code}", lambda s, _m: readiness_rounds.set_answer(s, respondent.id, item_key, value), backward)


def set_notes(ctx: PlanContext, round_id: int, item_key: str, notes: str) -> PlanEdit:
    return PlanEdit(ctx, f"Change the notes on {item_key}", lambda s, _m: readiness_rounds.set_item_notes(s, round_id, item_key, notes),
                    lambda s, old: readiness_rounds.set_item_notes(s, round_id, item_key, old),
                    merge_key=f"readiness-notes-{round_id}-{item_key}")


def send_to_priorities(ctx: PlanContext, round_id: int, item_key: str) -> PlanEdit:
    def forward(s, removed):
        if removed is not None:
            candidate_actions.restore_candidate_action(s, removed)
            return removed
        return readiness_results.send_to_priorities(s, round_id, item_key)

    return PlanEdit(ctx, f"Send {item_key} to Priorities", forward,
                    lambda s, record: candidate_actions.remove_candidate_action(s, record.id))


def save_instrument(ctx: PlanContext, instrument: Instrument, previous: Instrument | None) -> PlanEdit:
    def backward(s, _m):
        if previous is None:
            instruments.delete_custom_instrument(s, instrument.key)
        else:
            instruments.save_custom_instrument(s, previous)

    verb = "Change" if previous else "Make"
    return PlanEdit(ctx, f"{verb} the instrument \u201c{instrument.title}\u201d", lambda s, _m: instruments.save_custom_instrument(s, instrument), backward)


def import_instrument(ctx: PlanContext, path) -> PlanEdit:
    def forward(s, saved):
        if saved is not None:
            return instruments.save_custom_instrument(s, saved)
        return instruments.import_instrument_file(s, path)

    def backward(s, saved):
        instruments.delete_custom_instrument(s, saved.key)
        return saved

    return PlanEdit(ctx, "Import an instrument", forward, backward)


def delete_instrument(ctx: PlanContext, key: str, title: str) -> PlanEdit:
    def backward(s, definition):
        instruments.save_custom_instrument(s, instruments.parse_instrument(definition, title))

    return PlanEdit(ctx, f"Delete the instrument \u201c{title}\u201d", lambda s, _m: instruments.delete_custom_instrument(s, key), backward)


