"""``zhidu import``: people, units, posts, terms and kinship from an .xlsx or CSV file.

``zhidu import KIND FILE --org ORG`` is short for ``zhidu import run KIND FILE --org
ORG``: a dry run that reports every problem; ``--apply`` writes the file in one
transaction, only if no error remains. ``zhidu import template KIND [FILE]`` writes a
blank workbook; ``zhidu import kinds`` lists what can be imported.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State

if TYPE_CHECKING:
    from core.imports import ImportReport

#: Show a progress bar (on stderr, not with --json) for files with more rows than this.
PROGRESS_FROM = 500


class ImportGroup(click.Group):
    """An unknown first word is a kind: ``import people F`` runs ``import run people F``."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "run", self.commands["run"], args
        return super().resolve_command(ctx, args)


@click.group("import", cls=ImportGroup)
def import_() -> None:
    """Import people, units, posts, terms or kinship from .xlsx or CSV (导入).

    \b
    zhidu import KIND FILE --org ORG            check the file, write nothing
    zhidu import KIND FILE --org ORG --apply    check again and write it all, or nothing
    zhidu import template KIND [FILE]           a blank workbook with notes
    zhidu import kinds                          what can be imported
    """


class _Progress:
    """A click progress bar on stderr, shown once a file proves long enough."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= PROGRESS_FROM:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="checking", file=sys.stderr)
            self.bar.__enter__()
        if total != self.bar.length:
            self.bar.length = total
            self.bar.label = "writing"
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@import_.command("run")
@click.argument("kind")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--org", "org_code", required=True)
@click.option("--apply", "do_apply", is_flag=True, help="Write the file (all of it, or nothing).")
@click.option("--sheet", help="The worksheet to read (default: the first).")
@click.option("--encoding", help="A CSV file's encoding (default: UTF-8, else GB18030).")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write an .xlsx copy of the file with the problems marked.",
)
@click.option(
    "--sha256",
    "expected",
    metavar="HEX",
    help="Only if the file still has this SHA-256 (as the dry run printed it).",
)
@json_option
@click.pass_obj
def run(
    state: State,
    kind: str,
    file: Path,
    org_code: str,
    do_apply: bool,
    sheet: str | None,
    encoding: str | None,
    report_file: Path | None,
    expected: str | None,
    as_json: bool,
) -> None:
    """Check FILE as KIND for an organization (a dry run); with --apply, write it.

    Exit status: 0 when the file has no errors (and, with --apply, was written), 1 when
    it has errors (nothing written), 2 when it cannot be read at all.
    """
    from core import imports

    progress = _Progress(not as_json)
    step = imports.apply if do_apply else imports.dry_run
    try:
        report = step(
            state.context(),
            org_code,
            kind,
            file,
            sheet=sheet,
            encoding=encoding,
            progress=progress,
            expected_sha256=expected,
        )
    finally:
        progress.close()
    if report_file is not None:
        imports.write_report(report, file, report_file)
    emit(as_json, report, lambda: _print(report, report_file))
    if report.errors:
        sys.exit(1)


def _print(report: ImportReport, report_file: Path | None) -> None:
    from core.imports import get_kind

    kind = get_kind(report.kind)
    where = f", sheet {report.sheet}" if report.sheet else f" ({report.encoding})"
    click.echo(
        f"{kind.title_zh} ({kind.name}) for {report.org} from {report.file}{where}: "
        f"{report.rows} rows, sha256 {report.sha256}"
    )
    if report.problems:
        table(
            ["row", "column", "value", "rule"],
            [
                (p.row or "", p.column, p.value, p.rule if p.severity == "error" else
                 f"(warning) {p.rule}")
                for p in report.problems
            ],
        )  # fmt: skip
    counts = report.counts
    done = f"add {counts['added']}, update {counts['updated']}, leave {counts['unchanged']}"
    if report.errors:
        click.echo(f"{len(report.errors)} error(s): nothing written (without them: {done})")
    elif report.applied:
        click.echo(
            f"written: added {counts['added']}, updated {counts['updated']}, "
            f"unchanged {counts['unchanged']}"
        )
    else:
        click.echo(f"no errors: would {done} — run again with --apply to write")
    if report_file is not None:
        click.echo(f"report: {report_file}")


@import_.command()
@click.argument("kind")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@json_option
def template(kind: str, file: Path | None, force: bool, as_json: bool) -> None:
    """Write a blank workbook for KIND: header, example row, notes (default KIND-template.xlsx)."""
    from core.errors import InvalidInput
    from core.imports import get_kind, write_template

    found = get_kind(kind)
    out = file or Path(f"{found.name}-template.xlsx")
    if out.exists() and not force:
        raise InvalidInput("file", str(out), "exists: name another file, or --force (文件已存在)")
    write_template(found, out)
    emit(
        as_json,
        {"kind": found.name, "file": str(out)},
        lambda: click.echo(f"wrote {out}: {found.title_zh} ({found.name}), see its sheet 说明"),
    )


@import_.command("kinds")
@json_option
def kinds(as_json: bool) -> None:
    """What can be imported: each kind's columns, key and the permission it needs."""
    from core.imports import KINDS

    data = [
        {
            "name": k.name,
            "title_zh": k.title_zh,
            "title_en": k.title_en,
            "plugin": k.plugin,
            "permission": k.action.value,
            "natural_key": list(k.natural_key),
            "updates": k.updates,
            "columns": [
                {
                    "header": c.header_zh,
                    "field": c.field,
                    "aliases": list(c.aliases),
                    "required": c.required,
                    "allowed": c.allowed,
                }
                for c in k.columns
            ],
        }
        for k in KINDS.values()
    ]
    emit(
        as_json,
        data,
        lambda: table(
            ["kind", "title", "needs", "columns"],
            [
                (
                    k.name,
                    k.title_zh,
                    k.action.value,
                    " ".join(c.header_zh + ("*" if c.required else "") for c in k.columns),
                )
                for k in KINDS.values()
            ],
        ),
    )
