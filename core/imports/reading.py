"""Reading an import file: ``.xlsx`` or CSV, its header row, and what a cell holds.

The whole file is read into memory once, as bytes; its SHA-256 is of exactly those
bytes, and everything after parses them, so the hash always names what was checked.

- ``.xlsx`` is recognised by its content (a ZIP with ``xl/workbook.xml``), read with
  openpyxl in read-only streaming mode with cached values (``data_only``). Merged cells,
  formulas without a saved value and Excel error values (``#N/A`` …) are problems of
  their own, never read as if the cell were empty.
- CSV is UTF-8 (with or without a BOM), else GB18030 — or the ``encoding`` given.
- Anything else (an old ``.xls``, a PDF, a picture, an empty file) is one clear
  :class:`~core.errors.InvalidInput` naming the file.

The header row is the first of the first ten non-empty rows that names a known column
(title rows above it are skipped); rows keep their numbers as the spreadsheet shows them,
the header's included.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from core import validate
from core.errors import InvalidInput

__all__ = [
    "Column",
    "HeaderMap",
    "Problem",
    "Table",
    "cell_problems",
    "clean_cell",
    "header_key",
    "map_headers",
    "openpyxl",
    "read_rows",
    "show",
]

#: How a column's cells are cleaned before the validators see them.
COLUMN_TYPES = ("text", "code", "number", "date", "id_number")

_SPACES = " \t\r\n\u3000\xa0"
_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_HEADER_SEARCH = 10  # rows in which to look for the header row


@attrs.frozen
class Column:
    """One column of an import kind: the field it fills and the headers that name it."""

    field: str
    """The field name, also accepted as the English header (``birth_date``)."""
    header_zh: str
    """The Chinese header, as the template writes it (出生日期)."""
    meaning: str
    """What the column holds, for the template's notes and docs/imports.md."""
    aliases: tuple[str, ...] = ()
    """Other headers that name the column (身份证号码, 身份证号 …)."""
    type: str = attrs.field(default="text", validator=attrs.validators.in_(COLUMN_TYPES))
    required: bool = False
    """The column must be present (its cells are checked by the kind's validator)."""
    allowed: str = ""
    """Allowed values or format, as shown in the template."""
    example: object = None
    """The value in the template's example row."""

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header_zh, *self.aliases, self.field)


@attrs.frozen
class Problem:
    """One problem found in a file: where (row, column), what was there, the rule broken.

    ``row`` is the spreadsheet's row number (the header's row is usually 1); 0 means the
    file as a whole. ``col`` is the 1-based column index (0: no one column).
    """

    row: int
    column: str
    value: str
    rule: str
    field: str = ""
    col: int = 0
    severity: str = "error"  # "error" blocks the import; "warning" does not

    @property
    def cell(self) -> str:
        if self.row < 1 or self.col < 1:
            return ""
        return f"{openpyxl('.utils').get_column_letter(self.col)}{self.row}"

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "field": self.field,
            "value": self.value,
            "rule": self.rule,
            "severity": self.severity,
        }


@attrs.frozen
class Table:
    """A file as read: its rows (numbered as the spreadsheet shows them) and what reading found."""

    file_name: str
    sha256: str
    format: str  # "xlsx" or "csv"
    sheet: str | None  # the worksheet read (xlsx)
    encoding: str | None  # the text encoding (csv)
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    """(row number, cell values) of the non-blank rows, the header's included."""
    merged: tuple[str, ...] = ()
    """Merged ranges of the sheet (A3:A5), as the file records them."""
    formulas: dict[tuple[int, int], str] = attrs.field(factory=dict)
    """(row, col) → formula, for formulas whose value was never saved."""
    data: bytes = attrs.field(default=b"", repr=False, eq=False)
    """The file's bytes, as hashed."""


def openpyxl(module: str = "") -> Any:
    """An openpyxl module, imported on first use (it ships no type information)."""
    import importlib

    return importlib.import_module(f"openpyxl{module}")


