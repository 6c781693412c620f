"""WellPlan's own folder for the command line's log, without Qt: the folder Qt calls
AppDataLocation for the window (so one log file holds both), found the way Qt finds it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from services.app_info import APP_NAME, ORGANIZATION


def app_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APP_NAME


def log_file() -> Path:
    folder = app_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "wellplan.log"
