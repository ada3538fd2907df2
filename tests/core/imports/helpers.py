"""Writing real import files: .xlsx with openpyxl, CSV as bytes in a given encoding."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from core import models
from core.resident_id import make_resident_id

Rows = Iterable[Sequence[object]]

PEOPLE_HEADER = ("姓名", "性别", "出生日期", "公民身份号码", "所在机构")


def xlsx(path: Path, rows: Rows, *, sheet: str = "人员", merge: Sequence[str] = ()) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for ref in merge:
        ws.merge_cells(ref)
    book.save(path)
    return path


def csv_bytes(rows: Rows, encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def with_cached_value(path: Path, cell: str, value: str) -> None:
    """Give the formula in ``cell`` of the first sheet a saved value, as Excel would."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    start = xml.index(f'<c r="{cell}"')
    end = xml.index("</c>", start)
    parts[name] = (
        xml[:start]
        + xml[start:end].replace("<v></v>", "").replace("<v />", "")
        + f"<v>{value}</v>"
        + xml[end:]
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


def rid(born: date, n: int, *, woman: bool = False) -> str:
    """A valid ID number: sequence 2n+1 for a man, 2n for a woman."""
    return make_resident_id("440106", born, 2 * n + (0 if woman else 1))


def counts() -> dict[str, int]:
    """How many rows each table holds, and the audit entries."""
    return {
        model.__name__: model.select().count()
        for model in (
            models.Person,
            models.Unit,
            models.Post,
            models.Term,
            models.Kinship,
            models.AuditEntry,
        )
    }