def read_rows(path: Path | str, *, sheet: str | None = None, encoding: str | None = None) -> Table:
    """Read an ``.xlsx`` or CSV file whole; raise one clear InvalidInput if it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("file", str(path), "no such file (文件不存在)") from None
    except IsADirectoryError:
        raise InvalidInput("file", str(path), "is a folder, not a file") from None
    except OSError as error:
        raise InvalidInput("file", str(path), f"cannot be read: {error.strerror}") from None
    return read_bytes(data, path.name, sheet=sheet, encoding=encoding)


def read_bytes(
    data: bytes, name: str, *, sheet: str | None = None, encoding: str | None = None
) -> Table:
    """:func:`read_rows` for bytes already in memory (``name`` is shown in messages)."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InvalidInput("file", name, "is empty (文件为空)")
    if data.startswith(b"PK\x03\x04"):
        if encoding:
            raise InvalidInput("encoding", encoding, "only a CSV file has a text encoding")
        return _read_xlsx(data, name, digest, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InvalidInput(
            "file",
            name,
            "is an old .xls (Excel 97–2003) or a password-protected workbook: "
            "save it as .xlsx without a password (请另存为 .xlsx)",
        )
    if sheet:
        raise InvalidInput("sheet", sheet, "a CSV file has no sheets")
    return _read_csv(data, name, digest, encoding)


# --- xlsx ---------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, digest: str, sheet: str | None) -> Table:
    load_workbook = openpyxl().load_workbook
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise InvalidInput("file", name, "is a damaged ZIP file, not a readable .xlsx") from None
    if "xl/workbook.xml" not in names:
        what = (
            "an OpenDocument spreadsheet (.ods): save it as .xlsx"
            if "content.xml" in names
            else "a ZIP archive, not an .xlsx workbook (不是电子表格)"
        )
        raise InvalidInput("file", name, f"is {what}")
    try:
        with warnings.catch_warnings():  # openpyxl warns of what it leaves out, on stderr
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise InvalidInput(
            "file", name, f"is not a readable .xlsx workbook ({type(error).__name__})"
        ) from None
    try:
        sheets = book.sheetnames
        if sheet is None:
            worksheets = book.worksheets
            if not worksheets:
                raise InvalidInput("file", name, "has no worksheet")
            ws = worksheets[0]
        elif sheet in sheets:
            ws = book[sheet]
        else:
            raise InvalidInput(
                "sheet", sheet, f"no such sheet; {name} has: {', '.join(sheets)} (工作表不存在)"
            )
        title: str = ws.title
        ws.reset_dimensions()  # never trust the stored dimension: it can cut rows off
        rows = [
            (number, tuple(values))
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1)
            if any(not _blank(v) for v in values)
        ]
        sheet_path = getattr(ws, "_worksheet_path", None)
    finally:
        book.close()
    xml = archive.read(sheet_path) if sheet_path in names else b""
    merged = tuple(m.decode() for m in _MERGE.findall(xml))
    formulas = _uncached_formulas(data, title, rows) if _FORMULA.search(xml) else {}
    return Table(name, digest, "xlsx", title, None, tuple(rows), merged, formulas, data=data)


