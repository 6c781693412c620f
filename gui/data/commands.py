"""The Data tab's undoable edits: each one a ``PlanEdit`` over a service call and its inverse."""

from __future__ import annotations

from gui.plan_context import PlanContext, PlanEdit, value_swap
from services.data import (
    data_gaps,
    data_sources,
    headcount_matching,
    low_participation,
    policy_reviews,
    survey_findings,
    survey_late_responses,
    survey_participation,
    survey_waves,
    wellness_domains,
)
from services.data.survey_findings import SentFinding, send_gap, unsend
from services.data.survey_import import PreparedWave, store_wave
from services.data.survey_late_responses import Replacement
from services.data.survey_report import Gap, load_wave
from services.priorities.candidate_actions import remove_candidate_action


def import_wave(context: PlanContext, wave: PreparedWave, label: str) -> PlanEdit:
    """Store an imported wave; undo removes it, redo puts the same rows back (same ids)."""

    def forward(s, removed):
        if removed is None:
            return store_wave(s, wave, label).id
        survey_waves.restore_wave(s, removed)
        return removed.wave["id"]

    def backward(s, wave_id):
        return survey_waves.remove_wave(s, wave_id)

    return PlanEdit(context, f"Import survey wave \u201c{label}\u201d", forward, backward)


def replace_wave(context: PlanContext, replacement: Replacement) -> PlanEdit:
    """Put a later download's responses into its wave; undo puts the earlier ones back."""
    return PlanEdit(context, f"Add late responses to survey wave \u201c{replacement.version.label}\u201d", lambda s, _memo: survey_late_responses.replace_wave(s, replacement),
                    lambda s, before: survey_late_responses.restore_replaced(s, before))


def remove_wave(context: PlanContext, wave_id: int, label: str) -> PlanEdit:
    return PlanEdit(context, f"Remove survey wave \u201c{label}\u201d", lambda s, _memo: survey_waves.remove_wave(s, wave_id),
                    lambda s, removed: survey_waves.restore_wave(s, removed))


def rename_wave(context: PlanContext, wave_id: int, label: str) -> PlanEdit:
    swap = value_swap(lambda s, v: survey_waves.rename_wave(s, wave_id, v), label)
    return PlanEdit(context, "Rename survey wave", swap, swap)


def set_item_domain(context: PlanContext, item_id: int, domain_id: int | None) -> PlanEdit:
    swap = value_swap(lambda s, v: survey_waves.set_item_domain(s, item_id, v), domain_id)
    return PlanEdit(context, "Change an item's domain", swap, swap)


def set_item_reverse(context: PlanContext, item_id: int, reverse: bool) -> PlanEdit:
    swap = value_swap(lambda s, v: survey_waves.set_item_reverse(s, item_id, v), reverse)
    return PlanEdit(context, "Reverse-score an item" if reverse else "Stop reverse-scoring an item", swap, swap)


def set_headcount(context: PlanContext, wave_id: int, dimension: str, group: str, count: int | None) -> PlanEdit:
    """Clearing a headcount clears the barriers kept with it; undo puts the row back whole (its id
    too: a low-participation candidate on Priorities points to it)."""

    def forward(s, redo):
        before = survey_participation.headcount_row(s, wave_id, dimension, group)
        if redo is None:
            survey_participation.set_headcount(s, wave_id, dimension, group, count)
        else:
            survey_participation.put_headcount_row(s, wave_id, dimension, group, redo[0])
        return (before,)

    def backward(s, undo):
        after = survey_participation.headcount_row(s, wave_id, dimension, group)
        survey_participation.put_headcount_row(s, wave_id, dimension, group, undo[0])
        return (after,)

    return PlanEdit(context, f"Headcount for {group}", forward, backward)


def set_barriers(context: PlanContext, wave_id: int, dimension: str, group: str, text: str) -> PlanEdit:
    swap = value_swap(lambda s, v: survey_participation.set_barriers(s, wave_id, dimension, group, v), text)
    return PlanEdit(context, f"Barriers to {group}'s taking part", swap, swap)


def send_low_participation(context: PlanContext, wave_id: int, dimension: str, group: str) -> PlanEdit:
    """A group's low participation as a candidate action on Priorities (undo takes it away)."""
    return PlanEdit(context, f"Send the low participation of {group} to Priorities",
                    lambda s, _memo: low_participation.send_low_participation(s, wave_id, dimension, group),
                    lambda s, record: remove_candidate_action(s, record.id))


def replace_headcounts(context: PlanContext, wave_id: int, dimension: str, counts: dict[str, int],
                       text: str) -> PlanEdit:
    def forward(s, memo):
        return survey_participation.replace_headcounts(s, wave_id, dimension, counts if memo is None else memo)

    return PlanEdit(context, text, forward,
                    lambda s, before: survey_participation.replace_headcounts(s, wave_id, dimension, before))


def apply_profile_matches(context: PlanContext, wave_id: int, dimension: str,
                          picks: dict[str, str | None]) -> PlanEdit:
    """The district profile's headcounts for the survey groups as matched in the dialog, and the
    matches remembered for the next wave: one undo step for both."""

    def forward(s, _memo):
        return headcount_matching.apply_profile_matches(s, wave_id, dimension, picks)

    def backward(s, before):
        headcount_matching.restore_profile_matches(s, wave_id, dimension, before)

    return PlanEdit(context, "Use the district profile's headcounts", forward, backward)


def send_gap_to_priorities(context: PlanContext, wave_label: str, dimension: str, gap: Gap) -> PlanEdit:
    def forward(s, _memo) -> SentFinding:
        return send_gap(s, load_wave(s, wave_label), dimension, gap)

    def backward(s, sent: SentFinding):
        unsend(s, sent)

    return PlanEdit(context, "Send a survey gap to Priorities", forward, backward)


