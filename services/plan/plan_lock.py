"""A lock file beside an open plan, so a second copy of WellPlan can explain who has it open.

SQLite's own locks only last for a transaction, and OS file locks are unreliable on the network
drives district files often live on, so we use an owner file next to the plan, named the way
Microsoft Office names its own (``~$name.wellplan``), which district staff will recognise.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

# Windows API constants (used only on Windows).
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259
FILE_ATTRIBUTE_HIDDEN = 0x02


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    opened_at: str

    def describe(self) -> str:
        when = self.opened_at.replace("T", " ")[:16]
        return f"{self.user} on computer {self.host} (since {when})"


class LockBlocked(Exception):
    """The lock file's place is taken by something WellPlan can't replace."""


class PlanLockedError(Exception):
    def __init__(self, path: Path, owner: LockOwner, by_this_process: bool):
        self.path = path
        self.owner = owner
        self.by_this_process = by_this_process
        self.elsewhere = owner.host != socket.gethostname()
        if by_this_process:
            message = f"{path.name} is already open in this window."
        else:
            message = f"{path.name} is already open in WellPlan by {owner.describe()}. Close it there first, or open a copy of the file."
            if owner.host != socket.gethostname():
                # We can't see another computer's programs: its WellPlan may have crashed.
                message += " If WellPlan is no longer running there, you can open it anyway."
        super().__init__(message)


def lock_path_for(plan_path: Path) -> Path:
    return plan_path.with_name("~$" + plan_path.name)


def _current_owner() -> LockOwner:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some service accounts
        user = "another user"
    return LockOwner(
        user=user,
        host=socket.gethostname(),
        pid=os.getpid(),
        opened_at=dt.datetime.now().isoformat(timespec="seconds"),
    )


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would *terminate* the process on Windows; ask the kernel instead.
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_owner(plan_path: Path) -> LockOwner | None:
    """Who the lock beside the plan names; None if there is none or it isn't one of ours (a pipe,
    a device or a big file in its place is never read: a lock is a few dozen bytes)."""
    path = lock_path_for(plan_path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockOwner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["opened_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def process_started_at(pid: int) -> dt.datetime | None:
    """When the process ``pid`` started, where the system tells (Linux, Windows); else None."""
    try:
        if sys.platform.startswith("linux"):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks = int(fields[19])  # field 22 of the whole line: start time in clock ticks after boot
            boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                        if line.startswith("btime "))
            return dt.datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK"))
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32
            handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
            if not handle:
                return None
            try:
                times = [ctypes.c_ulonglong() for _ in range(4)]
                if not kernel32.GetProcessTimes(handle, *[ctypes.byref(t) for t in times]):
                    return None
                # FILETIME: 100-ns intervals since 1601-01-01 UTC.
                seconds = times[0].value / 10_000_000 - 11_644_473_600
                return dt.datetime.fromtimestamp(seconds)
            finally:
                kernel32.CloseHandle(handle)
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return None


def lock_is_stale(owner: LockOwner) -> bool:
    """True if the lock was left by a WellPlan that is no longer running on this computer: its
    process has ended, or the process id now belongs to a program started after the lock was
    written. A lock from another computer can't be checked, so it is respected (its owner may
    well still be working); the person may still choose "open anyway" after being told whose it is."""
    me = _current_owner()
    if owner.host != me.host or owner.pid == me.pid:
        return False
    if not process_alive(owner.pid):
        return True
    started = process_started_at(owner.pid)
    try:
        opened = dt.datetime.fromisoformat(owner.opened_at)
    except ValueError:
        return False
    # A couple of seconds of slack: the lock is written just after the process starts.
    return started is not None and started > opened + dt.timedelta(seconds=2)


class PlanLock:
    """Held while a plan is open for editing; ``release`` removes the owner file."""

    def __init__(self, plan_path: Path):
        self.plan_path = plan_path
        self.path = lock_path_for(plan_path)
        self._held = False

    def acquire(self, take_over: bool = False) -> None:
        """Hold the plan; ``take_over`` replaces another's lock (the person said "open anyway"
        after being told whose it is), except this window's own."""
        me = _current_owner()
        payload = json.dumps(me.__dict__).encode("utf-8")
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = read_owner(self.plan_path)
                mine = owner is not None and owner.host == me.host and owner.pid == me.pid
                if owner is not None and not lock_is_stale(owner) and (mine or not take_over):
                    raise PlanLockedError(self.plan_path, owner, mine) from None
                # Left behind by a crash (or unreadable), or taken over: replace it.
                try:
                    self.path.unlink()
                except OSError:
                    pass
                continue
            except OSError:
                # A read-only folder: nobody else can write there either, so there is nothing
                # to guard; opening still works and SQLite will refuse any write.
                return
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(payload)
            except OSError:
                # A full disk: a lock nobody can read would only block others for nothing, and
                # SQLite refuses every write there anyway.
                self.path.unlink(missing_ok=True)
                return
            self._held = True
            if sys.platform == "win32":
                _hide_on_windows(self.path)
            return
        # Something that isn't a lock sits where the lock goes (a folder, a file we may not
        # remove): opening unmarked would let a second WellPlan write the plan at the same time.
        raise LockBlocked(f"{self.path.name} beside {self.plan_path.name} is not a lock WellPlan can replace (a "
                          "folder or a protected file), so the plan can't be marked as open: remove it and try again.")

    def release(self) -> None:
        if self._held:
            try:
                self.path.unlink()
            except OSError:
                pass
            self._held = False


def _hide_on_windows(path: Path) -> None:
    import ctypes

    ctypes.windll.kernel32.SetFileAttributesW(str(path), FILE_ATTRIBUTE_HIDDEN)
