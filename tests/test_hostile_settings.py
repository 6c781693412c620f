"""A plan file is data, never code (issue 16): every value WellPlan reads back as a setting or a
parameter is checked where it is read, whatever another program wrote in its own tables.

The hostile plans in ``tests/fixtures/hostile/`` are the format-7 sample with a few values changed
(``tests/fixtures/make_hostile_plans.py`` and ``tests/fixtures/README.md`` say which). Each is
copied before use, never changed. Every command either works or refuses in one plain line, never a
traceback; privacy fails safe (a group of 4 stays withheld whatever the stored minimum group size,
and a survey wave or ledger that isn't as WellPlan wrote it releases nothing); read-only commands
leave the file as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from services import district_profile
from services.errors import StoredValueError
from services.plan.plan_file import create_plan, open_plan
from services.priorities import prioritization, priority_board, priority_ratings
from tests.cli_run import digest, wellplan_process
from tests.conftest import FIXTURES
from tests.fixtures.make_hostile_plans import CASES
from tests.test_cli_survey import NAMES, run_cli, staff_rows
from tests.test_priority_services import action_of
from tests.test_survey_files import _csv

HOSTILE = FIXTURES / "hostile"
POSITION = "Which best describes your position?"
SITE = "Where do you work most of the time?"
NURSES = "Nurses and health staff"  # 4 respondents in each wave of the sample

# What each command refuses, by fixture (a word of its one line); every other command works.
REFUSED = {
    "bad-definitions": {"readiness-summary": "not a valid instrument", "focus-guide": "not a valid template",
                        "focus-summary": "not a valid template"},
    "ledger-contradicts-answers": {c: "doesn't fit the wave's answers" for c in ("report", "participation",
                                                                                "survey-summary")},
    "ledger-unreadable": {"releases": "ledger entry 1 can't be read",
                          **{c: "Entry 1 of the ledger" for c in ("report", "participation", "survey-summary")}},
    "one-point-scale": {c: "whose scale has 1 point" for c in ("report", "participation", "survey-summary")},
    "unreadable-values": {**{c: "yes/no value WellPlan can't read ('yes')" for c in ("report", "participation",
                                                                                      "survey-summary")},
                          "team": "time of day WellPlan can't read ('noon')",
                          **{c: "date WellPlan can't read ('31/12/2026')" for c in ("gantt", "plan", "progress-update",
                                                                                   "calendar", "actions")}},
    "wave-mixup": {c: "is not about wave 'Fall 2026'" for c in ("report", "participation", "survey-summary")},
}
# What each fixture's values reach, besides the commands that refuse it: `make test` runs these and
# `check` on each fixture; `make test-thorough` runs every command on every fixture (the survey
# commands audit the whole wave against the ledger: seconds each).
SURVEY = ("releases", "report", "participation", "survey-summary")
REACHES = {
    **{f"min-group-size-{v}": (*SURVEY, "readiness-summary") for v in ("1", "0", "minus-5", "abc")},
    "matrix-settings": ("matrix", "plan", "progress-update"),
    "bad-definitions": ("readiness-summary", "focus-guide", "focus-summary"),
    "headcounts": ("team", *SURVEY),
    "unreadable-values": ("team", "gantt", "plan", "calendar", "actions", *SURVEY),
    "unknown-names": ("matrix", "plan", "progress-update", "gantt", "actions", "focus-guide", "focus-summary",
                      "readiness-summary", "team"),
    **{name: SURVEY for name in ("one-point-scale", "wave-mixup", "ledger-unreadable", "ledger-contradicts-answers")},
}
THOROUGH = os.environ.get("WELLPLAN_TEST_DEPTH") == "thorough"
# Commands that only read the plan: the file is byte for byte the same after them, worked or refused.
READ_ONLY = {"check", "releases", "team", "matrix", "readiness-summary", "focus-guide", "focus-summary", "gantt",
             "plan", "progress-update", "calendar", "actions"}


def _commands(plan: Path, out: Path) -> dict[str, tuple[str, ...]]:
    exports = {"team": (), "matrix": (), "readiness-summary": ("--instrument", "readiness", "--round", "Fall 2025"),
               "focus-guide": ("--session", "1"), "focus-summary": ("--session", "1"), "survey-summary": ("--by", POSITION),
               "gantt": (), "plan": (), "progress-update": (), "calendar": (), "actions": ()}
    suffix = {"calendar": "ics", "actions": "xlsx"}
    return {"check": ("check", str(plan)), "releases": ("survey", "releases", str(plan)),
            "report": ("survey", "report", str(plan), "--by", POSITION, "--out", str(out / "report.csv")),
            "participation": ("survey", "participation", str(plan), "--by", POSITION, "--out", str(out / "part.csv")),
            **{kind: ("export", str(plan), kind, "--out", str(out / f"{kind}.{suffix.get(kind, 'pdf')}"), *extra)
               for kind, extra in exports.items()}}


def hostile(name: str, tmp_path: Path) -> Path:
    """A copy of a hostile plan to work on (the checked-in file is never opened for writing)."""
    path = tmp_path / f"{name}.wellplan"
    shutil.copyfile(HOSTILE / f"{name}.wellplan", path)
    return path


def _read(path: Path, read):
    plan = open_plan(path, read_only=True)
    try:
        with plan.transaction() as s:
            return read(s)
    finally:
        plan.close()


def _sql(path: Path, query: str) -> list[tuple]:
    """Rows of a query, read as any SQLite client would (the plan is not written)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return {r["group"]: r for r in csv.DictReader(f)}


