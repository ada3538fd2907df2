"""Until roles arrive, only operators act: any other account sees and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from core import models
from core.errors import NotFound, PermissionDenied
from core.services.context import Actor, Context
from core.services.orgs import create_org, list_orgs
from core.services.people import add_person, list_people
from tests.conftest import TODAY, make_org


@pytest.fixture
def stranger(ctx: Context) -> Context:
    row = models.Account.create(
        name="guest", os_user="guest", is_operator=False, created_at=dt.datetime.now(dt.UTC)
    )
    return Context(ctx.database, Actor(row.id, row.name, False), ctx.host, lambda: TODAY, ctx.keys)


def test_a_non_operator_sees_no_organization(ctx: Context, stranger: Context) -> None:
    make_org(ctx)
    assert [o.code for o in list_orgs(ctx)] == ["gdpu"]
    assert list_orgs(stranger) == []
    with pytest.raises(PermissionDenied, match="account 'guest' may not read in gdpu"):
        list_people(stranger, "gdpu")


def test_a_non_operator_changes_nothing(ctx: Context, stranger: Context) -> None:
    make_org(ctx)
    with pytest.raises(PermissionDenied):
        add_person(stranger, "gdpu", name="王五", gender="男", birth_date="1990-01-01")
    with pytest.raises(PermissionDenied):
        create_org(stranger, "town", "某镇", "government")
    assert models.Person.select().count() == 0


def test_a_non_operator_cannot_learn_which_organizations_exist(stranger: Context) -> None:
    with pytest.raises(PermissionDenied, match="may not read in no-such-org") as missing:
        list_people(stranger, "no-such-org")
    make_org(
        Context(stranger.database, Actor(0, "op", True), stranger.host, keys=stranger.keys), "real"
    )
    with pytest.raises(PermissionDenied) as existing:
        list_people(stranger, "real")
    assert str(existing.value) == str(missing.value).replace("no-such-org", "real")
    with pytest.raises(NotFound):
        list_people(Context(stranger.database, Actor(0, "op", True), stranger.host), "no-such-org")
