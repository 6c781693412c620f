"""Every mainstream export layout through ``survey import`` as a district would run it: the roles
WellPlan gives each column, the labels people read, the plan file's raw bytes free of every
identifying value planted in the file (names, emails, phone numbers and IPv6 addresses typed into
comments, supervisors' names, employee ids), the results equal to numbers worked out by hand from
what the builder wrote, and the odd answers, cut-short files and people-shaped attributes that must
be flagged rather than imported silently."""

from __future__ import annotations

import csv
import logging

import pytest

from services.data.survey_columns import Role
from services.data.survey_import import map_answers, prepare_wave, propose, read_for_import
from services.data.survey_waves import list_comments, list_waves
from services.errors import InvalidInput
from services.plan.plan_file import create_plan, open_plan
from tests.cli_run import digest
from tests.survey_exports import (
    ALL_BUILDERS,
    POSITION_Q,
    SUPERVISOR_Q,
    SUPPORTS,
    SUPPORTS_Q,
    build_google_forms_csv,
    build_hr_table_csv,
    build_microsoft_forms_xlsx,
    build_qualtrics_csv,
    build_surveymonkey_csv,
)
from tests.test_cli_survey import run_cli


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "district.wellplan"
    create_plan(path, district_name="Maple Hollow").close()
    return path


def _choices(path):
    source = read_for_import(path)
    plan = create_plan(path.with_suffix(".probe.wellplan"), district_name="Probe")
    try:
        with plan.transaction() as session:
            return propose(session, source)
    finally:
        plan.close()


@pytest.mark.parametrize("layout", sorted(ALL_BUILDERS))
def test_each_layout_imports_with_the_right_roles_and_keeps_nothing_identifying(layout, tmp_path, plan_path, capsys,
                                                                                 caplog):
    built = ALL_BUILDERS[layout](tmp_path)
    proposal = _choices(built.path)
    by_label = {c.label: c for c in proposal.choices}
    by_header = {c.header: c for c in proposal.choices}
    header_of = {v: k for k, v in built.header_text.items()}  # Qualtrics: question text -> row-1 id
    for header in built.identifying_headers:
        choice = by_header.get(header) or next(c for c in proposal.choices if c.header.startswith(header))
        assert choice.role is Role.IDENTIFYING, (header, choice.role, choice.reason)
    for label in built.scale_items:
        choice = by_label[label]
        assert choice.role is Role.SCALE and choice.scale.points == built.scale_points[label], (label, choice)
    for question in built.attributes:
        choice = by_label.get(question) or by_header[header_of[question]]
        assert choice.role is Role.DIMENSION, (question, choice.role, choice.reason)
    for question in built.comments:
        choice = by_label.get(question) or by_header[header_of[question]]
        assert choice.role is Role.COMMENT, (question, choice.role, choice.reason)
    # a tick-all-that-apply question is its choices, never a group or a scale
    for question in built.multi_select:
        multi = [c for c in proposal.choices if c.role is Role.CHOICES]
        assert multi and all(c.role is not Role.DIMENSION for c in proposal.choices
                             if question in (c.label, c.question)), question
        offered = {o for c in multi for o in c.options}
        assert set(SUPPORTS) <= offered, offered
    # grid and matrix statements read as themselves, not as "How much do you agree... [I feel"
    assert all(not c.label.startswith("How much do you agree") for c in proposal.choices if c.role is Role.SCALE)

    with caplog.at_level(logging.DEBUG):
        code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--wave", "Fall 2026",
                                 "--keep-comments")
    assert code == 0, err
    dropped = next(line for line in out.splitlines() if line.startswith("Identifying columns dropped:"))
    assert dropped.startswith(f"Identifying columns dropped: {len([c for c in proposal.choices if c.role is Role.IDENTIFYING])}")
    assert "answers counted" in out

    raw = plan_path.read_bytes()
    for secret in built.secrets:
        assert secret.encode("utf-8") not in raw, (layout, secret)
        assert secret not in out and secret not in caplog.text, (layout, secret)

    plan = open_plan(plan_path, read_only=True)
    try:
        with plan.transaction() as session:
            wave = list_waves(session)[0]
            assert wave.respondent_count == built.n_respondents
            kept = list_comments(session, wave.id)
    finally:
        plan.close()
    assert kept, "comments were asked for"
    assert any("[email removed]" in c.text for c in kept) and any("[phone removed]" in c.text for c in kept)
    assert any("[address removed]" in c.text for c in kept) and any("[web address removed]" in c.text for c in kept)


