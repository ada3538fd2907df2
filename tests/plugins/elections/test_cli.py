"""``zhidu elections`` end to end, in-process, on the ``db_url`` fixture's database:
every command with ``--json``, mistakes as one line with exit status 2, and nothing for
an organization that has not enabled the plugin."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from core.cli import main
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.context import Context
from plugins.elections.tables import ResultRow
from tests.conftest import make_org

from .setups import UNION_CANDIDATES, org_with_elections, villagers

A, B, C, D, E = UNION_CANDIDATES


class Result(NamedTuple):
    code: int
    out: str
    err: str

    @property
    def data(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]


@pytest.fixture
def zhidu(
    ectx: Context,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Run:
    """Run ``zhidu ARGS`` in-process as the operator of the ``ctx`` fixture."""
    migrate(ectx.database, PluginHost.discover().migrations())  # every installed plugin
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def ok(result: Result) -> Any:
    assert result.code == 0, result.err
    return result.data


def one_line_error(result: Result) -> str:
    assert result.code == 2, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


def test_a_union_presidium_election_through_the_command_line(
    ectx: Context, zhidu: Run, tmp_path: Path
) -> None:
    org_with_elections(ectx, "union", "student_union")
    created = ok(
        zhidu(
            "elections", "create", "--org", "union", "p5", "--title", "第五届学生会主席团",
            "--rules", "union_presidium", "--electorate", "189", "--office", "主席团成员=3",
            *(f"--candidate={name}" for name in UNION_CANDIDATES), "--json",
        )
    )  # fmt: skip
    assert created["electorate_kind"] == "正式代表"
    assert created["offices"] == [
        {"name": "主席团成员", "seats": 3, "candidates": list(UNION_CANDIDATES), "vote": "FIRST"}
    ]
    opened = ok(
        zhidu(
            "elections", "round", "open", "--org", "union", "p5", "--present", "160",
            "--issued", "160", "--scrutineer", "总监票人周", "--json",
        )
    )  # fmt: skip
    assert (opened["number"], opened["open"]) == (1, True)

    named = ok(
        zhidu(
            "elections", "ballot", "add", "--org", "union", "p5",
            f"{A}=✓", f"{B}=√", f"{C}=×", f"{D}=×", f"{E}=△", "+赵六", "--json",
        )
    )  # fmt: skip
    assert named["marks"] == "✓✓××△" and named["sections"]["主席团成员"]["write_ins"] == ["赵六"]
    in_order = ok(zhidu("elections", "ballot", "add", "--org", "union", "p5", "✓✓×××", "--json"))
    assert (in_order["seq"], in_order["marks"]) == (2, "✓✓×××")
    spaced = ok(zhidu("elections", "ballot", "add", "--org", "union", "p5", *"✓✓·×?", "--json"))
    assert spaced["marks"] == "✓✓·×?"  # an unreadable mark voids this ballot at the count
    sheet = ok(
        zhidu(
            "elections", "sheet", "add", "--org", "union", "p5", "--counted", "157",
            f"{A}=118/30/9", f"{B}=98", f"{C}=80", f"{D}=50", f"{E}=30",
            "--scrutineer", "监票人吴", "--counter", "计票人郑", "--teller", "唱票人冯", "--json",
        )
    )  # fmt: skip
    assert sheet["sheet"]["offices"]["主席团成员"]["against"] == {A: 30}
    first = ok(zhidu("elections", "count", "--org", "union", "p5", "--json"))
    assert first["outcome"] == "NEXT_VOTE" and first["elected"] == {"主席团成员": [A, B]}
    assert first["result"]["rounds"][0]["offices_decided"][0]["ranking"][:3] == [
        [A, 120],
        [B, 100],
        [C, 80],
    ]

    again = ok(
        zhidu(
            "elections", "round", "open", "--org", "union", "p5", "--present", "158",
            "--issued", "158", "--json",
        )
    )  # fmt: skip
    assert again["kind"] == "ANOTHER" and again["offices"][0]["candidates"] == [C, D]
    ok(zhidu("elections", "sheet", "add", "--org", "union", "p5", "--counted", "158",
             f"{C}=100", f"{D}=50", "--json"))  # fmt: skip
    done = ok(zhidu("elections", "count", "--org", "union", "p5", "--json"))
    assert done["outcome"] == "COMPLETE" and done["members"] == [A, B, C]

    certified = ok(zhidu("elections", "certify", "--org", "union", "p5", "--json"))
    assert certified["certified"] is True
    published = ok(
        zhidu(
            "elections", "publish", "--org", "union", "p5", "--prefix", "学代发",
            "--out", "公告.docx", "--json",
        )
    )  # fmt: skip
    assert published["announcement"].startswith("学代发〔") and published["result"]["locked"]
    assert (tmp_path / "公告.docx").stat().st_size > 0

    listed = ok(zhidu("elections", "list", "--org", "union", "--json"))
    assert [(e["code"], e["outcome"], e["certified"]) for e in listed] == [("p5", "COMPLETE", True)]
    shown = ok(zhidu("elections", "show", "--org", "union", "p5", "--json"))
    assert [r["ballots_entered"] for r in shown["rounds"]] == [3, 0]
    text = zhidu("elections", "show", "--org", "union", "p5")
    assert text.code == 0 and "已公布" in text.out and "王一、李二、张三" in text.out
    candidates = ok(zhidu("elections", "candidates", "--org", "union", "p5", "--json"))
    assert [c["name"] for c in candidates] == list(UNION_CANDIDATES)


def test_a_blocked_certification_is_one_line_citing_the_rule(ectx: Context, zhidu: Run) -> None:
    org = org_with_elections(ectx, "cun")
    ids = villagers(ectx, org)  # all men
    ok(
        zhidu(
            "elections", "create", "--org", org, "c7", "--title", "第七届村民委员会",
            "--rules", "village_committee", "--electorate", "100",
            "--office", "主任=1", "--office", "副主任=1", "--office", "委员=3",
            f"--candidate=主任:张主@{ids['张主']}", "--candidate=主任:李主",
            f"--candidate=副主任:王副@{ids['王副']}", "--candidate=副主任:赵副",
            *(f"--candidate=委员:{n}@{ids[n]}" for n in ("陈委", "林委", "黄委")), "--json",
        )
    )  # fmt: skip
    ok(zhidu("elections", "round", "open", "--org", org, "c7", "--issued", "90", "--json"))
    ok(
        zhidu(
            "elections", "sheet", "add", "--org", org, "c7", "--counted", "90",
            "主任:张主=60", "副主任:王副=60", "委员:陈委=60", "委员:林委=60", "委员:黄委=60",
            "--json",
        )
    )  # fmt: skip
    assert ok(zhidu("elections", "count", "--org", org, "c7", "--json"))["outcome"] == "COMPLETE"

    refused = zhidu("elections", "certify", "--org", org, "c7")
    line = one_line_error(refused)
    assert "certification = 'elections.women'" in line
    assert "村委会成员中应当至少有一名妇女" in line and refused.out == ""
    as_json = zhidu("elections", "certify", "--org", org, "c7", "--json")
    one_line_error(as_json)
    assert as_json.data["error"]["value"] == "elections.women"

    # 黄委 is a woman after all (the record was wrong): corrected in the core, certified
    ok(zhidu("person", "update", "--org", org, str(ids["黄委"]), "--gender", "女", "--json"))
    assert ok(zhidu("elections", "certify", "--org", org, "c7", "--json"))["certified"]
    published = ok(zhidu("elections", "publish", "--org", org, "c7", "--json"))
    assert published["announcement"] == "公告（第10号）"
    assert published["issuer"] == "组织 cun村民选举委员会"


def test_a_closed_vote_takes_no_ballot_and_a_recount_keeps_the_first_result(
    ectx: Context, zhidu: Run
) -> None:
    org_with_elections(ectx, "union", "student_union")
    ok(
        zhidu(
            "elections", "create", "--org", "union", "p5", "--title", "主席团",
            "--rules", "union_presidium", "--electorate", "189", "--office", "主席团成员=3",
            *(f"--candidate={name}" for name in UNION_CANDIDATES), "--json",
        )
    )  # fmt: skip
    ok(zhidu("elections", "round", "open", "--org", "union", "p5", "--present", "160",
             "--issued", "160", "--json"))  # fmt: skip
    ok(zhidu("elections", "sheet", "add", "--org", "union", "p5", "--counted", "160",
             f"{A}=120", f"{B}=100", f"{C}=90", "--json"))  # fmt: skip
    first = ok(zhidu("elections", "count", "--org", "union", "p5", "--json"))
    ok(zhidu("elections", "certify", "--org", "union", "p5", "--json"))

    late = zhidu("elections", "ballot", "add", "--org", "union", "p5", "✓✓✓××")
    assert "no vote is open" in one_line_error(late)
    before = dict(ResultRow.get_by_id(first["id"]).__data__)
    again = ok(
        zhidu(
            "elections", "recount", "--org", "union", "p5", "--reason", "唱票有误",
            "--counted", "160", f"{A}=120", f"{B}=100", f"{D}=95", f"{C}=70", "--json",
        )
    )  # fmt: skip
    assert (again["count_no"], again["recount_of"]) == (2, first["id"])
    assert again["members"] == [A, B, D] and not again["certified"]
    assert dict(ResultRow.get_by_id(first["id"]).__data__) == before
    no_reason = zhidu("elections", "recount", "--org", "union", "p5")
    assert no_reason.code == 2  # click: --reason is required


def test_mistakes_are_one_line(ectx: Context, zhidu: Run) -> None:
    org_with_elections(ectx, "union", "student_union")
    make_org(ectx, "plain", "village")
    not_enabled = zhidu("elections", "list", "--org", "plain")
    assert "not enabled for plain" in one_line_error(not_enabled)
    missing = zhidu("elections", "show", "--org", "union", "nope", "--json")
    assert "election 'nope' not found" in one_line_error(missing)
    bad_office = zhidu(
        "elections", "create", "--org", "union", "x", "--title", "x", "--rules",
        "union_presidium", "--electorate", "9", "--office", "主席团成员", "--json",
    )  # fmt: skip
    assert "write NAME=VALUE" in one_line_error(bad_office)
