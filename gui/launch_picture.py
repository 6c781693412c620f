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

import os
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from services.app_info import APP_VERSION

# The picture is kept as the very pixels a window draws (32-bit RGB rows, described beside it), so
# that start-up only reads them: about 3 MB, read in a fraction of a millisecond, where Qt's PPM
# reader took 3 ms and PNG ten times that. The description is "key=value" lines rather than JSON:
# importing the json package alone took 4 ms of start-up's first frame.
PICTURE, ABOUT = "overview.rgb32", "overview.about"
EARLIER = ("overview.ppm", "overview.json")  # what earlier builds kept instead
PIXELS = QImage.Format.Format_RGB32
# A window restored to its saved geometry can come back a few pixels off (the frame, measured
# before and after it is shown); a picture that far off is still the page, short of a sliver.
SIZE_SLACK = 12


def _folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "launch"


def _fingerprint(plan_path: Path) -> dict[str, str] | None:
    """What says a plan file is the very file a picture was taken of, as the description keeps it."""
    try:
        with open(plan_path, "rb") as plan:
            header = plan.read(100)
            info = os.fstat(plan.fileno())
    except OSError:
        return None
    if len(header) < 28 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return {"plan": str(plan_path.resolve()), "size": str(info.st_size), "mtime_ns": str(info.st_mtime_ns),
            "change_counter": str(int.from_bytes(header[24:28], "big")), "version": APP_VERSION}


def save(plan_path: Path, picture: QPixmap, window_size: QSize) -> None:
    """Keep ``picture`` (the Overview page, drawn as the plan closed) for the next start on this
    plan; call it once the plan is closed, so its file is as it will be found. Best effort: a
    picture that can't be written is simply not there next time."""
    fingerprint = _fingerprint(plan_path)
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in (ABOUT, *EARLIER):  # never a description beside another plan's picture
            (folder / name).unlink(missing_ok=True)
        if fingerprint is None or picture.isNull() or any("\n" in value for value in fingerprint.values()):
            forget()
            return
        image = picture.toImage().convertToFormat(PIXELS)
        (folder / PICTURE).write_bytes(bytes(image.constBits()))
        about = {**fingerprint, "window": f"{window_size.width()}x{window_size.height()}",
                 "pixels": f"{image.width()}x{image.height()}x{image.bytesPerLine()}",
                 "ratio": repr(picture.devicePixelRatio())}
        (folder / ABOUT).write_text("".join(f"{key}={value}\n" for key, value in about.items()), encoding="utf-8")
    except OSError:
        forget()


def _read_about(folder: Path) -> dict[str, str] | None:
    try:
        lines = (folder / ABOUT).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    about = dict(line.partition("=")[::2] for line in lines)
    return about if all("=" in line for line in lines) else None


def _numbers(text: str | None, count: int) -> list[int] | None:
    """``count`` whole numbers written "AxB(xC)", or None."""
    parts = (text or "").split("x")
    return [int(part) for part in parts] if len(parts) == count and all(p.isascii() and p.isdigit() for p in parts) \
        else None


def load(plan_path: Path, window_size: QSize) -> QPixmap | None:
    """The picture of ``plan_path``'s Overview, if it was taken of this very file in a window of
    this size; otherwise None. A picture of a plan that is gone is deleted."""
    folder = _folder()
    about = _read_about(folder)
    if about is None:
        return None
    if not Path(about.get("plan", "")).exists():
        forget()
        return None
    fingerprint = _fingerprint(plan_path)
    if fingerprint is None or any(about.get(key) != value for key, value in fingerprint.items()):
        return None
    window, pixels = _numbers(about.get("window"), 2), _numbers(about.get("pixels"), 3)
    if (window is None or pixels is None or abs(window[0] - window_size.width()) > SIZE_SLACK
            or abs(window[1] - window_size.height()) > SIZE_SLACK):
        return None
    width, height, row_bytes = pixels
    try:
        data = (folder / PICTURE).read_bytes()
    except OSError:
        return None
    if not width or not height or row_bytes < width * 4 or len(data) != row_bytes * height:
        return None
    picture = QPixmap.fromImage(QImage(data, width, height, row_bytes, PIXELS))  # copies the pixels
    try:
        ratio = float(about.get("ratio", ""))
    except ValueError:
        ratio = 1.0
    if 0.5 <= ratio <= 8:
        picture.setDevicePixelRatio(ratio)
    return picture


def forget() -> None:
    for name in (ABOUT, PICTURE):
        try:
            (_folder() / name).unlink(missing_ok=True)
        except OSError:
            pass


class PictureView(QWidget):
    """The picture in the Overview's place, drawn from its top left corner. Unlike a QLabel it asks
    for no size: a picture taken in a window a few pixels larger (within ``SIZE_SLACK``) would
    otherwise make the window that much larger, and the next picture with it, start after start."""

    def __init__(self, picture: QPixmap):
        super().__init__()
        self._picture = picture

    def pixmap(self) -> QPixmap:
        return self._picture

    def paintEvent(self, event) -> None:  # noqa: ARG002
        QPainter(self).drawPixmap(0, 0, self._picture)
