"""Statements written once, for the paths every change takes.

peewee builds each query's SQL anew — 50 to 150 µs a statement, more than a durable
commit costs on a fast disk — and an audited change runs half a dozen statements. The
few that every change runs (the organization lookup, the audit log's append, a plain
row insert) go through here instead: their SQL is built once per model, field list and
dialect, cached, and run on the driver's cursor inside the caller's transaction, with
values converted by the models' own fields so rows read back exactly as peewee wrote
them. Everything else uses peewee as usual.

SQL here is written with ``?`` placeholders; on PostgreSQL they become ``%s``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

import peewee as pw

from core.database import PostgresqlDatabase, SqliteDatabase, driver_errors, transaction_memo

__all__ = [
    "columns",
    "execute",
    "execute_many",
    "fetch_one",
    "insert",
    "insert_many",
    "insert_many_returning",
    "keep_new_id",
    "new_id_sql",
    "pages",
    "row_instance",
    "select",
    "select_one",
    "snapshot",
    "timestamp",
]

M = TypeVar("M", bound=pw.Model)


def _database(model: type[pw.Model]) -> pw.Database:
    database = model._meta.database
    return getattr(database, "obj", None) or database  # through the DatabaseProxy


@functools.lru_cache(maxsize=256)
def _dialect(sql: str, param: str) -> str:
    return sql if param == "?" else sql.replace("?", param)


def execute(
    database: pw.Database, sql: str, params: Sequence[Any] = (), *, prepared: bool = False
) -> Any:
    """Run ``sql`` (``?`` placeholders) on ``database``; return the driver's cursor.

    On SQLite straight on the connection (peewee's execute_sql adds hooks and logging
    that cost more than the statement), with peewee's errors all the same; the driver
    keeps the prepared statements. ``prepared``: on PostgreSQL, a statement the server
    prepares once per connection — for the few fixed statements every change runs.
    """
    if isinstance(database, pw.SqliteDatabase):
        connection = database.connection()
        if isinstance(database, SqliteDatabase):
            database.readers_wait(connection)  # the busy timeout on outside a transaction
        try:  # peewee's errors: its wrapper only on the way out of a failure
            return connection.execute(sql, params)
        except sqlite3.Error:
            with driver_errors:
                raise
    statement = _dialect(sql, database.param)
    if prepared and isinstance(database, PostgresqlDatabase):
        statement, params = database.prepared(statement, params)
    return database.execute_sql(statement, params)


def execute_many(database: pw.Database, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run ``sql`` once per row: SQLite's ``executemany``; on PostgreSQL psycopg2's
    ``execute_batch``, which sends a page of statements per round trip (its
    ``executemany`` makes one round trip per row)."""
    if isinstance(database, pw.SqliteDatabase):
        database.cursor().executemany(sql, rows)
        return
    from psycopg2.extras import execute_batch

    execute_batch(database.cursor(), _dialect(sql, database.param), rows, page_size=500)


def timestamp(database: pw.Database, value: dt.datetime) -> object:
    """A naive UTC time as peewee stores it: text on SQLite (so that one conversion
    serves a whole batch), the value itself for the PostgreSQL driver."""
    return str(value) if isinstance(database, pw.SqliteDatabase) else value


def fetch_one(
    database: pw.Database, sql: str, params: Sequence[Any] = (), *, prepared: bool = False
) -> tuple[Any, ...] | None:
    """The first row ``sql`` returns, as a tuple, or None."""
    row: tuple[Any, ...] | None = execute(database, sql, params, prepared=prepared).fetchone()
    return row


def snapshot(database: pw.Database) -> AbstractContextManager[object]:
    """A transaction whose reads all see one state of the database, without blocking
    writers: deferred on SQLite (WAL gives it a snapshot), REPEATABLE READ on PostgreSQL."""
    if isinstance(database, pw.SqliteDatabase):
        return database.atomic(lock_type="DEFERRED")
    return database.atomic(isolation_level="REPEATABLE READ")


_cursor_names = itertools.count()


