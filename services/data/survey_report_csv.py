"""The survey report as a CSV file: results by group for every item and domain, audited against
every earlier release. The command line's ``survey report`` and the Data tab's "Save results as
CSV..." (the ``survey-report-csv`` export) both write it here, so the file and the ledger entry it
asks for are the same whichever front end made it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from services.data.survey_release import CSV_PRECISION, PendingRelease, release_table
from services.data.survey_report import load_wave, min_group_size, write_report_csv
from services.errors import Cancelled, InvalidInput


def build_report_csv(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                     cancel: Callable[[], bool] | None = None, by: str | None = None, then_by: str | None = None,
                     wave: str | None = None, min_n: int | None = None, releases: list | None = None) -> Path:
    """Write the results of ``wave`` (default: the latest) by the attribute ``by`` (default: the
    first), crossed with ``then_by`` if given, with groups below the minimum group size (``min_n``
    may raise it, never lower it) and whatever arithmetic would reveal withheld. What the file
    releases is appended to ``releases``, for the caller to record once the file is written."""
    out_path = Path(out_path)

    def step(done: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(done, 2)

    step(0)
    data = load_wave(db, wave)
    if by is None:
        if not data.dimensions:
            raise InvalidInput(f"Wave '{data.label}' has no respondent attributes to break results down by.")
        by = data.dimensions[0].label
    table = release_table(db, data, by, min_group_size(db, min_n), then_by)  # the audit: the long part
    step(1)
    if releases is not None:
        releases.append(PendingRelease(table, "report", CSV_PRECISION, table.description))
    try:
        written = write_report_csv(table.report, out_path)
    except BaseException:  # a disk that filled midway leaves no part of the table behind
        out_path.with_name(out_path.name + ".part").unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(2, 2)
    return written
