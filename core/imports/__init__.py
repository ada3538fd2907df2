"""Importing people, units, posts, terms and kinship from ``.xlsx`` and CSV files (导入).

Validation first: :func:`dry_run` reads the whole file and reports every problem — row,
column, value and the rule broken, in the words of the core's own validators — and
writes nothing. :func:`apply` reads and checks the file again (so a file changed since
the dry run is checked as it is now) and, only if no error remains, writes every row in
ONE transaction through the services, which audit each record; the import itself is one
more audit entry (``import.apply``, object ``import:<kind>``) with the file's name, the
SHA-256 of its bytes and the counts. Re-importing the same file changes nothing.

Kinds are :class:`ImportKind` records in :data:`KINDS`; the core registers five
(people, units, posts, terms, kinship) and a plugin adds its own through the
``zhidu_import_kinds`` hook (importable where the plugin is enabled). See docs/imports.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from core import audit, models
from core.bulk import collector_paused
from core.errors import InvalidInput, NotFound
from core.imports.kinds import CORE_KINDS, RESERVED, Batch, Change, ImportKind, RowCheck
from core.imports.reading import (
    Column,
    Problem,
    Table,
    cell_problems,
    map_headers,
    read_rows,
)
from core.imports.report import write_report, write_template
from core.services.context import Context
from core.services.orgs import org_row

__all__ = [
    "KINDS",
    "Batch",
    "Change",
    "Column",
    "ImportKind",
    "ImportReport",
    "Problem",
    "RowCheck",
    "Table",
    "apply",
    "dry_run",
    "get_kind",
    "read_rows",
    "register_kind",
    "write_report",
    "write_template",
]

Progress = Callable[[int, int], None]

#: The import kinds by name: the core's five, and whatever plugins register.
KINDS: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind, *, replace: bool = False) -> ImportKind:
    """Make ``kind`` importable (``zhidu import NAME FILE``); a name is taken once."""
    if kind.name in RESERVED:
        raise ValueError(f"{kind.name!r} is a `zhidu import` subcommand, not a kind name")
    if kind.name in KINDS and not replace and KINDS[kind.name] is not kind:
        raise ValueError(f"import kind {kind.name!r} is registered already")
    KINDS[kind.name] = kind
    return kind


for _kind in CORE_KINDS:
    register_kind(_kind)


def get_kind(
    kind: str | ImportKind, ctx: Context | None = None, org_code: str | None = None
) -> ImportKind:
    """A kind by name: the core's (and registered ones), else an installed plugin's
    (``zhidu_import_kinds``) — which, for an organization, must be enabled there."""
    if isinstance(kind, ImportKind):
        return kind
    if kind in KINDS:
        return KINDS[kind]
    plugins = ctx.host.plugins.values() if ctx is not None else ()
    for plugin in plugins:
        for candidate in plugin.import_kinds:
            if candidate.name != kind:
                continue
            if org_code is not None and ctx is not None:
                from core.services.plugins import enabled_plugins

                if plugin.name not in {p.name for p in enabled_plugins(ctx, org_code)}:
                    raise InvalidInput(
                        "kind",
                        kind,
                        f"comes with the plugin {plugin.name}, which {org_code} has not enabled",
                    )
            return candidate
    names = [*KINDS, *(k.name for p in plugins for k in p.import_kinds)]
    raise NotFound("import kind", kind, f"the kinds are: {', '.join(names)}")


@attrs.frozen
class ImportReport:
    """What checking (and maybe applying) one file found and did."""

    kind: str
    org: str
    file: str
    sha256: str
    format: str
    sheet: str | None
    encoding: str | None
    header_row: int
    rows: int  # data rows (below the header, not blank)
    problems: tuple[Problem, ...]
    changes: tuple[Change, ...]
    applied: bool = False  # True: checked and written in one transaction

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity != "error")

    @property
    def counts(self) -> dict[str, int]:
        """added / updated / unchanged: done when applied, planned in a dry run."""
        statuses = [c.status for c in self.changes]
        return {
            "added": statuses.count("add"),
            "updated": statuses.count("update"),
            "unchanged": statuses.count("unchanged"),
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "org": self.org,
            "file": self.file,
            "sha256": self.sha256,
            "format": self.format,
            "sheet": self.sheet,
            "encoding": self.encoding,
            "header_row": self.header_row,
            "rows": self.rows,
            "applied": self.applied,
            "counts": self.counts,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.as_dict() for p in self.problems],
            "changes": [c.as_dict() for c in self.changes if c.status != "unchanged"],
        }


@collector_paused()  # a Change per row: see core.bulk
def dry_run(
    ctx: Context,
    org_code: str,
    kind: str | ImportKind,
    path: Path | str,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    expected_sha256: str | None = None,
) -> ImportReport:
    """Check the whole file against the organization's records; write nothing."""
    found = get_kind(kind, ctx, org_code)
    org = org_row(ctx, org_code, found.action)  # refused before the file is even read
    table = read_rows(path, sheet=sheet, encoding=encoding)
    report, batch = _check(ctx, org, found, table, progress, expected_sha256)
    batch.release()
    return report


