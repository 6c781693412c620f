"""A progress update of a day says an action is standard practice only once the PDSA cycle that
adopted it had decided so: the sample's bus-route rotation was adopted on Jan 5, 2027."""

from __future__ import annotations

import datetime as dt

import pytest

from services.reports.plan_report import build_progress_update_pdf
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

ADOPTED = dt.date(2027, 1, 5)  # the sample's first PDSA cycle, "adopt"


def _update(plan, tmp_path, today: dt.date) -> str:
    out = tmp_path / f"update-{today}.pdf"
    with plan.transaction() as s:
        build_progress_update_pdf(s, out, today=today)
    return pdf_text(out)


def test_standard_practice_only_from_the_day_it_was_adopted(sample_plan, tmp_path):
    before = _update(sample_plan, tmp_path, ADOPTED - dt.timedelta(days=1))
    after = _update(sample_plan, tmp_path, ADOPTED)
    assert "Draft break schedules for routes and kitchens (in progress, 70%)" in before
    assert "standard practice" not in before
    assert "Draft break schedules for routes and kitchens (in progress, 70%, standard practice)" in after
