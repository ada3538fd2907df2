"""``zhidu check``: every enabled plugin's findings for an organization."""

from __future__ import annotations

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.command()
@click.option("--org", "org_code", required=True)
@click.option("--on", "on", help="The date to check for (default: today).")
@json_option
@click.pass_obj
def check(state: State, org_code: str, on: str | None, as_json: bool) -> None:
    """Findings of every plugin enabled for an organization, with the clause cited."""
    from core.services.checks import run_checks
    from core.validate import optional_date

    report = run_checks(state.context(), org_code, optional_date("on", on))

    def text() -> None:
        click.echo(f"{report.org} on {report.on}: plugins {', '.join(report.plugins)}")
        table(
            ["severity", "due", "subject", "finding", "citation"],
            [
                (f.severity.zh, f.due or "", f.subject, f.message_zh, str(f.citation))
                for f in report.findings
            ],
        )
        for failure in report.failures:
            click.echo(f"check failed: {failure.plugin}/{failure.check}: {failure.error}", err=True)

    emit(as_json, report, text)
