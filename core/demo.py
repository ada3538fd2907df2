"""Loading the demo organizations (core/demo_data.py) through the services.

Each organization is loaded in one transaction — all of it or none — and only when
its code is not stored yet, so ``zhidu demo`` can run again safely. Resident ID
numbers are generated from each person's region, birth date and gender with valid
check digits. Plugins installed here are enabled as the data says, and their
``zhidu_demo_data`` hooks then add their own rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core import models
from core.demo_data import DEMO_ORGS
from core.domain import OrgKind
from core.resident_id import make_resident_id
from core.services.context import Context
from core.services.orgs import add_unit, create_org
from core.services.people import PERSON_FIELDS, add_kinship, add_person
from core.services.plugins import enable_plugin
from core.services.posts import add_post, add_term

__all__ = ["load_demo"]


def load_demo(ctx: Context) -> list[str]:
    """Load every demo organization not stored yet; return the codes loaded."""
    loaded = []
    for serial, spec in enumerate(DEMO_ORGS):
        if models.Organization.select().where(models.Organization.code == spec["code"]).exists():
            continue
        with ctx.transaction():
            _load_org(ctx, spec, serial)
        loaded.append(spec["code"])
    return loaded


def _units(ctx: Context, org: str, nodes: Any, parent: str | None) -> None:
    for node in nodes:
        add_unit(ctx, org, node["code"], node["name"], node["kind"], parent)
        _units(ctx, org, node.get("children", ()), node["code"])


def _id_number(person: dict[str, Any], serial: int) -> str:
    # The 17th digit is odd for men and even for women (GB 11643-1999).
    sequence = (serial * 2 + (1 if person["gender"] == "男" else 0)) % 1000
    return make_resident_id(person["id_region"], date.fromisoformat(person["birth_date"]), sequence)


def _load_org(ctx: Context, spec: dict[str, Any], org_serial: int) -> None:
    code = spec["code"]
    create_org(ctx, code, spec["name"], spec["kind"])
    _units(ctx, code, spec["units"], None)
    ids: dict[str, int] = {}
    for n, person in enumerate(spec["people"]):
        fields = {k: person.get(k) for k in PERSON_FIELDS if k != "id_number"}
        made = add_person(
            ctx,
            code,
            unit_code=person.get("unit"),
            extra=person.get("extra") or None,
            id_number=_id_number(person, org_serial * 200 + n),
            **fields,
        )
        ids[person["key"]] = made.id
    for post in spec["posts"]:
        add_post(
            ctx,
            code,
            unit_code=post["unit"],
            code=post["key"],
            title=post["title"],
            rank=post["rank"],
            headcount=post["headcount"],
            category=post["category"],
            term_years=post.get("term_years"),
            max_consecutive_terms=post.get("max_consecutive_terms"),
        )
    for term in sorted(spec["terms"], key=lambda t: t["start"]):
        add_term(
            ctx,
            code,
            post_code=term["post"],
            person_id=ids[term["person"]],
            start=term["start"],
            end=term.get("end"),
            appointed_by=term["appointed_by"],
            probation_end=term.get("probation_end"),
            end_reason=term.get("end_reason"),
            note=term.get("note", ""),
        )
    for kin in spec.get("kinship", ()):
        add_kinship(ctx, code, ids[kin["a"]], ids[kin["b"]], kin["relation"], kin.get("note", ""))
    for name in spec.get("plugins", ()):
        if name in ctx.host.plugins:
            _enable_with_dependencies(ctx, code, name, set())
    kind = OrgKind(spec["kind"])
    for plugin in ctx.host.plugins.values():
        if plugin.name in spec.get("plugins", ()):
            for data in plugin.demo_data:
                if data.org_kind is kind:
                    data.load(ctx, code)


def _enable_with_dependencies(ctx: Context, org: str, name: str, done: set[str]) -> None:
    if name in done:
        return
    for dependency in ctx.host.plugins[name].info.depends_on:
        _enable_with_dependencies(ctx, org, dependency, done)
    enable_plugin(ctx, org, name)
    done.add(name)