def _uncached_formulas(
    data: bytes, title: str, rows: Sequence[tuple[int, tuple[object, ...]]]
) -> dict[tuple[int, int], str]:
    """Cells holding a formula whose value was never saved: {(row, col): formula}."""
    load_workbook = openpyxl().load_workbook
    values = {(n, c): v for n, cells in rows for c, v in enumerate(cells, start=1)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        ws = book[title]
        ws.reset_dimensions()
        found = {}
        for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            for col, value in enumerate(cells, start=1):
                formula = getattr(value, "text", value)  # ArrayFormula keeps its text
                if (
                    isinstance(formula, str)
                    and formula.startswith("=")
                    and _blank(values.get((number, col)))
                ):
                    found[(number, col)] = formula
        return found
    finally:
        book.close()


def cell_problems(
    table: Table, header: HeaderMap
) -> tuple[tuple[Problem, ...], frozenset[tuple[int, int]]]:
    """What the cells themselves break, below the header: merged cells, formulas without a
    saved value, Excel error values — and the (row, col) of those cells, not to be
    validated again."""
    values = (  # merged ranges and Excel's error values are a workbook's (not a CSV's)
        {(n, c): v for n, cells in table.rows for c, v in enumerate(cells, start=1)}
        if table.merged or table.format == "xlsx"
        else {}
    )
    problems: list[Problem] = []
    suppressed: set[tuple[int, int]] = set()
    names = header.headers
    read = set(header.fields.values())  # columns of ignored headers do not matter
    for ref in table.merged:  # a workbook's: a CSV never imports openpyxl (a tenth of a second)
        min_col, min_row, max_col, max_row = openpyxl(".utils.cell").range_boundaries(ref)
        cols = [c for c in range(min_col, max_col + 1) if c in read]
        if max_row < header.row or not cols:
            continue  # a title above the header row, or in columns not read
        anchor = show(values.get((min_row, min_col)))
        for row in range(max(min_row, header.row), max_row + 1):
            problems.append(
                Problem(
                    row,
                    names.get(cols[0], ""),
                    anchor,
                    f"merged cells {ref}: each row must hold its own values; "
                    "unmerge and fill every cell (请取消合并单元格并逐行填写)",
                    col=cols[0],
                )
            )
            suppressed.update((row, c) for c in range(min_col, max_col + 1))
    for (row, col), formula in sorted(table.formulas.items()):
        if row < header.row or col not in read or (row, col) in suppressed:
            continue
        problems.append(
            Problem(
                row,
                names.get(col, ""),
                formula,
                "a formula without a saved value: open and save the file in Excel or WPS, "
                "or paste the values (公式没有计算结果)",
                col=col,
            )
        )
        suppressed.add((row, col))
    if table.format == "xlsx":
        for (row, col), value in sorted(values.items()):
            if (
                row > header.row
                and col in read
                and isinstance(value, str)
                and value.strip() in _EXCEL_ERRORS
                and (row, col) not in suppressed
            ):
                problems.append(
                    Problem(
                        row,
                        names.get(col, ""),
                        value,
                        "an Excel error value: correct the formula or the value (单元格为错误值)",
                        col=col,
                    )
                )
                suppressed.add((row, col))
    return tuple(problems), frozenset(suppressed)


# --- csv ----------------------------------------------------------------------------


def _read_csv(data: bytes, name: str, digest: str, encoding: str | None) -> Table:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            "file",
            name,
            "is UTF-16 text (Excel's 'Unicode text'): save it as 'CSV UTF-8' or .xlsx",
        )
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise InvalidInput(
            "file", name, "is not a spreadsheet: neither an .xlsx workbook nor CSV text "
            "(不是电子表格)",
        )  # fmt: skip
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InvalidInput("encoding", encoding, "no such text encoding") from None
        except UnicodeDecodeError as error:
            raise InvalidInput(
                "file", name, f"is not {encoding} text (byte {error.start + 1} does not fit)"
            ) from None
        used = encoding
    else:
        text, used = _decode(data, name)
    first = _FIRST_LINE.match(text).group()  # type: ignore[union-attr]  # always matches
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [  # a row of blank cells is no row: its cells joined are blank too
            (number, tuple(values))
            for number, values in enumerate(reader, start=1)
            if "".join(values).strip(_SPACES)
        ]
    except csv.Error as error:
        raise InvalidInput("file", name, f"is not valid CSV: {error}") from None
    return Table(name, digest, "csv", None, used, tuple(rows), data=data)


# The first line as str.splitlines() ends it, without splitting a whole file for it.
_FIRST_LINE = re.compile("[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else (
            "utf-8"
        )
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InvalidInput(
            "file",
            name,
            "is neither UTF-8 nor GB18030 text: save it as 'CSV UTF-8' or .xlsx, "
            "or name its encoding with --encoding (无法识别文件编码)",
        ) from None


# --- the header row -----------------------------------------------------------------


def header_key(text: object) -> str:
    """A header as compared: NFKC, no spaces, lower case, ``-`` as ``_``, no ``*`` or (必填)."""
    key = unicodedata.normalize("NFKC", _text(text))
    key = "".join(key.split()).lower().replace("-", "_")
    for suffix in ("(必填)", "*"):
        key = key.removesuffix(suffix)
    return key


def find_header(table: Table, columns: Sequence[Column]) -> tuple[int, tuple[object, ...]]:
    """The header row: the first of the first rows that names a known column (else the first)."""
    if not table.rows:
        return 1, ()
    known = {header_key(h) for c in columns for h in c.headers}
    for number, values in table.rows[:_HEADER_SEARCH]:
        if any(header_key(v) in known for v in values if not _blank(v)):
            return number, values
    return table.rows[0]


