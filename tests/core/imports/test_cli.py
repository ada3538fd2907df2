"""``zhidu import`` through the real entry point (core.cli.main), on the ctx fixture's
SQLite file, as the operator's OS user."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

import click
import pytest

from core import models
from core.cli.imports import import_
from core.services.context import Context
from tests.conftest import make_org
from tests.core.imports.helpers import counts, csv_bytes, rid, xlsx

ID_ZHANG = "11010519491231002X"
GOOD = [("姓名", "性别", "出生日期", "公民身份号码"), ("张丽", "女", "1949-12-31", ID_ZHANG),
        ("王五", "男", "1990-01-01", None)]  # fmt: skip


class Result(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def zhidu(
    ctx: Context,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Callable[..., Result]:
    """Run ``zhidu ARGS`` in-process, with ``import`` added to the commands."""
    from core import cli
    from core.migrate import migrate
    from core.plugin_host import PluginHost

    migrate(ctx.database, PluginHost.discover().migrations())  # installed plugins' tables
    make_org(ctx)
    monkeypatch.setitem(cli.COMMANDS, "import", "core.cli.imports:import_")
    monkeypatch.setitem(cli._SHORT_HELP, "import", "Import from .xlsx or CSV files.")
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            cli.main(list(args))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def test_a_dry_run_with_problems_prints_them_and_exits_1(
    zhidu: Callable[..., Result], tmp_path: Path
) -> None:
    path = xlsx(tmp_path / "people.xlsx", [*GOOD, ("李四", "男", "2027-01-01", None)])
    before = counts()
    text = zhidu("import", "people", str(path), "--org", "gdpu")
    assert text.code == 1
    lines = text.out.splitlines()
    assert lines[0].startswith(
        "人员 (people) for gdpu from people.xlsx, sheet 人员: 3 rows, sha256 "
    )
    assert lines[1].split() == ["row", "column", "value", "rule"]
    assert lines[2].split()[:3] == ["4", "出生日期", "2027-01-01"]
    assert lines[2].endswith("is in the future (出生日期晚于今天)")
    assert lines[-1] == "1 error(s): nothing written (without them: add 2, update 0, leave 0)"

    as_json = zhidu("import", "run", "people", str(path), "--org", "gdpu", "--apply", "--json")
    assert as_json.code == 1
    data = json.loads(as_json.out)
    assert (data["applied"], data["errors"], data["rows"]) == (False, 1, 3)
    assert data["problems"] == [
        {"row": 4, "column": "出生日期", "cell": "C4", "field": "birth_date",
         "value": "2027-01-01", "rule": "is in the future (出生日期晚于今天)",
         "severity": "error"},
    ]  # fmt: skip
    assert counts() == before


def test_apply_writes_and_a_second_apply_changes_nothing(
    zhidu: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(GOOD, "gb18030"))
    checked = zhidu("import", "people", str(path), "--org", "gdpu")
    assert checked.code == 0
    assert checked.out.splitlines()[-1] == (
        "no errors: would add 2, update 0, leave 0 — run again with --apply to write"
    )
    sha = json.loads(zhidu("import", "people", str(path), "--org", "gdpu", "--json").out)["sha256"]
    done = zhidu("import", "people", str(path), "--org", "gdpu", "--apply", "--sha256", sha)
    assert done.code == 0, done.err
    assert done.out.splitlines()[-1] == "written: added 2, updated 0, unchanged 0"
    assert models.Person.select().count() == 2
    again = json.loads(
        zhidu("import", "people", str(path), "--org", "gdpu", "--apply", "--json").out
    )
    assert again["applied"] and again["counts"] == {"added": 0, "updated": 0, "unchanged": 2}


def test_unreadable_input_is_one_line_and_exit_status_2(
    zhidu: Callable[..., Result], tmp_path: Path
) -> None:
    picture = tmp_path / "photo.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for args, line in [
        (("people", str(picture)), "error: file = 'photo.xlsx': is not a spreadsheet: neither an "
         ".xlsx workbook nor CSV text (不是电子表格)"),
        (("people", "missing.csv"), "error: file = 'missing.csv': no such file (文件不存在)"),
        (("voters", str(picture)), "error: import kind 'voters' not found; the kinds are: "
         "people, units, posts, terms, kinship"),
    ]:  # fmt: skip
        result = zhidu("import", *args, "--org", "gdpu")
        assert (result.code, result.out, result.err.strip()) == (2, "", line)
        as_json = zhidu("import", *args, "--org", "gdpu", "--json")
        assert as_json.code == 2 and json.loads(as_json.out)["error"]["message"] in line


def test_report_file_and_progress_bar(zhidu: Callable[..., Result], tmp_path: Path) -> None:
    rows = [("姓名", "性别", "出生日期", "公民身份号码")]
    rows += [(f"王{n}", None, None, rid(date(1990, 1, 1 + n // 400), n % 400)) for n in range(600)]
    rows[300] = ("王bad", "男", "1990-01-01", "110105194912310021")
    path = xlsx(tmp_path / "big.xlsx", rows)
    result = zhidu("import", "people", str(path), "--org", "gdpu", "--report", "marked.xlsx")
    assert result.code == 1
    assert "checking" in result.err  # the bar, on stderr
    assert result.out.splitlines()[-1] == "report: marked.xlsx"
    assert (tmp_path / "marked.xlsx").exists()
    quiet = zhidu("import", "people", str(path), "--org", "gdpu", "--json")
    assert quiet.err == "" and json.loads(quiet.out)["problems"][0]["row"] == 301


def test_template_and_kinds_need_no_organization(
    zhidu: Callable[..., Result], tmp_path: Path
) -> None:
    made = zhidu("import", "template", "people")
    assert made.code == 0 and (tmp_path / "people-template.xlsx").exists()
    assert made.out.strip() == "wrote people-template.xlsx: 人员 (people), see its sheet 说明"
    again = zhidu("import", "template", "people")
    assert again.code == 2 and "exists: name another file, or --force" in again.err
    forced = zhidu("import", "template", "people", "--force", "--json")
    assert json.loads(forced.out) == {"kind": "people", "file": "people-template.xlsx"}
    named = zhidu("import", "template", "terms", "任职.xlsx", "--json")
    assert json.loads(named.out)["file"] == "任职.xlsx" and (tmp_path / "任职.xlsx").exists()

    kinds = json.loads(zhidu("import", "kinds", "--json").out)
    assert [(k["name"], k["permission"]) for k in kinds] == [
        ("people", "edit people"), ("units", "manage units"), ("posts", "edit posts"),
        ("terms", "edit terms"), ("kinship", "edit people"),
    ]  # fmt: skip
    assert kinds[0]["columns"][3] == {
        "header": "公民身份号码", "field": "id_number", "aliases": ["身份证号码", "身份证号"],
        "required": False, "allowed": "18 characters, the last a digit or X; format the column "
        "as text",
    }  # fmt: skip
    assert "people" in zhidu("import", "kinds").out
    assert "import" in zhidu("--help").out


def test_every_leaf_command_takes_json() -> None:
    assert isinstance(import_, click.Group)
    leaves = import_.commands
    assert sorted(leaves) == ["kinds", "run", "template"]
    assert all(
        "--json" in {o for p in command.params for o in p.opts} for command in leaves.values()
    )
