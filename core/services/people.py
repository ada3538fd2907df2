"""People and kinship (人员、亲属关系), as each organization records them.

Every person record belongs to one organization. The same human in two organizations
is two records, one each, so neither organization can read or change what the other
recorded — nor learn from a refusal that the other has them. A resident ID number is
unique within an organization.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import attrs

from core import audit, models, sql, validate
from core.access import Action
from core.domain import (
    Degree,
    Education,
    Gender,
    Kinship,
    Person,
    PoliticalStatus,
    Relation,
    TitleLevel,
)
from core.errors import Conflict, InvalidInput, NotFound
from core.jsonable import jsonable
from core.resident_id import ResidentId, parse_resident_id
from core.services.context import Context
from core.services.orgs import org_row

__all__ = [
    "PERSON_FIELDS",
    "PERSON_ORDER",
    "PersonPage",
    "add_kinship",
    "add_person",
    "check_person",
    "clean_person",
    "get_person",
    "kinship_of_org",
    "list_people",
    "person_row",
    "update_person",
]

PERSON_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "education",
    "degree",
    "political_status",
    "title",
    "title_level",
    "title_date",
    "employment_start",
)


def clean_person(values: dict[str, Any], today: date) -> dict[str, Any]:
    """Validate a person's fields; cross-check the ID number with birth date and gender."""
    out: dict[str, Any] = {}
    out["name"] = validate.text("name", values.get("name"), max_length=50)
    out["gender"] = validate.vocabulary("gender", Gender, values.get("gender")).value
    birth = validate.parse_date("birth_date", values.get("birth_date"))
    _check_birth(birth, today)
    out["birth_date"] = birth
    raw_id = values.get("id_number")
    out["id_number"] = None
    if raw_id not in (None, ""):
        rid = parse_resident_id(str(raw_id))
        _check_id_agrees(rid, raw_id, birth, out["gender"])
        out["id_number"] = rid.number
    for field, kind in (
        ("education", Education),
        ("degree", Degree),
        ("political_status", PoliticalStatus),
        ("title_level", TitleLevel),
    ):
        member = validate.optional_vocabulary(field, kind, values.get(field))
        out[field] = member.value if member else None
    out["title"] = validate.optional_text("title", values.get("title"), max_length=50)
    for field in ("title_date", "employment_start"):
        when = validate.optional_date(field, values.get(field))
        _check_after_birth(field, when, birth, today)
        out[field] = when
    _check_title_pair(out["title"], out["title_level"])
    return out


def check_person(values: dict[str, Any], today: date) -> None:
    """The checks of :func:`clean_person` across fields, in its order, for values that
    are already clean (an import converts each distinct cell once, then checks here)."""
    birth = values["birth_date"]
    _check_birth(birth, today)
    if values.get("id_number"):
        rid = parse_resident_id(values["id_number"])
        _check_id_agrees(rid, values["id_number"], birth, values["gender"])
    for field in ("title_date", "employment_start"):
        _check_after_birth(field, values.get(field), birth, today)
    _check_title_pair(values.get("title"), values.get("title_level"))


def _check_birth(birth: date, today: date) -> None:
    if birth > today:
        raise InvalidInput("birth_date", birth.isoformat(), "is in the future (出生日期晚于今天)")
    if birth < date(1900, 1, 1):
        raise InvalidInput("birth_date", birth.isoformat(), "is before 1900 (出生日期有误)")


def _check_id_agrees(rid: ResidentId, raw_id: object, birth: date, gender: str) -> None:
    if rid.birth_date != birth:
        raise InvalidInput(
            "id_number",
            raw_id,
            f"its birth date {rid.birth_date.isoformat()} differs from "
            f"birth_date {birth.isoformat()} (身份证号码与出生日期不符)",
        )
    if rid.gender != gender:
        raise InvalidInput(
            "id_number",
            raw_id,
            f"its 17th digit says {rid.gender}, gender says {gender} (身份证号码与性别不符)",
        )


def _check_after_birth(field: str, when: date | None, birth: date, today: date) -> None:
    if when is not None and not (birth < when <= today):
        raise InvalidInput(
            field,
            when.isoformat(),
            "must fall after the birth date and not in the future (日期有误)",
        )


def _check_title_pair(title: str | None, level: str | None) -> None:
    if (title is None) != (level is None):
        raise InvalidInput(
            "title_level", level, "a title and its level are given together (职称与级别须同时填写)"
        )


def person_row(org: models.Organization, person_id: int) -> models.Person:
    """The person, if ``org`` recorded them — otherwise NotFound, whoever they are."""
    row = models.Person.get_or_none((models.Person.org == org.id) & (models.Person.id == person_id))
    if row is None:
        raise NotFound("person", person_id, f"no such person in {org.code}")
    return row


def _check_id_free(org: models.Organization, id_number: str | None, person_id: int = 0) -> None:
    if (
        id_number
        and models.Person.select()
        .where(
            (models.Person.org == org.id)
            & (models.Person.id_number == id_number)
            & (models.Person.id != person_id)
        )
        .exists()
    ):
        raise Conflict(
            "id_number",
            id_number,
            f"another person in {org.code} has this ID number (身份证号码重复)",
        )


