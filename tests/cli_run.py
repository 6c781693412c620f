"""Run WellPlan's command line in a process of its own, as a script or an IT person would.

``wellplan`` runs ``main.py``'s ``main`` in a fresh process forked from a server that has already
imported WellPlan (multiprocessing's forkserver, started once per test process): each command
gets its own process, memory, working folder, environment, file descriptors 1 and 2 and exit
code, as from a shell, without paying for starting Python and importing SQLAlchemy, pandas and
reportlab again (about a second a command, and the end-to-end tests run a few hundred). The
server is a clean single-threaded process, never the test process itself, which may hold Qt's
and the solver's threads. ``wellplan_process`` starts the real interpreter for the tests that are
about the process itself (how ``python main.py`` starts, what it prints when it fails).
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120

# What a command imports on first use; imported once, by the server, so its children share it.
PRELOAD = ["main", "cli.commands", "tests.cli_preload"]

_context = None


def _server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _command(argv: list[str], cwd: str | None, env: dict[str, str], out: str, err: str) -> None:
    """In the child: become a process started with ``argv``, run it, exit with its code."""
    os.environ.clear()
    os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    for fd, name in ((1, out), (2, err)):  # the real descriptors, so C-level writes are caught too
        handle = os.open(name, os.O_WRONLY | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False, buffering=1)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)
    sys.argv = [str(ROOT / "main.py"), *argv]
    code = 1
    try:
        import main

        code = main.main(argv)
    except SystemExit as exc:  # argparse's own exits, as Python's would be
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
    finally:
        atexit._run_exitfuncs()  # what a process does at exit (snapshots removed, logs flushed)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)


def wellplan(*args: str, cwd: Path | None = None, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    argv = [str(a) for a in args]
    with tempfile.TemporaryDirectory(prefix="wellplan-command-") as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        out.touch()
        err.touch()
        child = _server().Process(target=_command, args=(argv, None if cwd is None else str(cwd),
                                                         dict(os.environ), str(out), str(err)))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["wellplan", *argv], timeout)
        return subprocess.CompletedProcess(["wellplan", *argv], child.exitcode,
                                           out.read_text(encoding="utf-8", errors="replace"),
                                           err.read_text(encoding="utf-8", errors="replace"))


def wellplan_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` as its own interpreter: for tests of how the process itself behaves."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=TIMEOUT)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
