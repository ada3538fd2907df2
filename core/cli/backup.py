"""``zhidu backup`` and ``zhidu restore``."""

from __future__ import annotations

from pathlib import Path

import click

from core.cli._output import emit, json_option
from core.cli._state import State


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@json_option
@click.pass_obj
def backup(state: State, target: Path, as_json: bool) -> None:
    """Copy the database consistently to TARGET and verify the copy's audit log."""
    from core.database import database_url
    from core.services.backup import back_up

    done = back_up(state.context(), database_url(state.db_url), target)
    emit(
        as_json,
        {
            "backup": str(done.path),
            "entries": done.report.size,
            "root": done.report.root.hex(),
            "verified": done.report.ok,
        },
        lambda: click.echo(f"backed up to {done.path}: {done.report.size} audit entries, verified"),
    )


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--accept-rollback",
    is_flag=True,
    help="Restore even if the copy is older than the last checkpoint seen.",
)
@json_option
@click.pass_obj
def restore(state: State, source: Path, accept_rollback: bool, as_json: bool) -> None:
    """Restore the backup SOURCE as the database (which must not exist yet)."""
    from core.database import database_url
    from core.services.backup import restore as do_restore

    url = database_url(state.db_url)
    done = do_restore(source, url, accept_rollback=accept_rollback)
    warning = [str(p) for p in done.report.problems]
    emit(
        as_json,
        {"database": url, "entries": done.report.size, "warnings": warning},
        lambda: click.echo(
            f"restored {url}: {done.report.size} audit entries"
            + "".join(f"\nwarning: {w}" for w in warning)
        ),
    )
