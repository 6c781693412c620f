"""A round's results as the tab and the summary show them: the reading, the planning team next to
everyone else, position groups, change since the previous round, and items sent to Priorities.

Breakdowns go through ``services.suppression``: a group below the plan's minimum group size is
never read at all, so its answers cannot reach a screen or a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ReadinessRoundItem, SourceKind
from models.instrument import DONT_KNOW, ScaleType
from services import district_profile
from services.errors import InvalidInput
from services.priorities import candidate_actions
from services.readiness import readiness_rounds
from services.readiness.readiness_rounds import RoundData, RoundRecord
from services.readiness.readiness_scoring import (
    ItemResult,
    Reading,
    RoundReading,
    Standing,
    describe_median,
    median_change,
    read_round,
)
from services.suppression import suppress_small_groups

NOT_RECORDED = "Position not recorded"


@dataclass(frozen=True)
class GroupReading:
    name: str
    count: int
    reading: RoundReading | None  # None when the group is too small to show

    @property
    def suppressed(self) -> bool:
        return self.reading is None


@dataclass
class RoundResults:
    data: RoundData
    reading: RoundReading
    min_group_size: int
    previous: RoundRecord | None = None
    previous_reading: RoundReading | None = None
    team_and_others: list[GroupReading] = field(default_factory=list)
    by_position: list[GroupReading] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # item key -> candidate action id

    def item_change(self, key: str) -> float | None:
        if self.previous_reading is None or key not in self.previous_reading.instrument.items_by_key:
            return None
        return median_change(self.reading.item(key).reading, self.previous_reading.item(key).reading)

    def section_change(self, key: str) -> float | None:
        if self.previous_reading is None or key not in {s.key for s in self.previous_reading.sections}:
            return None
        return median_change(self.reading.section(key).reading, self.previous_reading.section(key).reading)


def _answers_of(data: RoundData, respondent_ids: list[int]) -> list[dict[str, int]]:
    by_respondent: dict[int, dict[str, int]] = {rid: {} for rid in respondent_ids}
    for (rid, key), value in data.answers.items():
        if rid in by_respondent:
            by_respondent[rid][key] = value
    # A respondent with no answers yet (a blank paper form) is not a respondent of the results.
    return [a for a in by_respondent.values() if a]


def _breakdown(data: RoundData, groups: dict[str, list[int]], min_size: int) -> list[GroupReading]:
    answers = {name: _answers_of(data, ids) for name, ids in groups.items()}
    counts = {name: len(a) for name, a in answers.items()}
    withheld = suppress_small_groups(counts, min_size)
    return [GroupReading(name, counts[name], None if name in withheld else read_round(data.instrument, answers[name]))
            for name in groups if counts[name] > 0]


def read_results(data: RoundData, min_group_size: int) -> RoundResults:
    everyone = _answers_of(data, [p.id for p in data.respondents])
    results = RoundResults(data, read_round(data.instrument, everyone), min_group_size)
    results.team_and_others = _breakdown(data, {
        "Planning team": [p.id for p in data.respondents if p.on_team],
        "Other respondents": [p.id for p in data.respondents if not p.on_team],
    }, min_group_size)
    positions: dict[str, list[int]] = {}
    for p in data.respondents:
        positions.setdefault(p.position_group or NOT_RECORDED, []).append(p.id)
    results.by_position = _breakdown(data, positions, min_group_size)
    return results


def load_results(session: Session, round_id: int) -> RoundResults:
    data = readiness_rounds.load_round(session, round_id)
    results = read_results(data, district_profile.get_profile(session).min_group_size)
    previous = readiness_rounds.previous_round(session, round_id)
    if previous is not None:
        old = readiness_rounds.load_round(session, previous.id)
        results.previous = previous
        results.previous_reading = read_round(old.instrument, _answers_of(old, [p.id for p in old.respondents]))
    keys_by_id = dict(session.execute(select(ReadinessRoundItem.id, ReadinessRoundItem.item_key)
                                      .where(ReadinessRoundItem.round_id == round_id)).all())
    for action in candidate_actions.list_candidate_actions(session, source_kind=SourceKind.READINESS_ITEM.value):
        if action.source_id in keys_by_id:
            results.sent[keys_by_id[action.source_id]] = action.id
    return results


# ---- from a result to a candidate action ------------------------------------------------------

def suggested_for_action(results: RoundResults, item: ItemResult) -> bool:
    """Items worth sending: a checklist question someone answered "no", or a low-rated item."""
    scale = results.data.instrument.scale
    if scale.type is ScaleType.YES_NO:
        return item.reading.count(1) > 0
    return item.reading.standing is Standing.GROWTH


def evidence_text(results: RoundResults, item: ItemResult) -> str:
    """What the round said about an item, in one line a Priorities reader understands."""
    scale = results.data.instrument.scale
    r: Reading = item.reading
    if r.total == 0:
        return "No answers yet."
    if scale.type is ScaleType.YES_NO:
        text = f"{r.count(1)} of {r.total} answered No"
    else:
        lowest = scale.labels[0]
        text = f"Median {describe_median(scale, r.median)}; {r.count(1)} of {r.total} answered '{lowest}'"
    if r.count(DONT_KNOW):
        text += f"; {r.count(DONT_KNOW)} didn't know"
    return text + "."


def source_label(round_: RoundRecord, item_key: str) -> str:
    label = f"Readiness round {round_.label}, item {item_key}"
    return label if round_.instrument_key == "readiness" else f"{label} ({round_.instrument_title})"


def _first_sentence(text: str, limit: int = 160) -> str:
    sentence = re.split(r"(?<=[.;:])\s", text.strip(), maxsplit=1)[0].rstrip(".;:")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def send_to_priorities(session: Session, round_id: int, item_key: str) -> candidate_actions.CandidateActionRecord:
    """Make a candidate action from an item, linked back to it; an item is sent only once."""
    results = load_results(session, round_id)
    if item_key in results.sent:
        raise InvalidInput(f"Item {item_key} of this round is already in Priorities.")
    instrument = results.data.instrument
    item = instrument.items_by_key.get(item_key)
    if item is None:
        raise InvalidInput(f"Item {item_key} is not part of {instrument.title}.")
    section = instrument.section_of(item_key)
    if item.next_step:
        title, description = _first_sentence(item.next_step), f"{item.next_step}\n\nChecklist question: {item.text}"
    else:
        title, description = _first_sentence(item.text.rstrip(".")), f"{section.title}: {item.text}"
        if item.growth_step:  # what the summary prints beside it: the team's first idea of a step up
            description += f"\n\nA step up: {item.growth_step}"
    notes = results.data.notes.get(item_key, "")
    if notes:
        description += f"\n\nDiscussion notes: {notes}"
    round_item_id = readiness_rounds.ensure_round_item(session, round_id, item_key)
    return candidate_actions.add_candidate_action(
        session, title, description=description, category=section.title,
        source_kind=SourceKind.READINESS_ITEM.value, source_id=round_item_id,
        source_label=source_label(results.data.round, item_key),
        evidence=evidence_text(results, results.reading.item(item_key)),
    )
