"""``survey import`` and ``survey report``: the Data tab's import and results for scripts.

The import reads and checks everything against a read-only snapshot of the plan first and opens
the plan for writing only to store a wave that has passed every check, so a bad file leaves the
plan byte-for-byte unchanged.
"""

from __future__ import annotations

import argparse
from pathlib import Path


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
    i.add_argument("--keep-comments", action="store_true",
                   help="also store free-text comments, with email addresses, phone numbers, IP and web addresses "
                        "and id numbers removed (names typed in them can't all be found, so they are not stored "
                        "unless asked)")

    r = actions.add_parser("report", help="write results by group as CSV",
                           description="Results by group for every item and domain; groups below the minimum "
                                       "group size are withheld.")
    r.add_argument("plan", metavar="PLAN", help="the .wellplan file")
    r.add_argument("--by", required=True, metavar="DIMENSION", help="the attribute's column header or question")
    r.add_argument("--wave", metavar="LABEL", help="the wave (default: the latest)")
    r.add_argument("--min-n", type=int, metavar="N", help="a minimum group size above the plan's")
    r.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the CSV")


def _answer_mappings(pairs: list[str]) -> dict[str, str]:
    from services.cli import CommandError

    out = {}
    for pair in pairs:
        text, sep, point = pair.rpartition("=")
        if not sep or not text.strip() or not point.strip():
            raise CommandError(f"--answer takes TEXT=POINT (e.g. 'Agreee=Agree' or '99=missing'), not '{pair}'.")
        out[text.strip()] = point.strip()
    return out


def _import(args: argparse.Namespace) -> int:
    from services.plan_file import open_plan
    from services.survey_import import map_answers, prepare_wave, propose, read_for_import, store_wave, wave_label_for
    from services.survey_import_summary import answered_lines, closing_lines, column_line

    mappings = _answer_mappings(args.answer)
    source = read_for_import(args.file, sheet=args.sheet, encoding=args.encoding, sep=args.sep,
                             missing=args.missing)
    snapshot = open_plan(args.plan, read_only=True)
    try:
        with snapshot.transaction() as session:
            proposal = propose(session, source)
            choices = map_answers(proposal.choices, mappings)
            keep = args.keep_comments or proposal.keep_comments
            wave = prepare_wave(proposal.source, choices, keep_comments=keep)
            label = wave_label_for(session, args.wave, wave)
    finally:
        snapshot.close()
    plan = open_plan(args.plan)
    try:
        with plan.transaction() as session:
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
    return 0


def _report(args: argparse.Namespace) -> int:
    from services.cli import CommandError
    from services.plan_file import open_plan
    from services.survey_report import load_wave, min_group_size, report_by, write_report_csv

    out = Path(args.out)
    if not out.parent.exists():
        raise CommandError(f"The folder {out.parent} does not exist.")
    if Path(args.plan).exists() and out.exists() and out.resolve() == Path(args.plan).resolve():
        raise CommandError("--out names the plan file itself; choose a different file for the CSV.")
    plan = open_plan(args.plan, read_only=True)
    try:
        with plan.transaction() as session:
            report = report_by(load_wave(session, args.wave), args.by, min_group_size(session, args.min_n))
    finally:
        plan.close()
    write_report_csv(report, out)
    print(f"Wrote {out} ({len(report.groups) - 1} groups; groups below {report.min_size} respondents withheld)")
    return 0


def run(args: argparse.Namespace) -> int:
    return {"import": _import, "report": _report}[args.survey_command](args)

