"""``zhidu cadre``: eligibility, selection cases, votes, notices, terms and rotation,
management records. Every command takes ``--org`` and ``--json``; a mistake is one line
(the core's ``main`` prints it). Each part's commands live in ``commands/<part>.py``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from core.api import jsonable

__all__ = ["as_json_option", "cadre", "emit", "org_option"]

Handler = Callable[..., Any]


def as_json_option(function: Handler) -> Handler:
    """``--json``: print machine-readable JSON instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(
        function
    )


def org_option(function: Handler) -> Handler:
    """``--org CODE``: the organization acted on (every command is scoped to one)."""
    return click.option("--org", "org_code", required=True, help="The organization's code.")(
        function
    )


def emit(as_json: bool, data: Any, text: str) -> None:
    """Print ``data`` as JSON, or ``text`` for people."""
    if as_json:
        click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        click.echo(text)


@click.group()
def cadre() -> None:
    """干部选拔任用与管理 (cadre-selection-appointment.txt, 广药大党发〔2017〕42号)."""


# Each part's commands are added below (imported when ``zhidu cadre`` runs, never for --help
# of other groups).


def _add_tenure_and_management() -> None:
    """第二十二–三十三条 (commands/tenure.py, commands/management.py)."""
    from plugins.cadre.commands import management, tenure

    cadre.add_command(tenure.terms)
    cadre.add_command(tenure.rotation)
    cadre.add_command(tenure.retain)
    cadre.add_command(tenure.avoidance)
    cadre.add_command(management.assessment)
    cadre.add_command(management.sanction)
    cadre.add_command(management.audit)
    cadre.add_command(management.remove)
    cadre.add_command(management.resign)
    cadre.add_command(management.demote)
    cadre.add_command(management.due)


_add_tenure_and_management()


def _add_cases() -> None:
    """第十二–二十一条 (commands/cases.py)."""
    from plugins.cadre.commands import cases

    cadre.add_command(cases.case)
    cadre.add_command(cases.committee)


_add_cases()


def _add_eligibility() -> None:
    """第九–十一条 (commands/eligibility.py)."""
    from plugins.cadre.commands import eligibility

    cadre.add_command(eligibility.eligible)
    cadre.add_command(eligibility.profile)
    cadre.add_command(eligibility.training)
    cadre.add_command(eligibility.exception)


_add_eligibility()
