"""Document numbers: consecutive per organization, prefix and year; no gap after a
rollback; distinct and consecutive when two processes issue at once; audited; editors
may issue and viewers may not."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from core import models
from core.documents import ISSUE_ACTION, DocumentNumber, issue_number, list_numbers
from core.errors import InvalidInput, PermissionDenied
from core.services.context import Context
from tests.conftest import audit_entries, make_org
from tests.core.services.test_access import member


def seqs(ctx: Context, org: str, prefix: str = "组发", year: int = 2026) -> list[int]:
    return [
        n.number.seq
        for n in list_numbers(ctx, org, year=year, prefix=prefix)
        if n.number.prefix == prefix
    ]


def test_numbers_run_per_organization_prefix_and_year(ctx: Context) -> None:
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    issued = [issue_number(ctx, "gdpu", "组发", 2026, f"通知{n}") for n in range(3)]
    assert [str(n) for n in issued] == ["组发〔2026〕1号", "组发〔2026〕2号", "组发〔2026〕3号"]
    assert issue_number(ctx, "gdpu", "党发", 2026, "另一代字") == DocumentNumber("党发", 2026, 1)
    assert issue_number(ctx, "gdpu", "组发", 2027, "新年") == DocumentNumber("组发", 2027, 1)
    assert issue_number(ctx, "town", "组发", 2026, "别的组织") == DocumentNumber("组发", 2026, 1)
    assert issue_number(ctx, "gdpu", "组发", "2026", "第四") == DocumentNumber("组发", 2026, 4)
    assert seqs(ctx, "gdpu") == [1, 2, 3, 4]
    assert seqs(ctx, "town") == [1]


def test_the_year_defaults_to_today(ctx: Context) -> None:
    make_org(ctx)
    assert issue_number(ctx, "gdpu", "组发", None, "今年") == DocumentNumber("组发", 2026, 1)


def test_a_rolled_back_number_is_issued_again(ctx: Context) -> None:
    make_org(ctx)
    issue_number(ctx, "gdpu", "组发", 2026, "一")
    with pytest.raises(RuntimeError), ctx.transaction():
        assert issue_number(ctx, "gdpu", "组发", 2026, "作废").seq == 2
        raise RuntimeError("the document was not sent after all")
    assert issue_number(ctx, "gdpu", "组发", 2026, "二").seq == 2
    assert seqs(ctx, "gdpu") == [1, 2]
    titles = [e.after["title"] for e in audit_entries(ctx, "document.number")]
    assert titles == ["一", "二"]  # the rolled-back audit entry went with its number


def test_issuing_is_audited(ctx: Context) -> None:
    make_org(ctx)
    issue_number(ctx, "gdpu", "组发", 2026, "干部任职前公示")
    (entry,) = audit_entries(ctx, "document.number")
    assert entry.object_type == "document_number"
    assert entry.after == {
        "text": "组发〔2026〕1号",
        "prefix": "组发",
        "year": 2026,
        "seq": 1,
        "title": "干部任职前公示",
    }
    row = models.DocumentNumber.get()
    assert row.issued_at.tzinfo is None  # naive UTC
    (listed,) = list_numbers(ctx, "gdpu")
    assert (listed.title, listed.issued_at) == ("干部任职前公示", row.issued_at)


def test_bad_input_is_refused(ctx: Context) -> None:
    make_org(ctx)
    with pytest.raises(InvalidInput, match="prefix"):
        issue_number(ctx, "gdpu", " ", 2026, "x")
    with pytest.raises(InvalidInput, match="without brackets"):
        issue_number(ctx, "gdpu", "组发〔", 2026, "x")
    with pytest.raises(InvalidInput, match="year"):
        issue_number(ctx, "gdpu", "组发", 26, "x")
    with pytest.raises(InvalidInput, match="title"):
        issue_number(ctx, "gdpu", "组发", 2026, "")
    assert list_numbers(ctx, "gdpu") == []


def test_editors_may_issue_and_viewers_may_not(ctx: Context) -> None:
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    editor = member(ctx, "editor1", {"gdpu": "editor"})
    viewer = member(ctx, "viewer1", {"gdpu": "viewer"})
    assert issue_number(editor, "gdpu", "组发", 2026, "x").seq == 1
    with pytest.raises(PermissionDenied, match=f"may not {ISSUE_ACTION.value} in gdpu"):
        issue_number(viewer, "gdpu", "组发", 2026, "y")
    with pytest.raises(PermissionDenied):
        issue_number(editor, "town", "组发", 2026, "not my organization")
    assert [n.title for n in list_numbers(viewer, "gdpu")] == ["x"]  # viewers read them
    with pytest.raises(PermissionDenied):
        list_numbers(editor, "town")


ISSUER = textwrap.dedent("""
    import sys, time
    from datetime import date
    from pathlib import Path
    from core.audit.keystore import DeploymentKeys, kek_from_environment
    from core.audit.log import log_row
    from core.database import connect
    from core.documents import issue_number
    from core.plugin_host import PluginHost
    from core.services.accounts import actor_for_os_user
    from core.services.context import Context

    url, key_file, count, ready, go = sys.argv[1:6]
    database = connect(url)
    keys = DeploymentKeys(lambda: kek_from_environment(log_row(), Path(key_file)))
    ctx = Context(database, actor_for_os_user("tester"), PluginHost.discover(),
                  lambda: date(2026, 11, 21), keys)
    issue_number  # imported, connected: ready
    Path(ready).touch()
    while not Path(go).exists():  # start together
        time.sleep(0.001)
    got = []
    for n in range(int(count)):
        got.append(issue_number(ctx, "gdpu", "组发", 2026, f"文件{n}").seq)
        time.sleep(0.005)  # leave the other process a moment to take its turn
    print(",".join(map(str, got)))
""")


def test_two_processes_get_distinct_consecutive_numbers(
    ctx: Context, db_url: str, tmp_path: Path
) -> None:
    make_org(ctx)
    script = tmp_path / "issuer.py"
    script.write_text(ISSUER, encoding="utf-8")
    go = tmp_path / "go"
    root = Path(__file__).parents[3]
    count = 40
    ready = [tmp_path / f"ready{i}" for i in range(2)]
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                str(script),
                db_url,
                str(tmp_path / "zhidu.key"),
                str(count),
                str(ready[i]),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=root,
            env={"PYTHONPATH": str(root), "PATH": ""},
        )
        for i in range(2)
    ]
    deadline = time.monotonic() + 60
    while not all(r.exists() for r in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    got = [[int(s) for s in out.strip().split(",")] for out, _ in outputs]
    assert all(mine == sorted(mine) for mine in got)  # each process sees its own rise
    first, second = got
    assert min(second) < max(first) and min(first) < max(second)  # they did run together
    assert sorted(got[0] + got[1]) == list(range(1, 2 * count + 1))  # distinct, no gap
    assert seqs(ctx, "gdpu") == list(range(1, 2 * count + 1))
    assert len(audit_entries(ctx, "document.number")) == 2 * count
