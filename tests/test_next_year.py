"""Starting the next school year (``next-year`` and services.year.next_year) on the sample district:
what is carried and what is not, baselines moved to the latest measurement, last year's readiness
rounds and survey waves still read with the same results and the same withheld values, this year's
file left byte for byte as it was, and every refusal in one sentence with nothing written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import (
    ActionRating,
    Base,
    CandidateAction,
    CommunicationItem,
    District,
    Measurement,
    Meeting,
    Objective,
    PdsaCycle,
    Person,
    PlannedAction,
    PlannedActionGroup,
    SurveyComment,
    SurveyRelease,
    SurveyWave,
)
from services.action_plan import objectives as objective_rules
from services.data import release_ledger
from services.data.survey_release import release_table
from services.data.survey_report import load_wave, min_group_size
from services.errors import Cancelled, InvalidInput
from services.plan.plan_file import check_plan, open_plan
from services.readiness import readiness_results, readiness_rounds
from services.year import next_year
from tests.cli_run import digest, wellplan


@pytest.fixture(scope="module")
def this_year(tmp_path_factory, cli_sample) -> Path:
    path = tmp_path_factory.mktemp("year") / "Maple Hollow 2026-27.wellplan"
    shutil.copy(cli_sample, path)
    return path


@pytest.fixture(scope="module")
def started(this_year) -> tuple[Path, next_year.NextYearSummary, str, str]:
    before = digest(this_year)
    summary = next_year.start_next_year(this_year, this_year.with_name("Maple Hollow 2027-28"))
    return summary.out, summary, before, digest(this_year)


def _read(path: Path, fn):
    plan = open_plan(path, read_only=True)
    try:
        with plan.transaction() as s:
            return fn(s)
    finally:
        plan.close()


def _count(s, model, *where) -> int:
    return int(s.scalar(select(func.count()).select_from(model).where(*where)))


def test_every_table_is_decided_on():
    decided = set(next_year.AS_THEY_ARE) | set(next_year.CARRIED) | set(next_year.LEFT_BEHIND)
    assert decided == set(Base.metadata.tables)
    assert not set(next_year.AS_THEY_ARE) & set(next_year.CARRIED)
    assert not (set(next_year.AS_THEY_ARE) | set(next_year.CARRIED)) & set(next_year.LEFT_BEHIND)


def test_this_years_file_is_left_byte_identical_and_the_new_plan_checks(started):
    out, summary, before, after = started
    assert before == after
    assert out.name == "Maple Hollow 2027-28.wellplan"  # .wellplan added
    report = check_plan(out)
    assert report.healthy and not report.problems
    plan = open_plan(out)  # opens for editing too
    plan.close()
    result = wellplan("check", str(out))
    assert result.returncode == 0 and "Integrity: ok" in result.stdout


def test_the_profile_moves_to_the_next_school_year(this_year, started):
    out = started[0]
    old = _read(this_year, lambda s: (s.get(District, 1).school_year, s.get(District, 1).year_start,
                                      s.get(District, 1).year_end, s.get(District, 1).name))
    new = _read(out, lambda s: (s.get(District, 1).school_year, s.get(District, 1).year_start,
                                s.get(District, 1).year_end, s.get(District, 1).name))
    assert old[0] == "2026-27" and new[0] == "2027-28"
    assert new[1] == old[1].replace(year=old[1].year + 1) and new[2] == old[2].replace(year=old[2].year + 1)
    assert new[3] == old[3] == "Maple Hollow School District"


def test_open_objectives_are_carried_with_their_latest_measurement_as_baseline(this_year, started):
    out = started[0]

    def objectives(s):
        rows = {}
        for o in objective_rules.list_objectives(s):
            measured = objective_rules.list_measurements(s, o.id)
            rows[o.id] = (o, measured[-1] if measured else None, s.get(Objective, o.id).carried_over)
        return rows

    old, new = _read(this_year, objectives), _read(out, objectives)
    assert set(new) == set(old)  # the sample reaches none of its targets
    for objective_id, (record, latest, _carried) in old.items():
        carried, _none, flag = new[objective_id]
        assert flag is True
        if latest is not None:
            assert (carried.baseline, carried.baseline_date) == (latest.value, latest.measured_on)
        else:
            assert (carried.baseline, carried.baseline_date) == (record.baseline, record.baseline_date)
        if record.target_date is not None:  # every target in the sample falls in 2026-27
            assert carried.target_date == record.target_date.replace(year=record.target_date.year + 1)
        assert carried.group_ids == record.group_ids and carried.person_ids == record.person_ids
    assert _read(out, lambda s: _count(s, Measurement)) == 0
    first = new[1][0]
    assert (first.baseline, first.baseline_date) == (35.0, dt.date(2026, 11, 20))


def test_unfinished_actions_are_carried_undated_and_finished_ones_stay_behind(this_year, started):
    out = started[0]
    old = _read(this_year, lambda s: {a.id: (a.status, a.owner_id, a.objective_id, a.title, a.school_id)
                                      for a in s.scalars(select(PlannedAction))})
    new = _read(out, lambda s: {a.id: (a.status, a.start_date, a.due_date, a.percent_done, a.carried_over,
                                       a.owner_id, a.objective_id, a.title, a.source_label)
                                for a in s.scalars(select(PlannedAction))})
    unfinished = {i for i, a in old.items() if a[0] not in ("done", "dropped")}
    assert set(new) == unfinished and len(unfinished) < len(old)
    for action_id, (status, start, due, percent, carried, owner, objective, title, _source) in new.items():
        assert (start, due, percent, carried) == (None, None, 0, True)
        assert status == ("on_hold" if old[action_id][0] == "on_hold" else "not_started")
        assert (owner, objective, title) == old[action_id][1:4]
    summary = started[1]
    assert summary.actions_carried == len(unfinished)
    assert summary.actions_done == sum(1 for a in old.values() if a[0] == "done")
    # An action approved from a candidate keeps where it came from, though the candidate stays behind.
    approved = _read(this_year, lambda s: {a.id: c.source_label for a, c in s.execute(
        select(PlannedAction, CandidateAction).join(CandidateAction, PlannedAction.candidate_action_id ==
                                                    CandidateAction.id))})
    carried_approved = {i for i in approved if i in new}
    assert carried_approved
    links = _read(out, lambda s: dict(s.execute(select(PlannedAction.id, PlannedAction.candidate_action_id)).all()))
    for action_id in carried_approved:
        assert new[action_id][8] == approved[action_id]  # the source label it was approved with
        assert links[action_id] is not None  # Show where it came from still opens its candidate
    served_before = _read(this_year, lambda s: {(g.action_id, g.group_id) for g in s.scalars(select(PlannedActionGroup))})
    served_after = _read(out, lambda s: {(g.action_id, g.group_id) for g in s.scalars(select(PlannedActionGroup))})
    assert {p for p in served_before if p[0] in new} <= served_after


def test_what_is_left_behind(started):
    out, summary = started[0], started[1]

    def counts(s):
        return {m.__tablename__: _count(s, m) for m in (Meeting, CommunicationItem, ActionRating, SurveyComment)}

    assert set(_read(out, counts).values()) == {0}
    statuses = _read(out, lambda s: dict(s.execute(select(CandidateAction.id, CandidateAction.status)).all()))
    assert set(statuses.values()) == {*next_year.OPEN_CANDIDATES, "approved"}
    # An approved candidate comes only behind a carried action (its decision, and where it came from).
    behind = _read(out, lambda s: set(s.scalars(select(PlannedAction.candidate_action_id)
                                                .where(PlannedAction.candidate_action_id.is_not(None)))))
    assert {i for i, status in statuses.items() if status == "approved"} == behind
    assert summary.candidates_behind == len(behind) > 0
    placed = _read(out, lambda s: _count(s, CandidateAction, CandidateAction.agreed_impact.is_not(None),
                                         CandidateAction.status != "approved"))
    assert placed == 0  # the undecided are placed again from next year's ratings
    decided_cycles = _read(out, lambda s: _count(s, PdsaCycle, PdsaCycle.decision != ""))
    assert decided_cycles == 0 and summary.cycles_decided >= 1
    lines = summary.lines()
    assert lines[0].startswith("Started the 2027-28 plan:")
    assert any(line.startswith("Not carried: ") and "5 finished actions" in line for line in lines)
    assert any(f"{summary.actions_carried} unfinished actions" in line for line in lines)


def test_people_and_the_team_come_over(this_year, started):
    def people(s):
        return {(p.id, p.name, p.team_role, p.kind, p.contact) for p in s.scalars(select(Person))}

    assert _read(started[0], people) == _read(this_year, people)


def test_readiness_rounds_read_the_same_results_and_change(this_year, started):
    def results(s):
        out = {}
        for r in readiness_rounds.list_rounds(s):
            res = readiness_results.load_results(s, r.id)
            out[r.id] = (repr(res.reading), repr(res.previous_reading), repr(res.by_position),
                            repr(res.team_and_others))
        return out

    old, new = _read(this_year, results), _read(started[0], results)
    assert len(old) == 3 and new == old
    assert any(v[1] != "None" for v in new.values())  # a round still compares with the one before


def test_survey_waves_keep_their_releases_and_withhold_the_same(this_year, started):
    def withheld(s):
        assert release_ledger.verify(s) is None  # the chain of digests is intact
        out = {}
        for label in s.scalars(select(SurveyWave.label)):
            wave = load_wave(s, label)
            numbers, protected, _last = release_ledger.ledger_for(s, wave)
            for dim in wave.dimensions:
                table = release_table(s, wave, dim.label, min_group_size(s))
                out[(label, dim.label)] = {k: c.withheld for k, c in table.report.cells.items()}
            out[(label, "ledger")] = (len(numbers), len(protected))
        return out

    old, new = _read(this_year, withheld), _read(started[0], withheld)
    assert new == old
    assert any(any(v for v in cells.values()) for key, cells in new.items() if key[1] != "ledger")
    assert any(n and p for key, (n, p) in ((k, v) for k, v in new.items() if k[1] == "ledger"))
    assert _read(started[0], lambda s: _count(s, SurveyRelease)) == started[1].releases > 0


def test_last_years_waves_are_not_released_again_from_the_new_plan(tmp_path, this_year, started):
    # The two files' ledgers part at the copy: what one releases the other can't audit against, so
    # last year's waves are released only from last year's file (where the audit sees everything).
    new = tmp_path / "new.wellplan"
    shutil.copy(started[0], new)
    label = _read(new, lambda s: s.scalars(select(SurveyWave.label)).first())
    before = digest(new)
    for args in (("export", new, "survey-summary", "--wave", label, "--out", tmp_path / "summary.pdf"),
                 ("export", new, "survey-report-csv", "--wave", label, "--out", tmp_path / "report.csv")):
        result = wellplan(*args)
        assert result.returncode == 1 and "came over from last year's plan" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert digest(new) == before and not (tmp_path / "summary.pdf").exists() and not (tmp_path / "report.csv").exists()
    # Last year's file still releases them, audited against its whole ledger.
    old = tmp_path / "old.wellplan"
    shutil.copy(this_year, old)
    wellplan("export", old, "survey-summary", "--wave", label, "--out", tmp_path / "old.pdf")
    assert (tmp_path / "old.pdf").exists()


def test_a_reached_objective_and_a_later_target_are_not_moved(tmp_path, cli_sample):
    plan_path = tmp_path / "reached.wellplan"
    shutil.copy(cli_sample, plan_path)
    plan = open_plan(plan_path)
    with plan.transaction() as s:
        objective_rules.add_measurement(s, 2, dt.date(2027, 2, 1), 10.0)  # the quiet rooms reach 10
        s.get(Objective, 1).target_date = dt.date(2028, 6, 1)  # a two-year objective
    plan.close()
    summary = next_year.start_next_year(plan_path, tmp_path / "next.wellplan", "2027-2028")
    assert summary.objectives_reached == 1 and summary.objectives_carried == 3  # the food service one too
    assert summary.year.label == "2027-2028"
    kept = _read(summary.out, lambda s: {o.id: o.target_date for o in s.scalars(select(Objective))})
    assert set(kept) == {1, 3, 4} and kept[1] == dt.date(2028, 6, 1)
    # The reached objective's unfinished actions stand on their own.
    orphans = _read(summary.out, lambda s: _count(s, PlannedAction, PlannedAction.objective_id.is_(None)))
    before = _read(plan_path, lambda s: _count(s, PlannedAction, PlannedAction.objective_id.is_(None),
                                                PlannedAction.status.not_in(("done", "dropped"))))
    assert orphans > before


def test_cancel_leaves_no_new_file(tmp_path, this_year):
    seen = []
    with pytest.raises(Cancelled):
        next_year.start_next_year(this_year, tmp_path / "n.wellplan", progress=lambda d, t: seen.append((d, t)),
                                  cancel=lambda: len(seen) >= 3)
    assert not (tmp_path / "n.wellplan").exists() and seen[-1][0] == 3


def test_the_next_school_year_is_worked_out_from_the_label_and_dates():
    start, end = dt.date(2026, 8, 17), dt.date(2027, 6, 11)
    assert next_year.next_school_year("2026-27", start, end) == next_year.NextYear(
        "2027-28", dt.date(2027, 8, 17), dt.date(2028, 6, 11), 1)
    assert next_year.next_school_year("2026-27", start, end, "2028-29").start == dt.date(2028, 8, 17)
    assert next_year.next_school_year("2023-24", dt.date(2024, 2, 29), end).start == dt.date(2025, 2, 28)
    assert next_year.next_school_year("Our year", start, end).label == "2027-28"
    for wrong in ("2026-27", "2025-26", "2027-29", "next"):
        with pytest.raises(InvalidInput):
            next_year.next_school_year("2026-27", start, end, wrong)


@pytest.mark.parametrize("case", ["exists", "itself", "earlier year", "bad year", "no folder", "not a plan"])
def test_refusals_are_one_sentence_and_write_nothing(tmp_path, this_year, case):
    before = digest(this_year)
    taken = tmp_path / "taken.wellplan"
    taken.write_bytes(b"someone's file")
    args = {"exists": ["--out", str(taken)],
            "itself": ["--out", str(this_year)],
            "earlier year": ["--out", str(tmp_path / "n.wellplan"), "--school-year", "2026-27"],
            "bad year": ["--out", str(tmp_path / "n.wellplan"), "--school-year", "next year"],
            "no folder": ["--out", str(tmp_path / "missing" / "n.wellplan")],
            "not a plan": ["--out", str(tmp_path / "n.wellplan")]}[case]
    plan = str(taken) if case == "not a plan" else str(this_year)
    result = wellplan("next-year", plan, *args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("wellplan: "), result.stderr
    assert "Traceback" not in result.stderr
    assert digest(this_year) == before and taken.read_bytes() == b"someone's file"
    assert not (tmp_path / "n.wellplan").exists() and not (tmp_path / "missing").exists()


def test_the_command_prints_what_came_over(tmp_path, this_year):
    before = digest(this_year)
    result = wellplan("next-year", str(this_year), "--out", str(tmp_path / "next"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Started the 2027-28 plan: ") and str(tmp_path / "next.wellplan") in lines[0]
    assert lines[1].startswith("Carried over: 4 open objectives")
    assert "survey waves for comparison" in lines[2] and "printed only from last year's plan" in lines[2]
    assert lines[3].startswith("Not carried: ") and this_year.name in lines[3]
    assert digest(this_year) == before
    help_text = wellplan("next-year", "--help")
    assert help_text.returncode == 0 and "--school-year" in help_text.stdout and "never changed" in help_text.stdout


@pytest.mark.parametrize("fixture", ["plan-v5.wellplan", "plan-v8.wellplan", "hostile/matrix-settings.wellplan",
                                     "hostile/min-group-size-abc.wellplan"])
def test_an_older_or_odd_plan_starts_a_year_and_is_left_as_it_was(tmp_path, fixture):
    """An older format is upgraded only in the private copy it is read from; a value another program
    wrote ('abc' for a matrix midpoint) comes over as it was, for the app to read defensively."""
    plan_path = tmp_path / Path(fixture).name
    shutil.copy(Path(__file__).parent / "fixtures" / fixture, plan_path)
    before = digest(plan_path)
    result = wellplan("next-year", str(plan_path), "--out", str(tmp_path / "next.wellplan"))
    assert result.returncode == 0, result.stderr
    assert digest(plan_path) == before
    assert check_plan(tmp_path / "next.wellplan").healthy
    assert wellplan("export", str(tmp_path / "next.wellplan"), "plan", "--out", str(tmp_path / "p.pdf")).returncode == 0


def test_a_plan_with_unreadable_values_is_refused_in_one_sentence(tmp_path):
    plan_path = tmp_path / "odd.wellplan"
    shutil.copy(Path(__file__).parent / "fixtures" / "hostile" / "unreadable-values.wellplan", plan_path)
    before = digest(plan_path)
    result = wellplan("next-year", str(plan_path), "--out", str(tmp_path / "next.wellplan"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "can't read" in result.stderr
    assert digest(plan_path) == before and not (tmp_path / "next.wellplan").exists()


def test_last_years_answers_imported_again_are_refused_but_a_new_years_survey_is_not(tmp_path):
    # A file holding last year's answers (here with a question left out) would be a second copy of
    # them audited only against the new plan's ledger; the next year's own survey, with the same
    # questions and groups but its own answers, imports as always.
    import random

    from tests.test_disclosure_attacks import ITEMS, WAVE, Person, Survey, imported
    from tests.test_school_packet_disclosure import district_year

    survey = district_year()
    plan = imported(tmp_path, survey)
    nxt = tmp_path / "next.wellplan"
    wellplan("next-year", plan, "--out", nxt)
    again = Survey(survey.people, {i: n for i, n in survey.points.items() if i != ITEMS[-1]})
    before = digest(nxt)
    result = wellplan("survey", "import", nxt, again.write(tmp_path / "again.csv"), "--wave", "Fall 2026 again")
    assert result.returncode == 1 and f"holds the answers of the {WAVE} survey" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and digest(nxt) == before

    rng = random.Random(2027)
    fresh = Survey([Person(dict(p.groups), {i: rng.randint(1, 5) for i in ITEMS}) for p in survey.people])
    result = wellplan("survey", "import", nxt, fresh.write(tmp_path / "fall 2027.csv"), "--wave", "Fall 2027")
    assert result.returncode == 0, result.stderr
