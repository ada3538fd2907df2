"""``zhidu export``: an organization's lists and reports to .xlsx or .csv."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from core.cli._output import emit, json_option
from core.cli._state import State

KINDS = ("people", "posts", "terms", "units", "findings", "audit")


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--org", "org_code", required=True)
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    help="Default: from the file's suffix.",
)
@click.option(
    "--encoding",
    type=click.Choice(["utf-8", "gb18030"]),
    default="utf-8",
    show_default=True,
    help="Of a .csv file (UTF-8 is written with a byte-order mark, for Excel).",
)
@click.option("--on", help="Date of a findings export (YYYY-MM-DD); default today.")
@json_option
@click.pass_obj
def export(
    state: State,
    kind: str,
    org_code: str,
    out: Path,
    fmt: str | None,
    encoding: str,
    on: str | None,
    as_json: bool,
) -> None:
    """Export KIND (people, posts, terms, units, findings, audit) of an organization.

    What the account may not read is refused and nothing is written; every export is
    recorded in the audit trail with the SHA-256 of the file.
    """
    from core.exports import export_table

    show = not as_json and sys.stderr.isatty()

    def progress(done: int, total: int | None) -> None:
        if show:
            click.echo(f"\r{done}/{total or '?'}", nl=False, err=True)

    made = export_table(
        state.context(), org_code, kind, out, fmt, encoding=encoding, on=on, progress=progress
    )
    if show:
        click.echo("", err=True)
    emit(
        as_json,
        made,
        lambda: click.echo(f"wrote {made.rows} rows to {made.path} (sha256 {made.sha256})"),
    )
