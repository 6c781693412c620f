"""Where the app keeps its own files (log, the sample plan): the platform's app-data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def app_data_dir() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file_path() -> Path:
    folder = app_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "wellplan.log"


def sample_plan_path() -> Path:
    folder = app_data_dir() / "Sample"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "Maple Hollow (sample).wellplan"
