"""The schema migration runner: every component's migrations, one history table.

A migration belongs to a component (``core`` or a plugin's name) and is keyed by
``(component, name)`` — two components' ``0001_initial`` never collide. Each declares
what it depends on; within a component each migration also depends on the one before
it. The runner orders them by dependency, applies each one not yet applied in one
transaction together with its history row, and stops at the first failure (that
migration is rolled back; those before it stay applied). Running it again is a no-op.

A component keeps its migrations as modules ``mNNNN_description.py`` in a package
(``migrations/`` for the core, ``plugins/<name>/migrations/`` for a plugin), each with
``up(migrator, db)`` and optionally ``DEPENDS_ON = (("core", "0001_initial"), …)``.
Schema work uses ``playhouse.migrate``; new tables are declared inline as frozen
copies, independent of the application's models.
"""

from __future__ import annotations

import datetime as dt
import heapq
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import peewee as pw
from playhouse.migrate import SchemaMigrator

from core.errors import MigrationError

__all__ = ["Migration", "applied", "migrate", "migrations_from_package", "pending"]

MigrationKey = tuple[str, str]
_MODULE = re.compile(r"^m(\d{4}_\w+)$")


@attrs.frozen
class Migration:
    """One schema migration of one component."""

    component: str
    name: str
    up: Callable[[Any, pw.Database], None] = attrs.field(eq=False, repr=False)
    depends_on: tuple[MigrationKey, ...] = ()

    @property
    def key(self) -> MigrationKey:
        return (self.component, self.name)

    def __str__(self) -> str:
        return f"{self.component}/{self.name}"


def migrations_from_package(component: str, package: str) -> tuple[Migration, ...]:
    """The migrations in ``package`` (modules ``mNNNN_name``), each after the last."""
    pkg = importlib.import_module(package)
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if _MODULE.match(m.name))
    result: list[Migration] = []
    for module_name in names:
        module = importlib.import_module(f"{package}.{module_name}")
        depends = tuple(tuple(d) for d in getattr(module, "DEPENDS_ON", ()))
        if result:  # each migration follows the previous one of its component
            depends = (result[-1].key, *depends)
        name = module_name[1:]
        result.append(Migration(component, name, module.up, depends))
    return tuple(result)


class _History(pw.Model):
    component = pw.CharField()
    name = pw.CharField()
    applied_at = pw.DateTimeField()

    class Meta:
        table_name = "migration_history"
        primary_key = pw.CompositeKey("component", "name")


def _bound(database: pw.Database) -> type[_History]:
    model: type[_History] = _History
    model.bind(database, bind_refs=False, bind_backrefs=False)
    return model


def _history(database: pw.Database) -> type[_History]:
    model = _bound(database)
    model.create_table(safe=True)
    return model


def applied(database: pw.Database) -> set[MigrationKey]:
    """The (component, name) pairs already applied.

    Only reads: an application role without the right to create tables (PostgreSQL,
    least privilege) can still ask what is pending; no history table means nothing applied.
    """
    history = _bound(database)
    if not history.table_exists():
        return set()
    return {(r.component, r.name) for r in history.select()}


def _ordered(migrations: Iterable[Migration], done: set[MigrationKey]) -> list[Migration]:
    by_key: dict[MigrationKey, Migration] = {}
    for migration in migrations:
        if migration.key in by_key:
            raise MigrationError(f"migration {migration} is declared twice")
        by_key[migration.key] = migration
    for migration in by_key.values():
        for dep in migration.depends_on:
            if dep not in by_key and dep not in done:
                raise MigrationError(
                    f"migration {migration} depends on {dep[0]}/{dep[1]}, "
                    "which no installed component provides"
                )
    waiting = {k: {d for d in m.depends_on if d in by_key} for k, m in by_key.items()}
    # The core's migrations first, then by component and name: a stable order.
    ready = [(k[0] != "core", k) for k, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    order: list[Migration] = []
    while ready:
        _, key = heapq.heappop(ready)
        order.append(by_key[key])
        for other, deps in waiting.items():
            if key in deps:
                deps.discard(key)
                if not deps:
                    heapq.heappush(ready, (other[0] != "core", other))
    if len(order) != len(by_key):
        stuck = sorted(f"{c}/{n}" for c, n in by_key if (c, n) not in {m.key for m in order})
        raise MigrationError(f"migrations depend on each other in a circle: {', '.join(stuck)}")
    return order


def pending(database: pw.Database, migrations: Iterable[Migration]) -> list[Migration]:
    """The migrations not yet applied, in the order they would run."""
    done = applied(database)
    return [m for m in _ordered(migrations, done) if m.key not in done]


def migrate(database: pw.Database, migrations: Iterable[Migration]) -> list[Migration]:
    """Apply every pending migration, each in its own transaction; return those applied."""
    waiting = pending(database, migrations)
    if not waiting:
        return []  # nothing to create either: a role without DDL rights may ask
    try:
        history = _history(database)
    except pw.DatabaseError as error:
        first = str(error).splitlines()[0]
        raise MigrationError(f"cannot create the migration history: {first}") from error
    migrator = SchemaMigrator.from_database(database)
    ran: list[Migration] = []
    for migration in waiting:
        try:
            with database.atomic():
                # Another process may have applied it since we looked: the IMMEDIATE
                # (SQLite) or row-locking transaction makes this check-then-write safe.
                if (
                    history.select()
                    .where(
                        (history.component == migration.component)
                        & (history.name == migration.name)
                    )
                    .exists()
                ):
                    continue
                migration.up(migrator, database)
                history.insert(
                    component=migration.component,
                    name=migration.name,
                    applied_at=dt.datetime.now(dt.UTC),
                ).execute()
        except MigrationError:
            raise
        except Exception as error:
            raise MigrationError(
                f"migration {migration} failed and was rolled back: {error}"
            ) from error
        ran.append(migration)
    return ran
