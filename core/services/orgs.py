"""Organizations and their unit trees (组织与内设机构)."""

from __future__ import annotations

import datetime as dt

import attrs
import peewee as pw

from core import audit, models, sql, validate
from core.access import Action
from core.audit import log as audit_log
from core.domain import Organization, OrgKind, OrgUnit
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.jsonable import jsonable
from core.services.context import Context

__all__ = ["UnitNode", "add_unit", "create_org", "get_org", "list_orgs", "org_row", "unit_tree"]


def org_row(
    ctx: Context, code: str, action: Action, *, new_row_of: type[pw.Model] | None = None
) -> models.Organization:
    """The organization's row after checking that the actor may do ``action`` there.

    ``new_row_of``: the change adds a row of this model (one, with :func:`core.sql.insert`),
    whose id is then drawn with the organization's row, a round trip fewer on PostgreSQL.
    """
    if action is not Action.READ and ctx.database.in_transaction():
        # a change follows: read the audit log's state for its entry with the row
        row = audit_log.organization_for_change(ctx.database, code, new_row_of=new_row_of)
    else:
        row = sql.select_one(models.Organization, code=code)  # on every call: prebuilt
    if row is None:
        # Only operators learn that an organization does not exist; anyone else gets
        # the same refusal whether it exists or not.
        if ctx.actor.is_operator:
            raise NotFound("organization", code, "see `zhidu org list`")
        ctx.authorize(None, action, code)
        raise NotFound("organization", code)  # for a role allowed deployment-wide
    ctx.authorize(row.id, action, code)
    return row


def get_org(ctx: Context, code: str) -> Organization:
    return Organization.from_row(org_row(ctx, code, Action.READ))


def list_orgs(ctx: Context) -> list[Organization]:
    """The organizations the actor may see."""
    rows = models.Organization.select().order_by(models.Organization.code)
    visible = []
    for row in rows:
        try:
            ctx.authorize(row.id, Action.READ)
        except PermissionDenied:
            continue
        visible.append(Organization.from_row(row))
    return visible


def create_org(ctx: Context, code: str, name: str, kind: str | OrgKind) -> Organization:
    ctx.authorize(None, Action.CREATE_ORGANIZATIONS)
    code = validate.code("code", code)
    name = validate.text("name", name)
    kind_value = validate.vocabulary("kind", OrgKind, kind)
    with ctx.transaction():
        if models.Organization.select().where(models.Organization.code == code).exists():
            raise Conflict("code", code, "an organization with this code exists (组织代码重复)")
        row = models.Organization.create(
            code=code, name=name, kind=kind_value.value, created_at=dt.datetime.now(dt.UTC)
        )
        org = Organization.from_row(row)
        audit.record(
            ctx,
            org_id=row.id,
            action="org.create",
            object_type="organization",
            object_id=row.id,
            after=jsonable(org),
        )
    return org


def add_unit(
    ctx: Context, org_code: str, code: str, name: str, kind: str, parent_code: str | None = None
) -> OrgUnit:
    """Add a unit (内设机构) under the organization or under another unit."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.MANAGE_UNITS)
        code = validate.code("code", code)
        name = validate.text("name", name)
        kind = validate.text("kind", kind, max_length=20)
        parent = None
        if parent_code:
            parent = models.Unit.get_or_none(
                (models.Unit.org == org.id) & (models.Unit.code == parent_code)
            )
            if parent is None:
                raise InvalidInput(
                    "parent", parent_code, f"no such unit in {org.code} (上级机构不存在)"
                )
        if (
            models.Unit.select()
            .where((models.Unit.org == org.id) & (models.Unit.code == code))
            .exists()
        ):
            raise Conflict(
                "code", code, f"a unit with this code exists in {org.code} (机构代码重复)"
            )
        row = models.Unit.create(org=org.id, parent=parent, code=code, name=name, kind=kind)
        unit = OrgUnit.from_row(row)
        audit.record(
            ctx,
            org_id=org.id,
            action="unit.create",
            object_type="unit",
            object_id=row.id,
            after=jsonable(unit),
        )
    return unit


@attrs.frozen
class UnitNode:
    unit: OrgUnit
    children: tuple[UnitNode, ...]

    def as_dict(self) -> dict[str, object]:
        return jsonable(self.unit) | {"children": [c.as_dict() for c in self.children]}


def unit_tree(ctx: Context, org_code: str) -> list[UnitNode]:
    """The organization's units as a tree (one query)."""
    org = org_row(ctx, org_code, Action.READ)
    units = [
        OrgUnit.from_row(r)
        for r in models.Unit.select().where(models.Unit.org == org.id).order_by(models.Unit.id)
    ]
    by_parent: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)

    def build(parent: int | None) -> tuple[UnitNode, ...]:
        return tuple(UnitNode(u, build(u.id)) for u in by_parent.get(parent, []))

    return list(build(None))
