from __future__ import annotations

from datetime import date

import pytest

from core import models
from core.errors import Conflict, InvalidInput, NotFound
from core.jsonable import jsonable
from core.resident_id import make_resident_id
from core.services.context import Context
from core.services.people import add_kinship, add_person, get_person, list_people, update_person
from tests.conftest import audit_entries, make_org

ID_ZHANG = "11010519491231002X"  # a woman born 1949-12-31


def zhang(**changes: object) -> dict[str, object]:
    return {
        "name": "张丽",
        "gender": "女",
        "birth_date": "1949-12-31",
        "id_number": ID_ZHANG,
    } | changes


def test_adding_a_person_validates_and_cross_checks_the_id_number(ctx: Context) -> None:
    make_org(ctx)
    made = add_person(ctx, "gdpu", unit_code="office", **zhang(name=" 张丽 "))
    assert made.name == "张丽" and made.id_number == ID_ZHANG
    with pytest.raises(InvalidInput, match="check digit should be X"):
        add_person(ctx, "gdpu", **zhang(id_number="110105194912310021"))
    with pytest.raises(InvalidInput, match="身份证号码与性别不符"):
        add_person(ctx, "gdpu", **zhang(gender="男"))
    with pytest.raises(InvalidInput, match="身份证号码与出生日期不符"):
        add_person(ctx, "gdpu", **zhang(birth_date="1949-12-30"))


@pytest.mark.parametrize(
    "extra",
    [
        {"title": "教授", "title_level": "正高级", "title_date": "2001-07-01"},
        {"education": "博士研究生", "degree": "博士", "id_number": None},
        {"employment_start": "1968-09-01", "political_status": "中共党员"},
        {},
    ],
)
def test_the_audit_entry_of_a_new_person_is_the_person_as_returned(
    ctx: Context, extra: dict[str, str]
) -> None:
    make_org(ctx)
    fields = zhang(**extra)
    made = add_person(ctx, "gdpu", unit_code="office", extra={"年级": 2024}, **fields)
    (recorded,) = audit_entries(ctx, "person.add")
    assert recorded.after == jsonable(made) | {"unit": "office"}
    assert recorded.after["birth_date"] == "1949-12-31"
    assert recorded.after["extra"] == {"年级": 2024}
    plain = add_person(ctx, "gdpu", name="王五", gender="男", birth_date="1990-01-01")
    assert audit_entries(ctx, "person.add")[-1].after == jsonable(plain) | {"unit": None}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"birth_date": "2026-11-22", "id_number": None}, "birth_date"),  # tomorrow
        ({"gender": "F"}, "gender"),
        ({"name": "　"}, "name"),
        ({"political_status": "党员"}, "political_status"),
        ({"title": "教授"}, "title_level"),
        ({"employment_start": "1949-01-01"}, "employment_start"),
        ({"unknown": 1}, "field"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    ctx: Context, changes: dict[str, object], field: str
) -> None:
    make_org(ctx)
    before = models.AuditEntry.select().count()
    with pytest.raises(InvalidInput) as error:
        add_person(ctx, "gdpu", **zhang(**changes))
    assert error.value.field == field
    assert models.Person.select().count() == 0
    assert models.AuditEntry.select().count() == before


def test_born_today_is_accepted(ctx: Context) -> None:
    make_org(ctx)
    add_person(ctx, "gdpu", name="新生", gender="男", birth_date="2026-11-21")


def test_one_person_in_two_organizations_is_two_records_that_never_mix(ctx: Context) -> None:
    make_org(ctx, "gdpu")
    make_org(ctx, "union", "student_union")
    first = add_person(
        ctx, "gdpu", **zhang(title="教授", title_level="正高级", title_date="1990-09-01")
    )
    second = add_person(ctx, "union", **zhang())
    assert first.org_id != second.org_id
    assert first.id != second.id and second.title is None  # union learns nothing of gdpu's
    update_person(ctx, "union", second.id, name="张莉")
    assert get_person(ctx, "gdpu", first.id).name == "张丽"  # gdpu's record is untouched
    with pytest.raises(Conflict, match="another person in gdpu has this ID number"):
        add_person(ctx, "gdpu", **zhang())
    # a wrong name with the other organization's ID number is simply another record:
    # no refusal betrays that the number is known elsewhere
    make_org(ctx, "town", "government")
    assert add_person(ctx, "town", **zhang(name="别人")).name == "别人"


def test_an_organization_sees_only_its_own_people(ctx: Context) -> None:
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    mine = add_person(ctx, "gdpu", **zhang())
    theirs = add_person(ctx, "town", name="李四", gender="男", birth_date="1980-01-01")
    assert [p.id for p in list_people(ctx, "gdpu").people] == [mine.id]
    with pytest.raises(NotFound, match="no such person in gdpu"):
        get_person(ctx, "gdpu", theirs.id)
    with pytest.raises(NotFound):
        update_person(ctx, "gdpu", theirs.id, name="改名")
    with pytest.raises(NotFound):
        add_kinship(ctx, "gdpu", mine.id, theirs.id, "夫妻")


def test_people_are_paged_and_searched_in_the_database(ctx: Context) -> None:
    make_org(ctx)
    for n in range(25):
        add_person(
            ctx,
            "gdpu",
            name=f"王{n:02d}",
            gender="男",
            birth_date="1990-01-01",
            id_number=make_resident_id("440106", date(1990, 1, 1), 2 * n + 1),
        )
    page = list_people(ctx, "gdpu", limit=10, offset=20)
    assert (len(page.people), page.total) == (5, 25)
    assert [p.name for p in list_people(ctx, "gdpu", search="王1").people] == [
        f"王1{n}" for n in range(10)
    ]


def test_update_is_audited_with_before_and_after(ctx: Context) -> None:
    make_org(ctx)
    made = add_person(ctx, "gdpu", **zhang())
    update_person(ctx, "gdpu", made.id, title="教授", title_level="正高级", title_date="2001-09-01")
    entry = audit_entries(ctx)[-1]
    assert entry.action == "person.update" and entry.actor == "tester"
    assert entry.before["title"] is None and entry.after["title"] == "教授"


def test_kinship_is_one_record_per_pair(ctx: Context) -> None:
    make_org(ctx)
    a = add_person(ctx, "gdpu", **zhang())
    b = add_person(ctx, "gdpu", name="张强", gender="男", birth_date="1975-05-05")
    kin = add_kinship(ctx, "gdpu", b.id, a.id, "直系血亲")
    assert (kin.person_a, kin.person_b) == (a.id, b.id)
    with pytest.raises(Conflict, match="recorded"):
        add_kinship(ctx, "gdpu", a.id, b.id, "夫妻")
    with pytest.raises(InvalidInput, match="own relative"):
        add_kinship(ctx, "gdpu", a.id, a.id, "夫妻")
