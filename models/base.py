"""The declarative base every table of the plan file derives from."""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from models.types import RecordVersion, WholeNumber

# Explicit constraint names keep migrations (which rebuild tables on SQLite) predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every ``Mapped[int]`` (ids, links, counts) is a whole number of 64 bits on every database.
    type_annotation_map = {int: WholeNumber}

    # Added in version 11 (issue 22): how many times the record was written. Several planners edit
    # one plan on a district server; an edit or an undo that finds a record at another version
    # than the one its planner read is refused (``services.plan.record_versions``) instead of
    # silently writing over someone else's change. SQLAlchemy counts it up on every UPDATE of the
    # record and puts the version read in the UPDATE's and DELETE's WHERE: two planners saving
    # the same record at the same moment, the second finds no row and is refused too.
    row_version: Mapped[int] = mapped_column(RecordVersion, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 (a class-level directive: SQLAlchemy passes the class)
        return {"version_id_col": cls.__table__.c.row_version}
