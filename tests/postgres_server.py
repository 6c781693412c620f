"""A throwaway PostgreSQL server for the tests that put a plan on a district server (issue 22).

Each test process (pytest-xdist worker) starts its own cluster in a temporary folder, from the
PostgreSQL that the system's packages installed (``.ci/run`` installs them), listening on the
loopback only (never any other address) on a free port, with no Unix socket, and stops and
deletes it when the session ends. PostgreSQL refuses to run as root: run as root (CI, this
machine), the cluster is made and run as the system's ``postgres`` user (or ``nobody``) with
``runuser``. The cluster trusts connections from the loopback: it lives for one test session, in a
folder only its user can open.

Where no PostgreSQL is installed, the tests that need one are skipped with that reason, unless
``WELLPLAN_REQUIRE_POSTGRES`` is set (CI sets it), when they fail: CI must never pass by skipping.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

REQUIRED = bool(os.environ.get("WELLPLAN_REQUIRE_POSTGRES"))
ADMIN = "wellplan_admin"  # the cluster's superuser: the tests' stand-in for the district's IT


class NoPostgres(RuntimeError):
    """No PostgreSQL server can be started on this machine (the sentence says why)."""


def _bin_dir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    # Debian and Ubuntu keep the server's programs off the PATH, one folder per major version.
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if versions:
        return Path(versions[-1]).parent
    raise NoPostgres("PostgreSQL's server programs (initdb, pg_ctl) are not installed")


def _run_as() -> str | None:
    """The user to run the server as when we are root (PostgreSQL refuses root), else None."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise NoPostgres("running as root, and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """One running throwaway cluster; ``database()`` makes a fresh database and returns its URL."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.user = _run_as()
        self.folder = Path(tempfile.mkdtemp(prefix="wellplan-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        os.chmod(self.folder, 0o700)
        try:
            self._pg("initdb", "-D", str(self.data), "-U", ADMIN, "--auth=trust", "--encoding=UTF8",
                     "--locale=C.UTF-8", "--no-sync")
            options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='' "
                       "-c fsync=off -c full_page_writes=off -c synchronous_commit=off")
            self._pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                     "-w", "-t", "60", "start")
        except (OSError, subprocess.CalledProcessError) as exc:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else getattr(exc, "stderr", "")
            shutil.rmtree(self.folder, ignore_errors=True)
            raise NoPostgres(f"the throwaway PostgreSQL server did not start: {exc}\n{detail}") from exc

    def _pg(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120, cwd=self.folder)

    def url(self, database: str = "postgres", user: str = ADMIN) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def database(self, template: str | None = None, icu_locale: str | None = None) -> str:
        """A new database of its own for one test, empty or a copy of ``template`` (a database's
        name), sorting text as the cluster does (byte order) or by ``icu_locale`` ("en-US": as a
        district's server set up in English would); its SQLAlchemy URL."""
        import psycopg

        name = f"plan_{uuid.uuid4().hex[:12]}"
        copy_of = f' TEMPLATE "{template}"' if template else ""
        if icu_locale:
            copy_of = f" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=ADMIN, dbname="postgres",
                             autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"{copy_of}')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
