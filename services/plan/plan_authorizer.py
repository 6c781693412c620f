"""SQLite's authorizer on every connection to a plan: only what WellPlan's own statements need.

A second wall behind the schema check in ``plan_schema``: even if a trigger or a view got into a
file, SQLite asks this function before it compiles any statement, including a trigger's body or
a view's query, and it says no to anything that comes from one. It also refuses attaching other
files, changing the schema outside creating and upgrading a plan, writing to ``sqlite_master``,
pragmas WellPlan never issues, and functions that could exhaust memory or load code.
"""

from __future__ import annotations

import sqlite3

# What WellPlan's statements (SQLAlchemy's included) ever ask of SQLite.
_PRAGMAS = frozenset({
    "foreign_keys", "journal_mode", "synchronous", "busy_timeout", "user_version", "application_id",
    "schema_version", "data_version", "quick_check", "integrity_check", "foreign_key_check", "table_info",
    "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list", "page_count", "page_size",
    "freelist_count", "legacy_alter_table", "defer_foreign_keys", "temp_store", "cache_size", "encoding",
    "database_list", "collation_list", "compile_options", "read_uncommitted", "max_page_count",
})
_FUNCTIONS_REFUSED = frozenset({"load_extension", "randomblob", "zeroblob", "fts3_tokenizer", "readfile",
                                "writefile", "edit", "sqlite_offset"})
_SCHEMA_TABLES = frozenset({"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"})

_ALWAYS_REFUSED = frozenset({
    sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH,
    sqlite3.SQLITE_CREATE_TRIGGER, sqlite3.SQLITE_CREATE_TEMP_TRIGGER, sqlite3.SQLITE_DROP_TEMP_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_CREATE_TEMP_VIEW, sqlite3.SQLITE_DROP_TEMP_VIEW,
    sqlite3.SQLITE_CREATE_VTABLE, sqlite3.SQLITE_DROP_VTABLE,
    sqlite3.SQLITE_CREATE_TEMP_TABLE, sqlite3.SQLITE_CREATE_TEMP_INDEX,
})
# Creating and upgrading a plan change its schema; so does removing a stranger with consent.
_SCHEMA_CHANGES = frozenset({
    sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_DROP_TABLE,
    sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_ALTER_TABLE,
})
# Dropping what the schema check found (a trigger or a view) is allowed only when repairing.
_REPAIRS = frozenset({sqlite3.SQLITE_DROP_TRIGGER, sqlite3.SQLITE_DROP_VIEW})


def authorizer(schema_changes: bool = False, repair: bool = False):
    """The callback for ``sqlite3.Connection.set_authorizer``."""

    def decide(action: int, arg1: str | None, arg2: str | None, _db: str | None, source: str | None) -> int:
        if source is not None:  # compiled from inside a trigger or a view
            return sqlite3.SQLITE_DENY
        if action in _ALWAYS_REFUSED:
            return sqlite3.SQLITE_DENY
        if action in _SCHEMA_CHANGES:
            return sqlite3.SQLITE_OK if schema_changes or repair else sqlite3.SQLITE_DENY
        if action in _REPAIRS:
            return sqlite3.SQLITE_OK if repair else sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_PRAGMA:
            return sqlite3.SQLITE_OK if (arg1 or "").lower() in _PRAGMAS else sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION:
            return sqlite3.SQLITE_DENY if (arg2 or "").lower() in _FUNCTIONS_REFUSED else sqlite3.SQLITE_OK
        if action in (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE) and \
                (arg1 or "").lower() in _SCHEMA_TABLES and not (schema_changes or repair):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    return decide
