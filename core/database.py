"""Opening the database: SQLite in the user data folder by default, or any URL.

The URL comes from ``--db``, else ``ZHIDU_DB``, else ``sqlite:///<user data dir>/zhidu.db``
(platformdirs). SQLite runs in WAL mode with foreign keys on, a busy timeout, durable
commits (``synchronous=FULL``) and IMMEDIATE transactions, so writers in separate
processes take turns instead of failing halfway; a writer waits for its turn up to
:data:`WRITE_WAIT` seconds (:class:`SqliteDatabase`). PostgreSQL URLs
(``postgresql://user:pass@host/db``) need the ``postgres`` extra (psycopg2).
"""

from __future__ import annotations

import functools
import itertools
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee

from core.errors import Busy, ConfigurationError

__all__ = [
    "SQLITE_PRAGMAS",
    "WAIT_MS",
    "WRITE_WAIT",
    "PostgresqlDatabase",
    "SqliteDatabase",
    "connect",
    "database_url",
    "db",
    "default_url",
    "driver_errors",
    "is_sqlite",
    "redacted",
    "sqlite_path",
    "transaction_memo",
    "using",
]

#: The proxy every model binds to; :func:`connect` points it at a real database.
db = peewee.DatabaseProxy()

WAIT_MS = 10_000  # SQLite's busy timeout: wait for another writer instead of failing

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": WAIT_MS,
    "synchronous": "full",  # a committed change survives a power cut (WAL + FULL)
}

#: peewee's translation of driver errors into its own (IntegrityError …); core.sql's too
driver_errors = getattr(peewee, "__exception_wrapper__")  # noqa: B009 — not in peewee's stubs


def _thread_state(database: peewee.Database) -> Any:
    """peewee's connection state of ``database``, one per thread: where the subclasses
    below keep what belongs to the connection (its busy timeout, what waits, what is
    prepared)."""
    return vars(database)["_state"]


def transaction_memo(database: peewee.Database) -> dict[str, Any]:
    """A dict that lives as long as the outermost transaction under way on ``database``
    in this thread (a new, empty one in the next; outside a transaction, one that
    nobody sees again): for what one statement read that a later one in the same
    transaction may take instead of asking again. Nothing in zhidu commits in the
    middle of a transaction (peewee's ``commit(begin=True)``), which would end the
    transaction without ending the memo.
    """
    state = _thread_state(database)
    if not state.transactions:
        return {}
    outermost = state.transactions[0]
    memo = getattr(state, "memo", None)
    if memo is None or memo[0] is not outermost:
        memo = state.memo = (outermost, {})
    return memo[1]


#: Seconds a SQLite write transaction waits for its turn before it gives up (Busy).
WRITE_WAIT = 30.0


