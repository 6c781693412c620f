"""The declarative base every table of the plan file derives from."""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from models.types import WholeNumber

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
