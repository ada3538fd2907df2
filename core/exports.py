"""Exports (导出): every list and report of an organization to ``.xlsx`` or ``.csv``.

The rows come through the same services the CLI and the interface use, so an export
sees exactly what its account may see: the services check the permission and the
organization. The permission is checked before the file is opened, and the file is
written beside its target and moved into place only when complete, so a refused or
failed export leaves nothing behind. Every export is audited — action ``export``,
object ``export:<kind>``, with the number of rows, the format and the SHA-256 of the
file — in the transaction that moves the file into place.

========  ======================================  =========================
kind      rows                                    permission
========  ======================================  =========================
people    list_people, page by page               read
posts     list_posts (with how many hold each)    read
terms     list_terms                              read
units     unit_tree, depth first                  read
findings  run_checks on a date (default today)    run checks
audit     read_audit of the organization          read the audit trail
========  ======================================  =========================

``.xlsx`` is written with openpyxl in write-only mode (rows streamed, Chinese headers in
bold, the header row frozen, dates as date cells, column widths set for CJK text);
text that looks like a formula stays text. ``.csv`` is UTF-8 with a byte-order mark, so
Excel opens it as UTF-8, or GB18030 for older tools; dates are ISO 8601, and a text
cell starting with ``= + - @`` gets a leading ``'`` so a spreadsheet does not run it.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from core import audit, validate
from core.access import Action
from core.errors import ConfigurationError, InvalidInput
from core.services.context import Context
from core.services.orgs import org_row

__all__ = ["ENCODINGS", "FORMATS", "KINDS", "Column", "ExportResult", "export_table"]

FORMATS = ("xlsx", "csv")
ENCODINGS = ("utf-8", "gb18030")
#: Rows read at a time from a paged service (people).
PAGE_SIZE = 500
#: Excel refuses longer cells.
_XLSX_CELL_LIMIT = 32_767

Progress = Callable[[int, int | None], None]


@attrs.frozen
class Column:
    """A column of an export: its Chinese header and its width in Excel's units (a CJK
    character takes two)."""

    header: str
    width: float


@attrs.frozen
class ExportResult:
    kind: str
    path: Path
    format: str
    encoding: str | None  # csv only
    rows: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": str(self.path),
            "format": self.format,
            "encoding": self.encoding,
            "rows": self.rows,
            "sha256": self.sha256,
        }


Rows = Iterator[Sequence[object]]


@attrs.frozen
class _Kind:
    name: str
    sheet: str
    action: Action
    columns: tuple[Column, ...]
    rows: Callable[[Context, str, dt.date | None, int, Progress], Rows]


def _value(value: object) -> object:
    """A cell value: enums by their Chinese value, None as empty."""
    if isinstance(value, enum.Enum):
        return value.value
    return value


# ---------------------------------------------------------------- the kinds


def _unit_names(ctx: Context, org_code: str) -> dict[int, tuple[str, str]]:
    """Unit id → (code, name), through the unit service."""
    from core.services.orgs import unit_tree

    found: dict[int, tuple[str, str]] = {}

    def walk(nodes: Sequence[Any]) -> None:
        for node in nodes:
            found[node.unit.id] = (node.unit.code, node.unit.name)
            walk(node.children)

    walk(unit_tree(ctx, org_code))
    return found


def _people(
    ctx: Context, org_code: str, _on: dt.date | None, page: int, progress: Progress
) -> Rows:
    from core.services.people import list_people

    units = _unit_names(ctx, org_code)
    offset = 0
    while True:
        # Ordered by id: people added meanwhile come after the pages already read.
        batch = list_people(ctx, org_code, limit=page, offset=offset, order="id")
        for p in batch.people:
            yield (
                p.id,
                p.name,
                p.gender,
                p.birth_date,
                p.id_number,
                units.get(p.unit_id, ("", ""))[1] if p.unit_id else None,
                p.education,
                p.degree,
                p.political_status,
                p.title,
                p.title_level,
                p.title_date,
                p.employment_start,
            )
        offset += len(batch.people)
        progress(offset, max(batch.total, offset))
        if len(batch.people) < page:
            return


def _posts(ctx: Context, org_code: str, _on: dt.date | None, _page: int, _p: Progress) -> Rows:
    from core.services.posts import list_posts

    units = _unit_names(ctx, org_code)
    for post, held in list_posts(ctx, org_code):
        yield (
            post.id,
            post.code,
            post.title,
            units.get(post.unit_id, ("", ""))[1],
            post.rank,
            post.headcount,
            held,
            post.term_years,
            post.max_consecutive_terms,
            post.category,
        )


def _terms(ctx: Context, org_code: str, _on: dt.date | None, _page: int, _p: Progress) -> Rows:
    from core.services.posts import list_terms

    for view in list_terms(ctx, org_code):
        term = view.term
        yield (
            term.id,
            view.post_code,
            view.post_title,
            term.person_id,
            view.person_name,
            term.start,
            term.end,
            term.appointed_by,
            term.probation_end,
            term.end_reason,
            term.note,
        )


def _units(ctx: Context, org_code: str, _on: dt.date | None, _page: int, _p: Progress) -> Rows:
    from core.services.orgs import UnitNode, unit_tree

    def walk(nodes: Sequence[UnitNode], parent: str, depth: int) -> Rows:
        for node in nodes:
            unit = node.unit
            yield (unit.id, unit.code, unit.name, unit.kind, parent or None, depth)
            yield from walk(node.children, unit.code, depth + 1)

    yield from walk(unit_tree(ctx, org_code), "", 1)


def _findings(ctx: Context, org_code: str, on: dt.date | None, _page: int, _p: Progress) -> Rows:
    from core.services.checks import run_checks

    for f in run_checks(ctx, org_code, on).findings:
        yield (
            f.severity.zh,
            f.rule_id,
            f.subject,
            f.subject_key,
            f.due,
            f.message_zh,
            f.message_en,
            f.citation.source,
            f.citation.article,
            f.citation.words,
            f.plugin,
        )


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _audit(ctx: Context, org_code: str, _on: dt.date | None, _page: int, _p: Progress) -> Rows:
    from core.services.audit_trail import read_audit

    for r in read_audit(ctx, org_code=org_code):
        at = r.at.astimezone(dt.UTC).replace(tzinfo=None) if r.at.tzinfo else r.at
        yield (
            r.seq,
            at,
            r.actor,
            r.action,
            r.object_type,
            r.object_id,
            r.plugin,
            _json(r.before),
            _json(r.after),
            r.reason,
            r.problem,
        )


def _c(*pairs: tuple[str, float]) -> tuple[Column, ...]:
    return tuple(Column(h, w) for h, w in pairs)


_KINDS: dict[str, _Kind] = {
    k.name: k
    for k in (
        _Kind(
            "people",
            "人员",
            Action.READ,
            _c(
                ("编号", 8),
                ("姓名", 12),
                ("性别", 6),
                ("出生日期", 12),
                ("公民身份号码", 21),
                ("机构", 18),
                ("学历", 12),
                ("学位", 8),
                ("政治面貌", 14),
                ("职称", 14),
                ("职称级别", 10),
                ("取得职称时间", 14),
                ("参加工作时间", 14),
            ),
            _people,
        ),
        _Kind(
            "posts",
            "职位",
            Action.READ,
            _c(
                ("编号", 8),
                ("职位代码", 12),
                ("职位名称", 18),
                ("机构", 18),
                ("职级", 10),
                ("职数", 6),
                ("现任人数", 10),
                ("每届任期（年）", 16),
                ("连续任职届数上限", 18),
                ("类别", 10),
            ),
            _posts,
        ),
        _Kind(
            "terms",
            "任职",
            Action.READ,
            _c(
                ("编号", 8),
                ("职位代码", 12),
                ("职位名称", 18),
                ("人员编号", 10),
                ("姓名", 12),
                ("任职开始", 12),
                ("任职结束", 12),
                ("任用方式", 10),
                ("试用期满", 12),
                ("离任原因", 12),
                ("备注", 30),
            ),
            _terms,
        ),
        _Kind(
            "units",
            "机构",
            Action.READ,
            _c(
                ("编号", 8),
                ("机构代码", 14),
                ("机构名称", 24),
                ("类别", 10),
                ("上级机构代码", 14),
                ("层级", 6),
            ),
            _units,
        ),
        _Kind(
            "findings",
            "检查结论",
            Action.RUN_CHECKS,
            _c(
                ("严重程度", 10),
                ("规则", 24),
                ("对象", 16),
                ("对象键", 14),
                ("期限", 12),
                ("说明", 50),
                ("说明（英文）", 50),
                ("依据文件", 30),
                ("条款", 16),
                ("原文", 50),
                ("插件", 10),
            ),
            _findings,
        ),
        _Kind(
            "audit",
            "审计日志",
            Action.READ_AUDIT,
            _c(
                ("序号", 8),
                ("时间（UTC）", 20),
                ("操作人", 12),
                ("操作", 18),
                ("对象类型", 14),
                ("对象编号", 10),
                ("插件", 10),
                ("变更前", 50),
                ("变更后", 50),
                ("原因", 24),
                ("问题", 24),
            ),
            _audit,
        ),
    )
}

KINDS: tuple[str, ...] = tuple(_KINDS)


def columns(kind: str) -> tuple[Column, ...]:
    """The columns an export of ``kind`` has."""
    return _kind(kind).columns


def _kind(kind: str) -> _Kind:
    if kind not in _KINDS:
        raise InvalidInput("kind", kind, f"export one of {', '.join(KINDS)}")
    return _KINDS[kind]


def _format(path: Path, fmt: str | None) -> str:
    if fmt is None:
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in FORMATS:
            raise InvalidInput(
                "format", path.suffix or str(path), "name a .xlsx or .csv file, or give the format"
            )
        return suffix
    if fmt.lower() not in FORMATS:
        raise InvalidInput("format", fmt, f"one of {', '.join(FORMATS)}")
    return fmt.lower()


# ---------------------------------------------------------------- writers


def _openpyxl(module: str) -> Any:
    """An openpyxl module, imported on first use (it ships no type information)."""
    import importlib

    return importlib.import_module(f"openpyxl{module}")


def _write_xlsx(handle: Any, kind: _Kind, rows: Rows) -> int:
    Workbook = _openpyxl("").Workbook
    WriteOnlyCell = _openpyxl(".cell").WriteOnlyCell
    styles = _openpyxl(".styles")
    Alignment, Font = styles.Alignment, styles.Font
    get_column_letter = _openpyxl(".utils").get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(kind.sheet)
    for n, column in enumerate(kind.columns, 1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    centred = Alignment(horizontal="center")
    header = []
    for column in kind.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        cell.alignment = centred
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(WriteOnlyCell, sheet, _value(v)) for v in row])
        count += 1
    book.save(handle)
    return count


def _xlsx_cell(make: Any, sheet: Any, value: object) -> object:
    """A value as a write-only cell where it needs a type or format of its own."""
    if isinstance(value, str):
        cell = make(sheet, value=value[:_XLSX_CELL_LIMIT])
        cell.data_type = "s"  # text that starts with = stays text, not a formula
        return cell
    if isinstance(value, dt.datetime):
        cell = make(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    return value


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(handle: Any, kind: _Kind, rows: Rows, encoding: str) -> int:
    import io

    text = io.TextIOWrapper(
        handle, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline=""
    )
    writer = csv.writer(text)
    writer.writerow([c.header for c in kind.columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(_value(v)) for v in row])
        count += 1
    text.flush()
    text.detach()
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- the service


def export_table(
    ctx: Context,
    org_code: str,
    kind: str,
    path: Path | str,
    fmt: str | None = None,
    *,
    encoding: str = "utf-8",
    on: dt.date | str | None = None,
    progress: Progress | None = None,
    page_size: int = PAGE_SIZE,
) -> ExportResult:
    """Write the organization's ``kind`` list to ``path`` as xlsx or csv (default: from the
    file's suffix) and audit it. ``on`` is the date of a findings export (default today);
    ``progress(done, total)`` is called as rows are read (page by page for people)."""
    spec = _kind(kind)
    target = Path(path)
    form = _format(target, fmt)
    if encoding not in ENCODINGS:
        raise InvalidInput("encoding", encoding, f"one of {', '.join(ENCODINGS)}")
    when = validate.optional_date("on", on)
    page = validate.whole_number("page_size", page_size, minimum=1)
    org = org_row(ctx, org_code, spec.action)  # refused before any file is opened
    if ctx.keys is None:
        raise ConfigurationError("an export is audited: this context has no audit keys")
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInput("out", str(target), f"no such folder: {folder}")
    report = progress or (lambda _done, _total: None)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=folder
        )
    except OSError as error:
        raise InvalidInput("out", str(target), f"cannot write: {error.strerror}") from None
    partial = Path(temporary)
    moved = False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            rows = spec.rows(ctx, org_code, when, page, report)
            if form == "xlsx":
                count = _write_xlsx(handle, spec, rows)
            else:
                count = _write_csv(handle, spec, rows, encoding)
        if spec.name != "people":
            report(count, count)
        digest = _sha256(partial)
        with ctx.transaction():
            after: dict[str, object] = {"rows": count, "format": form, "sha256": digest}
            if form == "csv":
                after["encoding"] = encoding
            audit.record(
                ctx,
                org_id=org.id,
                action="export",
                object_type="export",
                object_id=spec.name,
                after=after,
            )
            try:
                os.replace(partial, target)
            except OSError as error:
                raise InvalidInput("out", str(target), f"cannot write: {error.strerror}") from None
            moved = True
    except BaseException:
        if moved:  # the file moved but the transaction did not commit
            target.unlink(missing_ok=True)
        raise
    finally:
        partial.unlink(missing_ok=True)
    return ExportResult(spec.name, target, form, encoding if form == "csv" else None, count, digest)
