"""The PDFs the app can export, by the KIND name the command line and the Export menu use.

Builders are imported only when used, so reportlab stays off the startup path. A new document is
one entry here and a module under ``services/reports/``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ExportKind:
    key: str
    menu_text: str
    default_filename: str
    builder: str  # "module:function", taking (session, out_path, progress=, cancel=)

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
    )
}


def export(
    session: Session,
    kind: str,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    if kind not in EXPORT_KINDS:
        from services.errors import InvalidInput

        raise InvalidInput(f"Unknown export {kind!r}; choose one of: {', '.join(EXPORT_KINDS)}.")
    return EXPORT_KINDS[kind].load()(session, out_path, progress=progress, cancel=cancel)