class SqliteDatabase(peewee.SqliteDatabase):
    """SQLite whose write transactions wait their turn without being starved.

    SQLite's own busy handler retries a locked database ever more slowly, at last every
    100 ms, while a process that has just committed asks again at once and wins: with
    several processes writing steadily, one of them waited past the 10 s busy timeout
    and failed with "database is locked" (bench/concurrency.py, 8 processes × 500
    changes, before this class). So BEGIN IMMEDIATE (or EXCLUSIVE) asks without SQLite's
    handler and, while another writer holds the lock, asks again after a random pause
    of 1 ms growing to 10 ms, for up to :data:`WRITE_WAIT` seconds; then it raises
    :class:`~core.errors.Busy` (one line; nothing was changed). Only BEGIN is retried,
    and nothing has happened in the transaction yet, so asking again is always safe.
    Other statements, and DEFERRED transactions (readers' snapshots), keep SQLite's busy
    timeout. It is switched off for a BEGIN and left off while writes follow one another
    (switching it off and on again cost a tenth of one audited change), and switched
    back on before anything else runs: a reader's BEGIN, a statement outside a
    transaction (:meth:`cursor`; core.sql's straight path calls :meth:`readers_wait`).
    """

    def atomic(self, *args: Any, **kwargs: Any) -> Any:
        """peewee's ``atomic``; with no arguments (a write transaction, as
        ``Context.transaction`` asks), one that costs less (:class:`_WriteTransaction`)."""
        if args or kwargs:
            return super().atomic(*args, **kwargs)
        return _WriteTransaction(self)

    def begin(self, lock_type: str | None = None) -> None:
        lock_type = lock_type or vars(self).get("_lock_type")
        if lock_type not in ("IMMEDIATE", "EXCLUSIVE"):
            self.readers_wait()
            super().begin(lock_type)
            return
        connection = self.connection()
        self._busy_timeout(connection, 0)
        try:  # the lock is free nearly always: no deadline to start, no wrapper to enter
            connection.execute(f"BEGIN {lock_type}")
            return
        except sqlite3.Error as error:
            if "database is locked" not in str(error):
                with driver_errors:  # as peewee's errors, like every other statement's
                    raise
        deadline = time.monotonic() + WRITE_WAIT
        pause = 0.001
        while True:
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 1.5, 0.01)
            try:
                with driver_errors:
                    connection.execute(f"BEGIN {lock_type}")
                return
            except peewee.OperationalError as error:
                if "database is locked" not in str(error):
                    raise
                if time.monotonic() > deadline:
                    raise Busy(
                        f"the database is busy: another process kept writing for "
                        f"{WRITE_WAIT:g} s; nothing was changed — try again (数据库忙，请重试)"
                    ) from error

    def cursor(self, named_cursor: Any = None) -> Any:
        self.readers_wait()
        return super().cursor(named_cursor)

    def commit(self) -> None:
        # Straight on the connection: peewee's asks for a cursor first, whose
        # readers_wait finds the transaction still open and does nothing.
        connection = _thread_state(self).conn
        if connection is None:
            raise peewee.InterfaceError("Cannot commit, database connection not open.")
        try:  # peewee's wrapper only on the way out of a failure: entering it costs
            connection.execute("COMMIT")
        except sqlite3.Error:
            with driver_errors:
                raise

    def readers_wait(self, connection: Any = None) -> None:
        """SQLite's busy timeout back on, unless a transaction is under way on the
        connection (SQLite's own state: peewee forgets its transaction before COMMIT)."""
        connection = connection or self.connection()
        if not connection.in_transaction:
            self._busy_timeout(connection, WAIT_MS)

    def _busy_timeout(self, connection: Any, ms: int) -> None:
        # Switched only when it must change: changes one after another keep it off, and
        # inside a write transaction nothing waits on another connection (WAL).
        state = _thread_state(self)
        if getattr(state, "busy_timeout", None) != (connection, ms):
            connection.execute(f"PRAGMA busy_timeout = {ms}")
            state.busy_timeout = (connection, ms)


def _callbacks(database: peewee.Database, what: str) -> None:
    """peewee's commit callbacks (``after_commit``): run them, or clear them."""
    getattr(database, f"_{what}_commit_callbacks")()  # not in peewee's stubs


