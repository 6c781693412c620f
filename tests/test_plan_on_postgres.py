"""A plan on the district's PostgreSQL server holds and reads back what a plan file does (issue 22).

The models and services are the same for both; these tests build the sample district through the
services on a throwaway PostgreSQL server (tests/postgres_server.py) and compare what the Overview
and the tabs read there with the same district in a plan file.
"""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from models.base import Base
from services import district_profile
from services.overview import journey
from services.sample.sample_district import SAMPLE_PARTS


def _sample_on(url: str):
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        district_profile.initialise(session, "")
        for part in SAMPLE_PARTS:
            part(session)
    return engine


def test_the_sample_district_reads_the_same_on_postgresql_as_in_a_plan_file(postgres_url, sample_plan):
    engine = _sample_on(postgres_url)
    try:
        with Session(engine) as server, sample_plan.transaction() as plan_file:
            assert journey.journey_status(server) == journey.journey_status(plan_file)
    finally:
        engine.dispose()


def test_every_export_of_the_sample_says_the_same_from_postgresql_as_from_a_plan_file(
        postgres_url, sample_plan, tmp_path):
    # What the district prints and hands out must not depend on where its plan lives. Each kind is
    # asked for as the Export menu asks first (no choices); kinds that release survey results are
    # left to their own tests (a release is recorded in the plan).
    from services.errors import InvalidInput
    from services.reports.registry import EXPORT_KINDS, export

    engine = _sample_on(postgres_url)
    compared = []
    try:
        for kind in EXPORT_KINDS.values():
            if kind.releases_results:
                continue
            suffix = kind.default_filename.rsplit(".", 1)[-1]
            outputs = []
            for where, session_of in (("server", lambda: Session(engine)), ("file", sample_plan.transaction)):
                out = tmp_path / f"{kind.key}-{where}.{suffix}"
                try:
                    with session_of() as session:
                        export(session, kind.key, out)
                except InvalidInput as refused:  # the same refusal from both, or a difference
                    out = str(refused)
                outputs.append(out)
            server, plan_file = outputs
            if isinstance(server, str) or isinstance(plan_file, str):
                assert server == plan_file, kind.key
            else:
                assert _contents(server) == _contents(plan_file), kind.key
            compared.append(kind.key)
    finally:
        engine.dispose()
    assert len(compared) >= 10, compared


def _contents(path):
    """What a reader of the file sees: a PDF's text, a workbook's cells, a text file's lines."""
    from tests.pdf_text import pdf_text

    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}
    # A calendar stamps each event with the moment it was exported (DTSTAMP): the one line that may differ.
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("DTSTAMP:")]


def _rows_by_table(connection) -> dict[str, list[tuple]]:
    from sqlalchemy import select

    from services.plan.plan_copy import tables_in_link_order

    return {table.name: [tuple(row) for row in connection.execute(
        select(table).order_by(*(table.primary_key.columns or table.columns)))]
        for table in tables_in_link_order()}


def test_a_plan_copied_to_the_server_and_back_holds_every_record_as_it_was(postgres_url, sample_plan, tmp_path):
    from models.schema import create_current_schema
    from services.plan.plan_connection import make_engine
    from services.plan.plan_copy import copy_records

    server = create_engine(postgres_url)
    back_path = tmp_path / "back.wellplan"
    back = make_engine(back_path, create=True)
    try:
        Base.metadata.create_all(server)
        with sample_plan.engine.connect() as original, server.begin() as on_server:
            copied = copy_records(original, on_server)
            before = _rows_by_table(original)
        assert copied["person"] == len(before["person"]) > 0
        with server.connect() as on_server, back.begin() as returned:
            create_current_schema(returned)
            copy_records(on_server, returned)
        with back.connect() as returned:
            assert _rows_by_table(returned) == before
        back.dispose()
        from services.plan.plan_file import open_plan

        reopened = open_plan(back_path)  # a plan file WellPlan opens as its own, every check passed
        reopened.close()
        # The server numbers the next record past the copied ones.
        with Session(server) as session, session.begin():
            school = district_profile.add_school(session, "Elm Street Annex", "Elementary")
            assert school.id > max(row[0] for row in before["school"])
    finally:
        server.dispose()
        back.dispose()


def test_a_copy_refuses_a_target_that_already_holds_records(postgres_url, sample_plan):
    import pytest

    from services.plan.plan_copy import copy_records

    server = _sample_on(postgres_url)
    try:
        with sample_plan.engine.connect() as original, server.begin() as on_server:
            with pytest.raises(ValueError, match="already holds records"):
                copy_records(original, on_server)
    finally:
        server.dispose()


def test_numbers_beyond_32_bits_reach_the_server_and_come_back(postgres_url, sample_plan):
    # A plan file holds whole numbers up to 2**62 (ids, sort orders); a server's INTEGER is 32-bit.
    from sqlalchemy import select

    from models import School
    from services.plan.plan_copy import copy_records

    with sample_plan.transaction() as session:
        session.scalars(select(School)).first().sort_order = 2**40
    server = create_engine(postgres_url)
    try:
        Base.metadata.create_all(server)
        with sample_plan.engine.connect() as original, server.begin() as on_server:
            copy_records(original, on_server)
        with Session(server) as session:
            assert 2**40 in session.scalars(select(School.sort_order)).all()
            district_profile.add_school(session, "Elm Street Annex", "Elementary")  # numbered past it
            assert max(session.scalars(select(School.sort_order))) == 2**40 + 1
    finally:
        server.dispose()


def test_names_come_in_the_same_order_from_a_server_that_sorts_text_by_its_locale(postgres_server, empty_plan):
    # A plan file sorts text by code point ("Banana" before "apple"); a server set up in English
    # sorts by its locale ("apple" before "Banana"). Lists and printouts must not depend on it.
    from services.team import team_roster

    names = ["apple Tree", "Banana Split", "Zoe Adams", "\u00c9mile Zola", "zack Brown"]
    server = create_engine(postgres_server.database(icu_locale="en-US"))
    try:
        Base.metadata.create_all(server)
        orders = []
        for session_of in (lambda: Session(server).begin(), empty_plan.transaction):
            with session_of() as transaction:
                session = transaction if isinstance(transaction, Session) else transaction.session
                for name in names:
                    team_roster.add_person(session, name)
                orders.append([p.name for p in team_roster.list_people(session) if p.name in names])
        assert orders[0] == orders[1] == sorted(names)
    finally:
        server.dispose()
