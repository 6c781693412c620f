"""Every record of a plan, copied from one database to another: a plan file to a district's
PostgreSQL server and back (issue 22's ``copy`` command is built on this).

The copy goes table by table in the order their links allow (a school before the people in it),
through the models' own column types, so what arrives is what WellPlan reads: a value another
program wrote that WellPlan can't read stops the copy with that value's sentence
(``StoredValueError``) rather than being carried to the server. Ids are kept as they are: links,
undo and the releases' ledger name records by id. A server's id counters are then set past the
copied ids, so the next record added there gets a new one.

The target must hold the current schema and no records; the caller makes it (a new plan file, or
a new database on the server) and commits or discards the copy as one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import Connection, Table, func, insert, select, text

from models.base import Base

BATCH_ROWS = 2000  # rows read and written at a time: a survey wave's answers are large blobs


def tables_in_link_order() -> list[Table]:
    """Every table of a plan, each after the tables its links point to."""
    import models  # noqa: F401  (registers every table on Base.metadata)

    return list(Base.metadata.sorted_tables)


def copy_records(source: Connection, target: Connection,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Copy every row of every table from ``source`` to ``target`` (both in a transaction the caller
    ends); returns the number of rows copied by table name. Raises ``ValueError`` if the target
    already holds records."""
    tables = tables_in_link_order()
    filled = [table.name for table in tables if target.scalar(select(func.count()).select_from(table))]
    if filled:
        raise ValueError(f"the target already holds records (in {', '.join(filled)})")
    copied: dict[str, int] = {}
    for done, table in enumerate(tables):
        copied[table.name] = 0
        for rows in _batches(source, table):
            target.execute(insert(table), rows)
            copied[table.name] += len(rows)
        if progress is not None:
            progress(done + 1, len(tables))
    if target.dialect.name == "postgresql":
        _advance_id_counters(target, tables)
    return copied


def _batches(source: Connection, table: Table) -> Iterator[list[dict]]:
    # In the primary key's order, so the target's rows are written in the order of the source's.
    order = list(table.primary_key.columns) or list(table.columns)
    result = source.execute(select(table).order_by(*order)).mappings()
    while rows := result.fetchmany(BATCH_ROWS):
        yield [dict(row) for row in rows]


def _advance_id_counters(target: Connection, tables: list[Table]) -> None:
    """A server numbers new records from a sequence per table, which the copied ids did not use."""
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not key[0].autoincrement or key[0].type.python_type is not int:
            continue
        sequence = target.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                 {"table": table.name, "column": key[0].name})
        if sequence is None:
            continue
        highest = target.scalar(select(func.max(key[0])))
        # is_called false with 1: the next id is 1; true with the highest: the next is one more.
        target.execute(text("SELECT setval(:sequence, :value, :called)"),
                       {"sequence": sequence, "value": highest or 1, "called": highest is not None})