def pages(
    database: pw.Database, sql: str, params: Sequence[Any] = (), batch: int = 1_000
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows ``sql`` returns, a list of up to ``batch`` at a time, never all in
    memory: SQLite's cursor steps through them; on PostgreSQL a server-side cursor
    (``DECLARE`` … ``FETCH``) does, inside the caller's transaction (e.g.
    :func:`snapshot`). A loop over a million rows runs faster over pages than over a
    generator of rows, which costs a resumption per row."""
    if isinstance(database, pw.SqliteDatabase):
        cursor = execute(database, sql, params)
        try:
            while rows := cursor.fetchmany(batch):
                yield rows
        finally:
            cursor.close()
        return
    if not database.in_transaction():
        raise RuntimeError("a server-side cursor lives in a transaction: use sql.snapshot()")
    name = f"zhidu_stream_{next(_cursor_names)}"
    execute(database, f"DECLARE {name} NO SCROLL CURSOR FOR {sql}", params)
    try:
        while rows := execute(database, f"FETCH FORWARD {int(batch)} FROM {name}").fetchall():
            yield rows
    finally:
        execute(database, f"CLOSE {name}")


def _quote(name: str) -> str:
    return f'"{name}"'


@functools.lru_cache(maxsize=128)
def columns(model: type[pw.Model], alias: str = "") -> str:
    """The columns of every field of ``model``, in the order :func:`row_instance` takes
    them, each prefixed with ``alias.`` when given."""
    prefix = f"{_quote(alias)}." if alias else ""
    return ", ".join(prefix + _quote(f.column_name) for f in model._meta.sorted_fields)


# Fields whose ``python_value`` gives back what both drivers return for their columns
# (int, str, None): a row read straight from the cursor needs no conversion there.
_AS_READ = (pw.AutoField, pw.BigAutoField, pw.IntegerField, pw.BigIntegerField, pw.CharField,
            pw.TextField)  # fmt: skip


@functools.lru_cache(maxsize=128)
def _reading(model: type[pw.Model]) -> tuple[tuple[str, ...], tuple[tuple[str, Any], ...]]:
    """The field names of :func:`columns`, and the fields (name, conversion) that
    convert what the driver returns — by exact type: a subclass (JsonField) converts."""
    fields = model._meta.sorted_fields
    converting = tuple((f.name, _reader(f)) for f in fields if type(f) not in _AS_READ)
    return tuple(f.name for f in fields), converting


def _reader(field: pw.Field) -> Any:
    """``field.python_value``; for a time, ISO text read straight by ``fromisoformat``
    first — which peewee's reading tries first too, after rewriting the text (the
    organization read on every change has one)."""
    if type(field) is not pw.DateTimeField:
        return field.python_value
    python_value = field.python_value

    def read_time(value: Any) -> Any:
        if type(value) is str:
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                pass
        return python_value(value)

    return read_time


def row_instance(model: type[M], values: Sequence[Any]) -> M:
    """A row of ``model`` from the values of its :func:`columns`, as peewee makes a row
    it read (converted by the fields, nothing dirty)."""
    names, converting = _reading(model)
    data = dict(zip(names, values, strict=True))
    for name, python_value in converting:
        data[name] = python_value(data[name])
    instance: Any = model.__new__(model)  # what Model.__init__(__no_default__=1) sets
    instance.__data__, instance._dirty, instance.__rel__ = data, set(), {}
    return instance


@functools.lru_cache(maxsize=128)
def _select_sql(model: type[pw.Model], by: tuple[str, ...], limit: str) -> str:
    where = " AND ".join(f"{_quote(model._meta.combined[name].column_name)} = ?" for name in by)
    table = _quote(model._meta.table_name)
    return f'SELECT {columns(model)} FROM {table} WHERE {where} ORDER BY "id"{limit}'


def _params(model: type[pw.Model], equal: Mapping[str, Any]) -> list[Any]:
    return [model._meta.combined[name].db_value(value) for name, value in equal.items()]


def select_one(model: type[M], **equal: Any) -> M | None:
    """The row of ``model`` whose fields equal ``equal`` (the first, by id), or None.

    Like ``model.get_or_none(...)`` for equality lookups, without building the query.
    """
    sql = _select_sql(model, tuple(equal), " LIMIT 1")
    row = fetch_one(_database(model), sql, _params(model, equal), prepared=True)
    return None if row is None else row_instance(model, row)


def select(model: type[M], **equal: Any) -> list[M]:
    """Every row of ``model`` whose fields equal ``equal``, by id.

    Like ``list(model.select().where(...).order_by(model.id))`` for equality lookups,
    without building the query: for the few rows a service reads on every call.
    """
    sql = _select_sql(model, tuple(equal), "")
    cursor = execute(_database(model), sql, _params(model, equal), prepared=True)
    return [row_instance(model, row) for row in cursor]


@functools.lru_cache(maxsize=128)
def _insert_sql(model: type[pw.Model], names: tuple[str, ...], returning: bool) -> str:
    table = _quote(model._meta.table_name)
    columns = ", ".join(_quote(model._meta.combined[name].column_name) for name in names)
    marks = ", ".join("?" for _ in names)
    values = f"({columns}) VALUES ({marks})" if names else "DEFAULT VALUES"
    return f"INSERT INTO {table} {values}" + (' RETURNING "id"' if returning else "")


# Fields whose ``db_value`` returns a value of one exact type as it is: text for text
# fields, an int for integer fields and keys to an integer id, a date for date fields
# (JsonField, a subclass, encodes: by exact type only).
_AS_GIVEN: dict[type[pw.Field], type] = {
    pw.CharField: str, pw.TextField: str, pw.IntegerField: int, pw.BigIntegerField: int,
    pw.AutoField: int, pw.BigAutoField: int, pw.DateField: dt.date,
}  # fmt: skip


def _given_type(field: pw.Field) -> type | None:
    """The exact type whose values ``field.db_value`` leaves as they are, if any."""
    if type(field) is pw.ForeignKeyField:
        return _given_type(field.rel_field)
    return _AS_GIVEN.get(type(field))


@functools.lru_cache(maxsize=128)
def _writing(model: type[pw.Model]) -> dict[str, tuple[type | None, Any]]:
    """Per field name: the type :func:`_given_type` finds, and the field's ``db_value``."""
    fields = model._meta.combined
    return {name: (_given_type(field), field.db_value) for name, field in fields.items()}


