"""The sample district's Data tab: two waves of the generated staff survey (Fall 2025 and a
slightly better Fall 2026), headcounts by position with the barriers found to food service staff's
taking part, the district's other data sources with gaps in their coverage, two reviewed policies,
and the findings the Priorities sample's survey actions come from.

The waves go through the same import as a real file (written to a temporary folder first), so the
sample exercises the real path: identifying columns dropped, the comment column not kept.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import SurveyFinding
from services import district_profile
from services.data import data_sources
from services.data.survey_findings import finding_evidence, finding_label, gap_for, record_evidence, record_finding
from services.data.survey_import import choices_for, prepare_wave, read_for_import, store_wave
from services.data.survey_participation import replace_headcounts, set_barriers
from services.data.survey_release import release_table
from services.data.survey_report import find_wave, load_wave, min_group_size
from services.data.wellness_domains import list_domains
from services.sample.sample_survey import SCHOOL_QUESTION, SurveySpec, expected_headcounts, write_survey_csv

WAVES = (("Fall 2025", SurveySpec(None, seed=7, closes_on=dt.date(2025, 10, 24), ask_school=True)),
         ("Fall 2026", SurveySpec(None, seed=8, lift=0.12, closes_on=dt.date(2026, 10, 23), ask_school=True)))
POSITION = "Which best describes your position?"
SCHOOL = SCHOOL_QUESTION  # the attribute a school's packet finds its respondents by (its answers are school names)
LATEST = WAVES[-1][0]

# Findings the Priorities sample's survey actions point to, in order (group, item or domain).
FINDINGS = (
    ("Transportation", "I can take the breaks I am entitled to"),
    ("Maintenance and custodial", "I know how to reach the employee assistance program"),
    ("Food service", "Belonging and respect"),
    ("Paraprofessionals and aides", "My workload is manageable"),
)

# name, quality, last updated, domains (by name; "*" = all), staff groups (by name; "*" = all), notes
SOURCES = (
    ("Staff wellbeing survey", "good", "Fall 2026", ("*",), ("Teachers", "Paraprofessionals and aides",
     "School administrators", "Counselors, psychologists and social workers", "Food service", "Transportation",
     "Maintenance and custodial", "Office and clerical", "District office"),
     "Imported on this tab. Nurses are too few to report on their own, so it says nothing about them."),
    ("Absence and leave records", "good", "Monthly", ("Physical health", "Mental and emotional health"), ("*",),
     "HR system; sick days by position, no reasons recorded."),
    ("Turnover and exit interviews", "fair", "June 2026", ("Working conditions and job stressors",
                                                           "Professional growth", "Belonging and respect"),
     ("Teachers", "Paraprofessionals and aides", "School administrators"),
     "Exit interviews are offered to certified staff only."),
    ("Benefits and employee-assistance use", "fair", "Spring 2026", ("Financial wellbeing",
                                                                     "Mental and emotional health"),
     ("*",), "Provider reports totals only; no breakdown below 10 people."),
    ("Community health data (county)", "poor", "2024", ("Physical health", "Social connection"), (),
     "County-wide; does not separate district staff."),
)


# The group that answered far less than the rest, and the barriers the team found when it asked why.
LOW_PARTICIPATION = "Food service"
BARRIERS = ("Kitchen shifts start at 6 and end before the survey time set aside in staff meetings; the link went "
            "to district email, which most kitchen staff do not check at work.")

# name, reviewed on, domain, what the team found (seed 000 step 3: policies shape working conditions)
POLICY_REVIEWS = (
    ("Leave and absence policy", dt.date(2026, 10, 20), "Working conditions and job stressors",
     "Sick leave is taken in whole days only, so staff with a medical appointment either lose a day or come "
     "in sick; bus drivers cannot swap routes to cover one another."),
    ("Scheduling and duty-free lunch", dt.date(2026, 10, 27), "Working conditions and job stressors",
     "The duty-free lunch applies to certified staff only; aides and food service staff have no protected break."),
)
SENT_POLICY = "Leave and absence policy"


def _add_policy_reviews(session: Session) -> None:
    from services.data import policy_reviews

    domains = {d.name: d.id for d in list_domains(session)}
    for name, reviewed_on, domain, finding in POLICY_REVIEWS:
        policy_reviews.add_review(session, name, reviewed_on=reviewed_on, finding=finding,
                                  domain_id=domains.get(domain))


def _add_sources(session: Session) -> None:
    domains = {d.name: d.id for d in list_domains(session)}
    groups = {g.name: g.id for g in district_profile.list_position_groups(session)}
    for name, quality, updated, on_domains, on_groups, notes in SOURCES:
        data_sources.add_source(
            session, name, quality=quality, last_updated=updated, notes=notes,
            domain_ids={domains[d] for d in (domains if on_domains == ("*",) else on_domains)},
            group_ids={groups[g] for g in (groups if on_groups == ("*",) else on_groups)})


def add_sample_survey(session: Session) -> None:
    with tempfile.TemporaryDirectory(prefix="wellplan-sample-") as folder:
        for label, spec in WAVES:
            path = write_survey_csv(Path(folder) / f"Staff wellbeing survey {label}.csv", spec)
            source = read_for_import(path)
            choices, _ = choices_for(session, source)
            record = store_wave(session, prepare_wave(source, choices), label,
                                dt.datetime.combine(spec.closes_on, dt.time(16)))
            replace_headcounts(session, record.id, POSITION, expected_headcounts())
    _add_sources(session)
    _add_policy_reviews(session)
    set_barriers(session, find_wave(session, LATEST).id, POSITION, LOW_PARTICIPATION, BARRIERS)
    wave = load_wave(session, LATEST)
    report = release_table(session, wave, POSITION, min_group_size(session)).report
    at = dt.datetime(2026, 11, 5, 15, 0)
    for group, measure in FINDINGS:
        gap = gap_for(report, group, measure)
        record_finding(session, wave, POSITION, gap, at)
        record_evidence(session, wave, POSITION, gap, at)
    _read_the_first_finding(session)


# The team read the first finding with drivers at the November meeting (seed 000 step 4).
FIRST_READING = ("Drivers' breaks fall between routes, when the break room at the bus garage is locked; two "
                 "drivers said a break means sitting in the bus.")


def _read_the_first_finding(session: Session) -> None:
    from services.data import survey_findings
    from services.team.team_roster import list_people

    groups = {g.id: g.name for g in district_profile.list_position_groups(session)}
    people = list_people(session)
    readers = [p.id for p in people if p.team_role is not None][:3]
    readers += [p.id for p in people if p.team_role is None and groups.get(p.position_group_id) == "Transportation"]
    first = survey_findings.list_findings(session)[0]
    survey_findings.set_interpretation(session, first.id, FIRST_READING)
    survey_findings.set_readers(session, first.id, readers)


def sample_finding(session: Session, number: int) -> tuple[int, str, str]:
    """The id, source label and evidence of the sample's ``number``-th finding (1-based)."""
    finding = list(session.scalars(select(SurveyFinding).order_by(SurveyFinding.id)))[number - 1]
    return finding.id, finding_label(LATEST, finding), finding_evidence(session, finding)
