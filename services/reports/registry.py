"""The PDFs and files the app can export, by the KIND name the command line and the Export menu use.

Builders are imported only when used, so reportlab stays off the startup path. A new document is
one entry here and a module under ``services/reports/``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window's menus read this module before SQLAlchemy is imported
    from sqlalchemy.orm import Session

# Each kind of file an export writes: what its messages call it ("The calendar file is ready") and
# how a menu names its format.
FILE_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("PDF", "PDF"),
    ".ics": ("calendar file", "calendar .ics"),
    ".xlsx": ("spreadsheet", "Excel .xlsx"),
    ".csv": ("CSV file", "CSV"),
}


def file_type(path: str | Path) -> str:
    """What a written export is, in the words of its messages: "PDF", "calendar file"..."""
    return FILE_TYPES.get(Path(path).suffix.lower(), ("file", ""))[0]


@dataclass(frozen=True)
class ExportKind:
    key: str
    menu_text: str
    default_filename: str
    builder: str  # "module:function", taking (session, out_path, progress=, cancel=, **options)
    options: tuple[str, ...] = ()  # what the export can be narrowed by (``--round``, ``--instrument``)
    file_filter: str = "PDF files (*.pdf)"  # for the save dialog; the first pattern's suffix is the default
    # Survey results leave the plan in it: the builder takes ``releases`` (a list it appends the
    # tables it printed to) and the caller records them in the ledger once the file is written.
    releases_results: bool = False
    # "module:function" taking the session, raising InvalidInput when there is nothing to export
    # (asked before anyone is asked where to save a file that would be refused).
    precheck: str = ""
    # Options it can't be made without (a school's packet needs the school).
    required: tuple[str, ...] = ()

    def check(self, session) -> None:
        if self.precheck:
            module_name, function_name = self.precheck.split(":")
            getattr(importlib.import_module(module_name), function_name)(session)

    @property
    def suffixes(self) -> tuple[str, ...]:
        import re

        return tuple(f".{s}" for s in re.findall(r"\*\.(\w+)", self.file_filter))

    @property
    def format_label(self) -> str:
        """The formats it writes, for a menu: "PDF", "calendar .ics", "Excel .xlsx or CSV"."""
        return " or ".join(FILE_TYPES[s][1] for s in self.suffixes)

    def load(self) -> Callable[..., Path]:
        module_name, function_name = self.builder.split(":")
        return getattr(importlib.import_module(module_name), function_name)


EXPORT_KINDS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind("team", "Planning team and meetings", "Planning team.pdf",
                   "services.reports.team_report:build_team_pdf"),
        ExportKind("matrix", "Priority matrix and ranked list", "Priority matrix.pdf",
                   "services.reports.priorities_report:build_matrix_pdf"),
        ExportKind("voting-sheet", "Blank dot-voting sheet", "Dot-voting sheet.pdf",
                   "services.reports.priorities_report:build_voting_sheet_pdf"),
        ExportKind("readiness-forms", "Blank readiness forms for paper", "Readiness forms.pdf",
                   "services.reports.readiness_forms:build_readiness_forms_pdf", ("instrument", "round")),
        ExportKind("readiness-summary", "Readiness results summary", "Readiness summary.pdf",
                   "services.reports.readiness_summary:build_readiness_summary_pdf", ("round", "instrument")),
        ExportKind("focus-guide", "Focus group facilitator's guide", "Focus group facilitator's guide.pdf",
                   "services.reports.focus_worksheets:build_focus_guide_pdf", ("session", "template")),
        ExportKind("focus-packet", "Focus group participant packet", "Focus group participant packet.pdf",
                   "services.reports.focus_worksheets:build_focus_packet_pdf", ("session", "template")),
        ExportKind("survey-summary", "Staff survey results by group", "Staff survey results.pdf",
                   "services.reports.survey_summary:build_survey_summary_pdf", ("by", "wave", "school"),
                   releases_results=True),
        ExportKind("survey-report-csv", "Staff survey results by group", "Staff survey results.csv",
                   "services.data.survey_report_csv:build_report_csv", ("by", "then_by", "wave"),
                   file_filter="CSV files (*.csv)", releases_results=True),
        ExportKind("gantt", "Gantt chart (whole year, then readable tiles)", "Gantt chart.pdf",
                   "services.reports.gantt_report:build_gantt_pdf"),
        ExportKind("plan", "Action plan (objectives, actions, PDSA log, communications)", "Action plan.pdf",
                   "services.reports.plan_report:build_plan_pdf", ("school",)),
        ExportKind("progress-update", "One-page progress update", "Progress update.pdf",
                   "services.reports.plan_report:build_progress_update_pdf", ("school",)),
        ExportKind("calendar", "Calendar of deadlines, milestones, meetings and messages",
                   "Wellness plan calendar.ics", "services.action_plan.plan_exports:build_calendar",
                   file_filter="Calendar files (*.ics)", precheck="services.action_plan.plan_exports:check_calendar"),
        ExportKind("actions", "Actions as a spreadsheet", "Actions.xlsx",
                   "services.action_plan.plan_exports:build_actions_sheet",
                   file_filter="Excel workbooks (*.xlsx);;CSV files (*.csv)"),
        ExportKind("focus-summary", "Focus group results summary", "Focus group results.pdf",
                   "services.reports.focus_summary:build_focus_summary_pdf", ("session",)),
        ExportKind("school-packet", "One school's packet (survey, plan, progress)", "School packet.pdf",
                   "services.reports.school_packet:build_school_packet_pdf", ("school", "wave", "by"),
                   releases_results=True, required=("school",)),
        ExportKind("year-review", "Year-end review (each objective against its target, conclusions)",
                   "Year-end review.pdf", "services.reports.year_review_report:build_year_review_pdf"),
    )
}


def export(
    db: Session,
    kind: str,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    releases: list | None = None,
    **options: str | None,
) -> Path:
    """Write one export. For a kind that releases survey results, what it printed is appended to
    ``releases`` for the caller to record (``survey_release.record_pending``) once the file exists."""
    from services.errors import InvalidInput

    if kind not in EXPORT_KINDS:
        raise InvalidInput(f"Unknown export {kind!r}; choose one of: {', '.join(EXPORT_KINDS)}.")
    given = {name: value for name, value in options.items() if value}
    for name in given:
        if name not in EXPORT_KINDS[kind].options:
            raise InvalidInput(f"--{name.replace('_', '-')} does not apply to the {kind} export.")
    if EXPORT_KINDS[kind].releases_results:
        given["releases"] = releases if releases is not None else []
    return EXPORT_KINDS[kind].load()(db, out_path, progress=progress, cancel=cancel, **given)