def test_the_hostile_plans_are_the_ones_the_script_makes_and_stay_small():
    files = sorted(HOSTILE.glob("*.wellplan"))
    assert [f.stem for f in files] == sorted(CASES)
    assert sum(f.stat().st_size for f in files) < 4 * 1024 * 1024
    for f in files:
        # WellPlan's own file of format 7, values changed and nothing else
        assert _sql(f, "PRAGMA user_version") == [(7,)]
        assert _sql(f, "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')") == [(0,)]


def test_every_fixture_says_what_it_reaches_and_every_command_is_reached():
    commands = set(_commands(Path("p"), Path("o")))
    assert set(REACHES) == set(CASES)
    assert all(set(r) <= commands for r in [*REACHES.values(), *REFUSED.values()])
    assert commands - {"check"} == set().union(*REACHES.values())


@pytest.mark.depth
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_command_works_or_refuses_in_one_line(name, tmp_path, capsys):
    path = hostile(name, tmp_path)
    refused = REFUSED.get(name, {})
    reached = {"check", *REACHES[name], *refused}
    for command, args in _commands(path, tmp_path).items():
        if not THOROUGH and command not in reached:
            continue
        before = digest(path)
        code, _out, err = run_cli(capsys, *args)
        if command in refused:
            assert code == 1, (command, err)
            assert err.count("\n") == 1 and err.startswith("wellplan: ") and refused[command] in err, (command, err)
        else:
            assert code == 0 and not err, (command, err)
        assert "unexpected error" not in err and "Traceback" not in err
        if command in READ_ONLY:
            assert digest(path) == before, command
    # a release refused leaves no file behind (a file without its ledger entry)
    for command, out in (("report", "report.csv"), ("participation", "part.csv"), ("survey-summary", "survey-summary.pdf")):
        if THOROUGH or command in reached:
            assert (tmp_path / out).exists() == (command not in refused), command


def test_the_command_line_as_a_separate_process_prints_no_traceback(tmp_path):
    for name, args, code, words in (
            ("min-group-size-minus-5", ("check",), 0, ""),
            ("unreadable-values", ("export", "{plan}", "gantt", "--out", "{out}/g.pdf"), 1, "can't read ('31/12/2026')"),
            ("ledger-unreadable", ("survey", "report", "{plan}", "--by", POSITION, "--out", "{out}/r.csv"), 1,
             "Entry 1 of the ledger"),
            ("one-point-scale", ("survey", "participation", "{plan}", "--by", POSITION, "--out", "{out}/p.csv"), 1,
             "scale has 1 point")):
        path = hostile(name, tmp_path)
        args = tuple(a.format(plan=path, out=tmp_path) for a in args)
        if args[0] == "check":
            args = ("check", str(path))
        before = digest(path)
        done = wellplan_process(*args)
        assert done.returncode == code, (name, done.stderr)
        assert "Traceback" not in done.stderr and words in done.stderr
        assert done.stderr.count("\n") == (1 if code else 0), done.stderr
        if args[0] in ("check", "export"):
            assert digest(path) == before