def add_person(
    ctx: Context,
    org_code: str,
    *,
    unit_code: str | None = None,
    extra: dict[str, Any] | None = None,
    **fields: Any,
) -> Person:
    """Add a person to an organization's records."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidInput("field", ", ".join(sorted(unknown)), "unknown person field")
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE, new_row_of=models.Person)
        values = clean_person(fields, ctx.today())
        unit = None
        if unit_code:
            unit = models.Unit.get_or_none(
                (models.Unit.org == org.id) & (models.Unit.code == unit_code)
            )
            if unit is None:
                raise InvalidInput("unit", unit_code, f"no such unit in {org.code} (机构不存在)")
        _check_id_free(org, values["id_number"])
        stored = {"unit_id": unit.id if unit else None, "extra": extra or None} | values
        person_id = sql.insert(models.Person, {"org": org.id} | stored)
        person = Person.from_row(SimpleNamespace(id=person_id, org_id=org.id, **stored))
        audit.record(
            ctx,
            org_id=org.id,
            action="person.add",
            object_type="person",
            object_id=person_id,
            after=jsonable(person) | {"unit": unit_code},
        )
    return person


def update_person(ctx: Context, org_code: str, person_id: int, **changes: Any) -> Person:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidInput("field", ", ".join(sorted(unknown)), "unknown person field")
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        row = person_row(org, person_id)
        before = Person.from_row(row)
        current = {f: getattr(row, f) for f in PERSON_FIELDS}
        values = clean_person(current | changes, ctx.today())
        _check_id_free(org, values["id_number"], row.id)
        models.Person.update(**values).where(models.Person.id == row.id).execute()
        after = Person.from_row(models.Person.get_by_id(row.id))
        audit.record(
            ctx,
            org_id=org.id,
            action="person.update",
            object_type="person",
            object_id=row.id,
            before=jsonable(before),
            after=jsonable(after),
        )
    return after


def get_person(ctx: Context, org_code: str, person_id: int) -> Person:
    org = org_row(ctx, org_code, Action.READ)
    return Person.from_row(person_row(org, person_id))


@attrs.frozen
class PersonPage:
    """One page of a people list, and how many match in all."""

    people: tuple[Person, ...]
    total: int
    offset: int


#: Columns a people list may be sorted by (in the database).
PERSON_ORDER = ("id", "name", "gender", "birth_date", "id_number", "political_status", "title")


def list_people(
    ctx: Context,
    org_code: str,
    *,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
    order: str = "id",
    descending: bool = False,
) -> PersonPage:
    """People of the organization, paged, filtered and sorted in the database."""
    if order not in PERSON_ORDER:
        raise InvalidInput("order", order, f"sort by one of {', '.join(PERSON_ORDER)}")
    org = org_row(ctx, org_code, Action.READ)
    query = models.Person.select().where(models.Person.org == org.id)
    if search:
        needle = search.strip()
        query = query.where(
            models.Person.name.contains(needle) | (models.Person.id_number == needle.upper())
        )
    total = query.count()
    column = getattr(models.Person, order)
    first = column.desc() if descending else column.asc()
    rows = query.order_by(first, models.Person.id).limit(limit).offset(offset)
    return PersonPage(tuple(Person.from_row(r) for r in rows), total, offset)


def add_kinship(
    ctx: Context,
    org_code: str,
    person_a: int,
    person_b: int,
    relation: str | Relation,
    note: str = "",
) -> Kinship:
    """Record kinship between two people of the organization (亲属关系)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        kind = validate.vocabulary("relation", Relation, relation)
        if person_a == person_b:
            raise InvalidInput("person_b", person_b, "a person is not their own relative")
        a, b = sorted((person_row(org, person_a).id, person_row(org, person_b).id))
        if (
            models.Kinship.select()
            .where(
                (models.Kinship.org == org.id)
                & (models.Kinship.person_a == a)
                & (models.Kinship.person_b == b)
            )
            .exists()
        ):
            raise Conflict("person_b", person_b, "kinship between these two is recorded (已登记)")
        row = models.Kinship.create(
            org=org.id, person_a=a, person_b=b, relation=kind.value, note=note.strip()
        )
        kin = Kinship.from_row(row)
        audit.record(
            ctx,
            org_id=org.id,
            action="kinship.add",
            object_type="kinship",
            object_id=row.id,
            after=jsonable(kin),
        )
    return kin


def kinship_of_org(ctx: Context, org_code: str, person_id: int | None = None) -> list[Kinship]:
    """The organization's kinship records (of one person, if given)."""
    org = org_row(ctx, org_code, Action.READ)
    query = models.Kinship.select().where(models.Kinship.org == org.id)
    if person_id is not None:
        query = query.where(
            (models.Kinship.person_a == person_id) | (models.Kinship.person_b == person_id)
        )
    return [Kinship.from_row(r) for r in query.order_by(models.Kinship.id)]
