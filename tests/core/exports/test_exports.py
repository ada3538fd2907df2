"""Exports to .xlsx and .csv, read back; refused where the account may not read, with
nothing written; audited with the file's SHA-256; people exported page by page."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from core import models
from core.cli._state import State
from core.cli.exports import KINDS as CLI_KINDS
from core.cli.exports import export
from core.errors import InvalidInput, PermissionDenied
from core.exports import KINDS, columns, export_table
from core.migrate import migrate
from core.services.context import Actor, Context
from core.services.orgs import add_unit
from core.services.people import add_person
from core.services.plugins import enable_plugin
from core.services.posts import add_post, add_term
from tests.conftest import TODAY, audit_entries, make_org
from tests.core.services.test_access import member
from tests.core.services.test_plugins_and_checks import plugin_module

DUE = """
def _due(ctx):
    yield Finding(Severity.DUE, "{name}.probation", "李明", CITE, "试用期将于12月1日期满",
                  "Probation ends on 1 December", due=date(2026, 12, 1), subject_key="person:1")

@hookimpl
def zhidu_checks():
    return [Check("probation", "试用期", "Probation", _due)]
"""


@pytest.fixture
def org(ctx: Context) -> Context:
    """gdpu: two units, two people, a post, a term, a plugin with one finding."""
    ctx.host.register(plugin_module("probe", extra=DUE.replace("{name}", "probe")), source="test")
    migrate(ctx.database, ctx.host.migrations())
    make_org(ctx)
    add_unit(ctx, "gdpu", "pharm", "药学院", "学院", parent_code="office")
    li = add_person(
        ctx, "gdpu", unit_code="pharm", name="李明", gender="男", birth_date="1978-05-12",
        education="博士研究生", political_status="中共党员", title="教授", title_level="正高级",
        title_date="2015-09-01",
    )  # fmt: skip
    add_person(ctx, "gdpu", name='=HYPERLINK("x")', gender="女", birth_date="1990-01-02")
    add_post(
        ctx, "gdpu", unit_code="pharm", code="dean", title="院长", rank="正处级", headcount=1,
        category="行政", term_years=3,
    )  # fmt: skip
    add_term(
        ctx, "gdpu", post_code="dean", person_id=li.id, start="2024-03-01", appointed_by="委任",
        probation_end="2025-03-01", note="试用一年",
    )  # fmt: skip
    enable_plugin(ctx, "gdpu", "probe")
    return ctx


def read_back(path: Path, encoding: str = "utf-8-sig") -> list[list[Any]]:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def day(value: Any) -> Any:
    """A date as read back: a datetime from xlsx, ISO text from csv."""
    return value.date() if isinstance(value, dt.datetime) else value


EXPECTED: dict[str, list[Any]] = {
    # kind → the first data row, as (column header, value) pairs to check
    "people": [("姓名", "李明"), ("性别", "男"), ("出生日期", dt.date(1978, 5, 12)),
               ("机构", "药学院"), ("学历", "博士研究生"), ("政治面貌", "中共党员"),
               ("职称", "教授"), ("职称级别", "正高级"), ("取得职称时间", dt.date(2015, 9, 1))],
    "posts": [("职位代码", "dean"), ("职位名称", "院长"), ("机构", "药学院"), ("职级", "正处级"),
              ("职数", 1), ("现任人数", 1), ("每届任期（年）", 3), ("类别", "行政")],
    "terms": [("职位代码", "dean"), ("姓名", "李明"), ("任职开始", dt.date(2024, 3, 1)),
              ("任职结束", None), ("任用方式", "委任"), ("试用期满", dt.date(2025, 3, 1)),
              ("备注", "试用一年")],
    "units": [("机构代码", "office"), ("机构名称", "办公室"), ("上级机构代码", None), ("层级", 1)],
    "findings": [("严重程度", "待办"), ("规则", "probe.probation"), ("对象", "李明"),
                 ("期限", dt.date(2026, 12, 1)), ("说明", "试用期将于12月1日期满"),
                 ("依据文件", "student-union-bylaws.txt"), ("插件", "probe")],
    "audit": [("操作人", "tester"), ("操作", "org.create"), ("对象类型", "organization")],
}  # fmt: skip


def as_read(value: Any, fmt: str) -> Any:
    """What ``value`` reads back as from a file of ``fmt``."""
    if fmt == "xlsx":
        return value
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_both_formats(org: Context, kind: str, fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"{kind}.{fmt}"
    made = export_table(org, "gdpu", kind, target)
    rows = read_back(target)
    headers = [c.header for c in columns(kind)]
    assert rows[0] == headers
    assert made.rows == len(rows) - 1 > 0
    first = dict(zip(headers, rows[1], strict=True))
    for header, value in EXPECTED[kind]:
        assert day(first[header]) == as_read(value, fmt), header
    assert made.format == fmt and made.path == target


def test_units_come_depth_first_with_their_parent(org: Context, tmp_path: Path) -> None:
    export_table(org, "gdpu", "units", tmp_path / "u.csv")
    rows = read_back(tmp_path / "u.csv")
    assert [(r[1], r[4], r[5]) for r in rows[1:]] == [("office", "", "1"), ("pharm", "office", "2")]


def test_the_audit_export_has_times_and_json(org: Context, tmp_path: Path) -> None:
    export_table(org, "gdpu", "audit", tmp_path / "a.xlsx")
    rows = read_back(tmp_path / "a.xlsx")
    created = rows[1]
    assert isinstance(created[1], dt.datetime)
    assert created[1].date() == dt.datetime.now(dt.UTC).date()  # naive UTC
    assert json.loads(created[8])["code"] == "gdpu"  # 变更后, as JSON
    assert {r[3] for r in rows[1:]} >= {"person.add", "term.add", "plugin.enable"}


def test_dates_are_date_cells_and_columns_have_widths(org: Context, tmp_path: Path) -> None:
    export_table(org, "gdpu", "people", tmp_path / "p.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx").worksheets[0]
    assert sheet.title == "人员"
    assert sheet["D2"].is_date and sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["E"].width == 21  # 公民身份号码: 18 digits and room
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


def test_text_that_looks_like_a_formula_stays_text(org: Context, tmp_path: Path) -> None:
    export_table(org, "gdpu", "people", tmp_path / "p.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx").worksheets[0]
    assert sheet["B3"].value == '=HYPERLINK("x")' and sheet["B3"].data_type == "s"
    export_table(org, "gdpu", "people", tmp_path / "p.csv")
    assert read_back(tmp_path / "p.csv")[2][1] == '\'=HYPERLINK("x")'


def test_csv_is_utf8_with_a_bom_or_gb18030(org: Context, tmp_path: Path) -> None:
    export_table(org, "gdpu", "people", tmp_path / "u.csv")
    assert (tmp_path / "u.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    made = export_table(org, "gdpu", "people", tmp_path / "g.csv", encoding="gb18030")
    raw = (tmp_path / "g.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "李明".encode("gb18030") in raw
    assert read_back(tmp_path / "g.csv", "gb18030")[1][1] == "李明"
    assert made.encoding == "gb18030"


def test_the_format_comes_from_the_suffix_unless_given(org: Context, tmp_path: Path) -> None:
    made = export_table(org, "gdpu", "posts", tmp_path / "posts.txt", "csv")
    assert made.format == "csv" and read_back(tmp_path / "posts.txt")[0][0] == "编号"
    with pytest.raises(InvalidInput, match=r"name a \.xlsx or \.csv file"):
        export_table(org, "gdpu", "posts", tmp_path / "posts.txt")
    with pytest.raises(InvalidInput, match="export one of people"):
        export_table(org, "gdpu", "secrets", tmp_path / "x.csv")
    with pytest.raises(InvalidInput, match="encoding"):
        export_table(org, "gdpu", "posts", tmp_path / "x.csv", encoding="latin-1")
    with pytest.raises(InvalidInput, match="no such folder"):
        export_table(org, "gdpu", "posts", tmp_path / "missing" / "x.csv")


def test_an_export_is_audited_with_the_files_hash(org: Context, tmp_path: Path) -> None:
    made = export_table(org, "gdpu", "people", tmp_path / "p.xlsx")
    digest = hashlib.sha256((tmp_path / "p.xlsx").read_bytes()).hexdigest()
    assert made.sha256 == digest
    (entry,) = audit_entries(org, "export")
    assert (entry.object_type, entry.object_id, entry.actor) == ("export", "people", "tester")
    assert entry.after == {"rows": 2, "format": "xlsx", "sha256": digest}
    export_table(org, "gdpu", "terms", tmp_path / "t.csv", encoding="gb18030")
    last = audit_entries(org, "export")[-1]
    assert last.after["encoding"] == "gb18030" and last.object_id == "terms"
    assert last.after["sha256"] == hashlib.sha256((tmp_path / "t.csv").read_bytes()).hexdigest()


def nothing_written(folder: Path) -> bool:
    return not any(folder.iterdir())


def test_a_stranger_is_refused_and_nothing_is_written(org: Context, tmp_path: Path) -> None:
    row = models.Account.create(
        name="guest", os_user="guest", is_operator=False, created_at=dt.datetime.now(dt.UTC)
    )
    stranger = Context(
        org.database, Actor(row.id, row.name, False), org.host, lambda: TODAY, org.keys
    )
    out = tmp_path / "out"
    out.mkdir()
    before = len(audit_entries(org))
    for kind in KINDS:
        with pytest.raises(PermissionDenied, match="may not"):
            export_table(stranger, "gdpu", kind, out / f"{kind}.xlsx")
    assert nothing_written(out)
    assert audit_entries(org, "export") == [] and len(audit_entries(org)) == before


def test_roles_decide_which_kinds_an_account_may_export(org: Context, tmp_path: Path) -> None:
    make_org(org, "town", "government")
    viewer = member(org, "viewer1", {"gdpu": "viewer"})
    auditor = member(org, "auditor1", {"gdpu": "auditor"})
    out = tmp_path / "out"
    out.mkdir()
    assert export_table(viewer, "gdpu", "people", out / "p.csv").rows == 2
    assert export_table(viewer, "gdpu", "findings", out / "f.csv").rows == 1
    with pytest.raises(PermissionDenied, match="may not read the audit trail in gdpu"):
        export_table(viewer, "gdpu", "audit", out / "a.csv")
    with pytest.raises(PermissionDenied, match="may not read in town"):
        export_table(viewer, "town", "people", out / "town.csv")
    with pytest.raises(PermissionDenied, match="may not run checks in gdpu"):
        export_table(auditor, "gdpu", "findings", out / "f2.csv")
    made = export_table(auditor, "gdpu", "audit", out / "a2.csv")
    rows = read_back(out / "a2.csv")
    assert made.rows == len(rows) - 1 and all(r[2] for r in rows[1:])  # every entry has its actor
    assert sorted(p.name for p in out.iterdir()) == ["a2.csv", "f.csv", "p.csv"]
    actors = [(e.actor, e.object_id) for e in audit_entries(org, "export")]
    assert actors == [("viewer1", "people"), ("viewer1", "findings"), ("auditor1", "audit")]


def test_a_failure_while_writing_leaves_no_file(
    org: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.exports

    def broken(*_args: Any) -> Any:
        yield (1, "半行")
        raise RuntimeError("disk full")

    kind = core.exports._KINDS["units"]
    monkeypatch.setitem(core.exports._KINDS, "units", kind.__class__(
        kind.name, kind.sheet, kind.action, kind.columns, broken
    ))  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError, match="disk full"):
        export_table(org, "gdpu", "units", out / "u.csv")
    assert nothing_written(out)
    assert audit_entries(org, "export") == []


def test_two_thousand_people_are_exported_page_by_page(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    org_id = models.Organization.get(code="gdpu").id
    models.Person.insert_many(
        [
            {"org": org_id, "name": f"人员{n:04d}", "gender": "女" if n % 2 else "男",
             "birth_date": dt.date(1980, 1, 1) + dt.timedelta(days=n)}
            for n in range(2000)
        ]
    ).execute()  # fmt: skip
    seen: list[tuple[int, int | None]] = []
    made = export_table(
        ctx, "gdpu", "people", tmp_path / "p.csv", page_size=300, progress=lambda *a: seen.append(a)
    )
    assert made.rows == 2000
    assert seen == [(300 * k, 2000) for k in range(1, 7)] + [(2000, 2000)]
    rows = read_back(tmp_path / "p.csv")[1:]
    assert [r[1] for r in rows] == [f"人员{n:04d}" for n in range(2000)]
    assert len({r[0] for r in rows}) == 2000
    assert rows[-1][3] == (dt.date(1980, 1, 1) + dt.timedelta(days=1999)).isoformat()
    export_table(ctx, "gdpu", "people", tmp_path / "p.xlsx", page_size=300)
    assert len(read_back(tmp_path / "p.xlsx")) == 2001


def test_the_cli_exports_and_prints_json(org: Context, tmp_path: Path) -> None:
    assert set(CLI_KINDS) == set(KINDS)
    state = State(None)
    state._context = org
    target = tmp_path / "posts.xlsx"
    result = CliRunner().invoke(
        export, ["posts", "--org", "gdpu", "--out", str(target), "--json"], obj=state
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["rows"] == 1 and shown["format"] == "xlsx" and shown["path"] == str(target)
    assert shown["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    result = CliRunner().invoke(
        export,
        ["findings", "--org", "gdpu", "--out", str(tmp_path / "f"), "--format", "csv",
         "--encoding", "gb18030", "--on", "2026-11-21"],
        obj=state,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote 1 rows to ")
