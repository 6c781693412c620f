"""Column types for dates, times and yes/no flags that refuse, in one plain sentence, a value they
can't read.

SQLite keeps whatever text (or number) another program writes in a DATE column; SQLAlchemy's own
types then fail deep inside a report with a bare ``ValueError``, or, for a BOOLEAN, read 'no' or 2
as true (a flag such as an import profile's "keep comments" must not be turned on that way). These
read exactly what they did (the stored values and the schema's column types are unchanged), and a
value that is not one WellPlan writes is refused with ``StoredValueError`` wherever it is read.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import types

from models.errors import unusable


class _Checked(types.TypeDecorator):
    cache_ok = True
    what = "value"
    python_type_checked: type = object

    def result_processor(self, dialect, coltype):
        inner = self.impl_instance.result_processor(dialect, coltype)
        wanted, what = self.python_type_checked, self.what

        def process(value):
            if value is None:
                return None
            try:
                out = inner(value) if inner is not None else value
            except (TypeError, ValueError, OverflowError):
                out = None
            if not isinstance(out, wanted):
                raise unusable(f"This plan holds {what} WellPlan can't read ({str(value)[:40]!r})")
            return out

        return process


class Date(_Checked):
    cache_ok = True  # SQLAlchemy asks each class for itself
    impl = types.Date
    what = "a date"
    python_type_checked = dt.date


class DateTime(_Checked):
    cache_ok = True  # SQLAlchemy asks each class for itself
    impl = types.DateTime
    what = "a date and time"
    python_type_checked = dt.datetime


class Time(_Checked):
    cache_ok = True  # SQLAlchemy asks each class for itself
    impl = types.Time
    what = "a time of day"
    python_type_checked = dt.time


class Boolean(types.TypeDecorator):
    """A yes/no flag: WellPlan writes 0 or 1 in a plan file, and reads nothing else there."""

    impl = types.Boolean
    cache_ok = True

    def result_processor(self, dialect, coltype):
        if dialect.supports_native_boolean:
            return None  # a database server's BOOLEAN column holds nothing but true and false

        def process(value):
            if value is None:
                return None
            if isinstance(value, bool) or value not in (0, 1) or not isinstance(value, int):
                raise unusable(f"This plan holds a yes/no value WellPlan can't read ({str(value)[:40]!r})")
            return value == 1

        return process


# A whole number: SQLite's INTEGER in a plan file (its DDL, and so the schema's signatures, as
# ever), a 64-bit BIGINT on a district's PostgreSQL server, whose INTEGER is 32-bit: a plan file
# holds numbers up to 2**62 (ids, sort orders), and a plan copied to a server must keep them.
WholeNumber = types.BigInteger().with_variant(types.Integer(), "sqlite")


class RecordVersion(types.TypeDecorator):
    """How many times a record was written (``Base.row_version``): a whole number WellPlan counts
    up by one. Another program's text, fraction or huge number there is refused in one sentence
    when the record is read, rather than failing an edit deep inside SQLAlchemy's count."""

    impl = types.BigInteger
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(types.Integer() if dialect.name == "sqlite" else types.BigInteger())

    def result_processor(self, dialect, coltype):
        def process(value):
            if value is None or (type(value) is int and 0 <= value <= 2**62):
                return value
            raise unusable(f"This plan holds a record version WellPlan can't read ({str(value)[:40]!r})")

        return process
