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


def member(ctx: Context, name: str, grants: dict[str, str]) -> Context:
    from core.services.accounts import add_account, grant_role

    add_account(ctx, name)
    for org, role in grants.items():
        grant_role(ctx, name, org, role)
    row = models.Account.get(models.Account.name == name)
    return Context(ctx.database, Actor(row.id, name, False), ctx.host, lambda: TODAY, ctx.keys)


def test_roles_allow_what_they_list_and_nothing_else(ctx: Context) -> None:
    from core.services.plugins import enabled_plugins
    from core.services.posts import add_post

    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    viewer = member(ctx, "viewer1", {"gdpu": "viewer"})
    editor = member(ctx, "editor1", {"gdpu": "editor"})
    assert list_people(viewer, "gdpu").total == 0
    with pytest.raises(PermissionDenied, match="may not edit people in gdpu"):
        add_person(viewer, "gdpu", name="王五", gender="男", birth_date="1990-01-01")
    add_person(editor, "gdpu", name="王五", gender="男", birth_date="1990-01-01")
    add_post(
        editor,
        "gdpu",
        unit_code="office",
        code="kz",
        title="科长",
        rank="正科级",
        headcount=1,
        category="行政",
    )
    with pytest.raises(PermissionDenied, match="may not edit parameters in gdpu"):
        from core.services.parameters import override_parameter

        override_parameter(
            editor, "gdpu", "core.workdays.start_day_counts", "否", "2026-01-01", "x"
        )
    with pytest.raises(PermissionDenied, match="may not read in town"):
        enabled_plugins(editor, "town")
    assert [o.code for o in list_orgs(editor)] == ["gdpu"]


def test_an_auditor_reads_only_their_organizations_trail(ctx: Context) -> None:
    from core.services.audit_trail import read_audit

    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    add_person(ctx, "town", name="镇上的人", gender="男", birth_date="1990-01-01")
    auditor = member(ctx, "inspector", {"gdpu": "auditor"})
    admin = member(ctx, "boss", {"gdpu": "org_admin"})
    seen = read_audit(auditor)
    assert seen and {r.org for r in seen} == {"gdpu"}
    assert all("镇上的人" not in str(r.after) for r in seen)
    with pytest.raises(PermissionDenied, match="may not read the audit trail in town"):
        read_audit(auditor, org_code="town")
    with pytest.raises(PermissionDenied, match="may not read the audit trail"):
        read_audit(admin)  # running an organization is not auditing it
    everything = read_audit(ctx)  # an operator reads all, deployment-wide entries too
    assert {r.org for r in everything} >= {"", "gdpu", "town"}


def test_a_refused_attempt_lands_in_the_trail_of_the_organization_aimed_at(ctx: Context) -> None:
    from core.services.accounts import record_refusal
    from core.services.audit_trail import read_audit

    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    intruder = member(ctx, "intruder", {"gdpu": "editor"})
    town_auditor = member(ctx, "town-auditor", {"town": "auditor"})
    with pytest.raises(PermissionDenied) as refused:
        add_person(intruder, "town", name="王五", gender="男", birth_date="1990-01-01")
    record_refusal(intruder, refused.value, "zhidu person add --org town …")
    (seen,) = read_audit(town_auditor, action="access.denied")
    assert (seen.org, seen.actor) == ("town", "intruder")
    assert "may not edit people in town" in seen.after["refusal"]
