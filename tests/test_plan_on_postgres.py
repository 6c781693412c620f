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
