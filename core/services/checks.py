"""Running every enabled plugin's checks for an organization on a date (检查).

A check receives a :class:`CheckContext` with the organization's data as values and
returns findings; the host stamps each finding with the organization and plugin. A
check that raises is reported in :attr:`CheckReport.failures` and the others still run.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

import attrs

from core import models
from core.access import Action
from core.domain import Kinship, Organization, OrgUnit, Person, Post, Term
from core.findings import Finding
from core.parameters import ParameterTable
from core.rules.workdays import WorkCalendar
from core.services.calendar import calendar_for_org
from core.services.context import Context
from core.services.orgs import org_row
from core.services.parameters import table_for_org
from core.services.plugins import enabled_plugins

__all__ = ["CheckContext", "CheckFailure", "CheckReport", "run_checks"]


class CheckContext:
    """What a check sees: the organization on a date, its parameters and calendar, and
    its core data as values — each loaded on first use and then shared by all checks of
    one run, so a run whose checks never look at people never loads 100,000 of them."""

    def __init__(self, ctx: Context, org: models.Organization, on: date) -> None:
        self._org_row = org
        self._ctx = ctx
        self.org = Organization.from_row(org)
        self.on = on

    @cached_property
    def parameters(self) -> ParameterTable:
        return table_for_org(self._ctx, self._org_row)

    @cached_property
    def calendar(self) -> WorkCalendar:
        return calendar_for_org(self._org_row)

    @cached_property
    def units(self) -> tuple[OrgUnit, ...]:
        return tuple(OrgUnit.from_row(r) for r in _of_org(models.Unit, self.org.id))

    @cached_property
    def people(self) -> tuple[Person, ...]:
        return tuple(Person.from_row(r) for r in _of_org(models.Person, self.org.id))

    @cached_property
    def posts(self) -> tuple[Post, ...]:
        return tuple(Post.from_row(r) for r in _of_org(models.Post, self.org.id))

    @cached_property
    def terms(self) -> tuple[Term, ...]:
        return tuple(Term.from_row(r) for r in _of_org(models.Term, self.org.id))

    @cached_property
    def kinship(self) -> tuple[Kinship, ...]:
        return tuple(Kinship.from_row(r) for r in _of_org(models.Kinship, self.org.id))

    def parameter(self, key: str) -> object:
        """The parameter's value in force on the check date."""
        return self.parameters.value(key, self.on)


def _of_org(model: Any, org_id: int) -> Any:
    return model.select().where(model.org == org_id).order_by(model.id).iterator()


@attrs.frozen
class CheckFailure:
    plugin: str
    check: str
    error: str


@attrs.frozen
class CheckReport:
    org: str
    on: date
    plugins: tuple[str, ...]
    findings: tuple[Finding, ...]
    failures: tuple[CheckFailure, ...]


def run_checks(ctx: Context, org_code: str, on: date | None = None) -> CheckReport:
    """Every enabled plugin's findings for the organization on ``on`` (default today)."""
    org = org_row(ctx, org_code, Action.RUN_CHECKS)
    when = on or ctx.today()
    plugins = enabled_plugins(ctx, org_code)
    check_ctx = CheckContext(ctx, org, when)
    findings: list[Finding] = []
    failures: list[CheckFailure] = []
    for plugin in plugins:
        for check in plugin.checks:
            try:
                produced = list(check.run(check_ctx))
                bad = [f for f in produced if not isinstance(f, Finding)]
                if bad:
                    raise TypeError(f"returned {type(bad[0]).__name__}, not Finding")
            except Exception as error:  # a plugin's bug must not hide the other findings
                failures.append(
                    CheckFailure(plugin.name, check.id, f"{type(error).__name__}: {error}")
                )
                continue
            findings.extend(attrs.evolve(f, org=org.code, plugin=plugin.name) for f in produced)
    findings.sort(key=lambda f: (-f.severity.rank, f.due or date.max, f.rule_id, f.subject))
    return CheckReport(
        org.code, when, tuple(p.name for p in plugins), tuple(findings), tuple(failures)
    )
