"""Opening the database: SQLite in the user data folder by default, or any URL.

The URL comes from ``--db``, else ``ZHIDU_DB``, else ``sqlite:///<user data dir>/zhidu.db``
(platformdirs). SQLite runs in WAL mode with foreign keys on, a busy timeout, durable
commits (``synchronous=FULL``) and IMMEDIATE transactions, so writers in separate
processes take turns instead of failing halfway. PostgreSQL URLs
(``postgresql://user:pass@host/db``) need the ``postgres`` extra (psycopg2).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from core.errors import ConfigurationError

__all__ = [
    "SQLITE_PRAGMAS",
    "connect",
    "database_url",
    "db",
    "default_url",
    "is_sqlite",
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
        database: peewee.Database = peewee.SqliteDatabase(
            ":memory:", pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE"
        )
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///")).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigurationError(f"database folder {path.parent}: {error.strerror}") from None
        database = peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    elif url.startswith(("postgresql://", "postgres://")):
        from playhouse.db_url import connect as url_connect

        try:
            database = url_connect(url)
        except ImportError:
            raise ConfigurationError(
                "PostgreSQL needs the driver: pip install 'zhidu[postgres]'"
            ) from None
    else:
        raise ConfigurationError(
            f"database URL {url!r}: use sqlite:///PATH or postgresql://USER@HOST/NAME"
        )
    try:
        database.connect(reuse_if_open=True)
    except peewee.OperationalError as error:
        raise ConfigurationError(f"cannot open database {url!r}: {error}") from None
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
