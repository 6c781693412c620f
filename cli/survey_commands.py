"""``survey import`` and ``survey report``: the Data tab's import and results for scripts.

The import reads and checks everything against a read-only snapshot of the plan first and opens
the plan for writing only to store a wave that has passed every check, so a bad file leaves the
plan byte-for-byte unchanged.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from cli.errors import CommandError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("survey", help="import survey files and report results by group",
                       description="Import a survey export into a plan, or write results by group as CSV.")
    actions = p.add_subparsers(dest="survey_command", metavar="ACTION", required=True)

    i = actions.add_parser("import", help="import a CSV or XLSX survey export as a wave",
                           description="Import a survey export. The column roles come from the import profile "
                                       "saved for these columns, or are proposed automatically; identifying "
                                       "columns are never stored.")
    i.add_argument("plan", metavar="PLAN", help="the .wellplan file")
    i.add_argument("file", metavar="FILE", help="the survey export (.csv or .xlsx)")
    i.add_argument("--wave", metavar="LABEL", help="the wave's label (default: from the responses' dates or "
                                                   "the file's name)")
    i.add_argument("--missing", metavar="TOKEN", action="append", default=[],
                   help="an answer to count as missing (repeatable); Don't know, N/A, blanks are already")
    i.add_argument("--sheet", metavar="NAME", help="the workbook's sheet (default: the first that is a table)")
    i.add_argument("--encoding", metavar="ENC", help="the CSV's encoding (default: detected)")
    i.add_argument("--sep", metavar="SEP", help="the CSV's separator: , ; tab or | (default: detected)")
    i.add_argument("--answer", metavar="TEXT=POINT", action="append", default=[],
                   help="map an answer that is not on its item's scale to a point (a label or number) or to "
                        "'missing', e.g. --answer 'Agreee=Agree' --answer '99=missing' (repeatable)")
    i.add_argument("--replace", metavar="LABEL", help="the file is a later download of wave LABEL (the same "
                                                      "responses and some late ones): put them into that wave")
    i.add_argument("--keep-comments", action="store_true",
                   help="also store free-text comments, with email addresses, phone numbers, IP and web addresses "
                        "and id numbers removed (names typed in them can't all be found, so they are not stored "
                        "unless asked)")

    r = actions.add_parser("report", help="write results by group as CSV",
                           description="Results by group for every item and domain, audited against every "
                                       "result released before: groups below the minimum group size are "
                                       "withheld, and more where arithmetic would reveal them. The report is "
                                       "recorded in the plan's ledger of releases.")
    r.add_argument("plan", metavar="PLAN", help="the .wellplan file")
    r.add_argument("--by", required=True, metavar="DIMENSION", help="the attribute's column header or question")
    r.add_argument("--then-by", metavar="DIMENSION", help="a second attribute, for a cross-tab of the two")
    r.add_argument("--wave", metavar="LABEL", help="the wave (default: the latest)")
    r.add_argument("--min-n", type=int, metavar="N", help="a minimum group size above the plan's")
    r.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the CSV")

    p = actions.add_parser("participation", help="write response counts and rates by group as CSV",
                           description="Responses, headcount and response rate by group; counts of groups "
                                       "below the minimum (and any the audit withholds) are left empty. "
                                       "Recorded in the plan's ledger of releases.")
    p.add_argument("plan", metavar="PLAN", help="the .wellplan file")
    p.add_argument("--by", required=True, metavar="DIMENSION", help="the attribute")
    p.add_argument("--wave", metavar="LABEL", help="the wave (default: the latest)")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the CSV")

    h = actions.add_parser("headcounts", help="set how many staff each group has",
                           description="Set a wave's headcounts for one attribute, as GROUP=N pairs or from a "
                                       "roster file (a .csv or .xlsx with a column of group names and a column of numbers of staff).")
    h.add_argument("plan", metavar="PLAN", help="the .wellplan file")
    h.add_argument("--wave", required=True, metavar="LABEL", help="the wave")
    h.add_argument("--by", required=True, metavar="DIMENSION", help="the attribute the groups belong to")
    h.add_argument("counts", metavar="GROUP=N", nargs="*", help="a group and its number of staff")
    h.add_argument("--roster", metavar="FILE", help="a roster (.csv or .xlsx): group names and their numbers of staff, instead of GROUP=N")

    v = actions.add_parser("releases", help="list every survey result released from the plan",
                           description="The ledger of releases: every report, printed summary, participation "
                                       "table and piece of evidence, with what it released and withheld. It is "
                                       "kept by WellPlan and can't be edited; a ledger changed by another "
                                       "program is reported.")
    v.add_argument("plan", metavar="PLAN", help="the .wellplan file")


def _answer_mappings(pairs: list[str]) -> dict[str, str]:

    out = {}
    for pair in pairs:
        text, sep, point = pair.rpartition("=")
        if not sep or not text.strip() or not point.strip():
            raise CommandError(f"--answer takes TEXT=POINT (e.g. 'Agreee=Agree' or '99=missing'), not '{pair}'.")
        out[text.strip()] = point.strip()
    return out


def _import(args: argparse.Namespace) -> int:
    from services.data.survey_files import normalize_text
    from services.data.survey_import import (
        map_answers,
        prepare_wave,
        propose,
        read_for_import,
        store_wave,
        wave_label_for,
    )
    from services.data.survey_import_summary import answered_lines, closing_lines, column_line
    from services.data.survey_late_responses import earlier_version, replace_wave, replaced_record
    from services.plan.server_plan import open_plan_at  # a plan file or a plan on a server

    mappings = _answer_mappings(args.answer)
    source = read_for_import(args.file, sheet=args.sheet, encoding=args.encoding, sep=args.sep,
                             missing=args.missing)
    snapshot = open_plan_at(args.plan, read_only=True)
    try:
        with snapshot.transaction() as session:
            proposal = propose(session, source)
            choices = map_answers(proposal.choices, mappings)
            keep = args.keep_comments or proposal.keep_comments
            wave = prepare_wave(proposal.source, choices, keep_comments=keep)
            replacement = earlier_version(session, wave)
            if replacement is None and args.replace:
                raise CommandError(f"{Path(args.file).name} is not a later download of wave '{args.replace}' (it "
                                   "doesn't hold all of that wave's responses).")
            if replacement is not None and (args.replace is None or normalize_text(args.replace) !=
                                            normalize_text(replacement.version.label)):
                raise CommandError(replacement.version.message(Path(args.file).name))
            label = replacement.version.label if replacement else wave_label_for(session, args.wave, wave)
    finally:
        snapshot.close()
    plan = open_plan_at(args.plan)
    try:
        with plan.transaction() as session:
            if replacement is not None:
                replace_wave(session, replacement)
                record = replaced_record(session, replacement.version.wave_id)
            else:
                record = store_wave(session, wave, label)
    finally:
        plan.close()
    print(f"Mapping ({'the profile saved for these columns' if proposal.from_profile else 'proposed automatically'}):")
    for c in choices:
        print(f"  {column_line(c, keep)}")
    print("Answers:")
    for line in answered_lines(wave):
        print(f"  {line}")
    for line in closing_lines(wave, record.label, record.comment_count):
        print(line)
    if replacement is not None:
        print(f"Wave '{record.label}' now has {record.respondent_count} responses: the {replacement.version.earlier} it "
              f"had and {replacement.version.added} late ones.")
    return 0


def out_path(args: argparse.Namespace, what: str = "the CSV") -> Path:
    """``--out``, checked: its folder exists and it is not the plan itself."""
    import stat


    out = Path(args.out)
    if not out.parent.exists():
        raise CommandError(f"The folder {out.parent} does not exist.")
    try:
        mode = os.stat(out).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device or a pipe, not a file"
        raise CommandError(f"--out names {kind} ({out.name}); choose a file name for {what}.")
    if Path(args.plan).exists() and out.exists() and out.resolve() == Path(args.plan).resolve():
        raise CommandError(f"--out names the plan file itself; choose a different file for {what}.")
    return out


def release_to_file(plan_path: str, out: Path, write: Callable[[Session, Path], T]) -> T:
    """Run ``write(session, target)`` (which records a release and writes ``target``) in one
    transaction of the plan opened for writing, then put the file in place: it is written under a
    hidden working name and renamed to ``out`` only once the ledger entry is committed, so no file
    ever leaves the plan without its entry (stopped between the two, the ledger holds a release
    nobody has, which only makes later reports hide more). If anything fails, nothing is left."""
    from services.data.survey_release import staging_path
    from services.plan.server_plan import open_plan_at  # a plan file or a plan on a server
    from services.plan.storage_errors import writing_output

    target = staging_path(out)
    plan = open_plan_at(plan_path)
    try:
        with plan.transaction() as session, writing_output(out):
            result = write(session, target)
        with writing_output(out):
            os.replace(target, out)
        return result
    finally:
        plan.close()
        for leftover in (target, target.with_name(target.name + ".part"), target.with_name(target.name + ".partial")):
            leftover.unlink(missing_ok=True)


def _report(args: argparse.Namespace) -> int:
    from services.data.survey_release import record_pending, withheld_count
    from services.data.survey_report_csv import build_report_csv

    out = out_path(args)

    def write(session: Session, target: Path):
        pending: list = []
        build_report_csv(session, target, by=args.by, then_by=args.then_by, wave=args.wave, min_n=args.min_n,
                         releases=pending)
        record_pending(session, pending)
        return pending[0].table.report

    report = release_to_file(args.plan, out, write)
    print(f"Wrote {out} ({len(report.groups) - 1} groups; {withheld_count(report)} results withheld: groups below "
          f"{report.min_size} respondents, and what arithmetic with earlier releases would reveal)")
    return 0


def _participation(args: argparse.Namespace) -> int:
    import csv

    from services.data.survey_participation import headcounts, participation
    from services.data.survey_release import CSV_PRECISION, record_table, release_table
    from services.data.survey_report import load_wave, min_group_size
    from services.spreadsheet_cells import spreadsheet_safe

    out = out_path(args)

    def write(session: Session, target: Path):
        wave = load_wave(session, args.wave)
        dimension = wave.dimension(args.by)
        table = release_table(session, wave, dimension.label, min_group_size(session))
        part = participation(dimension, headcounts(session, wave.id, dimension.label),
                             table.report.min_size, table.report.hidden_counts)
        shown = {(r.group, "") for r in part.rows if r.responses is not None} | {("All respondents", "")}
        record_table(session, table, "participation", CSV_PRECISION,
                     f"participation table of {wave.label} by {dimension.label}", only=shown)
        with target.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(("group", "responses", "headcount", "response_rate"))
            for r in part.rows:
                writer.writerow((spreadsheet_safe(r.group), "" if r.responses is None else r.responses,
                                 "" if r.headcount is None else r.headcount,
                                 "" if r.rate is None else f"{r.rate:.1f}"))
        return part

    part = release_to_file(args.plan, out, write)
    print(f"Wrote {out} ({len(part.rows)} groups; counts of small groups withheld)")
    return 0


def _headcounts(args: argparse.Namespace) -> int:
    from services.data.survey_participation import match_groups, read_roster, replace_headcounts
    from services.data.survey_report import load_wave
    from services.plan.server_plan import open_plan_at  # a plan file or a plan on a server

    if bool(args.counts) == bool(args.roster):
        raise CommandError("Give either GROUP=N pairs or --roster FILE.")
    counts: dict[str, int] = {}
    for pair in args.counts:
        group, sep, number = pair.rpartition("=")
        if not sep or not group.strip() or not number.strip().isdigit():
            raise CommandError(f"A headcount is GROUP=N with N a whole number, not '{pair}'.")
        counts[group.strip()] = int(number)
    snapshot = open_plan_at(args.plan, read_only=True)
    try:
        with snapshot.transaction() as session:
            wave = load_wave(session, args.wave)
            dimension = wave.dimension(args.by)
            if args.roster:
                counts = read_roster(args.roster)
            matched, unknown = match_groups(counts, dimension.groups)
    finally:
        snapshot.close()
    if unknown:
        raise CommandError(f"Wave '{wave.label}' has no group {', '.join(repr(u) for u in unknown)} under "
                           f"'{dimension.label}'. Its groups: {', '.join(dimension.groups)}.")
    plan = open_plan_at(args.plan)
    try:
        with plan.transaction() as session:
            replace_headcounts(session, wave.id, dimension.label, matched)
    finally:
        plan.close()
    print(f"Set {len(matched)} headcounts for '{dimension.label}' in wave '{wave.label}' "
          f"({sum(matched.values())} staff).")
    return 0


def _releases(args: argparse.Namespace) -> int:
    from services.data.release_ledger import list_releases, verify
    from services.plan.server_plan import open_plan_at  # a plan file or a plan on a server

    plan = open_plan_at(args.plan, read_only=True)
    try:
        with plan.transaction() as session:
            releases = list_releases(session)
            broken = verify(session)
    finally:
        plan.close()
    if not releases:
        print("No survey results have been released from this plan yet.")
    for r in releases:
        what = "can't be read: changed outside WellPlan" if r.numbers < 0 else \
            f"{r.numbers} numbers released, {r.withheld} results withheld"
        print(f"{r.id:>4}  {r.released_at:%Y-%m-%d %H:%M}  {r.wave_label}: {r.description} ({what})")
    unreadable = [r.id for r in releases if r.numbers < 0]
    if unreadable:
        print(f"wellplan: ledger entry {unreadable[0]} can't be read (the plan was changed with another program), "
              "so no more results are released from its wave; open your most recent copy instead.", file=sys.stderr)
        return 1
    if broken is not None:
        print(f"wellplan: the ledger was changed outside WellPlan (entry {broken} onwards doesn't match what was "
              "recorded); every entry is still used, so nothing more is released.", file=sys.stderr)
        return 1
    return 0


def run(args: argparse.Namespace) -> int:
    return {"import": _import, "report": _report, "participation": _participation, "headcounts": _headcounts,
            "releases": _releases}[args.survey_command](args)