@collector_paused()
def apply(
    ctx: Context,
    org_code: str,
    kind: str | ImportKind,
    path: Path | str,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    expected_sha256: str | None = None,
) -> ImportReport:
    """Read and check the file again and, if no error remains, write all of it in one
    transaction (or none of it). ``expected_sha256``: refuse unless the file is still the
    one a dry run checked."""
    found = get_kind(kind, ctx, org_code)
    org_row(ctx, org_code, found.action)
    table = read_rows(path, sheet=sheet, encoding=encoding)
    with ctx.transaction():
        org = org_row(ctx, org_code, found.action)
        report, batch = _check(ctx, org, found, table, progress, expected_sha256)
        try:
            if report.errors:
                return report
            _write(ctx, org, found, table, report, batch)
        finally:
            batch.release()
    return attrs.evolve(report, applied=True)


def _write(
    ctx: Context,
    org: models.Organization,
    kind: ImportKind,
    table: Table,
    report: ImportReport,
    batch: Batch,
) -> None:
    """The checked rows that change something, written by the kind, and the import's
    own audit entry (with what the kind wrote in bulk)."""
    writes = [c for c in report.changes if c.status != "unchanged"]
    if not writes:
        return
    batch.total += len(writes)
    kind.apply(batch, writes)
    audit.record(
        ctx,
        org_id=org.id,
        action="import.apply",
        object_type="import",
        object_id=kind.name,
        after={
            "file": table.file_name,
            "sha256": table.sha256,
            "sheet": table.sheet,
            "rows": report.rows,
            "counts": report.counts,
        }
        | batch.recorded,
        plugin=kind.plugin,
    )


def _check(
    ctx: Context,
    org: models.Organization,
    kind: ImportKind,
    table: Table,
    progress: Progress | None,
    expected_sha256: str | None,
) -> tuple[ImportReport, Batch]:
    header = map_headers(table, kind.columns)
    found, suppressed = cell_problems(table, header)
    data = [(n, cells) for n, cells in table.rows if n > header.row]
    if not table.rows:
        raise InvalidInput("file", table.file_name, "has no rows (文件中没有数据)")
    if not data:
        raise InvalidInput(
            "file", table.file_name, f"has a header in row {header.row} but no rows below it "
            "(只有表头，没有数据)",
        )  # fmt: skip
    batch = Batch(
        ctx,
        org,
        kind,
        header,
        ctx.today(),
        suppressed,
        problems=[*header.problems, *found],
        progress=progress,
        total=len(data),
    )
    if expected_sha256 is not None and expected_sha256.lower() != table.sha256:
        batch.problems.append(
            Problem(
                0, "", table.sha256,
                f"the file changed since it was checked (sha256 {expected_sha256[:12]}… then, "
                f"{table.sha256[:12]}… now): check it again (文件已改变)",
            )
        )  # fmt: skip
    changes: list[Change] = []
    if not any(p.severity == "error" for p in header.problems):
        kind.prepare(batch)
        for number, cells in data:
            row = RowCheck(batch, number, cells)
            change = kind.validate(batch, row)
            if change is not None and not row.failed:
                changes.append(change)
            batch.advance()
    report = ImportReport(
        kind=kind.name,
        org=org.code,
        file=table.file_name,
        sha256=table.sha256,
        format=table.format,
        sheet=table.sheet,
        encoding=table.encoding,
        header_row=header.row,
        rows=len(data),
        problems=tuple(sorted(batch.problems, key=lambda p: (p.row, p.col, p.field))),
        changes=tuple(changes),
    )
    return report, batch