class _WriteTransaction:
    """peewee's ``atomic()`` on SQLite, in one object: the outermost transaction (BEGIN,
    IMMEDIATE as :func:`connect` sets, … COMMIT, or ROLLBACK on an exception), or a
    savepoint inside one.

    Every audited change enters one, and peewee's own — ``_atomic`` handing over to a
    ``_transaction``, each asking the depth and the connection again — cost twice the
    BEGIN and the COMMIT themselves. It keeps peewee's bookkeeping: it is on the
    connection's stack of transactions while it runs (``in_transaction``, a nested
    ``atomic()`` makes a savepoint, :func:`transaction_memo`), and commit callbacks run.
    """

    __slots__ = ("_database", "_savepoint")

    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database
        self._savepoint: Any = None

    def __enter__(self) -> Any:
        database = self._database
        state = _thread_state(database)
        if state.transactions:  # inside another: peewee's savepoint
            self._savepoint = database.savepoint()
            return self._savepoint.__enter__()
        database.begin()  # the lock type :func:`connect` sets: IMMEDIATE
        state.transactions.append(self)  # after: opening the connection starts a new list
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if self._savepoint is not None:
            self._savepoint.__exit__(kind, error, trace)
            return
        database = self._database
        state = _thread_state(database)
        state.transactions.pop()
        if kind is not None:
            self.rollback(False)
            return
        try:
            database.commit()
        except Exception:
            self.rollback(False)
            raise
        if state.commit_callbacks:
            _callbacks(database, "run")

    def __call__(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """As a decorator, like peewee's: ``function`` runs in a transaction of its own."""

        @functools.wraps(function)
        def in_transaction(*args: Any, **kwargs: Any) -> Any:
            with _WriteTransaction(self._database):
                return function(*args, **kwargs)

        return in_transaction

    def commit(self, begin: bool = True) -> None:
        """As peewee's: commit, and begin again unless ``begin`` is False."""
        self._database.commit()
        _callbacks(self._database, "run")
        if begin:
            self._database.begin()

    def rollback(self, begin: bool = True) -> None:
        self._database.rollback()
        _callbacks(self._database, "clear")
        if begin:
            self._database.begin()


_LOCK_AUDIT_LOG = 'BEGIN; SELECT "id" FROM "audit_log" ORDER BY "id" LIMIT 1 FOR UPDATE'
_BEGINNINGS = ([(_LOCK_AUDIT_LOG, ())], [("BEGIN", ())])  # nothing sent yet


class PostgresqlDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL whose write transactions lock the audit log as they begin, in as few
    round trips to the server as the statements allow.

    ``atomic(lock_audit_log=True)`` (what ``Context.transaction`` asks for) begins by
    locking the log row (``SELECT … FOR UPDATE``): every writer locks the log first, so
    writers take turns and lock rows in one order (see core.services.context). The
    BEGIN and the lock are not sent on their own: they go with the transaction's first
    statement. And statements whose results nobody reads — the audit entry and the log's
    new frontier (:meth:`send_with_commit`) — wait for the next statement or go with the
    COMMIT. What waits is sent, in order, before anything else reaches the server (any
    statement, any cursor handed out, a savepoint), so the transaction sees what it did;
    a rollback drops it. A new row waits too when its id was drawn beforehand
    (core.sql.insert). One audited change was six round trips; adding a person is two:
    the organization's row and a new id read with the BEGIN and the log's lock, then
    the new row, the audit entry and the log's update with the COMMIT.
    """

    def begin(self, isolation_level: str | None = None, lock_audit_log: bool = False) -> None:
        if not lock_audit_log:
            self._send_waiting()
            super().begin(isolation_level)
            return
        self.connection()  # opened now: opening it later would reset peewee's transactions
        self._local.waiting = [(_LOCK_AUDIT_LOG, ())]

    def log_locked_by_next(self) -> None:
        """The transaction's next statement locks the audit log row itself (as the
        organization read for a change does, core.audit.log): its BEGIN goes without
        the lock statement, which the server would otherwise plan and run as well."""
        waiting = getattr(self._local, "waiting", None)
        if waiting == _BEGINNINGS[0]:
            waiting[0] = _BEGINNINGS[1][0]

    def send_with_commit(self, sql: str, params: tuple[object, ...]) -> None:
        """Send ``sql`` (``%s`` placeholders, no result wanted) with the transaction's next
        statement or its COMMIT."""
        if not self.in_transaction():
            raise RuntimeError("send_with_commit is for a statement inside a transaction")
        self._waiting().append((sql, params))

    def prepared(self, sql: str, params: Sequence[object]) -> tuple[str, tuple[object, ...]]:
        """``sql`` (one statement, ``%s`` placeholders) as the ``EXECUTE`` of a statement
        the server prepared once for this connection, and its parameters.

        For the statements every change runs: the server then parses and plans them
        once, not on every change (the audit log's lock query took 66 µs to plan and
        run, 24 µs prepared). The first use sends the ``PREPARE`` with it."""
        names = self._prepared_names()
        execute = names.get(sql)  # the EXECUTE, once prepared on this connection
        if execute is not None:
            return execute, tuple(params)
        if "%" in sql.replace("%s", ""):
            raise ValueError(f"a prepared statement takes %s placeholders only: {sql}")
        name = f"zhidu_{next(_prepared)}"  # never reused: see _forget_prepared
        count = sql.count("%s")
        execute = names[sql] = (
            f"EXECUTE {name}({', '.join(['%s'] * count)})" if count else f"EXECUTE {name}"
        )
        pieces = sql.split("%s")
        numbered = "".join(f"{piece}${n}" for n, piece in enumerate(pieces[:-1], 1)) + pieces[-1]
        return f"PREPARE {name} AS {numbered}; {execute}", tuple(params)

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        waiting = self._take_waiting()
        if waiting:  # one round trip: what waits, then this statement (its result returned)
            waiting.append((sql, tuple(params or ())))
            sql, params = _joined(waiting)
        try:
            return super().execute_sql(sql, params)
        except Exception:
            self._forget_prepared()
            raise

    def cursor(self, named_cursor: Any = None) -> Any:
        self._send_waiting()  # a cursor handed out runs its own statements next
        return super().cursor(named_cursor)

    def commit(self) -> None:
        waiting = self._take_waiting()
        if waiting is None or waiting in _BEGINNINGS:
            if waiting is None:  # else nothing reached the server: nothing to commit
                super().commit()
            return
        sql, params = _joined([*waiting, ("COMMIT", ())])
        self._send(sql, params)

    def rollback(self) -> None:
        waiting = self._take_waiting()
        if waiting and waiting[:1] in _BEGINNINGS:
            return  # the BEGIN never left: there is no transaction on the server
        super().rollback()

    def close(self) -> bool:
        self._take_waiting()
        return bool(super().close())

    @property
    def _local(self) -> Any:
        return vars(self)["_state"]  # _thread_state's, inlined: several times a change

    def _waiting(self) -> list[tuple[str, tuple[object, ...]]]:
        state = self._local
        waiting = getattr(state, "waiting", None)
        if waiting is None:
            waiting = state.waiting = []
        return waiting

    def _take_waiting(self) -> list[tuple[str, tuple[object, ...]]] | None:
        state = self._local
        waiting = getattr(state, "waiting", None)
        if waiting is None:  # most calls: nothing waits, nothing to clear
            return None
        state.waiting = None
        return waiting or None

    def _send_waiting(self) -> None:
        waiting = self._take_waiting()
        if waiting:
            self._send(*_joined(waiting))

    def _send(self, sql: str, params: tuple[object, ...]) -> None:
        try:
            with driver_errors:
                super().cursor().execute(sql, params)
        except Exception:
            self._forget_prepared()
            raise

    def _prepared_names(self) -> dict[str, str]:
        """This connection's prepared statements, each statement's ``EXECUTE`` by its SQL
        (a new connection has none)."""
        connection = self.connection()
        state = self._local
        known = getattr(state, "prepared", None)
        if known is None or known[0] is not connection:
            known = state.prepared = (connection, {})
        return known[1]

    def _forget_prepared(self) -> None:
        """After an error, prepare again under new names: a PREPARE sent with a failed
        statement may or may not have run (and is not undone by a rollback)."""
        self._local.prepared = None


def _joined(statements: list[tuple[str, tuple[object, ...]]]) -> tuple[str, tuple[object, ...]]:
    """Statements as one string for one round trip (the driver binds ``%s`` in order)."""
    return "; ".join(sql for sql, _ in statements), tuple(p for _, ps in statements for p in ps)


_prepared = itertools.count(1)


def redacted(url: str) -> str:
    """``url`` fit to print: a password in it replaced by ``***``."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def default_url() -> str:
    import platformdirs  # only when no URL was given

    folder = Path(platformdirs.user_data_dir("zhidu", appauthor=False))
    return f"sqlite:///{folder / 'zhidu.db'}"


