"""``zhidu titles …`` end to end, in-process, on the ``db_url`` database: --json on every
command, refusals as one line with exit status 2, the import refused row by row."""

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
from plugins.titles.cli import titles
from tests.conftest import audit_entries
from tests.plugins.titles.conftest import ORG, Maker

Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def zhidu(
    tctx: Context,
    person: Maker,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Run]:
    migrate(tctx.database, PluginHost.discover().migrations())  # installed plugins' tables
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")

    def run(*args: str, as_json: bool = True) -> tuple[int, Any, str]:
        capsys.readouterr()
        try:
            main(["titles", *args, "--org", ORG, *(["--json"] if as_json else [])])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        if not as_json:
            return code, out, err
        return code, json.loads(out) if out.strip() else None, err

    yield run


def test_every_command_takes_org_and_json() -> None:
    for name, command in titles.commands.items():
        assert any("--json" in p.opts for p in command.params), name
        assert any("--org" in p.opts for p in command.params), name
    assert isinstance(titles, click.Group)


def test_apply_rate_consent_and_screen(zhidu: Run, person: Maker, tctx: Context) -> None:
    pid = person("秦川", education="大学专科", title_date="2024-12-20")
    code, data, err = zhidu(
        "apply", str(pid), "--year", "2026", "--level", "副高级", "--series", "工程",
        "--current-series", "工程", "--exceptional", "--on", "2026-09-15",
    )  # fmt: skip
    assert code == 0, err
    assert data["exceptional"] is True and data["level"] == "副高级"
    for year in ("2024", "2025"):
        code, data, err = zhidu("rating", str(pid), "--year", year, "--grade", "合格")
        assert code == 0 and data["grade"] == "合格", err
    code, data, _ = zhidu("screen", "--year", "2026")
    (one,) = data["applicants"]
    assert one["verdict"] == "ineligible" and one["missed"] == ["exception_consent"]
    statuses = {c["key"]: c["status"] for c in one["conditions"]}
    assert statuses["years"] == "waived"
    consent = next(c for c in one["conditions"] if c["key"] == "exception_consent")
    assert consent["citation"]["article"] == "第四十条"
    code, data, err = zhidu(
        "consent", str(pid), "--year", "2026", "--on", "2026-10-08", "--by", "阜阳市人社局"
    )
    assert code == 0 and data["consent_on"] == "2026-10-08", err
    code, data, _ = zhidu("screen", "--year", "2026", "--only", "eligible")
    assert [a["name"] for a in data["applicants"]] == ["秦川"]
    assert data["counts"] == {"eligible": 1, "ineligible": 0, "undetermined": 0}
    code, text, _ = zhidu("screen", "--year", "2026", as_json=False)
    assert f"秦川（人员{pid}） 工程 副高级（评审，破格）：符合" in text and "◎" in text
    assert len(audit_entries(tctx, "titles.consent")) == 1


def test_refusals_are_one_line(zhidu: Run, person: Maker) -> None:
    pid = person("甲")
    args = ("apply", str(pid), "--year", "2026", "--level", "副高级", "--series", "工程")
    assert zhidu(*args)[0] == 0
    code, data, err = zhidu(*args[:-1], "经济")
    assert code == 2 and "第十四条" in data["error"]["message"]
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, data, err = zhidu("rating", str(pid), "--year", "二〇二五", "--grade", "合格")
    assert code == 2 and data["error"]["field"] == "year"
    code, data, err = zhidu("fraud", str(pid), "--revoked-on", "2023-02-30")
    assert code == 2 and data["error"]["field"] == "revoked_on" and "日期不存在" in err


def test_the_import_refuses_a_file_with_a_bad_row(
    zhidu: Run, person: Maker, tmp_path: Path, tctx: Context
) -> None:
    a, b = person("甲"), person("乙")
    good = tmp_path / "good.csv"
    good.write_text(
        f"人员,年度,系列,申报级别\n{a},2026,工程,副高级\n{b},2026,工程,副高级\n", "utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"人员,年度,系列,申报级别\n{a},2026,工程,副高级\n{b},2026,工程,副科级\n", "utf-8"
    )
    code, data, err = zhidu("import", str(bad))
    assert code == 2 and data["applied"] is False
    assert err.strip().splitlines() == [
        "error: row 3: level = '副科级': not a 职称级别 (one of 正高级/副高级/中级/初级)",
        "error: nothing imported: 1 bad row(s)",
    ]
    code, text, err = zhidu("import", str(bad), as_json=False)
    assert code == 2 and text == "" and err.count("error: row") == 1
    assert zhidu("screen", "--year", "2026")[1]["applicants"] == []
    code, data, err = zhidu("import", str(good))
    assert code == 0 and len(data["applications"]) == 2, err
    assert len(audit_entries(tctx, "titles.import")) == 1
