"""The evidence a survey finding carries into Priorities uses the survey report's own numbers: the
same n, mean and percent favorable as ``survey report``'s CSV and the summary PDF, for the same
group, wave and measure, with n the respondents who answered (never a domain's pooled answers)."""

from __future__ import annotations

import csv
import io
import re

from models import CandidateAction, SurveyFinding, SurveyWave
from services.data.survey_findings import evidence_text, gap_for
from services.data.survey_report import load_wave, report_by
from services.data.survey_results import ALL, ItemAnswers, csv_rows, disaggregate
from services.plan.plan_file import open_plan
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text

EVIDENCE = re.compile(r"^(?P<wave>.+?): (?P<group>.+) mean (?P<mean>\d+\.\d\d) \((?P<pct>\d+)% favorable, "
                      r"n = (?P<n>\d+)\) against (?P<all_mean>\d+\.\d\d) \((?P<all_pct>\d+)%\) for all respondents\.$")


def test_a_domains_evidence_counts_respondents_not_its_pooled_answers():
    groups = ["Teacher"] * 6 + ["Driver"] * 6
    items = [ItemAnswers("Valued", 5, [5] * 6 + [2] * 6), ItemAnswers("Respected", 5, [4] * 6 + [1] * 6)]
    report = disaggregate(groups, items, {"Belonging": ["Valued", "Respected"]}, 5)
    assert report.cell("Driver", "Belonging").n == 12  # two answers from each of 6 drivers
    text = evidence_text(gap_for(report, "Driver", "Belonging"), "Pilot")
    assert text == "Pilot: Driver mean 1.50 (0% favorable, n = 6) against 3.00 (50%) for all respondents."
    rows = {(g, m): rest for g, m, *rest in csv_rows(report)}
    assert rows[("Driver", "Belonging")] == ["6", "1.5000", "0.0", "false"]
    assert rows[(ALL, "Belonging")][0] == "12"  # 12 people, not 24 answers


def test_the_samples_evidence_has_the_survey_reports_numbers(sample_file, tmp_path):
    plan = open_plan(sample_file, read_only=True)
    try:
        with plan.transaction() as s:
            sent = [(a.evidence, s.get(SurveyFinding, a.source_id)) for a in
                    s.query(CandidateAction).filter(CandidateAction.source_kind == "survey_finding")]
            sent = [(evidence, f.group_name, f.measure, f.dimension, s.get(SurveyWave, f.wave_id).label)
                    for evidence, f in sent]
            pooled = {(f[1], f[2]): report_by(load_wave(s, f[4]), f[3], 5).cell(f[1], f[2]).n for f in sent}
    finally:
        plan.close()
    assert len(sent) == 4
    reports: dict[tuple[str, str], tuple[dict, str]] = {}
    for evidence, group, measure, dimension, wave in sent:
        if (wave, dimension) not in reports:
            out, pdf = tmp_path / f"{len(reports)}.csv", tmp_path / f"{len(reports)}.pdf"
            for args in (("survey", "report", str(sample_file), "--by", dimension, "--wave", wave, "--out", str(out)),
                         ("export", str(sample_file), "survey-summary", "--by", dimension, "--wave", wave,
                          "--out", str(pdf))):
                result = wellplan(*args)
                assert result.returncode == 0, result.stderr
            rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
            reports[(wave, dimension)] = ({(r[0], r[1]): r[2:] for r in rows[1:]}, pdf_text(pdf))
        by, summary = reports[(wave, dimension)]
        found = EVIDENCE.match(evidence)
        assert found, evidence
        assert (found["wave"], found["group"]) == (wave, group)
        n, mean, pct, suppressed = by[(group, measure)]
        assert suppressed == "false"
        assert found["n"] == n, (evidence, n)
        assert found["mean"] == f"{float(mean):.2f}" and found["pct"] == f"{float(pct):.0f}"
        _, all_mean, all_pct, _ = by[(ALL, measure)]
        assert found["all_mean"] == f"{float(all_mean):.2f}" and found["all_pct"] == f"{float(all_pct):.0f}"
        # the summary's column head gives the group's respondents; no more answered the measure than that
        size = re.search(re.escape(group) + r" \((\d+)\)", summary)
        assert size and int(found["n"]) <= int(size[1]), (group, summary[:300])
        if (group, measure) == ("Food service", "Belonging and respect"):
            # the case: every food-service respondent answered the domain, so the evidence's n
            # is the summary's "Food service (37)", not the 143 answers pooled over the domain's items
            assert found["n"] == size[1]
            assert pooled[(group, measure)] > int(size[1])
