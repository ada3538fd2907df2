"""Workbooks an import writes: the problem report and the blank template of a kind.

The report is a copy of the file checked — the workbook itself for an ``.xlsx``, the
rows as text for a CSV — with every cell at fault filled red and commented with the
rule it breaks (warnings yellow), and a ``problems`` sheet listing them all.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import InvalidInput
from core.imports.reading import openpyxl, read_bytes

if TYPE_CHECKING:
    from core.imports import ImportReport
    from core.imports.kinds import ImportKind

__all__ = ["ERROR_FILL", "PROBLEMS_SHEET", "WARNING_FILL", "write_report", "write_template"]

ERROR_FILL = "FFFFC7CE"  # Excel's light red ("bad")
WARNING_FILL = "FFFFEB9C"  # Excel's light yellow ("neutral")
PROBLEMS_SHEET = "problems"
NOTES_SHEET = "说明"
_AUTHOR = "zhidu"
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def write_report(report: ImportReport, source: Path | str, out: Path | str) -> Path:
    """Write the problem report of ``report`` for the file ``source`` to ``out``."""
    xl = openpyxl()
    source, out = Path(source), Path(out)
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != report.sha256:
        raise InvalidInput("file", source.name, "changed since it was checked: check it again")
    if report.format == "xlsx":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = xl.load_workbook(io.BytesIO(data))
        sheet = book[report.sheet] if report.sheet else book.worksheets[0]
    else:
        table = read_bytes(data, source.name, encoding=report.encoding)
        book = xl.Workbook()
        sheet = book.active
        sheet.title = _BAD_TITLE.sub("_", source.stem)[:31] or "data"
        for number, cells in table.rows:
            for col, value in enumerate(cells, start=1):
                if value != "":
                    sheet.cell(number, col, value)
    _mark(sheet, report)
    _problems_sheet(book, report)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _mark(sheet: Any, report: ImportReport) -> None:
    Comment = openpyxl(".comments").Comment
    PatternFill = openpyxl(".styles").PatternFill
    anchors = {}
    for merged in sheet.merged_cells.ranges:
        for row, col in merged.cells:
            anchors[(row, col)] = (merged.min_row, merged.min_col)
    notes: dict[tuple[int, int], list[str]] = defaultdict(list)
    worst: dict[tuple[int, int], str] = {}
    for problem in report.problems:
        if problem.row < 1 or problem.col < 1:
            continue
        where = anchors.get((problem.row, problem.col), (problem.row, problem.col))
        if problem.rule not in notes[where]:
            notes[where].append(problem.rule)
        if worst.get(where) != "error":
            worst[where] = problem.severity
    for (row, col), rules in notes.items():
        cell = sheet.cell(row, col)
        color = ERROR_FILL if worst[(row, col)] == "error" else WARNING_FILL
        cell.fill = PatternFill("solid", start_color=color, end_color=color)
        cell.comment = Comment("\n".join(rules), _AUTHOR, width=320, height=120)


def _problems_sheet(book: Any, report: ImportReport) -> None:
    Font = openpyxl(".styles").Font
    sheet = book.create_sheet(PROBLEMS_SHEET)
    sheet.append(["行 row", "列 column", "单元格 cell", "值 value", "规则 rule", "级别 severity"])
    for problem in report.problems:
        sheet.append(
            [
                problem.row or None,
                problem.column,
                problem.cell,
                problem.value,
                problem.rule,
                "错误 error" if problem.severity == "error" else "提示 warning",
            ]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (8, 16, 10, 24, 80, 14), strict=True):
        sheet.column_dimensions[letter].width = width


def write_template(kind: ImportKind | str, out: Path | str) -> Path:
    """Write a blank workbook for ``kind``: the header row, one example row, and a notes
    sheet (说明) with each column's meaning and allowed values."""
    from core.imports import get_kind

    Workbook = openpyxl().Workbook
    Comment = openpyxl(".comments").Comment
    styles = openpyxl(".styles")
    Font, PatternFill = styles.Font, styles.PatternFill
    get_column_letter = openpyxl(".utils").get_column_letter

    found = get_kind(kind)
    out = Path(out)
    book = Workbook()
    sheet = book.active
    sheet.title = found.title_zh
    bold = Font(bold=True)
    for col, column in enumerate(found.columns, start=1):
        head = sheet.cell(1, col, column.header_zh)
        head.font = bold
        if column.required:
            head.fill = PatternFill("solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
        head.comment = Comment(
            f"{column.field}: {column.meaning}\n{column.allowed}", _AUTHOR, width=300, height=110
        )
        example = sheet.cell(2, col, column.example)
        if column.type == "date":
            example.number_format = "yyyy-mm-dd"
        elif column.type in ("id_number", "code", "text"):
            example.number_format = "@"  # text, so Excel keeps 18-digit numbers whole
        width = 24 if column.type == "id_number" else max(12, 2 * len(column.header_zh) + 4)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"

    notes = book.create_sheet(NOTES_SHEET)
    notes.append([f"{found.title_zh} ({found.title_en}) — zhidu import {found.name} FILE"])
    notes.append([found.notes])
    notes.append(["第1行为表头，第2行为示例，请删除示例后逐行填写；日期可写 2024-03-05、2024/3/5、"
                  "2024年3月5日 或使用日期格式的单元格；请勿合并单元格。"])  # fmt: skip
    notes.append([])
    notes.append(["列名 header", "英文名 English", "必填 required", "含义 meaning",
                  "允许的值 allowed values", "示例 example"])  # fmt: skip
    for cell in notes[5]:
        cell.font = bold
    for column in found.columns:
        example = column.example.isoformat() if isinstance(column.example, date) else column.example
        also = f"（或 {'、'.join(column.aliases)}）" if column.aliases else ""
        notes.append([
            column.header_zh + also,
            column.field,
            "是" if column.required else "",
            column.meaning,
            column.allowed,
            "" if example is None else str(example),
        ])  # fmt: skip
    for letter, width in zip("ABCDEF", (30, 22, 10, 60, 50, 20), strict=True):
        notes.column_dimensions[letter].width = width
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out