# ---- the minimum group size --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["min-group-size-1", "min-group-size-0", "min-group-size-minus-5", "min-group-size-abc"])
def test_a_stored_minimum_group_size_below_the_floor_or_not_a_number_is_read_as_the_default(name, tmp_path, capsys):
    path = hostile(name, tmp_path)
    assert _read(path, lambda s: district_profile.get_profile(s).min_group_size) == 5
    code, _out, err = run_cli(capsys, "survey", "report", str(path), "--by", POSITION, "--out", str(tmp_path / "r.csv"))
    assert code == 0, err
    with (tmp_path / "r.csv").open(encoding="utf-8") as f:
        nurses = [r for r in csv.DictReader(f) if r["group"] == NURSES]
    assert nurses and all(r["suppressed"] == "true" and r["mean"] == "" and r["n"] == "" for r in nurses)  # 4 people
    code, _out, err = run_cli(capsys, "survey", "participation", str(path), "--by", POSITION, "--out",
                              str(tmp_path / "p.csv"))
    assert code == 0, err
    assert _rows(tmp_path / "p.csv")[NURSES]["responses"] == ""

    from services.readiness.readiness_results import load_results
    from services.readiness.readiness_rounds import list_rounds

    def readiness(s):
        return [load_results(s, r.id) for r in list_rounds(s)]

    for results in _read(path, readiness):
        assert results.min_group_size == 5
        for group in results.by_position + results.team_and_others:
            assert group.suppressed or group.count >= 5


