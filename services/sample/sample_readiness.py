"""The sample district's readiness work: the readiness reflection twice, a year apart, and the
"where do we start?" checklist once, each answered by 9-12 coded respondents who don't all agree.

Answers are generated from a fixed seed around a level for each item, so the sample is the same
on every machine. A few items are written out in full because other parts of the sample quote
them (the Priorities tab's evidence says C4 was "not yet" for 9 of 12).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from models.instrument import DONT_KNOW
from services import district_profile
from services.readiness import readiness_rounds

LATEST_READINESS = "Fall 2026"

# Each respondent: (position group, on the planning team)
RESPONDENTS_2026 = (
    ("Teachers", True), ("Teachers", False), ("Teachers", True), ("Teachers", False), ("Teachers", False),
    ("School administrators", True), ("Food service", True), ("Transportation", False),
    ("Counselors, psychologists and social workers", True), ("Paraprofessionals and aides", False),
    ("Maintenance and custodial", True), ("Office and clerical", False),
)
RESPONDENTS_2025 = RESPONDENTS_2026[:5] + RESPONDENTS_2026[5:10]
RESPONDENTS_CHECKLIST = RESPONDENTS_2026[:4] + (("School administrators", True), ("Food service", True),
                                                 ("Counselors, psychologists and social workers", True),
                                                 ("District office", True), ("Nurses and health staff", False))

# Typical level (1 Not yet .. 4 Established) per item, and the share answering "don't know".
LEVELS_2026 = {
    "A1": 3, "A2": 3, "A3": 2, "A4": 1, "A5": 2, "A6": 2,
    "B1": 3, "B2": 2, "B3": 3, "B4": 2, "B5": 3, "B6": 3,
    "C1": 2, "C2": 3, "C3": 2, "C4": 1, "C5": 2, "C6": 1, "C7": 2,
}
# A year earlier, before the planning team existed: lower on data, the team and leaders' voice.
LEVELS_2025 = {**LEVELS_2026, "A1": 2, "A2": 2, "B1": 2, "B3": 1, "B6": 2, "C2": 1, "C3": 1, "A5": 1}
# Items where the planning team sees the district a level higher than other staff do.
TEAM_SEES_HIGHER = {"A3", "B5", "C7"}
DONT_KNOW_SHARE = {"C5": 0.45, "A4": 0.3, "C6": 0.2}
FIXED_2026 = {  # quoted elsewhere in the sample, so not left to chance
    "C4": (1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 0),
    "B2": (2, 2, 2, 3, 2, 2, 1, 2, 2, 2, 4, 2),
}
# Share answering "yes" per checklist question.
YES_SHARE = {
    "S1": 0.9, "S2": 0.3, "S3": 0.5, "T1": 0.2, "T2": 0.6, "T3": 0.3, "T4": 0.1, "T5": 0.9, "T6": 0.4,
    "U1": 0.6, "U2": 0.3, "M1": 0.2, "M2": 0.1, "M3": 0.0, "C1": 0.7, "C2": 0.2, "C3": 0.3,
}
NOTES = {
    ("readiness", LATEST_READINESS, "C5"): "Nearly half didn't know which partners we work with; "
                                           "list them at the next staff meeting.",
    ("readiness", LATEST_READINESS, "A3"): "Transportation and food service doubt that survey answers stay "
                                           "anonymous. Explain the minimum group size before the next survey.",
    ("where-to-start", "Fall 2026", "M3"): "No one has run a learning cycle yet; the Action plan tab has PDSA.",
}


def _level_answer(rng: random.Random, key: str, level: int, on_team: bool, dont_know_share: float) -> int:
    if rng.random() < dont_know_share:
        return DONT_KNOW
    if key in TEAM_SEES_HIGHER:
        step = 1 if on_team else -1
    else:  # most answers sit at the item's level, some one level higher
        step = rng.choices((0, 1), weights=(7, 2 + on_team))[0]
    return max(1, min(4, level + step))


def _add_round(session: Session, key: str, label: str, day: dt.date, people, answer) -> int:
    groups = {g.name: g.id for g in district_profile.list_position_groups(session)}
    round_ = readiness_rounds.create_round(session, key, label, day, at=dt.datetime.combine(day, dt.time(15, 30)))
    instrument = readiness_rounds.load_round(session, round_.id).instrument
    for n, (group, on_team) in enumerate(people):
        person = readiness_rounds.add_respondent(session, round_.id, position_group_id=groups[group], on_team=on_team)
        for item in instrument.items:
            readiness_rounds.set_answer(session, person.id, item.key, answer(n, item.key, on_team))
    for (inst_key, round_label, item_key), text in NOTES.items():
        if inst_key == key and round_label == label:
            readiness_rounds.set_item_notes(session, round_.id, item_key, text)
    return round_.id


def add_sample_readiness(session: Session) -> None:
    rng = random.Random(2026)

    def levels(table: dict[str, int], fixed: dict[str, tuple[int, ...]]):
        return lambda n, key, on_team: fixed[key][n] if key in fixed else _level_answer(
            rng, key, table[key], on_team, DONT_KNOW_SHARE.get(key, 0.04))

    _add_round(session, "readiness", "Fall 2025", dt.date(2025, 10, 8), RESPONDENTS_2025, levels(LEVELS_2025, {}))
    _add_round(session, "where-to-start", "Fall 2026", dt.date(2026, 9, 23), RESPONDENTS_CHECKLIST,
               lambda n, key, on_team: DONT_KNOW if rng.random() < 0.05 else 2 if rng.random() < YES_SHARE[key] else 1)
    _add_round(session, "readiness", LATEST_READINESS, dt.date(2026, 10, 7), RESPONDENTS_2026,
               levels(LEVELS_2026, FIXED_2026))


def latest_round_item(session: Session, item_key: str) -> int:
    """The record a sample candidate action "from readiness item X" points to."""
    round_ = readiness_rounds.find_round(session, LATEST_READINESS, "readiness")
    return readiness_rounds.ensure_round_item(session, round_.id, item_key)
