"""The command line end to end on a real database (the ``db_url`` fixture's: a SQLite
file, or a PostgreSQL database with ZHIDU_TEST_POSTGRES): JSON output, one-line errors
with exit status 2 and no traceback, and a --help that imports neither Textual nor
the database layer."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.services.context import Context

ROOT = Path(__file__).parents[3]


def zhidu(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("ZHIDU_DB", None)
    if db:
        env["ZHIDU_DB"] = db
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_help_is_light() -> None:
    probe = (
        "import sys; from core.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'peewee', 'attrs', 'cryptography') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert "init" in result.stdout and "calendar" in result.stdout
    assert "HEAVY []" in result.stdout


@pytest.fixture
def db(db_url: str) -> str:
    assert zhidu("init", "--json", db=db_url).returncode == 0
    return db_url


def test_init_is_idempotent(db: str) -> None:
    again = json.loads(zhidu("init", "--json", db=db).stdout)
    assert again["migrations_applied"] == [] and again["account_created"] is False


def test_a_session_through_the_cli(db: str) -> None:
    assert (
        zhidu("org", "create", "town", "东川区某镇", "--kind", "government", db=db).returncode == 0
    )
    assert (
        zhidu(
            "org", "unit", "add", "--org", "town", "dzb", "党政办", "--kind", "办公室", db=db
        ).returncode
        == 0
    )
    made = json.loads(
        zhidu(
            "person",
            "add",
            "--org",
            "town",
            "--unit",
            "dzb",
            "--name",
            "李明",
            "--gender",
            "男",
            "--birth-date",
            "1985-06-01",
            "--json",
            db=db,
        ).stdout
    )
    assert (
        zhidu(
            "post",
            "add",
            "--org",
            "town",
            "--unit",
            "dzb",
            "zr",
            "--title",
            "主任",
            "--rank",
            "正科级",
            "--headcount",
            "1",
            "--category",
            "行政",
            db=db,
        ).returncode
        == 0
    )
    term = zhidu(
        "term",
        "add",
        "--org",
        "town",
        "--post",
        "zr",
        "--person",
        str(made["id"]),
        "--start",
        "2024-03-01",
        "--appointed-by",
        "委任",
        "--json",
        db=db,
    )
    assert json.loads(term.stdout)["start"] == "2024-03-01"
    posts = json.loads(zhidu("post", "list", "--org", "town", "--json", db=db).stdout)
    assert posts[0]["held"] == 1
    report = json.loads(
        zhidu("check", "--org", "town", "--on", "2026-11-21", "--json", db=db).stdout
    )
    assert report["org"] == "town" and report["plugins"] == ["core"] and report["findings"] == []
    end = json.loads(
        zhidu("calendar", "add", "--org", "town", "2025-09-30", "5", "--json", db=db).stdout
    )
    # 2025-09-30 (Tue) counts; Oct 1–8 is the National Day holiday; Oct 11 (Sat) is a workday
    assert end["end"] == "2025-10-13" and end["certain"] is True


def test_a_users_mistake_is_one_line_and_exit_status_2(db: str) -> None:
    zhidu("org", "create", "town", "某镇", "--kind", "government", db=db)
    bad = zhidu(
        "person",
        "add",
        "--org",
        "town",
        "--name",
        "李明",
        "--gender",
        "男",
        "--birth-date",
        "1985-02-30",
        db=db,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "error: birth_date = '1985-02-30': no such day in the calendar (日期不存在)"
    )
    assert "Traceback" not in bad.stderr
    as_json = zhidu("person", "list", "--org", "nowhere", "--json", db=db)
    assert as_json.returncode == 2
    assert json.loads(as_json.stdout)["error"]["type"] == "NotFound"


def test_a_database_not_initialized_says_what_to_do(db_url: str) -> None:
    result = zhidu("org", "list", db=db_url)
    assert result.returncode == 2
    assert "run `zhidu init`" in result.stderr and "Traceback" not in result.stderr


def test_demo_loads_once(db_url: str) -> None:
    url = db_url
    first = json.loads(zhidu("demo", "--no-tui", "--json", db=url).stdout)
    assert len(first["organizations_loaded"]) == 5
    again = json.loads(zhidu("demo", "--no-tui", "--json", db=url).stdout)
    assert again["organizations_loaded"] == []
    orgs = json.loads(zhidu("org", "list", "--json", db=url).stdout)
    assert {o["kind"] for o in orgs} == {
        "university",
        "government",
        "village",
        "hr_office",
        "student_union",
    }


def test_every_command_takes_json() -> None:
    import click

    from core.cli import COMMANDS
    from core.records import load_target

    def leaves(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
        if isinstance(command, click.Group):
            return [
                leaf
                for name, sub in command.commands.items()
                for leaf in leaves(sub, f"{path} {name}")
            ]
        return [(path, command)]

    missing = [
        path
        for name, target in COMMANDS.items()
        if name != "tui"
        for path, command in leaves(load_target(target), name)
        if path != "ssh session"  # the forced command: it opens the interface, like tui
        and "--json" not in {opt for p in command.params for opt in p.opts}
    ]
    assert missing == []


def test_an_os_user_without_an_account_is_refused_and_audited(
    ctx: Context,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from core.cli import main
    from core.migrate import migrate
    from core.plugin_host import PluginHost
    from core.services.audit_trail import read_audit

    migrate(ctx.database, PluginHost.discover().migrations())  # installed plugins' tables
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    with pytest.raises(SystemExit) as exited:
        main(["org", "list"])  # the fixture mapped only the OS user "tester"
    assert exited.value.code == 2
    assert "no zhidu account for the OS user" in capsys.readouterr().err
    (refused,) = read_audit(ctx, action="session.refused")
    assert refused.object_id == getpass.getuser() and refused.after == {"via": "zhidu org list"}
