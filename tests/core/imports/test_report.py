"""The .xlsx problem report (a marked copy of the file, and a problems sheet) and the
template of each kind, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from core import imports
from core.errors import InvalidInput
from core.imports.report import ERROR_FILL, PROBLEMS_SHEET, WARNING_FILL
from core.services.context import Context
from tests.conftest import make_org
from tests.core.imports.helpers import csv_bytes, xlsx


def test_the_report_is_the_file_with_its_bad_cells_marked(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    source = xlsx(
        tmp_path / "people.xlsx",
        [
            ("姓名", "性别", "出生日期", "备用", "所在机构"),
            ("张丽", "女", "1949-12-31", "=1+1", "office"),  # an ignored column's formula
            ("王五", "M", "2027-01-01", None, "office"),
            ("李四", "男", "1980-01-01", None, "office"),
            ("赵六", "男", "1981-01-01", None, "office"),
        ],
        merge=["E4:E5"],
    )
    report = imports.dry_run(ctx, "gdpu", "people", source)
    out = imports.write_report(report, source, tmp_path / "out" / "report.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["人员", PROBLEMS_SHEET]
    sheet = book["人员"]
    assert [c.value for c in sheet[2]] == ["张丽", "女", "1949-12-31", "=1+1", "office"]  # a copy
    marked = {
        c.coordinate: (c.fill.fgColor.rgb, c.comment.text)
        for row in sheet.iter_rows()
        for c in row
        if c.comment is not None
    }
    merged = (
        "merged cells E4:E5: each row must hold its own values; unmerge and fill every cell "
        "(请取消合并单元格并逐行填写)"
    )
    assert marked == {
        "D1": (WARNING_FILL, "not a column of this kind; ignored (未识别的列，已忽略)"),
        "B3": (ERROR_FILL, "must be one of 男/女"),
        "E4": (ERROR_FILL, merged),  # the merged range's cell, once
    }
    assert sheet["A2"].fill.fgColor.rgb != ERROR_FILL
    listed = [tuple(r) for r in book[PROBLEMS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert listed == [
        (1, "备用", "D1", "备用", "not a column of this kind; ignored (未识别的列，已忽略)",
         "提示 warning"),
        (3, "性别", "B3", "M", "must be one of 男/女", "错误 error"),
        (4, "所在机构", "E4", "office", merged, "错误 error"),
        (5, "所在机构", "E5", "office", merged, "错误 error"),
    ]  # fmt: skip


def test_a_csv_report_is_a_workbook_of_its_rows(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    source = tmp_path / "人员名单.csv"
    source.write_bytes(csv_bytes([("姓名", "公民身份号码"), ("张丽", "110105194912310021")],
                                 "gb18030"))  # fmt: skip
    report = imports.dry_run(ctx, "gdpu", "people", source)
    out = imports.write_report(report, source, tmp_path / "report.xlsx")
    book = load_workbook(out)
    sheet = book["人员名单"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["姓名", "公民身份号码"],
        ["张丽", "110105194912310021"],  # as text, every digit kept
    ]
    assert sheet["B2"].fill.fgColor.rgb == ERROR_FILL
    assert sheet["B2"].comment.text == "校验码应为 X (check digit should be X)"

    source.write_bytes(csv_bytes([("姓名",), ("张丽",)]))
    with pytest.raises(InvalidInput, match="changed since it was checked"):
        imports.write_report(report, source, tmp_path / "again.xlsx")


@pytest.mark.parametrize("kind", sorted(imports.KINDS))
def test_each_kind_has_a_template_that_reads_back(ctx: Context, tmp_path: Path, kind: str) -> None:
    make_org(ctx)
    found = imports.get_kind(kind)
    path = imports.write_template(kind, tmp_path / f"{kind}-template.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [found.title_zh, "说明"]
    assert [c.value for c in book[found.title_zh][1]] == [c.header_zh for c in found.columns]
    notes = [r[1] for r in book["说明"].iter_rows(min_row=6, values_only=True)]
    assert notes == [c.field for c in found.columns]
    report = imports.dry_run(ctx, "gdpu", kind, path)
    header_problems = [p for p in report.problems if p.row == report.header_row]
    assert header_problems == [] and report.rows == 1
    if kind in ("people", "units"):
        assert report.problems == () and report.counts["added"] == 1