def test_a_minimum_group_size_above_the_editor_is_kept_and_other_fields_can_still_change(tmp_path):
    path = hostile("min-group-size-1", tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE district SET min_group_size = 500")
    con.commit()
    con.close()
    plan = open_plan(path)
    try:
        with plan.transaction() as s:
            assert district_profile.get_profile(s).min_group_size == 500  # it only hides more
            district_profile.update_profile(s, paper_size="a4")
        with plan.transaction() as s:
            assert district_profile.get_profile(s).paper_size == "a4"
    finally:
        plan.close()


def test_the_readers_of_the_minimum_group_size_all_go_through_the_profile():
    """No service or screen reads the district row but ``district_profile``, the one checked
    reader (``get_profile``), and none reads it with SQL of its own."""
    root = Path(__file__).resolve().parent.parent
    readers = []
    for path in sorted([*(root / "services").rglob("*.py"), *(root / "gui").rglob("*.py")]):
        text = path.read_text(encoding="utf-8")
        imported = " ".join(re.findall(r"^from models(?:\.district)? import \(([^)]*)\)", text, re.M) +
                            re.findall(r"^from models(?:\.district)? import ([^(\n]*)$", text, re.M))
        if re.search(r"\bDistrict\b", imported) or re.search(r"\bFROM\s+district\b", text):
            readers.append(path.relative_to(root).as_posix())
    assert readers == ["services/district_profile.py"]


# ---- the priority matrix --------------------------------------------------------------------

def test_matrix_settings_out_of_range_are_read_as_their_defaults(tmp_path):
    path = hostile("matrix-settings", tmp_path)
    settings = _read(path, priority_ratings.get_settings)
    assert (settings.midpoint_impact, settings.midpoint_ease, settings.do_now_limit) == (3.0, 3.0, 5)
    assert settings.weights == dict.fromkeys(prioritization.CRITERIA_KEYS, 1.0)
    board = _read(path, priority_board.load_board)
    first = board.item(1)
    assert (first.agreed_impact, first.agreed_ease) == (None, None)
    for item in board.items:
        assert all(r.impact is None or 1 <= r.impact <= 5 for r in item.ratings)
        assert all(1 <= v <= 5 for v in item.criterion_scores.values())
        assert item.impact is None or 1 <= item.impact <= 5


# ---- headcounts ----------------------------------------------------------------------------

def test_headcounts_that_are_not_whole_numbers_in_range_are_not_known(tmp_path, capsys):
    path = hostile("headcounts", tmp_path)
    groups = {g.name: g.headcount for g in _read(path, district_profile.list_position_groups)}
    assert groups["Teachers"] == 0 and groups["Paraprofessionals and aides"] == 0
    assert _read(path, district_profile.total_headcount) == sum(groups.values())
    code, _out, err = run_cli(capsys, "survey", "participation", str(path), "--by", POSITION, "--out",
                              str(tmp_path / "p.csv"))
    assert code == 0, err
    rows = _rows(tmp_path / "p.csv")
    assert rows[NURSES]["headcount"] == "" and rows["Food service"]["headcount"] == ""  # -5 and 1e30
    assert rows["Teachers"]["headcount"] == "1"  # typed wrong, perhaps, but a whole number: shown as stored


def test_a_headcount_below_the_responses_is_not_taken_as_public_knowledge(tmp_path):
    """As a bound it contradicts the answers, and the audit's programs would pin nothing at all."""
    from services.data.survey_release import _headcount_bounds
    from services.data.survey_report import load_wave

    path = hostile("headcounts", tmp_path)
    bounds = _read(path, lambda s: _headcount_bounds(s, load_wave(s, "Fall 2026")))
    labels = {b.group.label for b in bounds}
    assert "Teachers" not in labels and NURSES not in labels and "Food service" not in labels
    assert "Transportation" in labels


# ---- survey waves and the ledger -------------------------------------------------------------

@pytest.mark.parametrize(("name", "wave", "words"), [
    ("one-point-scale", "Fall 2026", "whose scale has 1 point"),
    ("wave-mixup", "Fall 2025", "don't match the wave's 980 responses"),
])
def test_a_wave_not_as_wellplan_wrote_it_is_refused(name, wave, words, tmp_path, capsys):
    from services.data.survey_report import load_wave

    path = hostile(name, tmp_path)
    with pytest.raises(StoredValueError, match=words):
        _read(path, lambda s: load_wave(s, wave))
    code, _out, err = run_cli(capsys, "survey", "report", str(path), "--wave", wave, "--by", POSITION,
                              "--out", str(tmp_path / "r.csv"))
    assert code == 1 and words in err and not (tmp_path / "r.csv").exists()


def test_a_ledger_entry_that_cant_be_read_stops_releases_and_is_listed(tmp_path, capsys):
    path = hostile("ledger-unreadable", tmp_path)
    code, out, err = run_cli(capsys, "survey", "releases", str(path))
    assert code == 1 and "can't be read: changed outside WellPlan" in out and out.count("numbers released") == 3
    entries = _sql(path, "SELECT count(*) FROM survey_release")
    assert run_cli(capsys, "export", str(path), "survey-summary", "--by", POSITION, "--out",
                   str(tmp_path / "s.pdf"))[0] == 1
    assert _sql(path, "SELECT count(*) FROM survey_release") == entries
    assert not (tmp_path / "s.pdf").exists()


def test_a_ledger_whose_numbers_contradict_the_answers_releases_nothing_though_its_chain_is_whole(tmp_path, capsys):
    from services.data.release_ledger import verify

    path = hostile("ledger-contradicts-answers", tmp_path)
    assert _read(path, verify) is None  # the digests were worked out again: only the numbers tell
    code, _out, err = run_cli(capsys, "survey", "report", str(path), "--by", SITE, "--out", str(tmp_path / "r.csv"))
    assert code == 1 and "doesn't fit the wave's answers" in err and not (tmp_path / "r.csv").exists()
    # the earlier wave, with no releases, is reported as ever
    code, _out, err = run_cli(capsys, "survey", "report", str(path), "--wave", "Fall 2025", "--by", SITE,
                              "--out", str(tmp_path / "r.csv"))
    assert code == 0, err


def test_a_wave_imported_after_one_was_removed_does_not_inherit_its_releases(tmp_path, capsys):
    from services.data.survey_waves import list_waves, remove_wave

    path = tmp_path / "plan.wellplan"
    create_plan(path).close()
    for name, roles in (("a.csv", ("Teacher",) * 8 + ("Bus driver",) * 7 + ("Nurse",) * 2),
                        ("b.csv", ("Teacher",) * 3 + ("Bus driver",) * 12 + ("Nurse",) * 9 + ("Cook",) * 4)):
        (tmp_path / name).write_text(_csv(staff_rows(roles)), encoding="utf-8")
    assert run_cli(capsys, "survey", "import", str(path), str(tmp_path / "a.csv"), "--wave", "A")[0] == 0
    assert run_cli(capsys, "survey", "report", str(path), "--by", "What is your role?", "--out",
                   str(tmp_path / "r.csv"))[0] == 0
    plan = open_plan(path)
    try:
        with plan.transaction() as s:
            removed = list_waves(s)[0].id
            remove_wave(s, removed)
    finally:
        plan.close()
    assert run_cli(capsys, "survey", "import", str(path), str(tmp_path / "b.csv"), "--wave", "B")[0] == 0
    assert _read(path, lambda s: list_waves(s)[0].id) != removed
    code, _out, err = run_cli(capsys, "survey", "report", str(path), "--by", "What is your role?", "--out",
                              str(tmp_path / "r2.csv"))
    assert code == 0, err


# ---- everything else read back ---------------------------------------------------------------

def test_unknown_names_and_numbers_out_of_range_are_read_as_their_defaults(tmp_path):
    from services.action_plan import action_schedule, improvement_cycles
    from services.data import data_sources
    from services.focus_groups import focus_results, focus_sessions

    path = hostile("unknown-names", tmp_path)

    def read(s):
        action = next(a for a in action_schedule.list_actions(s) if a.id == 1)
        focus = focus_results.load(s, 1)
        return (action_of(s, 1), action,
                {c.decision for c in improvement_cycles.list_cycles(s)},
                {i.kind for i in focus.ideas}, {p.category for p in focus.proposals},
                {d.quality for d in data_sources.list_sources(s)}, focus_sessions.get_session(s, 1).booked_minutes)

    candidate, action, decisions, kinds, categories, qualities, booked = _read(path, read)
    assert (candidate.status, candidate.source_kind) == ("proposed", "manual")
    assert (action.status, action.percent_done) == ("not_started", 0)
    assert decisions == {""} and kinds == {"could"} and categories == {"next"} and qualities == {""}
    assert booked == 0


def test_a_readiness_answer_the_scale_does_not_allow_is_not_an_answer(tmp_path):
    from services.readiness.readiness_rounds import list_rounds, load_round

    path = hostile("unknown-names", tmp_path)
    for data in _read(path, lambda s: [load_round(s, r.id) for r in list_rounds(s)]):
        assert all(data.instrument.scale.allows(v) for v in data.answers.values())
    assert (99,) in _sql(path, "SELECT value FROM readiness_answer")  # still in the file, not read


def test_an_import_profile_that_cant_be_read_is_not_used(tmp_path, capsys):
    path = tmp_path / "plan.wellplan"
    create_plan(path).close()
    for name, roles in (("a.csv", ("Teacher",) * 8 + ("Bus driver",) * 7), ("b.csv", ("Teacher",) * 5 + ("Cook",) * 9)):
        (tmp_path / name).write_text(_csv(staff_rows(roles)), encoding="utf-8")
    assert run_cli(capsys, "survey", "import", str(path), str(tmp_path / "a.csv"), "--wave", "A")[0] == 0
    saved = json.loads(_sql(path, "SELECT mapping FROM survey_import_profile")[0][0])
    item = next(k for k, v in saved.items() if v.get("role") == "scale")
    for mapping, how in (("{oops", "proposed automatically"), ("[1]", "proposed automatically"),
                         (json.dumps({**saved, item: {**saved[item], "labels": ["only"], "reverse": "yes",
                                                      "answers": {"Prefer not to say": True}}}), "the profile saved"),
                         (json.dumps({**saved, item: {**saved[item], "role": ["scale"]}}), "the profile saved")):
        trial = tmp_path / "trial.wellplan"
        shutil.copyfile(path, trial)
        con = sqlite3.connect(trial)
        con.execute("UPDATE survey_import_profile SET mapping = ?, keep_comments = 1", (mapping,))
        con.commit()
        con.close()
        code, out, err = run_cli(capsys, "survey", "import", str(trial), str(tmp_path / "b.csv"), "--wave", "B")
        assert code == 0 and how in out, err
        scales = {len(labels.splitlines()) for (labels,) in _sql(
            trial, "SELECT scale_labels FROM survey_item WHERE wave_id = (SELECT max(id) FROM survey_wave)")}
        [(reversed_items,)] = _sql(trial, "SELECT count(*) FROM survey_item WHERE reverse = 1")
        [(comments,)] = _sql(trial, "SELECT count(*) FROM survey_comment")
        assert min(scales) >= 2 and reversed_items == 0
        if how == "proposed automatically":
            assert comments == 0  # "keep comments" of a profile that can't be read is not taken either


def test_a_profile_cant_keep_names_or_emails_as_comments(tmp_path, capsys):
    """A profile edited with another program to make the name and email columns comments, with
    'keep comments' on, is not obeyed for them: what the file's content says identifies people
    is never stored, whatever was saved."""
    path = tmp_path / "plan.wellplan"
    create_plan(path).close()
    survey = tmp_path / "a.csv"
    survey.write_text(_csv(staff_rows(("Teacher",) * 8 + ("Bus driver",) * 7)), encoding="utf-8")
    assert run_cli(capsys, "survey", "import", str(path), str(survey), "--wave", "A")[0] == 0
    saved = json.loads(_sql(path, "SELECT mapping FROM survey_import_profile")[0][0])
    hostile_mapping = {k: ({**v, "role": "comment"} if v.get("role") == "identifying" else v) for k, v in saved.items()}
    con = sqlite3.connect(path)
    con.execute("UPDATE survey_import_profile SET mapping = ?, keep_comments = 1", (json.dumps(hostile_mapping),))
    con.commit()
    con.close()
    second = tmp_path / "b.csv"
    second.write_text(_csv(staff_rows(("Teacher",) * 5 + ("Cook",) * 9)), encoding="utf-8")
    code, out, err = run_cli(capsys, "survey", "import", str(path), str(second), "--wave", "B")
    assert code == 0 and "the profile saved" in out, err
    data = path.read_bytes()
    assert b"maplehollow.k12.us" not in data
    assert all(name.encode() not in data for name in NAMES)
    # Not even redacted: the only comment kept is the one written in the Comments column.
    assert _sql(path, "SELECT text FROM survey_comment WHERE wave_id = (SELECT max(id) FROM survey_wave)") == \
        [("I worry about my pension",)]


def test_a_sort_order_that_is_not_a_number_neither_breaks_sorting_nor_adding(tmp_path, capsys):
    from services.action_plan import action_schedule, gantt_layout

    path = hostile("unknown-names", tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE planned_action SET sort_order = 'zzz' WHERE id = 1")
    con.execute("UPDATE position_group SET sort_order = 'zzz' WHERE id = 2")
    con.commit()
    con.close()
    assert run_cli(capsys, "export", str(path), "gantt", "--out", str(tmp_path / "g.pdf"))[0] == 0
    [(last,)] = _sql(path, "SELECT max(sort_order) FROM planned_action WHERE typeof(sort_order) = 'integer'")
    plan = open_plan(path)
    try:
        with plan.transaction() as s:
            group = district_profile.add_position_group(s, "Interpreters", 12)
            action = action_schedule.add_action(s, "Try a quiet room")
            gantt_layout.build_chart(s, dt.date(2026, 10, 1))
        assert group.headcount == 12 and action.sort_order == last + 1  # 'zzz' counted as 0
    finally:
        plan.close()


@pytest.mark.parametrize("name", ["min-group-size-minus-5", "matrix-settings", "headcounts", "unknown-names"])
def test_the_window_shows_every_tab_of_a_plan_whose_settings_were_read_as_defaults(name, tmp_path, qtbot, qt_settings):
    from gui.main_window import MainWindow

    path = hostile(name, tmp_path)
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan_path(path)
    for index in range(window.tabs.count()):  # an exception in any tab fails the test (pytest-qt)
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(window.tabs.widget(index).isVisible)
    window.close_plan()


def test_the_window_refuses_in_one_sentence_a_plan_it_cant_show(tmp_path, qtbot, qt_settings, monkeypatch):
    """The Overview reads every part of the plan; a meeting time of 'noon' can't be stood in for."""
    from PySide6.QtWidgets import QMessageBox

    from gui.main_window import MainWindow

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    path = hostile("unreadable-values", tmp_path)
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.open_plan_path(path)
    assert window.context is None and window.stack.currentWidget() is window.welcome
    assert len(said) == 1 and "a time of day WellPlan can't read ('noon')" in said[0]
    open_plan(path).close()  # closed again: not left locked
