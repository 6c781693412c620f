"""``wellplan copy``: a plan moved from a plan file to the district's PostgreSQL server and back,
through the command line (issue 22), on the tests' throwaway server (tests/postgres_server.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sqlalchemy import create_engine

from tests.cli_run import digest, wellplan
from tests.pdf_text import pdf_text


def _user_location(url: str) -> str:
    """What a person types: ``postgresql://``, not SQLAlchemy's driver-qualified name."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_a_plan_copied_to_the_server_and_back_prints_and_exports_exactly_as_before(
        postgres_url, built_sample, tmp_path):
    server = _user_location(postgres_url)
    before = digest(built_sample)
    sent = wellplan("copy", built_sample, server)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith(f"Copied {built_sample.name} to ") and " records." in sent.stdout
    assert "@" not in sent.stdout  # the location is named by its database and host, never its user or password
    assert digest(built_sample) == before  # FROM is only read

    back = tmp_path / "Back"
    returned = wellplan("copy", server, back)
    assert returned.returncode == 0, returned.stderr
    back = back.with_suffix(".wellplan")
    assert back.exists() and not list(tmp_path.glob(".*building*"))

    for kind, suffix in (("team", "pdf"), ("gantt", "pdf"), ("actions", "csv"), ("calendar", "ics")):
        outputs = []
        for plan in (built_sample, back):
            out = tmp_path / f"{kind}-{plan.stem}.{suffix}"
            done = wellplan("export", plan, kind, "--out", out)
            assert done.returncode == 0, done.stderr
            outputs.append(out)
        first, second = outputs
        if suffix == "pdf":
            assert pdf_text(first) == pdf_text(second), kind
        elif suffix == "ics":  # each event is stamped with the moment it was exported (DTSTAMP)
            assert _unstamped(first) == _unstamped(second), kind
        else:
            assert first.read_bytes() == second.read_bytes(), kind
    checked = wellplan("check", back)
    assert checked.returncode == 0 and "Integrity: ok" in checked.stdout


def _unstamped(calendar) -> bytes:
    return b"".join(line for line in calendar.read_bytes().splitlines(keepends=True)
                    if not line.startswith(b"DTSTAMP:"))


def test_copy_refuses_in_one_sentence_and_writes_nothing(postgres_url, built_sample, tmp_path):
    server = _user_location(postgres_url)
    assert wellplan("copy", built_sample, server).returncode == 0

    again = wellplan("copy", built_sample, server)  # the database is no longer empty
    assert again.returncode == 1
    assert again.stderr.startswith("wellplan: The database ") and "already holds tables" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1

    existing = tmp_path / "existing.wellplan"
    existing.write_bytes(b"not mine to replace")
    over = wellplan("copy", server, existing)
    assert over.returncode == 1 and "already exists" in over.stderr
    assert existing.read_bytes() == b"not mine to replace"

    both_files = wellplan("copy", built_sample, tmp_path / "other.wellplan")
    assert both_files.returncode == 1 and "one of FROM and TO" in both_files.stderr
    assert not (tmp_path / "other.wellplan").exists()

    nowhere = wellplan("copy", built_sample, "postgresql://nobody@127.0.0.1:1/plan")
    assert nowhere.returncode == 1
    assert nowhere.stderr.startswith("wellplan: The district server could not be used (plan on 127.0.0.1:1)")
    assert "Traceback" not in nowhere.stderr


def test_a_database_that_holds_no_plan_is_refused(postgres_server, tmp_path):
    empty = _user_location(postgres_server.database())
    done = wellplan("copy", empty, tmp_path / "x.wellplan")
    assert done.returncode == 1 and "holds no WellPlan plan" in done.stderr
    assert not (tmp_path / "x.wellplan").exists()


def test_without_the_server_driver_copy_says_so_in_one_sentence(monkeypatch, built_sample):
    # The installed bundle leaves PostgreSQL's dialect out until the window can open server plans.
    import pytest
    from sqlalchemy.exc import NoSuchModuleError

    from services.plan import server_plan
    from services.plan.plan_errors import PlanFileError

    def missing(*_args, **_kwargs):
        raise NoSuchModuleError("Can't load plugin: sqlalchemy.dialects:postgresql.psycopg")

    monkeypatch.setattr(server_plan, "create_engine", missing)
    with pytest.raises(PlanFileError, match="can't reach a district server"):
        server_plan.server_engine("postgresql://planner@127.0.0.1/plan")


