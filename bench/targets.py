"""The databases a benchmark runs on: SQLite files in a folder, or a PostgreSQL server.

Every scenario gets fresh, empty databases from its :class:`Target` — one for zhidu, one
for the baseline — and a raw driver connection with the same settings zhidu uses
(SQLite: WAL, ``synchronous=FULL``, foreign keys; PostgreSQL: the server's defaults,
``synchronous_commit`` on), so a baseline is what the driver alone does on the same kind
of database, in the same run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from pathlib import Path
from typing import Any

import attrs

from core.database import SQLITE_PRAGMAS

__all__ = ["Target"]

_names = itertools.count(1)


@attrs.frozen
class Target:
    """SQLite (``server`` None) or the PostgreSQL server at ``server`` (no database name)."""

    folder: Path
    server: str | None = None

    @property
    def kind(self) -> str:
        return "sqlite" if self.server is None else "postgresql"

    @property
    def param(self) -> str:
        """The driver's placeholder."""
        return "?" if self.server is None else "%s"

    def fresh(self, label: str) -> str:
        """The URL of a new, empty database."""
        name = f"bench_{label}_{os.getpid()}_{next(_names)}"
        if self.server is None:
            return f"sqlite:///{self.folder / name}.db"
        with self._admin() as admin, admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        return f"{self.server.rstrip('/')}/{name}"

    def drop_all(self) -> None:
        """Remove the PostgreSQL databases this process made (SQLite files go with the folder)."""
        if self.server is None:
            return
        with self._admin() as admin, admin.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                (f"bench_%_{os.getpid()}_%",),
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self) -> Any:
        import psycopg2

        conn = psycopg2.connect(f"{self.server.rstrip('/')}/postgres")  # type: ignore[union-attr]
        conn.autocommit = True
        return contextlib.closing(conn)

    def raw(self, url: str) -> Any:
        """A DB-API connection to ``url`` straight from the driver, zhidu's settings, in
        manual-commit mode (SQLite: ``isolation_level=None`` and explicit BEGIN)."""
        if self.server is None:
            conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            for pragma, value in SQLITE_PRAGMAS.items():
                conn.execute(f"PRAGMA {pragma}={value}")
            return conn
        import psycopg2

        return psycopg2.connect(url)

    def begin(self, conn: Any) -> None:
        """Start a write transaction as zhidu does (SQLite: BEGIN IMMEDIATE)."""
        if self.server is None:
            conn.execute("BEGIN IMMEDIATE")

    def commit(self, conn: Any) -> None:
        if self.server is None:
            conn.execute("COMMIT")
        else:
            conn.commit()

    def settle(self, url: str, *tables: str) -> None:
        """After a bulk load, bring ``tables`` to where autovacuum would bring them
        (PostgreSQL: ``VACUUM (ANALYZE)``), so that it does not run, nor plans go stale,
        while a measurement is taken. SQLite has no such thing to wait for."""
        if self.server is None:
            return
        conn = self.raw(url)
        conn.autocommit = True  # VACUUM runs outside a transaction
        try:
            with conn.cursor() as cursor:
                for table in tables:
                    cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        finally:
            conn.close()

    def deployment(self, label: str) -> tuple[Any, str, Path]:
        """A fresh database set up as ``zhidu init`` does: (context, URL, key file)."""
        from core.shell import initialize

        url = self.fresh(label)
        key_file = self.folder / f"{label}-{os.getpid()}-{next(_names)}.key"
        ctx, _, _ = initialize(url, key_file=key_file)
        return ctx, url, key_file
