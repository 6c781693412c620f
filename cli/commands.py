"""The command line: ``new``, ``sample``, ``check``, ``export`` and ``survey`` on the same services the window uses.

Bad input gets one clear line on stderr and a non-zero exit code, never a traceback. A plan given
as input is opened read-only, so it is left unchanged; only ``survey import`` writes to it, and only
once the file has passed every check. ``self-test`` and
opening the window need Qt and are dispatched by ``main.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from cli import survey_commands
from cli.errors import CommandError
from services.app_info import APP_NAME, APP_VERSION

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the whole usage block
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from services.reports.registry import EXPORT_KINDS

    parser = _Parser(
        prog="wellplan",
        description=f"{APP_NAME} {APP_VERSION}: plan and run school employee and student wellness work. "
        "Run with no command (or with a .wellplan file) to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {APP_VERSION}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", help="create an empty plan", description="Create an empty plan, as the window's "
                       "File > New does: the district's name, the usual staff groups, Letter paper (the window's "
                       "default) and the school year under way or starting next (from July), unless --year says.")
    p.add_argument("out", metavar="PLAN.wellplan", help="where to write the plan (.wellplan is added if missing)")
    p.add_argument("--district", required=True, metavar="NAME", help="the district's name")
    p.add_argument("--year", metavar="YYYY-YY", help="the school year, e.g. 2026-27 (mid-August to mid-June; "
                   "the exact days can be changed in the window)")

    p = sub.add_parser("sample", help="create the sample district plan", description="Create the "
                       "sample district (Maple Hollow School District) as a new plan file.")
    p.add_argument("out", metavar="OUT.wellplan", help="where to write the plan")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")

    p = sub.add_parser("check", help="check a plan file's health", description="Check a plan file: "
                       "integrity, plan format version and what it holds. Exit 1 if it is unhealthy.")
    p.add_argument("plan", metavar="PLAN", help="the .wellplan file, or postgresql://user@host/database")
    p.add_argument("--repair", action="store_true", help="put the plan back in order as far as SQLite can: roll "
                   "back a change cut off by a crash, remove a lock left by a WellPlan no longer running, remove "
                   "triggers and views WellPlan never writes, rebuild a damaged file from what can be read "
                   "(a copy is kept first); then check it")

    p = sub.add_parser("export", help="print part of a plan to PDF", description="Export part of a "
                       "plan as a PDF. Kinds: " + "; ".join(f"{k} ({v.menu_text}, {v.format_label})" for k, v in EXPORT_KINDS.items()))
    p.add_argument("plan", metavar="PLAN", help="the .wellplan file, or postgresql://user@host/database (a plan "
                   "on the district's server)")
    p.add_argument("kind", metavar="KIND", choices=sorted(EXPORT_KINDS), help=", ".join(sorted(EXPORT_KINDS)))
    p.add_argument("--out", required=True, metavar="FILE", help="where to write it (.pdf; .ics for calendar; "
                   ".xlsx or .csv for actions; .csv for survey-report-csv)")
    p.add_argument("--instrument", metavar="KEY", help="readiness exports: the instrument (e.g. readiness, "
                   "where-to-start)")
    p.add_argument("--round", metavar="LABEL", help="readiness exports: the round's label (e.g. 'Fall 2026')")
    p.add_argument("--session", metavar="ID", help="focus-group exports: the session's number, title or date "
                   "(YYYY-MM-DD); without it the guide and packet are blank")
    p.add_argument("--template", metavar="KEY", help="focus-group guide and packet: the template for a blank "
                   "one (retain-mh-staff, listening-session)")

    p.add_argument("--by", metavar="DIMENSION", help="survey-summary and survey-report-csv: the respondent "
                   "attribute to break results down by (its column header or question)")
    p.add_argument("--then-by", metavar="DIMENSION", help="survey-report-csv: a second attribute, for a cross-tab")
    p.add_argument("--wave", metavar="LABEL", help="survey-summary and survey-report-csv: the survey wave "
                   "(default: the latest)")
    p.add_argument("--school", metavar="NAME", help="plan, progress-update, survey-summary and school-packet: "
                   "one school's part (its actions and the district's, its staff's results, with the same "
                   "suppression)")

    p = sub.add_parser("next-year", help="start the next school year's plan from this one",
                       description="Start the next school year (the window's File > Start next school year): write a "
                       "NEW plan with the district, schools, position groups and people (the team too), readiness "
                       "instruments and rounds, survey waves with their releases, import profiles, wellness domains, "
                       "data sources and policy reviews; the objectives not yet reached (the indicator's latest "
                       "measurement becomes the new baseline), the unfinished actions (undated, marked as carried "
                       "over) and the candidate actions not yet decided. PLAN itself is only read, never changed.")
    p.add_argument("plan", metavar="PLAN", help="this year's .wellplan file")
    p.add_argument("--out", required=True, metavar="NEXT.wellplan", help="where to write the new plan (a new file; "
                   ".wellplan is added if missing)")
    p.add_argument("--school-year", metavar="YYYY-YY", help="the new plan's school year, e.g. 2027-28 (default: the "
                   "one after PLAN's, with its first and last days a year on)")

    p = sub.add_parser("copy", help="copy a plan between a plan file and the district's server",
                       description="Copy a plan from a plan file to a database on the district's PostgreSQL "
                       "server, or from the server to a new plan file: every record, exactly. The database must "
                       "be empty (the district's IT makes it); the plan file must not exist yet. FROM itself is "
                       "only read. On the server, the survey answers are kept to the account that copied them "
                       "(see server-roles). A password is taken from PostgreSQL's password file (~/.pgpass) or PGPASSWORD.")
    p.add_argument("source", metavar="FROM", help="a .wellplan file, or postgresql://user@host[:port]/database")
    p.add_argument("target", metavar="TO", help="postgresql://user@host[:port]/database, or a new .wellplan file")

    p = sub.add_parser("server-roles", help="set up who may read and who may change a plan on the district's server",
                       description="The district server's roles for the plan in one database: a readers' group that "
                       "may see and print the plan and a planners' group that may also change it; neither may read "
                       "the survey answers, which only the plan's owner may. Prints the SQL for the district's IT to "
                       "read and run in psql, or with --apply runs it, in one transaction. Running it again changes "
                       "nothing. The person's login roles are then made members of a group (see README).")
    p.add_argument("plan", metavar="postgresql://ADMIN@HOST/DATABASE", help="the plan's database, and an account "
                   "that owns its tables (the one that copied the plan in) and may create roles, or a superuser")
    p.add_argument("--apply", action="store_true", help="run the SQL on the server instead of printing it")

    survey_commands.add_parsers(sub)
    sub.add_parser("self-test", help="open a sample plan offscreen and export a PDF (checks an installation)")
    return parser


# What the window's File > New passes from the preferences: the command line has none, so their default.
NEW_PLAN_PAPER_SIZE = "letter"


def _school_year(text: str) -> tuple[str, dt.date, dt.date]:
    """``2026-27`` (or ``2026-2027``) as the plan's school year: its label and the usual first and
    last days a new plan gets (district_profile.default_school_year)."""
    from services.district_profile import default_school_year

    found = re.fullmatch(r"\s*(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})\s*", text)
    first = int(found.group(1)) if found else 0
    after = f"{first + 1:04d}"[-len(found.group(2)):] if found else ""  # "27" or "2027" after 2026
    if not found or not 1900 <= first <= 9998 or found.group(2) != after:
        raise CommandError(f"--year must be a school year such as 2026-27 (a year and the one after it), "
                           f"not '{text}'; nothing was written.")
    return default_school_year(dt.date(first, 7, 1))


def _new(args: argparse.Namespace) -> int:
    from services import district_profile
    from services.plan.plan_file import PLAN_SUFFIX, create_plan
    from services.plan.plan_inspect import journal_path_for

    out = Path(args.out)
    if out.suffix.lower() != PLAN_SUFFIX:  # as the window's save dialog does
        out = out.with_name(out.name + PLAN_SUFFIX)
    name = args.district.strip()
    if not name:
        raise CommandError("--district needs the district's name; nothing was written.")
    if len(name) > 200:
        raise CommandError("The district name can be at most 200 characters; nothing was written.")
    year = _school_year(args.year) if args.year is not None else None
    if not out.parent.is_dir():
        raise CommandError(f"The folder {out.parent} does not exist; create it first or choose another "
                           "place. Nothing was written.")
    if out.exists() or out.is_symlink():
        raise CommandError(f"{out} already exists; choose another name. Nothing was written.")
    plan = create_plan(out, name)
    try:  # what File > New does next, then the school year the window's Overview would be given
        with plan.transaction() as s:
            district_profile.update_profile(s, paper_size=NEW_PLAN_PAPER_SIZE)
            if year is not None:
                label, start, end = year
                district_profile.update_profile(s, school_year=label, year_start=start, year_end=end)
            profile = district_profile.get_profile(s)
    except BaseException:
        plan.close()
        out.unlink(missing_ok=True)
        journal_path_for(out).unlink(missing_ok=True)
        raise
    plan.close()
    print(f"Created {out}: an empty plan for {profile.name}, school year {profile.school_year}.")
    return 0


def _sample(args: argparse.Namespace) -> int:
    from services.sample.sample_district import build_sample

    out = Path(args.out)
    if out.exists() and not args.force:
        raise CommandError(f"{out} already exists; choose another name or add --force.")
    plan = build_sample(out, overwrite=args.force)
    plan.close()
    print(f"Created the sample district plan: {out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from models.schema import CURRENT_VERSION
    from services.plan.plan_file import check_plan
    from services.plan.plan_schema import shown
    from services.plan.plan_summary import count_contents
    from services.plan.server_plan import is_server_location

    if is_server_location(args.plan):
        return _check_on_server(args)
    if args.repair:
        from services.plan.plan_repair import repair_plan

        done = repair_plan(args.plan)
        for line in done or ["Nothing needed repairing."]:
            print(f"Repair: {line}")
    report = check_plan(args.plan, count_rows=count_contents)
    version_note = "current" if report.schema_version == CURRENT_VERSION else \
        f"older; it will be upgraded to format {CURRENT_VERSION} when opened"
    print(f"Plan: {report.path}")
    print(f"Plan format: {report.schema_version} ({version_note})")
    print(f"Integrity: {'ok' if report.healthy else 'PROBLEMS FOUND'}")
    for problem in report.problems[:20]:
        print(f"  - {shown(problem, 200)}")
    print("Contents: " + ", ".join(f"{n} {label}" for label, n in report.counts.items()))
    if not report.healthy:
        print(f"wellplan: {report.path.name} is damaged ({shown(report.problems[0], 80)}): 'check --repair' rebuilds "
              "it from what can still be read, keeping the damaged file.", file=sys.stderr)
        return 1
    return 0


def _check_on_server(args: argparse.Namespace) -> int:
    """``check`` of a plan on the district's server: its format, the tables and columns it needs,
    what it holds. (Repair is for plan files: a server keeps its own database whole.)"""
    from models.schema import CURRENT_VERSION
    from services.plan.plan_summary import count_contents
    from services.plan.server_plan import check_server_plan, describe

    if args.repair:
        raise CommandError("--repair puts plan files back in order; a district server keeps its database whole "
                           "itself (its IT restores it from a backup if need be). Nothing was changed.")
    problems, counts = check_server_plan(args.plan, count_contents)
    print(f"Plan: {describe(args.plan)} (on the district's server)")
    print(f"Plan format: {CURRENT_VERSION} (current)")
    print(f"Integrity: {'ok' if not problems else 'PROBLEMS FOUND'}")
    for problem in problems[:20]:
        print(f"  - {problem}")
    if problems:
        print(f"wellplan: the plan on {describe(args.plan)} lacks what WellPlan needs ({problems[0]}); ask the "
              "district's IT to restore it.", file=sys.stderr)
        return 1
    print("Contents: " + ", ".join(f"{n} {label}" for label, n in counts.items()))
    return 0


def _export(args: argparse.Namespace) -> int:
    from services.data.survey_release import record_pending
    from services.plan.server_plan import open_plan_at
    from services.plan.storage_errors import writing_output
    from services.reports.registry import EXPORT_KINDS, export

    out = survey_commands.out_path(args, "the PDF")
    options = {"instrument": args.instrument, "round": args.round, "session": args.session,
               "template": args.template, "by": args.by, "then_by": args.then_by, "wave": args.wave,
               "school": args.school}
    if EXPORT_KINDS[args.kind].releases_results:
        # Printing survey results is a release: recorded in the plan's ledger with the file.
        def write(session, target: Path) -> None:
            pending: list = []
            export(session, args.kind, target, releases=pending, **options)
            record_pending(session, pending)

        survey_commands.release_to_file(args.plan, out, write)
    else:
        plan = open_plan_at(args.plan, read_only=True)  # a plan file or a plan on the district's server
        try:
            with plan.transaction() as session, writing_output(out):
                export(session, args.kind, out, **options)
        finally:
            plan.close()
    print(f"Wrote {out}")
    return 0


def _next_year(args: argparse.Namespace) -> int:
    from services.year.next_year import start_next_year

    summary = start_next_year(args.plan, args.out, args.school_year)
    for line in summary.lines():
        print(line)
    return 0


def _copy(args: argparse.Namespace) -> int:
    from services.plan.plan_file import PLAN_SUFFIX
    from services.plan.server_plan import copy_plan_file_to_server, copy_server_to_file, describe, is_server_location

    to_server, from_server = is_server_location(args.target), is_server_location(args.source)
    if to_server == from_server:
        raise CommandError("copy moves a plan between a plan file and the district's server: one of FROM and TO "
                           "must be a .wellplan file and the other postgresql://user@host/database; nothing was "
                           "written.")
    if to_server:
        copied = copy_plan_file_to_server(args.source, args.target)
        print(f"Copied {Path(args.source).name} to {describe(args.target)}: {sum(copied.values()):,} records.")
        return 0
    out = Path(args.target)
    if out.suffix.lower() != PLAN_SUFFIX:
        out = out.with_name(out.name + PLAN_SUFFIX)
    copied = copy_server_to_file(args.source, out)
    print(f"Copied {describe(args.source)} to {out}: {sum(copied.values()):,} records.")
    return 0


def _server_roles(args: argparse.Namespace) -> int:
    from services.plan.server_plan import describe, is_server_location
    from services.plan.server_roles import apply_roles, roles_script

    if not is_server_location(args.plan):
        raise CommandError("server-roles sets up who may use a plan on the district's server: give its database as "
                           "postgresql://ADMIN@HOST/DATABASE (who may open a plan file is up to its folder's "
                           "permissions). Nothing was changed.")
    if not args.apply:
        print(roles_script(args.plan), end="")
        return 0
    roles = apply_roles(args.plan)
    print(f"Set up the roles of the plan in {describe(args.plan)}: {roles.readers} may read it, {roles.planners} "
          f"may also change it, and neither may read the survey answers; grant one of them to each person's login "
          f"role.")
    return 0


HANDLERS = {"new": _new, "sample": _sample, "check": _check, "export": _export, "next-year": _next_year,
            "copy": _copy, "server-roles": _server_roles, "survey": survey_commands.run}


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-window command; returns the exit code. Whatever goes wrong is one line on
    stderr (the details go to the log file, never to the screen)."""
    from services.errors import InvalidInput
    from services.plan.plan_file import PlanFileError
    from services.plan.storage_errors import StorageError

    _log_to_file()
    _exit_cleanly_on_terminate()
    from services.plan import plan_snapshots

    plan_snapshots.sweep()  # working copies left by a WellPlan that was killed
    try:
        return HANDLERS[args.command](args)
    except (CommandError, PlanFileError, InvalidInput, StorageError) as exc:
        # Here "open it anyway" is done by removing the lock (the window asks instead).
        hint = " ('check PLAN --repair' removes that lock.)" if getattr(exc, "elsewhere", False) else ""
        print(f"wellplan: {exc}{hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("wellplan: stopped; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # What reads the output stopped reading (``| head``): not an error of WellPlan's. Python
        # would complain again when it flushes stdout on the way out, so stdout goes nowhere now.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # last resort: still one line, and the details go to the log
        log.error("command %s failed", args.command, exc_info=True)
        plain = _storage_sentence(exc, args)
        if plain is None and isinstance(exc, OSError):
            plain = f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        print(f"wellplan: {plain or f'unexpected error ({type(exc).__name__}); the details are in the log file'}",
              file=sys.stderr)
        return 1


def _storage_sentence(exc: BaseException, args: argparse.Namespace) -> str | None:
    """A full or read-only disk in words; the file named is the one that failed: the plan, or
    the file being written (whose ``.partial`` working name the person never chose)."""
    from services.plan.storage_errors import Place, explain, in_temporary_folder

    filename = getattr(exc, "filename", None)
    plan = Path(getattr(args, "plan", "") or "plan")
    if in_temporary_folder(exc):
        return explain(exc, Place.TEMPORARY, plan, "nothing was changed")
    if filename and Path(filename).name not in (plan.name, plan.name + "-journal"):
        out = Path(str(filename).removesuffix(".partial").removesuffix(".part"))
        return explain(exc, Place.OUTPUT, out, "nothing was written")
    return explain(exc, Place.PLAN, plan, "nothing was changed")


def _log_to_file() -> None:
    """Send the command line's log to WellPlan's log file; without a handler Python would print
    errors with their tracebacks (and the SQL and its values) to stderr."""
    from services.app_paths import log_file

    root = logging.getLogger()
    if root.handlers:
        return
    try:
        handler: logging.Handler = logging.FileHandler(log_file(), encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        handler = logging.NullHandler()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Errors Python can only report ("Exception ignored in ZipFile.__del__" after a full disk)
    # would print a traceback after the one sentence; they go to the log too.
    sys.unraisablehook = lambda unraisable: log.warning(
        "ignored: %s", unraisable.err_msg or "", exc_info=(unraisable.exc_type, unraisable.exc_value,
                                                             unraisable.exc_traceback))


def _exit_cleanly_on_terminate() -> None:
    """A terminated command unwinds like an interrupted one: the transaction rolls back, a
    half-written output is removed and the temporary copy of the plan is deleted."""
    import signal

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread, or a platform without it
        pass


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    # ``survey headcounts PLAN --wave W --by D GROUP=N...``: argparse takes positionals only before
    # the options, so GROUP=N pairs after them arrive as extras and are given to that command.
    args, extra = parser.parse_known_args(list(argv))
    if extra:
        if args.command == "survey" and getattr(args, "survey_command", "") == "headcounts" and \
                all("=" in e and not e.startswith("-") for e in extra):
            args.counts = [*args.counts, *extra]
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:
        build_parser().print_help()
        return 0
    return run(args)
