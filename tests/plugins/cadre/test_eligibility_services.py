"""Eligibility through the services on a real database (the ``university`` fixture): the
profile, trainings and exceptions written, authorized and audited in one transaction;
bad input refused in one line with nothing written; :func:`check` reading the core's
terms and the parameters in force on the date."""

from __future__ import annotations

from datetime import date

import pytest

from core import models
from core.api import Action, InvalidInput, NotFound, PermissionDenied
from core.services.accounts import add_account, grant_role
from core.services.context import Actor, Context
from core.services.parameters import override_parameter
from core.services.people import add_person
from core.services.posts import add_term
from plugins.cadre.services import eligibility as services
from plugins.cadre.tables.records import CadreException, CadreProfile, CadreTraining
from plugins.cadre.vocabulary import Rank, Track
from tests.conftest import TODAY, audit_entries, make_org

D = date.fromisoformat


def cadre(ctx: Context, org: str, name: str = "梁一", **fields: object) -> int:
    values: dict[str, object] = {
        "gender": "男", "birth_date": "1986-11-20", "education": "硕士研究生", "degree": "硕士",
        "title": "助理研究员", "title_level": "中级", "title_date": "2015-12-20",
        "employment_start": "2012-07-01",
    }  # fmt: skip
    values.update(fields)
    return add_person(ctx, org, name=name, **values).id  # type: ignore[arg-type]


def as_role(ctx: Context, name: str, org: str, role: str) -> Context:
    add_account(ctx, name)
    grant_role(ctx, name, org, role)
    row = models.Account.get(models.Account.name == name)
    return Context(ctx.database, Actor(row.id, name, False), ctx.host, lambda: TODAY, ctx.keys)


# --------------------------------------------------------------------------- profile


def test_a_profile_is_set_then_changed_field_by_field_and_audited(
    cctx: Context, university: str
) -> None:
    pid = cadre(cctx, university)
    assert services.profile_of(cctx, university, pid) is None
    with pytest.raises(InvalidInput, match="needs its track"):
        services.set_profile(cctx, university, pid, fit_for_duty=True)
    made = services.set_profile(
        cctx, university, pid, track="管理岗位", management_since="2020-01-01"
    )
    assert made.track is Track.MANAGEMENT and made.fit_for_duty and not made.family_emigrated
    changed = services.set_profile(cctx, university, pid, family_emigrated="是")
    assert changed.family_emigrated and changed.management_since == D("2020-01-01")
    assert services.profile_of(cctx, university, pid) == changed
    cleared = services.set_profile(cctx, university, pid, management_since="")
    assert cleared.management_since is None
    entries = audit_entries(cctx, "cadre.profile.set")
    assert len(entries) == 3 and entries[0].plugin == "cadre"
    assert entries[1].before["family_emigrated"] is False and entries[1].after["family_emigrated"]
    assert [p.person_id for p in services.list_profiles(cctx, university)] == [pid]


