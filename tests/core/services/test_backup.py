"""Backup and restore on real SQLite files: a consistent copy that restores and
verifies; a restore behind a checkpoint this machine has seen is reported. On
PostgreSQL, the README's pg_dump and pg_restore instead, then the same verification."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import peewee as pw
import pytest

from core import database as dbmod
from core.audit import witness
from core.audit.log import log_row, log_size
from core.errors import ConfigurationError, InvalidInput
from core.services.audit_trail import make_checkpoint, verify_log
from core.services.backup import back_up, restore
from core.services.context import Context
from core.services.people import add_person
from tests.conftest import _pg_params, make_org


def test_a_backup_restores_and_verifies(ctx: Context, db_url: str, tmp_path: Path) -> None:
    if dbmod.sqlite_path(db_url) is None:
        pytest.skip("zhidu backup copies SQLite files; on PostgreSQL pg_dump does (tested below)")
    make_org(ctx)
    add_person(ctx, "gdpu", name="张三", gender="男", birth_date="1980-01-01")
    done = back_up(ctx, db_url, tmp_path / "backup.db")
    assert done.report.ok and done.report.size == log_size()
    restored = restore(tmp_path / "backup.db", f"sqlite:///{tmp_path / 'restored.db'}")
    assert restored.report.ok
    with dbmod.using(f"sqlite:///{tmp_path / 'restored.db'}"):
        assert verify_log().ok
        assert log_size() == done.report.size
    with pytest.raises(InvalidInput, match="exists already"):
        back_up(ctx, db_url, tmp_path / "backup.db")
    with pytest.raises(InvalidInput, match="restore never overwrites"):
        restore(tmp_path / "backup.db", f"sqlite:///{tmp_path / 'restored.db'}")


def test_a_restore_behind_a_seen_checkpoint_is_reported(
    ctx: Context, db_url: str, tmp_path: Path
) -> None:
    if dbmod.sqlite_path(db_url) is None:
        pytest.skip("zhidu backup copies SQLite files; on PostgreSQL pg_dump does (tested below)")
    make_org(ctx)
    back_up(ctx, db_url, tmp_path / "old.db")
    old_size = log_size()
    for n in range(3):
        add_person(ctx, "gdpu", name=f"后来{n}", gender="男", birth_date="1980-01-01")
    seen = make_checkpoint(ctx)  # this machine has now seen the longer log
    assert witness.seen(bytes(log_row().log_id)) == seen
    target = f"sqlite:///{tmp_path / 'rolled-back.db'}"
    with pytest.raises(
        ConfigurationError,
        match=rf"roll the audit log back: the log holds {old_size} entries but "
        rf"the checkpoint this machine saw .* covers {seen.size}",
    ):
        restore(tmp_path / "old.db", target)
    assert not (tmp_path / "rolled-back.db").exists()
    accepted = restore(tmp_path / "old.db", target, accept_rollback=True)
    assert [p.kind for p in accepted.report.problems] == ["truncated"]
    with dbmod.using(target):  # and every later verification keeps saying so
        assert not verify_log().ok


def test_postgres_backups_point_to_pg_dump(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="pg_dump"):
        back_up(ctx, "postgresql://x@localhost/zhidu", tmp_path / "b.db")


def test_on_postgresql_a_pg_dump_restores_and_verifies_against_the_witness(
    ctx: Context, db_url: str, tmp_path: Path
) -> None:
    """The README's procedure: pg_dump; pg_restore --create over a database renamed away;
    `zhidu audit verify`, which reports a dump older than a checkpoint seen here."""
    if dbmod.sqlite_path(db_url) is not None:
        pytest.skip("pg_dump and pg_restore are PostgreSQL's; SQLite has zhidu backup (above)")
    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    assert pg_dump and pg_restore, "PostgreSQL's client programs are installed with the server"
    make_org(ctx)
    add_person(ctx, "gdpu", name="张三", gender="男", birth_date="1980-01-01")
    dumped_size = log_size()
    dump = tmp_path / "zhidu.dump"
    subprocess.run([pg_dump, "--format=custom", f"--file={dump}", db_url], check=True)
    for n in range(3):
        add_person(ctx, "gdpu", name=f"后来{n}", gender="男", birth_date="1980-01-01")
    seen = make_checkpoint(ctx)  # this machine has now seen the longer log
    ctx.database.close()

    parts = urlparse(db_url)
    name = parts.path.lstrip("/")
    admin = pw.PostgresqlDatabase("postgres", **_pg_params(db_url))
    admin.execute_sql(f"ALTER DATABASE {name} RENAME TO {name}_lost")
    try:
        server = db_url.removesuffix(parts.path)
        subprocess.run(
            [pg_restore, "--create", "--exit-on-error", f"--dbname={server}/postgres", dump],
            check=True,
        )
        with dbmod.using(db_url):
            assert log_size() == dumped_size
            report = verify_log()
            assert [p.kind for p in report.problems] == ["truncated"]
            assert f"covers {seen.size}" in str(report.first)
    finally:
        admin.execute_sql(f"DROP DATABASE IF EXISTS {name}_lost WITH (FORCE)")
        admin.close()
