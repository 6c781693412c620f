"""Attack: the low-participation hand-off prints a response rate (with the public headcount, a
count) as evidence on Priorities, the matrix and the plan, but the release ledger never hears of it.

The ledger's docstring: it holds "what each report, printout, participation table and piece of
evidence made public", and every later release is audited against all of it. A rate sent this way
is a released count the audit never sees, and (since 6ed4b2f) a wave that came over to a next
year's plan may be released only from last year's file, yet the hand-off still releases from it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import SurveyRelease, SurveyWave
from services.data.low_participation import send_low_participation
from services.errors import InvalidInput
from services.plan.plan_file import open_plan
from tests.cli_run import digest
from tests.test_disclosure_attacks import POSITION, WAVE, Survey, crowd, imported, wellplan


def _plan(tmp_path):
    people = crowd(24, {POSITION: "Teacher"}) + crowd(9, {POSITION: "Custodian"}, 3) + \
        crowd(6, {POSITION: "Bus driver"}, 6)
    plan = imported(tmp_path, Survey(people))
    # 24 of 26 teachers and 9 of 10 custodians answered, 6 of 40 drivers: far below.
    wellplan("survey", "headcounts", plan, "--wave", WAVE, "--by", POSITION,
             "Teacher=26", "Custodian=10", "Bus driver=40")
    return plan


def _send(plan):
    handle = open_plan(plan)
    try:
        with handle.transaction() as s:
            before = s.scalar(select(func.count()).select_from(SurveyRelease))
            wave_id = s.scalar(select(SurveyWave.id).where(SurveyWave.label == WAVE))
            record = send_low_participation(s, wave_id, POSITION, "Bus driver")
            after = s.scalar(select(func.count()).select_from(SurveyRelease))
        return record, before, after
    finally:
        handle.close()


def test_the_evidence_of_low_participation_is_recorded_in_the_ledger(tmp_path):
    plan = _plan(tmp_path)
    record, before, after = _send(plan)
    assert "15% of Bus driver answered" in record.evidence  # 6 of the public 40: a count, released
    assert after > before, ("the low participation evidence (" + record.evidence + ") was released "
                            "without a ledger entry: later releases are not audited against it")


def test_a_wave_that_came_over_to_next_years_plan_is_not_released_as_evidence_there(tmp_path):
    plan = _plan(tmp_path)
    nxt = tmp_path / "next.wellplan"
    wellplan("next-year", plan, "--out", nxt)
    before = digest(nxt)
    # Refused, as a report or printout of the wave is: its ledger forked with the copy, so last
    # year's file could not audit against what this one released.
    with pytest.raises(InvalidInput, match="came over from last year's plan"):
        _send(nxt)
    assert digest(nxt) == before  # no candidate, no ledger entry