def test_bad_profile_input_is_one_line_and_writes_nothing(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    for kwargs, field in (
        ({"track": "教辅岗位"}, "track"),
        ({"track": "管理岗位", "management_since": "2020-02-30"}, "management_since"),
        ({"track": "管理岗位", "management_since": "2027-01-01"}, "management_since"),
        ({"track": "管理岗位", "fit_for_duty": "也许"}, "fit_for_duty"),
    ):
        with pytest.raises(InvalidInput) as error:
            services.set_profile(cctx, university, pid, **kwargs)
        assert error.value.field == field and "\n" not in str(error.value)
    assert CadreProfile.select().count() == 0 and audit_entries(cctx, "cadre.profile.set") == []


def test_a_person_of_another_organization_is_not_found(cctx: Context, university: str) -> None:
    other = make_org(cctx, "other")
    stranger = cadre(cctx, other, "外人")
    with pytest.raises(NotFound):
        services.set_profile(cctx, university, stranger, track="管理岗位")
    with pytest.raises(NotFound):
        services.check(cctx, university, stranger, "正科级")


# --------------------------------------------------------------------------- training


def test_trainings_are_added_listed_and_audited(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    first = services.add_training(
        cctx, university, pid, completed_on="2024-06-30", hours=300, institution="广东省委党校"
    )
    services.add_training(
        cctx, university, pid, completed_on=TODAY, hours="250", institution="网院"
    )
    assert [t.hours for t in services.list_trainings(cctx, university, pid)] == [300, 250]
    assert services.list_trainings(cctx, university)[0] == first
    (entry, _) = audit_entries(cctx, "cadre.training.add")
    assert entry.after["institution"] == "广东省委党校" and entry.object_type == "cadre_training"


def test_bad_training_input_writes_nothing(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    for kwargs, field in (
        ({"completed_on": "2026-11-22", "hours": 8, "institution": "党校"}, "completed_on"),
        ({"completed_on": "2026-11-01", "hours": 0, "institution": "党校"}, "hours"),
        ({"completed_on": "2026-11-01", "hours": "八", "institution": "党校"}, "hours"),
        ({"completed_on": "2026-11-01", "hours": 8, "institution": " "}, "institution"),
    ):
        with pytest.raises(InvalidInput) as error:
            services.add_training(cctx, university, pid, **kwargs)
        assert error.value.field == field
    assert CadreTraining.select().count() == 0 and audit_entries(cctx, "cadre.training.add") == []


# --------------------------------------------------------------------------- exceptions


def test_an_exception_needs_a_listed_ground_of_its_kind(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    with pytest.raises(InvalidInput, match="ground of 工作特殊需要, not of 特别优秀"):
        services.add_exception(
            cctx,
            university,
            pid,
            target_rank="副处级",
            kind="特别优秀",
            reason="班子结构或职位特殊要求",
        )
    with pytest.raises(InvalidInput, match="not a ground listed in 第十一条"):
        services.add_exception(
            cctx, university, pid, target_rank="副处级", kind="特别优秀", reason="领导喜欢"
        )
    with pytest.raises(InvalidInput, match="both its date and who gave it"):
        services.add_exception(
            cctx, university, pid, target_rank="副处级", kind="特别优秀",
            reason="工作实绩特别显著", consent_on="2026-11-01",
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="not a rank"):
        services.add_exception(
            cctx, university, pid, target_rank="厅级", kind="特别优秀", reason="工作实绩特别显著"
        )
    assert CadreException.select().count() == 0


def test_consent_recorded_later_is_audited_with_what_it_was(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    made = services.add_exception(
        cctx, university, pid, target_rank=Rank.DEPUTY_DIVISION, kind="工作特殊需要",
        reason="专业性较强或专项工作急需", recorded_on="2026-10-01", note="药学实验平台建设急需",
    )  # fmt: skip
    assert made.consent_on is None and made.recorded_on == D("2026-10-01")
    given = services.record_consent(
        cctx, university, made.id, on="2026-10-20", by="省委教育工委组织部"
    )
    assert given.consent_on == D("2026-10-20") and given.consent_by == "省委教育工委组织部"
    (entry,) = audit_entries(cctx, "cadre.exception.consent")
    assert entry.before["consent_on"] is None and entry.after["consent_on"] == "2026-10-20"
    assert services.list_exceptions(cctx, university, pid) == [given]
    with pytest.raises(NotFound):
        services.record_consent(cctx, university, 999, on="2026-10-20", by="某部")


# --------------------------------------------------------------------------- access


def test_a_viewer_checks_but_does_not_write(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    viewer = as_role(cctx, "viewer1", university, "viewer")
    assert services.check(viewer, university, pid, "副科级").rank is Rank.DEPUTY_SECTION
    with pytest.raises(PermissionDenied):
        services.set_profile(viewer, university, pid, track="管理岗位")
    with pytest.raises(PermissionDenied):
        services.add_training(
            viewer, university, pid, completed_on="2026-01-01", hours=8, institution="党校"
        )
    with pytest.raises(PermissionDenied):
        services.add_exception(
            viewer,
            university,
            pid,
            target_rank="正科级",
            kind="特别优秀",
            reason="工作实绩特别显著",
        )
    outsider = as_role(cctx, "outsider", make_org(cctx, "other"), "org_admin")
    with pytest.raises(PermissionDenied):
        services.check(outsider, university, pid, "副科级")
    with pytest.raises(PermissionDenied):
        services.list_trainings(outsider, university)
    assert Action.READ  # reads need READ in the organization, nothing more


# --------------------------------------------------------------------------- the check


def test_section_chief_on_the_anniversary_through_the_core_terms(
    cctx: Context, university: str
) -> None:
    pid = cadre(cctx, university)
    add_term(cctx, university, post_code="szk-fkz", person_id=pid, start="2021-03-10",
             appointed_by="委任", probation_end="2022-03-09")  # fmt: skip
    services.set_profile(cctx, university, pid, track="管理岗位")
    before = services.check(cctx, university, pid, "正科级", "2024-03-09")
    on = services.check(cctx, university, pid, "正科级", "2024-03-10")
    assert not before.eligible and on.eligible and on.current_rank is Rank.DEPUTY_SECTION
    years = on.condition("section.management").parts[0]
    assert years.message_zh == "任副科级自2021-03-10起：2024-03-10满3年（2024-03-09尚未满）"
    assert services.check(cctx, university, pid, Rank.SECTION).on == TODAY  # default: today


def test_the_parameters_in_force_on_the_date_are_used(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    add_term(cctx, university, post_code="szk-fkz", person_id=pid, start="2022-03-10",
             appointed_by="委任")  # fmt: skip
    services.set_profile(cctx, university, pid, track="管理岗位")
    override_parameter(
        cctx, university, "cadre.section_years_as_deputy", 2, "2024-03-01", "上级规定 (第十条)"
    )
    assert services.check(cctx, university, pid, "正科级", "2024-03-10").eligible
    assert not services.check(cctx, university, pid, "正科级", "2024-02-29").eligible


def test_an_exception_refused_during_probation_and_within_a_year(
    cctx: Context, university: str
) -> None:
    pid = cadre(cctx, university)
    add_term(cctx, university, post_code="szk-fkz", person_id=pid, start="2022-07-07",
             end="2025-12-04", end_reason="其他", appointed_by="委任")  # fmt: skip
    add_term(cctx, university, post_code="szk-kz", person_id=pid, start="2025-12-05",
             appointed_by="委任", probation_end="2026-12-04")  # fmt: skip
    services.set_profile(cctx, university, pid, track="管理岗位")
    services.add_exception(
        cctx, university, pid, target_rank="副处级", kind="工作特殊需要",
        reason="班子结构或职位特殊要求", recorded_on="2026-11-01", consent_on="2026-11-10",
        consent_by="省委教育工委组织部",
    )  # fmt: skip
    got = services.check(cctx, university, pid, "副处级", "2026-11-21")
    assert not got.eligible and got.exception is not None
    assert got.condition("exception.probation").met is False
    assert got.condition("exception.after_promotion").met is False
    assert got.condition("exception.consent").met is True
    data = got.as_dict()
    assert data["exception"]["reason"] == "班子结构或职位特殊要求"
    assert {c["key"] for c in data["conditions"]} >= {"step", "exception.probation"}


def test_a_check_with_bad_input_is_one_line(cctx: Context, university: str) -> None:
    pid = cadre(cctx, university)
    for args, field in (
        (("科员",), "rank"),
        (("正科级", "2024-13-01"), "on"),
        (("正处级", None, "书记"), "head"),
    ):
        with pytest.raises(InvalidInput) as error:
            services.check(cctx, university, pid, *args)
        assert error.value.field == field
