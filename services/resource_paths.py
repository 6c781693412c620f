"""The one place that finds files under ``resources/``, in a source checkout or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    # PyInstaller unpacks data next to the executable and sets sys._MEIPASS to that folder.
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"WellPlan is missing a file it ships with: resources/{'/'.join(parts)}")
    return path
