"""Opening the database: SQLite in the user data folder by default, or any URL.

The URL comes from ``--db``, else ``ZHIDU_DB``, else ``sqlite:///<user data dir>/zhidu.db``
(platformdirs). SQLite runs in WAL mode with foreign keys on, a busy timeout, durable
commits (``synchronous=FULL``) and IMMEDIATE transactions, so writers in separate
processes take turns instead of failing halfway; a writer waits for its turn up to
:data:`WRITE_WAIT` seconds (:class:`SqliteDatabase`). PostgreSQL URLs
(``postgresql://user:pass@host/db``) need the ``postgres`` extra (psycopg2).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from core.errors import Busy, ConfigurationError

__all__ = [
    "SQLITE_PRAGMAS",
    "WRITE_WAIT",
    "PostgresqlDatabase",
    "SqliteDatabase",
    "connect",
    "database_url",
    "db",
    "default_url",
    "is_sqlite",
    "redacted",
    "sqlite_path",
    "using",
]

#: The proxy every model binds to; :func:`connect` points it at a real database.
db = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,  # ms: wait for another writer instead of failing
    "synchronous": "full",  # a committed change survives a power cut (WAL + FULL)
}

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
    timeout.
    """

    def begin(self, lock_type: str | None = None) -> None:
        if (lock_type or getattr(self, "_lock_type", None)) not in ("IMMEDIATE", "EXCLUSIVE"):
            super().begin(lock_type)
            return
        connection = self.connection()
        deadline = time.monotonic() + WRITE_WAIT
        pause = 0.001
        connection.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    super().begin(lock_type)
                    return
                except peewee.OperationalError as error:
                    if "database is locked" not in str(error):
                        raise
                    if time.monotonic() > deadline:
                        raise Busy(
                            f"the database is busy: another process kept writing for "
                            f"{WRITE_WAIT:g} s; nothing was changed — try again (数据库忙，请重试)"
                        ) from error
                time.sleep(pause * random.uniform(0.5, 1.5))
                pause = min(pause * 1.5, 0.01)
        finally:
            connection.execute(f"PRAGMA busy_timeout = {SQLITE_PRAGMAS['busy_timeout']}")


class PostgresqlDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL whose write transactions can lock the audit log as they begin.

    ``atomic(lock_audit_log=True)`` (what ``Context.transaction`` asks for) sends BEGIN
    and the log row's ``SELECT … FOR UPDATE`` in one round trip: every writer then
    locks the log first, so writers take turns and lock rows in one order (see
    core.services.context).
    """

    def begin(self, isolation_level: str | None = None, lock_audit_log: bool = False) -> None:
        if not lock_audit_log:
            super().begin(isolation_level)
            return
        self.execute_sql('BEGIN; SELECT "id" FROM "audit_log" ORDER BY "id" LIMIT 1 FOR UPDATE')


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