def _report(capsys, plan_path, tmp_path, by: str) -> dict[tuple[str, str], dict[str, str]]:
    out = tmp_path / "report.csv"
    code, _out, err = run_cli(capsys, "survey", "report", str(plan_path), "--by", by, "--out", str(out))
    assert code == 0, err
    with out.open(encoding="utf-8") as f:
        return {(r["group"], r["measure"]): r for r in csv.DictReader(f)}


@pytest.mark.parametrize("layout", ["surveymonkey_csv", "microsoft_forms_xlsx", "google_forms_csv", "qualtrics_csv",
                                    "hr_table_xlsx"])
def test_results_equal_the_numbers_worked_out_by_hand(layout, tmp_path, plan_path, capsys):
    built = ALL_BUILDERS[layout](tmp_path)
    code, _out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--wave", "W")
    assert code == 0, err
    rows = _report(capsys, plan_path, tmp_path, next(iter(built.attributes)))  # by position
    for label, answers in built.scale_items.items():
        given = [a for a in answers if a is not None]
        row = rows[("All respondents", label)]
        assert int(row["n"]) == len(given), label
        assert float(row["mean"]) == pytest.approx(round(sum(given) / len(given), 4), abs=1e-4), label
        favorable = sum(1 for a in given if a >= built.scale_points[label] - 1)
        assert float(row["pct_favorable"]) == pytest.approx(round(100 * favorable / len(given), 1), abs=0.05)
    # a tick-all-that-apply choice: the share of those who answered the question who ticked it
    for choice in SUPPORTS:
        ticks = built.multi_select[next(iter(built.multi_select))][choice]
        answered = [t for t in ticks if t is not None]
        row = rows[("All respondents", f"Ticked: {choice}")]
        assert int(row["n"]) == len(answered) and row["mean"] == ""  # a share, not a mean
        assert float(row["pct_favorable"]) == pytest.approx(round(100 * sum(answered) / len(answered), 1), abs=0.05)
    # the groups of 3 and 4 are withheld, in every measure
    assert all(rows[(g, m)]["suppressed"] == "true" for (g, m) in rows if g in ("Administrator", "Counselor",
                                                                                 "Support staff"))


def test_a_supervisor_column_can_never_become_a_grouping_attribute(tmp_path, plan_path):
    built = build_surveymonkey_csv(tmp_path)
    proposal = _choices(built.path)
    choices = [c if c.label != SUPERVISOR_Q else c.__class__(**{**c.__dict__, "role": Role.DIMENSION})
               for c in proposal.choices]
    with pytest.raises(InvalidInput) as refused:
        prepare_wave(proposal.source, choices)
    message = str(refused.value)
    assert "Supervisor name" in message and "can't be a respondent attribute" in message
    assert not any(s in message for s in built.secrets)


def test_an_attribute_holding_contact_details_or_names_is_refused_whatever_its_header(tmp_path):
    from tests.test_survey_files import AGREE, _csv

    rows = [["Department", "Team lead", "I feel valued"]]
    leads = ["Maria Lopez", "James Carter", "Ayesha Khan", "Tom Berg"]
    for n in range(24):
        rows.append([f"Ext. (555) 201-33{n % 3:02d}", leads[n % 4], AGREE[n % 5]])
    path = tmp_path / "hr.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    proposal = _choices(path)
    roles = {c.header: c for c in proposal.choices}
    assert roles["Department"].role is not Role.DIMENSION and "phone number" in roles["Department"].refusal
    assert roles["Team lead"].role is not Role.DIMENSION and "names" in roles["Team lead"].refusal
    for header in ("Department", "Team lead"):
        forced = [c.__class__(**{**c.__dict__, "role": Role.DIMENSION}) if c.header == header else c
                  for c in proposal.choices]
        with pytest.raises(InvalidInput, match=f"column '{header}' can't be a respondent attribute"):
            prepare_wave(proposal.source, forced)


