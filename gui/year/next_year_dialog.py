"""File > Start next school year...: ask where the next year's plan goes, write it in the background
(a progress dialog with Cancel if it takes long; this year's plan is only read), then say what came
over and offer to open the new plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.dialog_lifetime import run_modal
from gui.error_dialog import plain_words, show_error
from gui.workers import Task
from services import district_profile
from services.app_info import APP_NAME
from services.errors import InvalidInput
from services.plan.plan_file import PLAN_SUFFIX, PlanFileError
from services.plan.storage_errors import StorageError
from services.year.next_year import NextYearSummary, next_plan_path, next_school_year, start_next_year

PLAN_FILTER = f"WellPlan plans (*{PLAN_SUFFIX})"


def ask_where(parent: QWidget, beside: Path, district: str, label: str) -> Path | None:
    """The save dialog, proposing "<district> <next year>.wellplan" beside ``beside`` (this year's
    plan file). The dialog does not offer to replace a file: the next year's plan is always a new one."""
    start = beside.with_name(f"{district} {label}{PLAN_SUFFIX}")
    chosen, _ = QFileDialog.getSaveFileName(parent, "Start the next school year: save the new plan as", str(start),
                                            PLAN_FILTER, options=QFileDialog.Option.DontConfirmOverwrite)
    return next_plan_path(chosen) if chosen else None


def start(parent: QWidget, plan_path: Path | str, read, open_new: Callable[[Path], None],
          beside: Path | None = None) -> Task | None:
    """Run the whole step from the window; ``plan_path`` is this year's plan (a file, or a plan on a
    district server's location, the new plan proposed ``beside`` a file there), ``read`` reads the
    open plan, ``open_new`` opens the new plan when the person says so. Returns the task writing it
    (None if the person stopped)."""
    profile = read(district_profile.get_profile)
    try:
        year = next_school_year(profile.school_year, profile.year_start, profile.year_end)
    except InvalidInput as exc:
        QMessageBox.warning(parent, APP_NAME, str(exc))
        return None
    out = ask_where(parent, beside or Path(plan_path), profile.display_name, year.label)
    if out is None:
        return None

    def work(progress, cancelled) -> NextYearSummary:
        return start_next_year(plan_path, out, progress=progress, cancel=cancelled)

    def failed(exc: BaseException, details: str) -> None:
        if isinstance(exc, (InvalidInput, PlanFileError, StorageError)):
            QMessageBox.warning(parent, APP_NAME, str(exc))
        else:
            show_error(parent, "The next school year's plan could not be made. " + plain_words(exc), details)

    task = Task(parent, f"Starting the {year.label} plan...", work, lambda summary: ready(parent, summary, open_new),
                failed)
    task.start()
    return task


def ready(parent: QWidget, summary: NextYearSummary, open_new: Callable[[Path], None]) -> None:
    lines = summary.lines()
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, lines[0], QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("nextYearReady")
    box.setInformativeText("\n\n".join(lines[1:]))
    open_button = box.addButton("&Open the new plan", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Stay in this year's plan", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    run_modal(box)
    if box.clickedButton() is open_button:
        open_new(summary.out)
