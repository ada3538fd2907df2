"""``zhidu audit``: read, verify and checkpoint the audit trail; prove one entry; keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def audit() -> None:
    """The encrypted, tamper-evident audit trail (审计日志)."""


@audit.command("log")
@click.option("--org", "org_code", help="Only this organization.")
@click.option("--actor", help="Only changes by this account.")
@click.option("--object", "object_ref", metavar="TYPE[:ID]", help="e.g. person or person:12")
@click.option("--plugin", help="Only changes by this plugin.")
@click.option("--action", help="e.g. term.add")
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Before this date (YYYY-MM-DD).")
@click.option("--limit", type=int, help="Only the last N entries.")
@json_option
@click.pass_obj
def log_(
    state: State,
    org_code: str | None,
    actor: str | None,
    object_ref: str | None,
    plugin: str | None,
    action: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Entries this account may read, decrypted (auditors: their organizations)."""
    import datetime as dt

    from core.services.audit_trail import read_audit
    from core.validate import optional_date

    def moment(field: str, value: str | None) -> dt.datetime | None:
        day = optional_date(field, value)
        return None if day is None else dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    records = read_audit(
        state.context(),
        org_code=org_code,
        actor=actor,
        object_ref=object_ref,
        plugin=plugin,
        action=action,
        since=moment("since", since),
        until=moment("until", until),
        limit=limit,
    )
    emit(
        as_json,
        records,
        lambda: table(
            ["seq", "time (UTC)", "org", "actor", "action", "object", "plugin", "note"],
            [
                (
                    r.seq,
                    f"{r.at:%Y-%m-%d %H:%M:%S}",
                    r.org,
                    r.actor,
                    r.action,
                    f"{r.object_type}:{r.object_id}" if r.object_type else "",
                    r.plugin,
                    r.problem or r.reason,
                )
                for r in records
            ],
        ),
    )


@audit.command()
@click.option(
    "--against", type=click.Path(path_type=Path), help="An exported checkpoint file kept elsewhere."
)
@json_option
@click.pass_obj
def verify(state: State, against: Path | None, as_json: bool) -> None:
    """Verify the whole log without keys; exit status 1 when anything is wrong."""
    from core.services.audit_trail import verify_log
    from core.shell import open_database

    open_database(state.db_url)
    report = verify_log(against)
    result = {
        "ok": report.ok,
        "size": report.size,
        "root": report.root.hex(),
        "checkpoints_checked": report.checkpoints_checked,
        "first_problem": str(report.first) if report.first else None,
        "problems": [{"seq": p.seq, "kind": p.kind, "message": str(p)} for p in report.problems],
    }

    def text() -> None:
        if report.ok:
            click.echo(
                f"ok: {report.size} entries, root {report.root.hex()}, "
                f"{report.checkpoints_checked} checkpoint(s) matched"
            )
        else:
            click.echo(f"FAILED: {report.first}", err=True)
            for problem in report.problems[1:]:
                click.echo(f"  also: {problem}", err=True)

    emit(as_json, result, text)
    if not report.ok:
        sys.exit(1)


@audit.command()
@click.option("--export", type=click.Path(path_type=Path), help="Write it to this file.")
@json_option
@click.pass_obj
def checkpoint(state: State, export: Path | None, as_json: bool) -> None:
    """Sign a checkpoint of the log as it is now; keep the export somewhere else."""
    from core.services.audit_trail import make_checkpoint

    made = make_checkpoint(state.context(), export)
    emit(
        as_json,
        {
            "size": made.size,
            "root": made.root.hex(),
            "at": made.at,
            "text": made.to_text(),
            "exported_to": str(export) if export else None,
        },
        lambda: click.echo(made.to_text() + (f"written to {export}" if export else "")),
    )


@audit.command()
@click.argument("seq", type=int)
@click.option("--out", type=click.Path(path_type=Path), help="Write the proof JSON here.")
@json_option
@click.pass_obj
def prove(state: State, seq: int, out: Path | None, as_json: bool) -> None:
    """An inclusion proof of entry SEQ; check it with docs/verify_inclusion.py."""
    from core.services.audit_trail import prove as make_proof

    proof = make_proof(state.context(), seq)
    text = json.dumps(proof, indent=2)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    emit(as_json, proof, lambda: click.echo(f"written to {out}" if out else text))


@audit.command("rotate-key")
@click.option("--org", "org_code", required=True)
@json_option
@click.pass_obj
def rotate_key(state: State, org_code: str, as_json: bool) -> None:
    """Start a new data key version for an organization; history keeps its keys."""
    from core.services.audit_trail import rotate_key as rotate

    version = rotate(state.context(), org_code)
    emit(
        as_json,
        {"org": org_code, "version": version},
        lambda: click.echo(f"{org_code}: data key version {version}"),
    )


@audit.command("remove-keys")
@click.option("--org", "org_code", required=True)
@click.option("--yes", is_flag=True, help="Confirm: the entries become unreadable for good.")
@json_option
@click.pass_obj
def remove_keys(state: State, org_code: str, yes: bool, as_json: bool) -> None:
    """Delete an organization's data keys: its entries become unreadable, the log still verifies."""
    from core.errors import InvalidInput
    from core.services.audit_trail import remove_keys as remove

    if not yes:
        raise InvalidInput("--yes", None, "removing keys cannot be undone; confirm with --yes")
    removed = remove(state.context(), org_code)
    emit(
        as_json,
        {"org": org_code, "keys_removed": removed},
        lambda: click.echo(f"{org_code}: {removed} data key(s) removed"),
    )