def database_url(given: str | None = None) -> str:
    """The URL to use: the one given, else ``ZHIDU_DB``, else the default file."""
    return given or os.environ.get("ZHIDU_DB") or default_url()


def connect(url: str) -> peewee.Database:
    """Open ``url`` and bind the model proxy to it."""
    if url == "sqlite:///:memory:" or url == ":memory:":
        database: peewee.Database = SqliteDatabase(
            ":memory:", pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE"
        )
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///")).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigurationError(f"database folder {path.parent}: {error.strerror}") from None
        database = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    elif url.startswith(("postgresql://", "postgres://")):
        from playhouse.db_url import parse

        try:
            import psycopg2  # noqa: F401
        except ImportError:
            raise ConfigurationError(
                "PostgreSQL needs the driver: pip install 'zhidu[postgres]'"
            ) from None
        # a password with reserved characters is written percent-encoded in the URL
        database = PostgresqlDatabase(**parse(url, unquote_password=True, unquote_user=True))
    else:
        raise ConfigurationError(
            f"database URL {redacted(url)!r}: use sqlite:///PATH or postgresql://USER@HOST/NAME"
        )
    try:
        database.connect(reuse_if_open=True)
    except peewee.OperationalError as error:
        message = str(error).replace(url, redacted(url))
        raise ConfigurationError(f"cannot open database {redacted(url)!r}: {message}") from None
    db.initialize(database)
    return database


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL, or None for another kind of database."""
    return (
        Path(url.removeprefix("sqlite:///")).expanduser() if url.startswith("sqlite:///") else None
    )


def is_sqlite(database: peewee.Database | None = None) -> bool:
    target = database or db.obj
    return isinstance(target, peewee.SqliteDatabase)


@contextmanager
def using(url: str) -> Iterator[peewee.Database]:
    """Bind the models to another database for a while (e.g. a backup being checked),
    then back to the one bound before."""
    previous = db.obj
    other = connect(url)
    try:
        yield other
    finally:
        other.close()
        db.initialize(previous)