def test_odd_answers_are_listed_with_row_and_column_and_can_be_mapped(tmp_path, plan_path, capsys):
    built = build_google_forms_csv(tmp_path, typo=True, out_of_range=True)
    before = digest(plan_path)
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path))
    assert code == 1 and err.count("\n") == 1 and "not on the item's scale" in err and "row" in err
    assert ("'Agreee'" in err) or ("'99'" in err)  # a near-miss or a number can be named: it identifies no one
    assert digest(plan_path) == before
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--answer", "Agreee=Agree",
                             "--answer", "99=missing")
    assert code == 0, err
    assert "1 odd answer mapped" in out
    rows = _report(capsys, plan_path, tmp_path, POSITION_Q)
    label = next(k for k in built.scale_items if built.scale_items[k].count(None) and "safe" in k)
    given = [a for a in built.scale_items[label] if a is not None]
    # "Agreee" counted as Agree (4): one more answer than the builder's expectation, which left it out
    assert int(rows[("All respondents", label)]["n"]) == len(given) + 1
    assert float(rows[("All respondents", label)]["mean"]) == pytest.approx(round((sum(given) + 4) / (len(given) + 1),
                                                                                   4), abs=1e-4)


def test_the_mapping_of_odd_answers_is_offered_again_next_year(tmp_path, plan_path, capsys):
    built = build_hr_table_csv(tmp_path, typo=True)
    assert run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--wave", "A",
                   "--answer", "Agreee=Agree")[0] == 0
    (tmp_path / "next").mkdir()
    again = build_hr_table_csv(tmp_path / "next", typo=True, seed=8)  # next year: other people, same columns
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(again.path), "--wave", "B")
    assert code == 0, err
    assert "the profile saved for these columns" in out and "odd answer mapped" in out


def test_a_file_cut_short_is_reported_and_its_last_row_left_out(tmp_path, plan_path, capsys):
    built = build_qualtrics_csv(tmp_path, truncate=True)
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--wave", "W")
    assert code == 0, err
    assert "was cut short" in out
    assert f"{built.n_respondents - 1} responses" in out


def test_unknown_answer_mapping_is_refused_in_one_line(tmp_path, plan_path, capsys):
    built = build_microsoft_forms_xlsx(tmp_path, typo=True)
    before = digest(plan_path)
    code, _out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--answer",
                              "Agreee=Mostly")
    assert code == 1 and err.count("\n") == 1 and "'Mostly' is not a point of the scale" in err
    code, _out, err = run_cli(capsys, "survey", "import", str(plan_path), str(built.path), "--answer", "Agreee")
    assert code == 1 and err.count("\n") == 1 and "--answer takes TEXT=POINT" in err
    assert digest(plan_path) == before


def test_map_answers_turns_labels_numbers_and_missing_into_points(tmp_path):
    built = build_microsoft_forms_xlsx(tmp_path, typo=True)
    proposal = _choices(built.path)
    typo = next(c for c in proposal.choices if c.odd)
    assert typo.odd == ("Agreee",) and typo.role is Role.SCALE
    for target, point in (("agree", 4), ("5", 5), ("missing", 0), ("Strongly Disagree", 1)):
        mapped = next(c for c in map_answers(proposal.choices, {"AGREEE": target}) if c.index == typo.index)
        assert mapped.answers == (("agreee", point),) and not mapped.unmapped()
    assert SUPPORTS_Q in {c.label for c in proposal.choices if c.role is Role.CHOICES}
