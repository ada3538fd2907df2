"""``zhidu attendance …`` end to end, in-process, on the ``db_url`` database: --json and
--org on every command, a file with a bad row (one line each, exit 1, nothing written),
one-line errors with exit status 2."""

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
from plugins.attendance.cli import attendance as group
from tests.conftest import audit_entries
from tests.plugins.attendance.conftest import Town

Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def zhidu(
    actx: Context,
    town: Town,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Run]:
    # the command line loads every installed plugin and wants all their tables
    migrate(actx.database, PluginHost.discover().migrations())
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")

    def run(*args: str, as_json: bool = True) -> tuple[int, Any, str]:
        capsys.readouterr()
        try:
            main(["attendance", *args, *(["--json"] if as_json else [])])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        data = json.loads(out) if as_json and out.strip() else out
        return code, data, err

    yield run


def test_every_command_takes_org_and_json() -> None:
    for name, command in group.commands.items():
        assert isinstance(command, click.Command) and not isinstance(command, click.Group)
        assert any("--json" in p.opts for p in command.params), name
        assert any("--org" in p.opts for p in command.params), name


def test_sign_sheet_and_report(zhidu: Run, town: Town) -> None:
    one = str(town.ids["张一"])
    code, signed, err = zhidu("sign", "--org", "zhen", one, "--at", "2026-03-02 08:41")
    assert code == 0, err
    assert (signed["name"], signed["kind"], signed["time"]) == ("张一", "签到", "08:41")
    code, _, _ = zhidu("sign", "--org", "zhen", one, "--at", "2026-03-02 17:10", "--out")
    assert code == 0
    code, sheet, _ = zhidu("sheet", "--org", "zhen", one, "--month", "2026-03")
    assert code == 0
    assert sheet["days"] == [
        {"day": "2026-03-02", "workday": True, "sign_ins": ["08:41"], "sign_outs": ["17:10"],
         "late": True, "outside_window": False, "early": True},
    ]  # fmt: skip
    code, report, _ = zhidu("report", "--org", "zhen", "--month", "2026-03")
    assert code == 0
    assert report["month"] == "2026-03" and report["working_days"] == 22
    assert report["hours"] == {"start": "08:30", "end": "17:30", "window_minutes": 30}
    (mine,) = [p for p in report["people"] if p["name"] == "张一"]
    counts = (mine["late"], mine["early"], mine["signed_days"], mine["unsigned_days"])
    assert counts == (1, 1, 1, 21)
    assert mine["findings"][0]["citation"]["source"] == "office-conduct-attendance.txt"
    code, text, _ = zhidu("report", "--org", "zhen", "--month", "2026-03", as_json=False)
    assert code == 0 and "考勤月报" in text and "张一  22  1  1  1  21" in text


def test_an_import_with_a_bad_row_writes_nothing(
    zhidu: Run, actx: Context, town: Town, tmp_path: Path
) -> None:
    file = tmp_path / "签到.csv"
    file.write_text(
        "姓名,时间,类型\n张一,2026-03-02 08:20,签到\n张二,2026-03-02 25:00,签到\n", "utf-8"
    )
    code, result, _ = zhidu("import", "--org", "zhen", str(file))
    assert code == 1 and result["applied"] is False and result["errors"] == 1
    assert result["problems"][0]["row"] == 3 and result["problems"][0]["field"] == "时间"
    code, text, _ = zhidu("import", "--org", "zhen", str(file), as_json=False)
    lines = text.strip().splitlines()
    assert code == 1 and lines[0].startswith("row 3: 时间 = '2026-03-02 25:00'")
    assert lines[-1] == "1 bad row(s) of 2: nothing written"
    assert audit_entries(actx, "attendance.import") == []
    file.write_text("姓名,时间,类型\n张一,2026-03-02 08:20,签到\n张二,2026-03-02 09:00,签到\n")
    code, result, _ = zhidu("import", "--org", "zhen", str(file))
    assert code == 0 and result["applied"] and result["added"] == 2
    assert len(audit_entries(actx, "attendance.import")) == 1


def test_mistakes_are_one_line(zhidu: Run, town: Town) -> None:
    for args in (
        ("sign", "--org", "zhen", str(town.ids["张一"]), "--at", "明天"),
        ("report", "--org", "zhen", "--month", "三月"),
        ("report", "--org", "nowhere", "--month", "2026-03"),
        ("sheet", "--org", "zhen", "9999", "--month", "2026-03"),
    ):
        code, data, err = zhidu(*args)
        assert code == 2, args
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert data["error"]["type"] in ("InvalidInput", "NotFound")
