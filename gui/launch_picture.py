"""A picture of the Overview as the last plan was closed, shown while that plan opens again.

Opening a plan means loading SQLAlchemy, the models and the services (about three bare Qt windows'
time before the plan is even read), so on its own the Overview could not be on screen until long
after the window. Desktop systems answer this with a launch snapshot, and so does WellPlan: when a
plan is closed, its Overview page is drawn to a picture; when the window next starts on that same
plan, unchanged since, it shows the picture at once, in the Overview's place under the real tab
bar, until the live Overview replaces it (the same pixels, as a rule, a moment later). Until then
nothing in it can be clicked: it is a picture, and the status bar says the plan is opening.

"Unchanged since" is the file's size, its modification time to the nanosecond and SQLite's own
change counter (the header's bytes 24-27, which every committed write increases in the rollback
journal mode plans use): any edit by anyone, here or by another program, and the picture is not
used. Nor is it when the window's size differs from the picture's by more than a sliver.

Only the last closed plan's picture is kept, in the user's own cache folder, and it holds what the
Overview shows (the district, its schools and staff counts by group, the steps): no survey answers
and nothing a respondent wrote. It goes when its plan is gone. This module is on start-up's path,
so it imports nothing heavy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtGui import QPixmap

from services.app_info import APP_VERSION

# Uncompressed (PPM, Qt's own reader and writer): about 3 MB, but written at close and read at
# start in a few milliseconds, where PNG takes ten times that to write and twice to read.
PICTURE, ABOUT, FORMAT = "overview.ppm", "overview.json", "PPM"
# A window restored to its saved geometry can come back a few pixels off (the frame, measured
# before and after it is shown); a picture that far off is still the page, short of a sliver.
SIZE_SLACK = 12


def _folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "launch"


def _fingerprint(plan_path: Path) -> dict | None:
    """What says a plan file is the very file a picture was taken of."""
    try:
        with open(plan_path, "rb") as plan:
            header = plan.read(100)
            info = os.fstat(plan.fileno())
    except OSError:
        return None
    if len(header) < 28 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return {"plan": str(plan_path.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns,
            "change_counter": int.from_bytes(header[24:28], "big"), "version": APP_VERSION}


def save(plan_path: Path, picture: QPixmap, window_size: QSize) -> None:
    """Keep ``picture`` (the Overview page, drawn as the plan closed) for the next start on this
    plan; call it once the plan is closed, so its file is as it will be found. Best effort: a
    picture that can't be written is simply not there next time."""
    fingerprint = _fingerprint(plan_path)
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ABOUT).unlink(missing_ok=True)  # never a description beside another plan's picture
        if fingerprint is None or picture.isNull() or not picture.save(str(folder / PICTURE), FORMAT):
            forget()
            return
        about = {**fingerprint, "window": [window_size.width(), window_size.height()],
                 "ratio": picture.devicePixelRatio()}
        (folder / ABOUT).write_text(json.dumps(about), encoding="utf-8")
    except OSError:
        forget()


def load(plan_path: Path, window_size: QSize) -> QPixmap | None:
    """The picture of ``plan_path``'s Overview, if it was taken of this very file in a window of
    this size; otherwise None. A picture of a plan that is gone is deleted."""
    folder = _folder()
    try:
        about = json.loads((folder / ABOUT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(about, dict):
        return None
    if not Path(str(about.get("plan", ""))).exists():
        forget()
        return None
    fingerprint = _fingerprint(plan_path)
    if fingerprint is None or any(about.get(key) != value for key, value in fingerprint.items()):
        return None
    window = about.get("window")
    if not (isinstance(window, list) and len(window) == 2 and all(isinstance(n, int) for n in window)
            and abs(window[0] - window_size.width()) <= SIZE_SLACK and abs(window[1] - window_size.height()) <= SIZE_SLACK):
        return None
    picture = QPixmap()
    if not picture.load(str(folder / PICTURE), FORMAT):
        return None
    ratio = about.get("ratio")
    if isinstance(ratio, (int, float)) and 0.5 <= ratio <= 8:
        picture.setDevicePixelRatio(float(ratio))
    return picture


def forget() -> None:
    for name in (ABOUT, PICTURE):
        try:
            (_folder() / name).unlink(missing_ok=True)
        except OSError:
            pass
