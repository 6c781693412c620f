"""Private temporary folders for read-only snapshots of a plan, and their cleaning up.

Exports, checks and reports read a consistent copy of the plan, so the copy is a whole plan with
every survey answer in it. It goes in a folder only the current user can open (``mkdtemp`` makes
it 0700), inside a per-user ``WellPlan`` folder of the temporary folder, named with the process
id. A copy never silently outlives its process: it is removed when the plan closes, at exit, and
a process killed outright (no code runs) leaves one that the next start removes, because no
process with that id is running any more.
"""

from __future__ import annotations

import atexit
import getpass
import os
import shutil
import stat
import tempfile
import threading
from pathlib import Path

from services.plan.plan_lock import process_alive

_PREFIX = "snapshot-"
_live: set[Path] = set()
_live_guard = threading.Lock()
_swept = False


def _user() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name on some service accounts
        name = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return "".join(c for c in name if c.isalnum() or c in "-_") or "user"


def root() -> Path:
    """The current user's folder for snapshots; refused (None -> the plain temporary folder) if
    somebody else made it or it is a link, so no other account can read or swap a snapshot."""
    folder = Path(tempfile.gettempdir()) / f"WellPlan-{_user()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            raise OSError("not a private folder")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise OSError("owned by somebody else")
    except OSError:
        return Path(tempfile.gettempdir())
    return folder


def sweep() -> list[Path]:
    """Remove snapshot folders whose process is no longer running; returns what was removed."""
    removed = []
    folder = root()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(_PREFIX):
            continue
        pid_text = entry.name[len(_PREFIX):].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or process_alive(int(pid_text)):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def new_folder() -> Path:
    """A fresh private folder for one snapshot (the first call of a process cleans up first)."""
    global _swept
    if not _swept:
        _swept = True
        sweep()
    folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=root()))
    with _live_guard:
        _live.add(folder)
    return folder


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    with _live_guard:
        _live.discard(folder)


@atexit.register
def _remove_all() -> None:
    with _live_guard:
        folders = list(_live)
    for folder in folders:
        remove(folder)
