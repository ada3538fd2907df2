"""``zhidu cadre case …`` and ``zhidu cadre committee …`` end to end, in-process, on the
``db_url`` database: --json on every leaf, refusals as one line with exit status 2, the
notice and the 干部任免审批表 written as .docx and read back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import docx
import pytest

from core.cli import main
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.context import Context
from plugins.cadre.cli import cadre
from tests.plugins.cadre.test_cases_support import ORG, kin, people, qualified

Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def zhidu(
    cctx: Context,
    university: str,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Run]:
    migrate(cctx.database, PluginHost.discover().migrations())  # installed plugins' tables
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")

    def run(*args: str) -> tuple[int, Any, str]:
        capsys.readouterr()
        try:
            main(["cadre", *args, "--org", ORG, "--json"])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        return code, json.loads(out) if out.strip() else None, err

    yield run


def test_every_leaf_takes_org_and_json() -> None:
    for group in (cadre.commands["case"], cadre.commands["committee"]):
        assert isinstance(group, click.Group)
        for name, command in group.commands.items():
            assert any("--json" in p.opts for p in command.params), name
            assert any("--org" in p.opts for p in command.params), name


def failed(result: tuple[int, Any, str]) -> str:
    """The one-line message of a refused command (exit status 2)."""
    code, data, err = result
    assert code == 2 and "Traceback" not in err
    message = str(data["error"]["message"]) if data else err
    assert "\n" not in message.strip()
    return message


def ok(result: tuple[int, Any, str]) -> Any:
    code, data, err = result
    assert code == 0, err
    return data


def test_a_case_from_motion_to_appointment(zhidu: Run, cctx: Any, tmp_path: Path) -> None:
    a, b = (qualified(cctx, name, "副处级") for name in ("甲", "乙"))  # for 药学院副院长
    t1, t2 = people(cctx, "组员一", "组员二")
    members = people(cctx, *(f"常委{i}" for i in range(9)))
    kin(cctx, members[0], a)  # before the command line opens the database
    for pid in members:
        ok(
            zhidu(
                "committee",
                "add",
                "--body",
                "党委常委会",
                "--person",
                str(pid),
                "--since",
                "2020-01-01",
            )
        )
    assert len(ok(zhidu("committee", "list", "--on", "2026-06-01"))) == 9
    case = ok(
        zhidu(
            "case", "open", "--title", "药学院副院长选拔", "--post", "yxy-fyz", "--on", "2026-03-01"
        )
    )["id"]
    cid = str(case)

    code, data, err = zhidu(
        "case",
        "vote",
        cid,
        "--person",
        str(a),
        "--present",
        "9",
        "--yes",
        "9",
        "--no",
        "0",
        "--on",
        "2026-06-01",
    )
    assert code == 2 and "Traceback" not in err
    message = data["error"]["message"]
    assert "\n" not in message and "第三十四条（十一）" in message
    assert data["error"]["refusal"]["citation"]["article"] == "第三十四条（十一）"

    err = failed(
        zhidu("case", "motion", cid, "--kind", "定期", "--on", "2026-05-01", "--consulted")
    )
    assert "4月" in err
    ok(zhidu("case", "motion", cid, "--kind", "定期", "--on", "2026-04-10", "--consulted"))
    rec = ok(
        zhidu(
            "case",
            "recommend",
            cid,
            "--kind",
            "会议推荐",
            "--participants",
            "50",
            "--vote",
            f"{a}=30",
            "--vote",
            f"{b}=15",
            "--on",
            "2026-04-20",
        )
    )
    assert rec["valid_until"] == "2027-04-20" and rec["scatter_hint"] is False
    found = ok(
        zhidu(
            "case",
            "inspect",
            cid,
            "--team",
            str(t1),
            "--team",
            str(t2),
            "--candidate",
            str(a),
            "--candidate",
            str(b),
            "--on",
            "2026-05-10",
        )
    )
    assert found["findings"] == []
    for kind in ("档案必审", "个人有关事项报告必核", "纪检监察意见必听", "信访举报必查"):
        ok(zhidu("case", "check", cid, "--person", str(a), "--kind", kind, "--on", "2026-05-20"))
    err = failed(
        zhidu(
            "case",
            "vote",
            cid,
            "--person",
            str(a),
            "--present",
            "9",
            "--yes",
            "8",
            "--no",
            "1",
            "--on",
            "2026-06-01",
        )
    )
    assert "回避" in err
    decision = ok(
        zhidu(
            "case",
            "vote",
            cid,
            "--person",
            str(a),
            "--present",
            "9",
            "--yes",
            "5",
            "--no",
            "3",
            "--withdrawn",
            str(members[0]),
            "--on",
            "2026-06-01",
        )
    )
    assert decision["passed"] and decision["base"] == 9 and decision["yes_needed"] == 5

    notice_file = tmp_path / "公示.docx"
    shown = ok(zhidu("case", "notice", cid, "--start", "2026-09-28", "--docx", str(notice_file)))
    assert shown["end"] == "2026-10-09" and shown["docx"] == str(notice_file)
    text = "\n".join(p.text for p in docx.Document(str(notice_file)).paragraphs)
    assert "干部任职前公示" in text and "2026年10月9日" in text

    summary_file = tmp_path / "审批表.docx"
    ok(
        zhidu(
            "case",
            "summary",
            cid,
            "--person",
            str(a),
            "--docx",
            str(summary_file),
            "--on",
            "2026-10-12",
        )
    )
    cells = [
        c.text for t in docx.Document(str(summary_file)).tables for r in t.rows for c in r.cells
    ]
    assert "甲" in cells and "药学院副院长" in cells

    for kind in ("任职谈话", "廉政谈话"):
        ok(zhidu("case", "talk", cid, "--person", str(a), "--kind", kind, "--on", "2026-10-12"))
    done = ok(zhidu("case", "appoint", cid, "--person", str(a), "--on", "2026-10-12"))
    assert done["start"] == "2026-06-01" and done["probation_end"] == "2027-05-31"

    shown = ok(zhidu("case", "show", cid))
    assert [s["state"] for s in shown["stages"]] == ["done"] * 6
    assert [e["outcome"] for e in shown["timeline"]].count("驳回") == 3
    (listed,) = ok(zhidu("case", "list"))
    assert listed["appointed"] == 1 and listed["current"] is None


def test_bad_input_is_one_line(zhidu: Run) -> None:
    err = failed(zhidu("case", "open", "--title", "x", "--post", "nope"))
    assert "nope" in err
    err = failed(zhidu("case", "show", "999"))
    assert "999" in err
    case = ok(zhidu("case", "open", "--title", "x", "--post", "yxy-fyz"))["id"]
    err = failed(
        zhidu(
            "case",
            "recommend",
            str(case),
            "--kind",
            "会议推荐",
            "--participants",
            "5",
            "--vote",
            "abc",
        )
    )
    assert "PERSON=VOTES" in err
    err = failed(zhidu("case", "motion", str(case), "--kind", "临时", "--consulted"))
    assert "换届" in err
