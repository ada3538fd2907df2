"""Parameters per organization: the declared defaults and the organization's overrides."""

from __future__ import annotations

from datetime import date

from core import audit, models, validate
from core.access import Action
from core.errors import Conflict
from core.jsonable import jsonable
from core.parameters import Override, ParameterTable, Resolved
from core.services.context import Context
from core.services.orgs import org_row
from core.services.plugins import enabled_names

__all__ = ["list_parameters", "override_parameter", "parameter_table", "table_for_org"]


def table_for_org(ctx: Context, org: models.Organization) -> ParameterTable:
    """Every installed parameter with this organization's overrides (no permission check)."""
    overrides = [
        Override(r.key, r.effective_from, r.value, r.reason)
        for r in models.ParameterOverride.select().where(models.ParameterOverride.org == org.id)
    ]
    return ParameterTable.build(ctx.host.parameters(), overrides)


def parameter_table(ctx: Context, org_code: str) -> ParameterTable:
    return table_for_org(ctx, org_row(ctx, org_code, Action.READ))


def list_parameters(ctx: Context, org_code: str, on: date) -> list[Resolved]:
    """Parameters of the core and of the plugins enabled for the organization, on ``on``."""
    org = org_row(ctx, org_code, Action.READ)
    table = table_for_org(ctx, org)
    enabled = enabled_names(org.id) | {"core"}
    result = []
    for key in sorted(table.specs):
        if key.split(".", 1)[0] in enabled and table.specs[key].effective_from <= on:
            result.append(table.resolve(key, on))
    return result


def override_parameter(
    ctx: Context, org_code: str, key: str, value: object, effective_from: date | str, reason: str
) -> Resolved:
    """Set the organization's own value for ``key`` from ``effective_from`` on (本单位规定)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PARAMETERS)
        table = table_for_org(ctx, org)
        spec = table.spec(key)
        start = validate.parse_date("effective_from", effective_from)
        why = validate.text("reason", reason, max_length=500)
        coerced = spec.check_value(value)
        if (
            models.ParameterOverride.select()
            .where(
                (models.ParameterOverride.org == org.id)
                & (models.ParameterOverride.key == key)
                & (models.ParameterOverride.effective_from == start)
            )
            .exists()
        ):
            raise Conflict(
                "effective_from", start.isoformat(), f"{key} already has an override from that date"
            )
        before = table.resolve(key, start) if start >= spec.effective_from else None
        row = models.ParameterOverride.create(
            org=org.id, key=key, effective_from=start, value=jsonable(coerced), reason=why
        )
        resolved = table_for_org(ctx, org).resolve(key, start)
        audit.record(
            ctx,
            org_id=org.id,
            action="parameter.override",
            object_type="parameter",
            object_id=row.id,
            before=jsonable(before),
            after=jsonable(resolved),
            reason=why,
        )
    return resolved
