"""``zhidu union …`` end to end, in-process, on the ``db_url`` database: --json on every
leaf, the form written as .docx, one-line errors with exit status 2."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from core.cli import main
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.context import Context
from plugins.union.cli import union as union_group
from tests.plugins.union.helpers import person, staff

Union = Callable[[], dict[str, Any]]


@pytest.fixture
def zhidu(
    ctx: Context,
    union: Union,
    elections_dist: None,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Callable[..., tuple[int, Any, str]]]:
    union()
    # the command line loads every installed plugin and wants all their tables
    migrate(ctx.database, PluginHost.discover().migrations())
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")

    def run(*args: str) -> tuple[int, Any, str]:
        capsys.readouterr()
        try:
            main(["union", *args, "--json"])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        return code, json.loads(out) if out.strip() else None, err

    yield run


def test_every_leaf_takes_json() -> None:
    leaves = dict(union_group.commands)
    for group in ("congress", "delegate"):
        sub = leaves.pop(group)
        assert isinstance(sub, click.Group)
        leaves |= {f"{group} {n}": c for n, c in sub.commands.items()}
    for name, command in leaves.items():
        assert isinstance(command, click.Command) and not isinstance(command, click.Group)
        assert any("--json" in p.opts for p in command.params), name
        assert any("--org" in p.opts for p in command.params), name


def test_membership_through_the_cli(ctx: Context, zhidu: Callable[..., Any]) -> None:
    pid = person(ctx, "命令行")
    code, joined, _ = zhidu("join", "--org", "xs", str(pid), "--on", "2023-09-01", "--unit", "tyb")
    assert code == 0 and joined["kind"] == "加入"
    code, done, _ = zhidu(
        "appoint", "--org", "xs", str(pid), "--post", "ty-bz", "--on", "2023-09-10",
        "--by", "主席团", "--recommended",
    )  # fmt: skip
    assert code == 0 and done["post_code"] == "ty-bz"
    code, _, err = zhidu("warn", "--org", "xs", str(pid), "--on", "2023-10-01", "--offence", "作弊")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "立即免去" in err
    code, _, err = zhidu("certificate", "--org", "xs", str(pid), "--on", "2024-09-09")
    assert code == 2 and "任期未满1年" in err
    code, cert, _ = zhidu("certificate", "--org", "xs", str(pid), "--on", "2024-09-10")
    assert code == 0 and cert["kind"] == "证书"
    code, resigned, _ = zhidu(
        "resign", "--org", "xs", str(pid), "--on", "2025-01-31", "--approved-by", "主席"
    )
    assert code == 0 and resigned["effective_on"] == "2025-02-28"
    code, listed, _ = zhidu("events", "--org", "xs", "--person", str(pid))
    assert [e["kind"] for e in listed] == ["加入", "任命", "证书", "辞职"]


def test_the_facts_and_the_assessment_through_the_cli(
    ctx: Context, zhidu: Callable[..., Any], tmp_path: Path
) -> None:
    chair, *_ = staff(ctx, 1, "zx", prefix="主席", how="选任", start="2023-09-10")
    (clerk,) = staff(ctx, 1, status="群众")
    org = ("--org", "xs")
    for args in (
        ("duty", *org, "--unit", "tyb", "--duty", "组织体育活动", "--on", "2023-09-01"),
        ("congress", "add", *org, "--on", "2023-09-10", "--kind", "学生代表大会",
         "--delegates", "90", "--present", "60", "--elects-presidium"),
        ("training", *org, "--on", "2023-03-20", "--season", "春季", "--all-staff"),
        ("training", *org, "--on", "2023-10-20", "--season", "秋季", "--all-staff"),
        ("award", *org, str(clerk), "--on", "2023-10-01", "--name", "优秀干事",
         "--basis", "评议结果"),
        ("hearing", *org, "--on", "2023-10-01", "--topic", "工作汇报"),
        ("guide", *org, "--role", "团组织负责人", "--name", "王老师", "--league-cadre",
         "--start", "2023-01-01"),
        ("guide", *org, "--role", "秘书长", "--name", "李老师", "--league-cadre",
         "--start", "2023-01-01"),
        ("branch", *org, "--founded-on", "2023-09-15", "--secretary", str(chair)),
        ("academic", *org, str(chair), "--on", "2023-09-01", "--level", "本专科生",
         "--enrolled", "2021", "--basis", "最近1学年", "--rank", "3", "--size", "10"),
        ("academic", *org, str(clerk), "--on", "2023-09-01", "--level", "本专科生",
         "--enrolled", "2021", "--basis", "最近1学年", "--rank", "4", "--size", "10"),
    ):  # fmt: skip
        code, data, err = zhidu(*args)
        assert code == 0, err
        assert isinstance(data["id"], int)
    form = tmp_path / "自评表.docx"
    code, result, err = zhidu("assess", *org, "--on", "2023-11-01", "--docx", str(form))
    assert code == 0, err
    assert result["missed"] == [6, 7]  # 群众; 4/10 is outside the top 30%
    seven = result["standards"][6]
    assert seven["offenders"] == ["干事1 4/10"]
    assert seven["citation"]["article"] == "组织改革自评表 第7项"
    assert form.exists() and form.stat().st_size > 0
    from docx import Document

    text = "\n".join(c.text for t in Document(str(form)).tables for r in t.rows for c in r.cells)
    assert "不符合" in text and "干事1 4/10" in text


def test_a_mistake_is_one_line(zhidu: Callable[..., Any]) -> None:
    code, data, err = zhidu("congress", "add", "--org", "xs", "--on", "2023-13-01", "--kind",
                            "学生代表大会", "--delegates", "9", "--present", "9")  # fmt: skip
    assert code == 2 and len(err.strip().splitlines()) == 1 and data["error"]["field"] == "held_on"