def test_a_plan_on_the_server_prints_as_its_plan_file_does(postgres_url, built_sample, tmp_path):
    server = _user_location(postgres_url)
    assert wellplan("copy", built_sample, server).returncode == 0
    for plan, name in ((built_sample, "file"), (server, "server")):
        done = wellplan("export", plan, "matrix", "--out", tmp_path / f"matrix-{name}.pdf")
        assert done.returncode == 0, done.stderr
    assert pdf_text(tmp_path / "matrix-server.pdf") == pdf_text(tmp_path / "matrix-file.pdf")

    # Survey results printed from the server (by the account that may read the answers) are audited
    # against, and recorded in, the server's own ledger, as a plan file's are in its own.
    file_copy = tmp_path / "file.wellplan"
    shutil.copy(built_sample, file_copy)
    for plan, name in ((file_copy, "file"), (server, "server")):
        before = wellplan("survey", "releases", plan)
        done = wellplan("export", plan, "survey-summary", "--out", tmp_path / f"summary-{name}.pdf")
        assert done.returncode == 0, done.stderr
        after = wellplan("survey", "releases", plan)
        assert after.returncode == 0, after.stderr
        assert len(after.stdout.splitlines()) > len(before.stdout.splitlines())
    assert pdf_text(tmp_path / "summary-server.pdf") == pdf_text(tmp_path / "summary-file.pdf")
    def ledger(plan) -> list[str]:  # (each entry without its minute, which the two printings may not share)
        return [re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "", line) for line in
                wellplan("survey", "releases", plan).stdout.splitlines()]

    assert ledger(server) == ledger(file_copy)


def test_check_reads_a_plan_on_the_server_and_names_what_it_lacks(postgres_url, built_sample):
    server = _user_location(postgres_url)
    assert wellplan("copy", built_sample, server).returncode == 0
    on_file, on_server = wellplan("check", built_sample), wellplan("check", server)
    assert on_server.returncode == 0, on_server.stderr
    assert "Integrity: ok" in on_server.stdout and "(on the district's server)" in on_server.stdout
    contents = [line for line in on_file.stdout.splitlines() if line.startswith("Contents: ")]
    assert contents and contents[0] in on_server.stdout.splitlines()  # the same records, counted the same

    assert "--repair puts plan files" in wellplan("check", server, "--repair").stderr
    with create_engine(postgres_url).begin() as database:
        database.exec_driver_sql("ALTER TABLE person DROP COLUMN release_note")
    damaged = wellplan("check", server)
    assert damaged.returncode == 1
    assert "the column person.release_note is missing" in damaged.stdout
    assert damaged.stderr.startswith("wellplan: the plan on ") and len(damaged.stderr.strip().splitlines()) == 1


def test_a_location_that_is_no_url_is_refused_without_repeating_it(built_sample):
    # A location may carry a password (postgresql://user:secret@host/db); a refusal never repeats it.
    done = wellplan("copy", built_sample, "postgresql://planner:s3cret@server:fivefourthree/plan")
    assert done.returncode == 1
    assert "s3cret" not in done.stderr and "not a server location" in done.stderr


def test_next_year_from_a_plan_on_the_server_is_the_one_its_file_gives(postgres_url, built_sample, tmp_path):
    server = _user_location(postgres_url)
    assert wellplan("copy", built_sample, server).returncode == 0
    made = {}
    for plan, name in ((built_sample, "file"), (server, "server")):
        done = wellplan("next-year", plan, "--out", tmp_path / f"next-{name}.wellplan")
        assert done.returncode == 0, done.stderr
        made[name] = done.stdout.replace(str(tmp_path / f"next-{name}.wellplan"), "NEXT")
    # The same lines, but for where this year's plan is (its file, or its database on the server)
    database = postgres_url.rsplit("/", 1)[1]
    on_server = re.sub(rf"{database} on 127\.0\.0\.1:\d+", "PLAN", made["server"])
    assert "stay in PLAN, which is unchanged." in on_server
    assert on_server == made["file"].replace(Path(built_sample).name, "PLAN")
    for name in made:
        assert wellplan("check", tmp_path / f"next-{name}.wellplan").returncode == 0
    printed = {name: tmp_path / f"plan-{name}.pdf" for name in made}
    for name, out in printed.items():
        assert wellplan("export", tmp_path / f"next-{name}.wellplan", "plan", "--out", out).returncode == 0
    assert pdf_text(printed["server"]) == pdf_text(printed["file"])
