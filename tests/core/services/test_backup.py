"""Backup and restore on real SQLite files: a consistent copy that restores and
verifies; a restore behind a checkpoint this machine has seen is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import database as dbmod
from core.audit import witness
from core.audit.log import log_row
from core.errors import ConfigurationError, InvalidInput
from core.services.audit_trail import make_checkpoint, verify_log
from core.services.backup import back_up, restore
from core.services.context import Context
from core.services.people import add_person
from tests.conftest import make_org


def test_a_backup_restores_and_verifies(ctx: Context, db_url: str, tmp_path: Path) -> None:
    if dbmod.sqlite_path(db_url) is None:
        pytest.skip("zhidu backup copies SQLite files; PostgreSQL uses pg_dump")
    make_org(ctx)
    add_person(ctx, "gdpu", name="张三", gender="男", birth_date="1980-01-01")
    done = back_up(ctx, db_url, tmp_path / "backup.db")
    assert done.report.ok and done.report.size == log_row().size
    restored = restore(tmp_path / "backup.db", f"sqlite:///{tmp_path / 'restored.db'}")
    assert restored.report.ok
    with dbmod.using(f"sqlite:///{tmp_path / 'restored.db'}"):
        assert verify_log().ok
        assert log_row().size == done.report.size
    with pytest.raises(InvalidInput, match="exists already"):
        back_up(ctx, db_url, tmp_path / "backup.db")
    with pytest.raises(InvalidInput, match="restore never overwrites"):
        restore(tmp_path / "backup.db", f"sqlite:///{tmp_path / 'restored.db'}")


def test_a_restore_behind_a_seen_checkpoint_is_reported(
    ctx: Context, db_url: str, tmp_path: Path
) -> None:
    if dbmod.sqlite_path(db_url) is None:
        pytest.skip("zhidu backup copies SQLite files; PostgreSQL uses pg_dump")
    make_org(ctx)
    back_up(ctx, db_url, tmp_path / "old.db")
    old_size = log_row().size
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
