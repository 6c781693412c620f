"""Imported once by the command server in ``tests/cli_run.py``: what the commands import on first
use (each export's builder, the import, the sample), so each command's process starts warm."""

from cli import survey_commands  # noqa: F401
from services.data import survey_release  # noqa: F401
from services.reports.registry import EXPORT_KINDS
from services.sample import sample_district  # noqa: F401

for _kind in EXPORT_KINDS.values():
    _kind.load()