def send_coverage_gap(context: PlanContext, domain_id: int, group_id: int) -> PlanEdit:
    """A data coverage gap as a candidate action on Priorities (undo takes the candidate away)."""
    return PlanEdit(context, "Send a data gap to Priorities",
                    lambda s, _memo: data_gaps.send_coverage_gap(s, domain_id, group_id),
                    lambda s, record: remove_candidate_action(s, record.id))


def add_source(context: PlanContext, name: str) -> PlanEdit:
    def forward(s, memo):
        if memo is None:
            return data_sources.add_source(s, name).id
        data_sources.restore_source(s, *memo)
        return memo[0].id

    return PlanEdit(context, f"Add data source \u201c{name}\u201d", forward,
                    lambda s, source_id: data_sources.remove_source(s, source_id))


def update_source(context: PlanContext, source_id: int, key: str, value: str) -> PlanEdit:
    def set_value(s, v):
        before = getattr(next(r for r in data_sources.list_sources(s) if r.id == source_id), key)
        data_sources.update_source(s, source_id, **{key: v})
        return before

    swap = value_swap(set_value, value)
    return PlanEdit(context, "Edit a data source", swap, swap)


def set_source_coverage(context: PlanContext, source_id: int, domain_ids, group_ids) -> PlanEdit:
    def set_value(s, v):
        before = next(r for r in data_sources.list_sources(s) if r.id == source_id)
        data_sources.set_coverage(s, source_id, *v)
        return before.domain_ids, before.group_ids

    swap = value_swap(set_value, (domain_ids, group_ids))
    return PlanEdit(context, "Change what a data source covers", swap, swap)


def remove_source(context: PlanContext, source_id: int, name: str) -> PlanEdit:
    return PlanEdit(context, f"Remove data source \u201c{name}\u201d", lambda s, _memo: data_sources.remove_source(s, source_id),
                    lambda s, memo: data_sources.restore_source(s, *memo))


def add_domain(context: PlanContext, name: str) -> PlanEdit:
    def forward(s, memo):
        if memo is None:
            return wellness_domains.add_domain(s, name).id
        wellness_domains.restore_domain(s, memo)
        return memo.id

    return PlanEdit(context, f"Add domain \u201c{name}\u201d", forward,
                    lambda s, domain_id: wellness_domains.remove_domain(s, domain_id))


def rename_domain(context: PlanContext, domain_id: int, name: str) -> PlanEdit:
    def set_value(s, v):
        before = next(d.name for d in wellness_domains.list_domains(s) if d.id == domain_id)
        wellness_domains.rename_domain(s, domain_id, v)
        return before

    swap = value_swap(set_value, name)
    return PlanEdit(context, "Rename a domain", swap, swap)


def remove_domain(context: PlanContext, domain_id: int, name: str) -> PlanEdit:
    return PlanEdit(context, f"Remove domain \u201c{name}\u201d", lambda s, _memo: wellness_domains.remove_domain(s, domain_id),
                    lambda s, removed: wellness_domains.restore_domain(s, removed))


def ensure_domains(context: PlanContext) -> PlanEdit:
    """Give an older plan its default domains (undo takes them away again)."""

    def forward(s, _memo):
        wellness_domains.ensure_domains(s)
        return [d.id for d in wellness_domains.list_domains(s)]

    def backward(s, ids):
        wellness_domains.unseed_domains(s, ids)

    return PlanEdit(context, "Add the default wellness domains", forward, backward)


def add_policy_review(context: PlanContext, name: str) -> PlanEdit:
    def forward(s, memo):
        if memo is None:
            return policy_reviews.add_review(s, name)
        policy_reviews.restore_review(s, memo)
        return memo["id"]

    return PlanEdit(context, f"Add the review of \u201c{name.strip()}\u201d", forward,
                    lambda s, review_id: policy_reviews.remove_review(s, review_id))


_REVIEW_FIELDS = {"name": "name", "reviewed_on": "date", "finding": "finding", "domain_id": "domain"}


def update_policy_review(context: PlanContext, review_id: int, name: str, key: str, value) -> PlanEdit:
    swap = value_swap(lambda s, v: policy_reviews.update_review(s, review_id, key, v), value)
    return PlanEdit(context, f"Change the {_REVIEW_FIELDS[key]} of the review of \u201c{name}\u201d", swap, swap)


def remove_policy_review(context: PlanContext, review_id: int, name: str) -> PlanEdit:
    return PlanEdit(context, f"Remove the review of \u201c{name}\u201d",
                    lambda s, _memo: policy_reviews.remove_review(s, review_id),
                    lambda s, values: policy_reviews.restore_review(s, values))


def send_policy_review(context: PlanContext, review_id: int, name: str) -> PlanEdit:
    """A reviewed policy's finding as a candidate action on Priorities (undo takes it away)."""
    return PlanEdit(context, f"Send the review of \u201c{name}\u201d to Priorities",
                    lambda s, _memo: policy_reviews.send_review(s, review_id),
                    lambda s, record: remove_candidate_action(s, record.id))


def set_interpretation(context: PlanContext, finding_id: int, group: str, text: str) -> PlanEdit:
    swap = value_swap(lambda s, v: survey_findings.set_interpretation(s, finding_id, v), text)
    return PlanEdit(context, f"The team's reading of the finding on {group}", swap, swap)


def set_readers(context: PlanContext, finding_id: int, group: str, person_ids) -> PlanEdit:
    swap = value_swap(lambda s, v: survey_findings.set_readers(s, finding_id, v), tuple(person_ids))
    return PlanEdit(context, f"Who read the finding on {group}", swap, swap)
