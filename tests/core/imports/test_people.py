"""Importing people: every problem at once, nothing written until none remains, one
transaction, idempotent re-imports, and the audit trail of an import."""

from __future__ import annotations

import gc
import hashlib
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from core import imports, models
from core.errors import PermissionDenied
from core.services.context import Actor, Context
from core.services.people import add_person
from tests.conftest import TODAY, audit_entries, make_org
from tests.core.imports.helpers import counts, rid, xlsx

ID_ZHANG = "11010519491231002X"  # a woman born 1949-12-31
HEADER = ("姓名", "性别", "出生日期", "公民身份号码", "所在机构", "学历", "职称", "职称级别")


def problems(report: imports.ImportReport) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.rule) for p in report.problems]


def test_a_dry_run_reports_every_problem_and_writes_nothing(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    add_person(ctx, "gdpu", name="张强", gender="男", birth_date="1975-05-05",
               id_number=rid(date(1975, 5, 5), 1))  # fmt: skip
    man_1985 = rid(date(1985, 3, 5), 7)
    path = xlsx(
        tmp_path / "人员.xlsx",
        [
            HEADER,
            ("张丽 ", "女", "1949-12-31", ID_ZHANG, "office", "大学本科", "教授", "正高级"),
            ("李四", "男", "1980-01-01", "110105194912310021"),  # check digit
            ("王五", "男", "2027-01-01"),  # in the future
            ("赵六", "男", "1980-05-05", None, "nowhere"),  # no such unit
            ("张丽", "女", "1949-12-31", ID_ZHANG),  # row 2 again
            ("钱七", "男", "1990-01-01", None, None, "大专", "讲师"),  # two problems
            ("孙八", "女", "1985-03-05", man_1985),  # the ID number says a man
            ("周九", "男", "1988-02-30"),  # no such day
            ("张三", "男", "1975-05-05", rid(date(1975, 5, 5), 1)),  # 张强's ID number
        ],
    )
    before = counts()
    report = imports.dry_run(ctx, "gdpu", "people", path)
    assert problems(report) == [
        (3, "公民身份号码", "校验码应为 X (check digit should be X)"),
        (4, "出生日期", "is in the future (出生日期晚于今天)"),
        (5, "所在机构", "no such unit in gdpu (机构不存在)"),
        (6, "公民身份号码", "the same ID number as row 2 (文件内重复)"),
        (7, "学历", "must be one of 博士研究生/硕士研究生/大学本科/大学专科/高中/初中/小学"),
        (7, "职称级别", "a title and its level are given together (职称与级别须同时填写)"),
        (8, "公民身份号码", "its 17th digit says 男, gender says 女 (身份证号码与性别不符)"),
        (9, "出生日期", "no such day in the calendar (日期不存在)"),
        (
            10,
            "公民身份号码",
            "this ID number is recorded for 张强 (#1); correct the name, or rename the "
            "person with `zhidu person update` (身份证号码已登记为另一姓名)",
        ),
    ]
    first = report.problems[0]
    assert (first.cell, first.value, first.field) == ("D3", "110105194912310021", "id_number")
    assert report.rows == 9 and report.applied is False
    assert report.counts == {"added": 1, "updated": 0, "unchanged": 0}  # only row 2 is good
    assert counts() == before

    refused = imports.apply(ctx, "gdpu", "people", path)
    assert refused.applied is False and len(refused.errors) == 9
    assert counts() == before  # not even the good row, nor an audit entry


def test_apply_writes_everything_in_one_go_and_audits_the_import(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    path = xlsx(
        tmp_path / "people.xlsx",
        [
            ("name", "gender", "birth_date", "id_number", "unit", "title", "title_level"),
            ("张丽", None, None, ID_ZHANG, "办公室", "教授", "正高级"),  # unit by name
            ("王五", "男", date(1990, 1, 1), None, None, None, None),
            ("李四", "男", "1980/1/2", rid(date(1980, 1, 2), 3), "office", None, None),
        ],
    )
    before = counts()
    report = imports.apply(ctx, "gdpu", "people", path)
    assert report.applied and report.errors == ()
    assert report.counts == {"added": 3, "updated": 0, "unchanged": 0}
    people = {p.name: p for p in models.Person.select()}
    assert people["张丽"].gender == "女" and people["张丽"].birth_date == date(1949, 12, 31)
    assert people["张丽"].unit.code == "office" and people["张丽"].title_level == "正高级"
    # new people go in with one bulk insert: the import's one entry names each of them
    assert counts()["AuditEntry"] == before["AuditEntry"] + 1
    entry = audit_entries(ctx)[-1]
    assert (entry.action, entry.object_type, entry.object_id) == (
        "import.apply",
        "import",
        "people",
    )
    assert entry.after == {
        "file": "people.xlsx",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "sheet": "人员",
        "rows": 3,
        "counts": {"added": 3, "updated": 0, "unchanged": 0},
        "added": [
            [people["张丽"].id, ID_ZHANG],
            [people["王五"].id, "王五 1990-01-01"],
            [people["李四"].id, rid(date(1980, 1, 2), 3)],
        ],
    }

    # the same file again changes nothing: no row, no audit entry
    again = imports.apply(ctx, "gdpu", "people", path)
    assert again.applied and again.counts == {"added": 0, "updated": 0, "unchanged": 3}
    assert counts() == before | {"Person": 3, "AuditEntry": before["AuditEntry"] + 1}


def test_a_changed_row_updates_the_person_and_blank_cells_keep_what_is_recorded(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    zhang = add_person(ctx, "gdpu", name="张丽", gender="女", birth_date="1949-12-31",
                       id_number=ID_ZHANG, education="大学本科")  # fmt: skip
    nameless = add_person(ctx, "gdpu", name="王五", gender="男", birth_date="1990-01-01")
    path = xlsx(
        tmp_path / "people.xlsx",
        [
            ("姓名", "公民身份号码", "出生日期", "性别", "学历", "政治面貌"),
            ("张丽", "１１０１０５１９４９１２３１００２ｘ", None, None, None, "中共党员"),
            ("王五", rid(date(1990, 1, 1), 5), "1990年1月1日", "男", "硕士研究生", None),
        ],
    )
    report = imports.apply(ctx, "gdpu", "people", path)
    assert report.errors == () and report.counts["updated"] == 2
    assert [(c.target, c.status, dict(c.values), dict(c.before)) for c in report.changes] == [
        (zhang.id, "update", {"political_status": "中共党员"}, {"political_status": None}),
        (
            nameless.id,  # matched by name and birth date; gains the ID number
            "update",
            {"id_number": rid(date(1990, 1, 1), 5), "education": "硕士研究生"},
            {"id_number": None, "education": None},
        ),
    ]
    stored = models.Person.get_by_id(zhang.id)
    assert (stored.education, stored.political_status) == ("大学本科", "中共党员")
    updates = audit_entries(ctx, "person.update")
    assert len(updates) == 2 and updates[0].after["political_status"] == "中共党员"
    assert audit_entries(ctx, "import.apply")[-1].after["counts"] == {
        "added": 0, "updated": 2, "unchanged": 0,
    }  # fmt: skip


def test_people_of_the_same_name_and_birth_date_need_the_id_number(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    for _ in range(2):
        add_person(ctx, "gdpu", name="王伟", gender="男", birth_date="1990-01-01")
    path = xlsx(tmp_path / "p.xlsx", [("姓名", "性别", "出生日期"), ("王伟", "男", "1990-01-01")])
    assert problems(imports.dry_run(ctx, "gdpu", "people", path)) == [
        (2, "姓名", "2 people in gdpu have this name and birth date: give the ID number "
                    "(重名，无法确定是哪一位)"),
    ]  # fmt: skip


def test_moving_a_person_to_another_unit_is_a_conflict(ctx: Context, tmp_path: Path) -> None:
    from core.services.orgs import add_unit

    make_org(ctx)
    add_unit(ctx, "gdpu", "hr", "人事处", "处")
    add_person(ctx, "gdpu", unit_code="office", name="张丽", gender="女",
               birth_date="1949-12-31", id_number=ID_ZHANG)  # fmt: skip
    path = xlsx(
        tmp_path / "p.xlsx", [("姓名", "公民身份号码", "机构代码"), ("张丽", ID_ZHANG, "hr")]
    )
    assert problems(imports.dry_run(ctx, "gdpu", "people", path)) == [
        (2, "机构代码", "the person is recorded in unit office; import does not move people "
                      "between units (所在机构与已登记的不同)"),
    ]  # fmt: skip


def test_a_file_changed_between_the_dry_run_and_the_apply_is_checked_again(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    path = tmp_path / "people.xlsx"
    xlsx(path, [HEADER, ("张丽", "女", "1949-12-31", "110105194912310021")])
    checked = imports.dry_run(ctx, "gdpu", "people", path)
    assert [p.rule for p in checked.errors] == ["校验码应为 X (check digit should be X)"]

    xlsx(path, [HEADER, ("张丽", "女", "1949-12-31", ID_ZHANG), ("王五", "男", "1990-01-01")])
    now = hashlib.sha256(path.read_bytes()).hexdigest()
    assert now != checked.sha256
    # Asking for the dry run's file refuses the changed one, and writes nothing …
    before = counts()
    stale = imports.apply(ctx, "gdpu", "people", path, expected_sha256=checked.sha256)
    assert not stale.applied and [(p.row, p.value) for p in stale.errors] == [(0, now)]
    assert "the file changed since it was checked" in stale.errors[0].rule
    assert counts() == before
    # … and without it, the apply checks and writes what the file holds now.
    applied = imports.apply(ctx, "gdpu", "people", path)
    assert applied.applied and applied.sha256 == now and applied.counts["added"] == 2
    assert audit_entries(ctx, "import.apply")[-1].after["sha256"] == now


def test_ten_thousand_rows_with_one_bad_row_near_the_end(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("人员")
    sheet.append(["姓名", "性别", "出生日期", "公民身份号码", "学历"])
    bad_row = 9_990  # the spreadsheet's row: header is 1
    for i in range(10_000):
        born = date(1960, 1, 1) + timedelta(days=i // 400)
        number = rid(born, i % 400)
        if i + 2 == bad_row:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        sheet.append([f"王{i:05d}", "男", born, number, "大学本科"])
    path = tmp_path / "big.xlsx"
    book.save(path)
    before = counts()
    seen: list[tuple[int, int]] = []

    started = time.perf_counter()
    report = imports.apply(ctx, "gdpu", "people", path, progress=lambda d, t: seen.append((d, t)))
    elapsed = time.perf_counter() - started

    assert [(p.row, p.column) for p in report.problems] == [(bad_row, "公民身份号码")]
    assert report.problems[0].rule.startswith("校验码应为")
    assert report.rows == 10_000 and report.counts["added"] == 9_999 and not report.applied
    assert counts() == before
    assert seen[-1] == (10_000, 10_000) and len(seen) == 100
    assert elapsed < 15, f"checking 10,000 rows took {elapsed:.1f} s"


def test_the_import_needs_the_permission_before_the_file_is_read(
    ctx: Context, tmp_path: Path
) -> None:
    from core.services.accounts import add_account, grant_role

    make_org(ctx)
    add_account(ctx, "viewer1")
    grant_role(ctx, "viewer1", "gdpu", "viewer")
    row = models.Account.get(models.Account.name == "viewer1")
    viewer = Context(ctx.database, Actor(row.id, row.name, False), ctx.host, lambda: TODAY,
                     ctx.keys)  # fmt: skip
    for step in (imports.dry_run, imports.apply):
        with pytest.raises(PermissionDenied, match="may not edit people in gdpu"):
            step(viewer, "gdpu", "people", tmp_path / "no such file.xlsx")
    with pytest.raises(PermissionDenied, match="may not manage units in gdpu"):
        imports.dry_run(viewer, "gdpu", "units", tmp_path / "no such file.xlsx")


def test_rows_that_would_be_the_same_person_are_duplicates(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    add_person(ctx, "gdpu", name="王五", gender="男", birth_date="1990-01-01")  # no ID number
    born = date(1990, 1, 1)
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            ("姓名", "性别", "出生日期", "公民身份号码"),
            ("张丽", "女", "1949-12-31", ID_ZHANG),
            ("张丽", "女", "1949-12-31", None),  # without its ID number: which 张丽?
            ("王五", "男", "1990-01-01", rid(born, 1)),  # the recorded 王五, gaining an ID
            ("王五", "男", "1990-01-01", rid(born, 2)),  # … and again, with another one
            ("李四", "男", "1980-01-01", None),
            ("李四", "男", "1980-01-01", None),
        ],
    )
    assert problems(imports.dry_run(ctx, "gdpu", "people", path)) == [
        (3, "姓名", "the same name and birth date as row 2 (文件内重复)"),
        (5, "姓名", "the same person as row 4 (文件内重复)"),
        (7, "姓名", "the same name and birth date as row 6 (文件内重复)"),
    ]


def test_the_quick_way_converts_rows_exactly_as_the_long_way(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Most rows take the quick way (each distinct cell converted once per file); a row
    # with any problem takes the long way, which records it. Both must agree on every
    # clean row: generated people with units, titles and blanks of every kind.
    from bench.generate import write_people_csv
    from core.imports.kinds import RowCheck, _person_cells, _person_cells_quickly
    from core.services.orgs import add_unit

    make_org(ctx)
    add_unit(ctx, "gdpu", "pharm", "药学院", "学院")
    path = tmp_path / "people.csv"
    write_people_csv(path, 300, seed=5, units=["office", "pharm", "药学院"])
    report = imports.dry_run(ctx, "gdpu", "people", path)
    assert report.errors == () and report.counts["added"] == 300
    table = imports.read_rows(path)
    batch = imports.Batch(
        ctx, models.Organization.get(code="gdpu"), imports.get_kind("people"),
        imports.reading.map_headers(table, imports.get_kind("people").columns), TODAY,
    )  # fmt: skip
    for number, cells in table.rows[1:]:
        quick = _person_cells_quickly(batch, RowCheck(batch, number, cells))
        slow_row = RowCheck(batch, number, cells)
        assert quick == _person_cells(batch, slow_row) and not slow_row.failed
    # and the whole dry run plans the same changes when every row goes the long way
    monkeypatch.setattr("core.imports.kinds._person_cells_quickly", lambda batch, row: None)
    assert imports.dry_run(ctx, "gdpu", "people", path).changes == report.changes


def test_a_checked_file_leaves_no_cycle_for_the_garbage_collector(
    ctx: Context, tmp_path: Path
) -> None:
    # The batch's converters refer back to it; released, it is freed by reference
    # counting, not by the cyclic collector walking a few objects a row.
    from bench.generate import write_people_csv

    make_org(ctx)
    path = tmp_path / "people.csv"
    write_people_csv(path, 40, seed=3)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert imports.dry_run(ctx, "gdpu", "people", path).errors == ()
        assert imports.apply(ctx, "gdpu", "people", path).counts["added"] == 40
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, imports.Batch)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []


def test_a_bad_cell_repeated_in_many_rows_is_reported_in_each(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    rows = [("姓名", "性别", "出生日期", "学历")]
    rows += [(f"王{n}", "男", "1990-13-01" if n % 2 else "1990-01-01", "本科生") for n in range(6)]
    report = imports.dry_run(ctx, "gdpu", "people", xlsx(tmp_path / "p.xlsx", rows))
    bad_dates = [p.row for p in report.errors if p.field == "birth_date"]
    bad_education = [p.row for p in report.errors if p.field == "education"]
    assert bad_dates == [3, 5, 7] and bad_education == [2, 3, 4, 5, 6, 7]
    assert {p.rule for p in report.errors if p.field == "birth_date"} == {
        "no such day in the calendar (日期不存在)"
    }


def test_the_quick_way_reads_absent_ignored_and_missing_cells_as_the_long_way(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No ID number or unit column, an ignored column after the known ones, short rows.
    make_org(ctx)
    path = tmp_path / "people.csv"
    path.write_text(
        "姓名,性别,出生日期,学历,备注\n"
        "王一,男,1990-01-01,大学本科,班长\n"
        "王二,女,1991-02-02\n"
        "王三,男,1992-03-03,,硕士在读\n",
        encoding="utf-8",
    )
    quick = imports.dry_run(ctx, "gdpu", "people", path)
    monkeypatch.setattr("core.imports.kinds._person_cells_quickly", lambda batch, row: None)
    slow = imports.dry_run(ctx, "gdpu", "people", path)
    assert quick.changes == slow.changes and quick.errors == slow.errors == ()
    assert [c.values.get("education") for c in quick.changes] == ["大学本科", None, None]
