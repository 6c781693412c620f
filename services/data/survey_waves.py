"""Waves once imported: the list, renaming, removing (with undo), and editing an item's domain or
reverse scoring after the fact."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from models import (
    CandidateAction,
    SourceKind,
    SurveyComment,
    SurveyDimension,
    SurveyFinding,
    SurveyHeadcount,
    SurveyItem,
    SurveyRelease,
    SurveyWave,
)
from services.data.answer_access import answers_readable
from services.data.survey_import import WaveRecord, clean_wave_label
from services.errors import InvalidInput
from services.plan_records import counted_sentences
from services.wording import counted

_WAVE_PARTS = (SurveyDimension, SurveyItem, SurveyComment, SurveyHeadcount)


def _ordered_waves(session: Session):
    return session.scalars(select(SurveyWave).order_by(SurveyWave.last_response.is_(None),
                                                       SurveyWave.last_response, SurveyWave.id))


def list_waves(session: Session) -> list[WaveRecord]:
    """Oldest first (by the responses' dates, then import order)."""
    def per_wave(model) -> dict[int, int]:
        return dict(session.execute(select(model.wave_id, func.count()).group_by(model.wave_id)).all())

    items, dims, comments = per_wave(SurveyItem), per_wave(SurveyDimension), per_wave(SurveyComment)
    return [WaveRecord(w.id, w.label, w.source_name, w.respondent_count, items.get(w.id, 0), dims.get(w.id, 0),
                       comments.get(w.id, 0), w.imported_at, w.first_response, w.last_response)
            for w in _ordered_waves(session)]


def rename_wave(session: Session, wave_id: int, label: str) -> str:
    """Returns the previous label, for undo."""
    wave = session.get(SurveyWave, wave_id)
    if wave is None:
        raise InvalidInput("That wave no longer exists.")
    before, wave.label = wave.label, clean_wave_label(session, label, wave_id)
    session.flush()
    return before


def _columns(row) -> dict:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


@dataclass(frozen=True)
class RemovedWave:
    wave: dict
    parts: tuple[tuple[type, dict], ...]
    finding_ids: tuple[int, ...]


def remove_wave(session: Session, wave_id: int) -> RemovedWave:
    """Remove a wave and everything imported with it; findings already sent keep their text."""
    wave = session.get(SurveyWave, wave_id)
    if wave is None:
        raise InvalidInput("That wave no longer exists.")
    parts = tuple((model, _columns(row)) for model in _WAVE_PARTS
                  for row in session.scalars(select(model).where(model.wave_id == wave_id)))
    findings = tuple(session.scalars(select(SurveyFinding.id).where(SurveyFinding.wave_id == wave_id)))
    removed = RemovedWave(_columns(wave), parts, findings)
    session.delete(wave)
    session.flush()
    return removed


def wave_dependents(session: Session, wave_id: int) -> list[str]:
    """What removing a wave takes with it or leaves behind, each a sentence for the question the
    window asks first (nothing listed: the wave stands alone, and removing it needs no question)."""
    lines = []
    findings = select(SurveyFinding.id).where(SurveyFinding.wave_id == wave_id)
    sent = session.scalar(select(func.count()).select_from(CandidateAction).where(
        CandidateAction.source_kind == SourceKind.SURVEY_FINDING.value, CandidateAction.source_id.in_(findings)))
    if sent:
        lines.append(f"{counted(sent, 'candidate action', 'candidate actions')} sent to Priorities from it "
                     f"{'stays' if sent == 1 else 'stay'} there, with the text of {'its' if sent == 1 else 'their'} "
                     "finding, but can no longer be checked against the survey.")
    lines += counted_sentences(session, wave_id, (
        (SurveyHeadcount.wave_id, lambda n: f"The {counted(n, 'headcount')} typed in for its response rates "
                                            f"{'goes' if n == 1 else 'go'} with it."),
        (SurveyComment.wave_id, lambda n: f"The {counted(n, 'free-text comment')} kept with it "
                                          f"{'goes' if n == 1 else 'go'} too."),
    ))
    releases = session.scalar(select(func.count()).select_from(SurveyRelease).where(SurveyRelease.wave_id == wave_id))
    if releases:
        lines.append(f"The {counted(releases, 'release', 'releases')} of its results already saved or printed "
                     f"{'stays' if releases == 1 else 'stay'} recorded in the plan: a file given out can't be "
                     "taken back.")
    return lines


def restore_wave(session: Session, removed: RemovedWave) -> None:
    session.add(SurveyWave(**removed.wave))
    session.flush()
    for model, values in removed.parts:
        session.add(model(**values))
    session.flush()
    for finding_id in removed.finding_ids:
        finding = session.get(SurveyFinding, finding_id)
        if finding is not None:
            finding.wave_id = removed.wave["id"]
    session.flush()


def set_item_domain(session: Session, item_id: int, domain_id: int | None) -> int | None:
    """Returns the previous domain, for undo."""
    item = session.get(SurveyItem, item_id)
    if item is None:
        raise InvalidInput("That item no longer exists.")
    before, item.domain_id = item.domain_id, domain_id
    session.flush()
    return before


def set_item_reverse(session: Session, item_id: int, reverse: bool) -> bool:
    """Mark an item reverse-scored (or not): its stored answers are flipped on the scale. Returns
    the previous setting, for undo."""
    item = session.get(SurveyItem, item_id)
    if item is None:
        raise InvalidInput("That item no longer exists.")
    before = item.reverse
    if before != reverse:
        points = len(item.scale_labels.splitlines())
        values = np.frombuffer(item.answers, dtype=np.int8).copy()
        answered = values > 0
        values[answered] = points + 1 - values[answered]
        item.answers = values.tobytes()
        item.reverse = reverse
        session.flush()
    return before


@dataclass(frozen=True)
class ItemRow:
    id: int
    label: str
    question: str
    scale_text: str
    reverse: bool
    domain_id: int | None
    domain: str
    answered: int | None  # None: the account may not read the answers (a server; answer_access)


def list_items(session: Session, wave_id: int) -> list[ItemRow]:
    from models import WellnessDomain

    names = dict(session.execute(select(WellnessDomain.id, WellnessDomain.name)).all())
    counted_answers = answers_readable(session)  # (on a server, maybe not by this account)
    query = select(SurveyItem).where(SurveyItem.wave_id == wave_id).order_by(SurveyItem.sort_order, SurveyItem.id)
    if not counted_answers:
        query = query.options(defer(SurveyItem.answers, raiseload=True))
    rows = []
    for i in session.scalars(query):
        labels = i.scale_labels.splitlines()
        scale = f"numbers 1-{len(labels)}" if i.scale_kind == "numeric" else \
            f"{i.scale_kind}, {len(labels)} points"
        answered = int(np.count_nonzero(np.frombuffer(i.answers, dtype=np.int8))) if counted_answers else None
        rows.append(ItemRow(i.id, i.label, i.question, scale, i.reverse, i.domain_id, names.get(i.domain_id, ""),
                            answered))
    return rows


@dataclass(frozen=True)
class CommentRow:
    id: int
    question: str
    text: str


def list_comments(session: Session, wave_id: int) -> list[CommentRow] | None:
    """Comments kept (by the importer's choice) for a wave, by question; never linked to answers.
    None where this account may not read them (a plan on a server; ``answer_access``)."""
    if not answers_readable(session):
        return None
    # By question in code-point order, sorted here (a server sorts text by its own locale).
    return [CommentRow(c.id, c.question, c.text) for c in sorted(
        session.scalars(select(SurveyComment).where(SurveyComment.wave_id == wave_id)),
        key=lambda c: (c.question, c.id))]