@attrs.frozen
class HeaderMap:
    """Which column of the file fills which field."""

    row: int  # the header's row number
    fields: dict[str, int]  # field → 1-based column index
    headers: dict[int, str]  # column index → the header as written
    problems: tuple[Problem, ...]


def map_headers(table: Table, columns: Sequence[Column]) -> HeaderMap:
    row, header = find_header(table, columns)
    by_key = {header_key(h): c for c in columns for h in c.headers}
    fields: dict[str, int] = {}
    names: dict[int, str] = {}
    problems: list[Problem] = []
    for col, value in enumerate(header, start=1):
        if _blank(value):
            continue
        written = _text(value)
        names[col] = written
        column = by_key.get(header_key(value))
        if column is None:
            problems.append(
                Problem(
                    row, written, written,
                    "not a column of this kind; ignored (未识别的列，已忽略)",
                    col=col, severity="warning",
                )
            )  # fmt: skip
        elif column.field in fields:
            first = names[fields[column.field]]
            problems.append(
                Problem(
                    row, written, written,
                    f"the same column as {first!r} (重复的列)", field=column.field, col=col,
                )
            )  # fmt: skip
        else:
            fields[column.field] = col
    for column in columns:
        if column.required and column.field not in fields:
            problems.append(
                Problem(
                    row, column.header_zh, "",
                    f"the required column {column.header_zh} ({column.field}) is missing "
                    "(缺少必填列)",
                    field=column.field,
                )
            )  # fmt: skip
    return HeaderMap(row, fields, names, tuple(problems))


# --- cells --------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(_SPACES))


def _text(value: object) -> str:
    return "" if value is None else show(value).strip(_SPACES)


def show(value: object) -> str:
    """A cell's value as a person reads it: dates as 2024-03-05, 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(Decimal(f"{value:.15g}")))  # as Excel shows it: 15 significant digits
    return str(value)


_DATE_TIME_ZERO = re.compile(r"\s+0?0:00(:00(\.0+)?)?$")
_DIGITS8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def clean_cell(column: Column, value: object) -> Any:
    """A cell as the validators take it (None when blank); InvalidInput when it cannot be.

    Text is trimmed (full-width spaces too); codes and numbers are NFKC-normalised, so
    full-width letters and digits count; a date may be an Excel date cell, an Excel serial
    number, 2024-03-05, 2024/3/5, 2024年3月5日 or 20240305; an ID number stored as a
    number that lost its last digits is refused rather than misread.
    """
    if type(value) is str:  # what every CSV cell is: the short way
        stripped = value.strip(_SPACES)
        if not stripped:
            return None
        if column.type == "text" or column.type == "id_number":
            return stripped
    elif _blank(value):
        return None
    field = column.field
    if column.type == "date":
        return _clean_date(field, value)
    if (
        column.type == "id_number"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        if isinstance(value, float) and not (value.is_integer() and abs(value) < 2**53):
            raise InvalidInput(
                field,
                show(value),
                "stored as a number, so its last digits are lost: format the column as "
                "text and type the number again (身份证号码被存为数字，请将该列设为文本格式)",
            )
        return str(int(value))
    if column.type == "number" and isinstance(value, float) and value.is_integer():
        return int(value)
    if column.type == "number" and isinstance(value, int) and not isinstance(value, bool):
        return value
    text = show(value).strip(_SPACES)
    if column.type in ("code", "number"):
        text = unicodedata.normalize("NFKC", text).strip()
    return text


def _clean_date(field: str, value: object) -> date | str:
    if isinstance(value, datetime):
        if value.time() != time():
            raise InvalidInput(field, show(value), "has a time of day; give a date only (应为日期)")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from_excel = openpyxl(".utils.datetime").from_excel
        if not 1 <= value < 2958466:  # 1900-01-01 … 9999-12-31 as Excel serial numbers
            return validate.parse_date(field, show(value))  # raises with the usual rule
        when = from_excel(value)
        if isinstance(when, datetime):
            return _clean_date(field, when)
        return validate.parse_date(field, show(value))
    return _date_text(str(value))


@functools.lru_cache(maxsize=65_536)  # a file repeats its dates: birthdays, 参加工作时间
def _date_text(value: str) -> str:
    text = _DATE_TIME_ZERO.sub("", unicodedata.normalize("NFKC", value).strip())
    digits = _DIGITS8.match(text)
    if digits:
        text = "-".join(digits.groups())
    return text