def _db_values(model: type[pw.Model], names: Sequence[str], values: Iterable[Any]) -> list[Any]:
    """``values`` converted by their fields, as peewee converts what it writes — a value
    the conversion would leave as it is, without the call."""
    writing = _writing(model)
    converted = []
    for name, value in zip(names, values, strict=True):
        given, db_value = writing[name]
        converted.append(value if type(value) is given else db_value(value))
    return converted


def insert(model: type[pw.Model], values: Mapping[str, Any]) -> int:
    """Insert one row of ``model`` (field name → Python value); return its id.

    On PostgreSQL, when the transaction already drew the new row's id
    (:func:`keep_new_id`), the row goes to the server with the transaction's next
    statement or its COMMIT, as the audit entry does: no round trip of its own. A row
    the server refuses then fails that statement, and the whole transaction with it.
    """
    database = _database(model)
    # A None is left out and the column takes NULL (no table has a default in the
    # database): binding a dozen NULLs cost more than the rest of the insert.
    values = {name: value for name, value in values.items() if value is not None}
    names = tuple(values)
    if isinstance(database, PostgresqlDatabase) and "id" not in values:
        kept = _kept_id(database, model._meta.table_name)
        if kept is not None:
            statement = _dialect(_insert_sql(model, ("id", *names), False), "%s")
            row = [kept, *_db_values(model, names, values.values())]
            database.send_with_commit(*database.prepared(statement, row))
            return kept
    returning = not isinstance(database, pw.SqliteDatabase)
    cursor = execute(
        database,
        _insert_sql(model, names, returning),
        _db_values(model, names, values.values()),
        prepared=True,
    )
    new_id: int = cursor.fetchone()[0] if returning else cursor.lastrowid
    return new_id


_NEW_ID = "sql.new_id"


def new_id_sql(table: str) -> str:
    """SQL for the next id of ``table``'s ``id`` column, from its sequence (PostgreSQL):
    a column to add to a statement that a change runs anyway (core.audit.log)."""
    return f"nextval(pg_get_serial_sequence('{_quote(table)}', 'id'))"


def keep_new_id(database: pw.Database, table: str, new_id: int) -> None:
    """Keep ``new_id``, drawn from :func:`new_id_sql` in the transaction under way, for
    the next :func:`insert` into ``table`` in it (on SQLite there is nothing to keep:
    the insert's ``lastrowid`` costs no round trip). Ids are drawn while the transaction
    holds the audit log, so they follow the order of commits as the server's own do; a
    change that fails after drawing one leaves a gap, as a rolled-back insert does."""
    transaction_memo(database)[_NEW_ID] = (table, new_id)


def _kept_id(database: PostgresqlDatabase, table: str) -> int | None:
    memo = transaction_memo(database)
    kept = memo.get(_NEW_ID)
    if kept is None or kept[0] != table:
        return None
    del memo[_NEW_ID]
    new_id: int = kept[1]
    return new_id


def insert_many_returning(
    model: type[pw.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """As :func:`insert_many`, and return the new rows' ids in the order of ``rows``.

    Must run inside the caller's transaction. On SQLite that transaction holds the
    write lock (IMMEDIATE), and a table without AUTOINCREMENT gives each new row the
    largest id so far plus one, so the ids are the ones after the maximum before. On
    PostgreSQL the rows go in pages of multi-row ``INSERT … RETURNING "id"``
    (psycopg2's ``execute_values``).
    """
    database = _database(model)
    if not database.in_transaction():
        raise RuntimeError("insert_many_returning runs inside the caller's transaction")
    table = _quote(model._meta.table_name)
    if isinstance(database, pw.SqliteDatabase):
        found = fetch_one(database, f'SELECT max("id") FROM {table}')
        start = (found[0] if found else None) or 0
        insert_many(model, names, rows)
        return list(range(start + 1, start + 1 + len(rows)))
    from psycopg2.extras import execute_values

    columns = ", ".join(_quote(model._meta.combined[name].column_name) for name in names)
    sql = f'INSERT INTO {table} ({columns}) VALUES %s RETURNING "id"'
    returned = execute_values(database.cursor(), sql, rows, page_size=1000, fetch=True)
    return [row[0] for row in returned]


def insert_many(model: type[pw.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows of ``model`` given as value tuples in the order of ``names``, through
    the driver's ``executemany`` (already-converted database values); return how many."""
    batch = rows if isinstance(rows, list) else list(rows)
    execute_many(_database(model), _insert_sql(model, tuple(names), False), batch)
    return len(batch)
