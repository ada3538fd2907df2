"""The migration runner on a real SQLite file: fresh, repeated, failing midway,
a plugin added later, missing and circular dependencies, and same names in two
components."""

from __future__ import annotations

from typing import Any

import peewee as pw
import pytest
from playhouse.migrate import SchemaMigrator

from core import builtin
from core.errors import MigrationError
from core.migrate import Migration, applied, migrate, pending


def core_migrations() -> list[Migration]:
    return list(builtin.zhidu_migrations())


def table_step(table: str) -> Any:
    def up(migrator: SchemaMigrator, db: pw.Database) -> None:
        db.execute_sql(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, note TEXT)")

    return up


def column_step(table: str, column: str) -> Any:
    def up(migrator: SchemaMigrator, db: pw.Database) -> None:
        from playhouse.migrate import migrate as run

        run(migrator.add_column(table, column, pw.TextField(null=True)))

    return up


def columns(db: pw.Database, table: str) -> set[str]:
    return {c.name for c in db.get_columns(table)}


def test_fresh_database_gets_the_core_schema_and_a_history(database: pw.Database) -> None:
    ran = migrate(database, core_migrations())
    assert [str(m) for m in ran] == [
        "core/0001_initial",
        "core/0002_account_keys",
        "core/0003_document_numbers",
        "core/0004_audit_entry_index",
    ]
    tables = set(database.get_tables())
    assert {
        "organization",
        "person",
        "term",
        "audit_entry",
        "account_key",
        "document_number",
    } <= tables
    assert applied(database) == {
        ("core", "0001_initial"),
        ("core", "0002_account_keys"),
        ("core", "0003_document_numbers"),
        ("core", "0004_audit_entry_index"),
    }
    # one index on the audit entries besides the key: a change writes one page for it
    indexes = [(i.columns, i.unique) for i in database.get_indexes("audit_entry")]
    assert [i for i in indexes if i[0] != ["seq"]] == [(["org_id", "at"], False)]


def test_running_again_changes_nothing(database: pw.Database) -> None:
    migrate(database, core_migrations())
    assert migrate(database, core_migrations()) == []
    assert pending(database, core_migrations()) == []


def test_a_failing_migration_is_rolled_back_and_those_before_it_stay(database: pw.Database) -> None:
    def broken(migrator: SchemaMigrator, db: pw.Database) -> None:
        db.execute_sql("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        raise RuntimeError("disk full")

    plan = [
        *core_migrations(),
        Migration("demo", "0001_a", table_step("demo_a"), (("core", "0001_initial"),)),
        Migration("demo", "0002_b", broken, (("demo", "0001_a"),)),
        Migration("demo", "0003_c", table_step("demo_c"), (("demo", "0002_b"),)),
    ]
    with pytest.raises(MigrationError, match="demo/0002_b failed and was rolled back: disk full"):
        migrate(database, plan)
    tables = set(database.get_tables())
    assert "demo_a" in tables and "half_done" not in tables and "demo_c" not in tables
    assert ("demo", "0002_b") not in applied(database)
    # once fixed, running again picks up where it stopped
    plan[-2] = Migration("demo", "0002_b", column_step("demo_a", "extra"), (("demo", "0001_a"),))
    assert [str(m) for m in migrate(database, plan)] == ["demo/0002_b", "demo/0003_c"]
    assert "extra" in columns(database, "demo_a")


def test_a_plugin_added_later_gets_only_its_own_migrations(database: pw.Database) -> None:
    migrate(database, core_migrations())
    plugin = [
        Migration("cadre", "0001_initial", table_step("cadre_case"), (("core", "0001_initial"),))
    ]
    assert [str(m) for m in migrate(database, [*core_migrations(), *plugin])] == [
        "cadre/0001_initial"
    ]


def test_two_components_may_both_have_0001_initial(database: pw.Database) -> None:
    plan = [
        *core_migrations(),
        Migration("village", "0001_initial", table_step("village_voter")),
        Migration("union", "0001_initial", table_step("union_staff")),
    ]
    migrate(database, plan)
    assert {("village", "0001_initial"), ("union", "0001_initial")} <= applied(database)


def test_dependencies_decide_the_order_not_the_listing(database: pw.Database) -> None:
    plan = [
        Migration(
            "union",
            "0001_initial",
            column_step("election_round", "union_note"),
            (("elections", "0001_initial"),),
        ),
        Migration("elections", "0001_initial", table_step("election_round")),
        *core_migrations(),
    ]
    order = [str(m) for m in migrate(database, plan)]
    assert order.index("elections/0001_initial") < order.index("union/0001_initial")
    assert order[0] == "core/0001_initial"


def test_a_missing_dependency_is_a_clear_error(database: pw.Database) -> None:
    plan = [
        *core_migrations(),
        Migration("union", "0001_initial", table_step("x"), (("elections", "0001_initial"),)),
    ]
    with pytest.raises(
        MigrationError,
        match="union/0001_initial depends on elections/0001_initial, which no "
        "installed component provides",
    ):
        migrate(database, plan)
    assert applied(database) == set()  # nothing ran


def test_circular_dependencies_are_refused(database: pw.Database) -> None:
    plan = [
        Migration("a", "0001", table_step("ta"), (("b", "0001"),)),
        Migration("b", "0001", table_step("tb"), (("a", "0001"),)),
    ]
    with pytest.raises(MigrationError, match="circle: a/0001, b/0001"):
        migrate(database, plan)


def test_the_same_migration_declared_twice_is_refused(database: pw.Database) -> None:
    with pytest.raises(MigrationError, match="declared twice"):
        migrate(database, [*core_migrations(), *core_migrations()])


def test_asking_what_is_pending_changes_nothing(database: pw.Database) -> None:
    """A role that may not create tables (PostgreSQL, least privilege) can still ask."""
    assert applied(database) == set()
    assert len(pending(database, core_migrations())) == 4
    assert migrate(database, []) == []
    assert database.get_tables() == []  # not even the history table
