"""The survey report CSV as an export (``survey-report-csv``): what it releases is handed back for
the caller to record, never recorded by the builder itself, and a disk that fills midway leaves no
part of the file behind."""

from __future__ import annotations

import errno

import pytest

from services.data import survey_report
from services.data.release_ledger import list_releases
from services.data.survey_import import prepare_wave, propose, read_for_import, store_wave
from services.reports.registry import export
from tests.test_survey_files import two_attribute_survey


@pytest.fixture
def plan(empty_plan):
    survey = two_attribute_survey(empty_plan.path.parent / "sites pulse.csv")
    with empty_plan.transaction() as s:
        proposal = propose(s, read_for_import(survey))
        store_wave(s, prepare_wave(proposal.source, proposal.choices), "Sites pulse")
    return empty_plan


def test_the_export_hands_back_what_it_released_for_the_caller_to_record(plan, tmp_path):
    out = tmp_path / "out" / "sites.csv"
    out.parent.mkdir()
    pending: list = []
    with plan.transaction() as s:
        export(s, "survey-report-csv", out, releases=pending, by="Which site?")
        assert list_releases(s) == []  # recording is the caller's, once the file is in place
    assert [p.description for p in pending] == ["survey report of Sites pulse by Which site?"]
    assert out.read_text(encoding="utf-8").startswith("group,measure,n,mean,pct_favorable,suppressed")
    assert [p.name for p in out.parent.iterdir()] == ["sites.csv"]


def test_a_disk_that_fills_midway_leaves_no_part_of_the_csv(plan, tmp_path, monkeypatch):
    def disk_full(_report):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(survey_report, "csv_rows", disk_full)  # the header is written, then the disk is full
    folder = tmp_path / "out"
    folder.mkdir()
    with plan.transaction() as s, pytest.raises(OSError):
        export(s, "survey-report-csv", folder / "sites.csv", by="Which site?")
    assert list(folder.iterdir()) == []
