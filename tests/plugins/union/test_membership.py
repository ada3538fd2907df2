"""Membership (五、信息工程学院主席团成员候选人产生办法): the rules as pure functions, and
the services that record them — in the core's terms and the union's events, audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from core.errors import Conflict, InvalidInput
from core.services.context import Context
from core.services.posts import list_terms
from plugins.union import rules, services
from tests.conftest import audit_entries
from tests.plugins.union.helpers import person

Union = Callable[[], dict[str, Any]]


@pytest.fixture(autouse=True)
def _union(union: Union) -> None:
    union()


# --- pure rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "earliest"),
    [
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year: the month's last day
        (date(2025, 1, 31), date(2025, 2, 28)),
        (date(2025, 3, 31), date(2025, 4, 30)),
        (date(2025, 12, 15), date(2026, 1, 15)),  # across the year's end
        (date(2025, 2, 28), date(2025, 3, 28)),  # not the month's end
    ],
)
def test_notice_runs_one_civil_code_month(given: date, earliest: date) -> None:
    assert rules.notice_end(given, 1) == earliest


def test_certificate_on_the_anniversary_not_the_day_before() -> None:
    start = date(2023, 9, 10)
    assert rules.certificate_refusal(start, date(2024, 9, 10), False, 1) is None
    refusal = rules.certificate_refusal(start, date(2024, 9, 9), False, 1)
    assert refusal is not None and "任期未满1年" in refusal
    assert "被强行辞退者" in (rules.certificate_refusal(start, date(2030, 1, 1), True, 1) or "")
    assert rules.certificate_refusal(date(2024, 2, 29), date(2025, 2, 28), False, 1) is None


@pytest.mark.parametrize("code", [o.code for o in rules.LESSER])
def test_a_lesser_offence_warns_and_removes_only_by_the_presidium(code: str) -> None:
    assert rules.check_warning(code).citation.article == "五、四 4"
    with pytest.raises(InvalidInput, match="主席团讨论处理"):
        rules.check_removal(code, presidium_decided=False)
    assert rules.check_removal(code, presidium_decided=True).code == code


@pytest.mark.parametrize("code", [o.code for o in rules.GRAVE])
def test_a_grave_offence_removes_at_once_and_is_never_a_warning(code: str) -> None:
    with pytest.raises(InvalidInput, match="立即免去其所任职务"):
        rules.check_warning(code)
    assert rules.check_removal(code, presidium_decided=False).citation.article == "五、四 5"


@pytest.mark.parametrize(
    ("rank", "by", "recommended", "head", "ok"),
    [
        ("部长", "主席团", True, False, True),
        ("部长", "主席团", False, False, False),  # 需经该部门内部推荐
        ("部长", "部长", True, True, False),
        ("副部长", "部长", False, True, True),
        ("副部长", "部长", False, False, False),  # not the department's 部长
        ("副部长", "主席团", False, False, False),
        ("主席", "党总支团委", False, False, True),
        ("副主席", "主席团", False, False, False),
        ("干事", "部长", False, True, True),
        ("干事", "主席团", False, False, True),
        ("秘书长", "主席团", False, False, False),  # not a title the union may have
    ],
)
def test_who_appoints_whom(rank: str, by: str, recommended: bool, head: bool, ok: bool) -> None:
    if ok:
        assert (
            rules.check_appointment(
                rank, by, recommended=recommended, appointer_is_head=head
            ).source
            == "student-union-bylaws.txt"
        )
    else:
        with pytest.raises(InvalidInput):
            rules.check_appointment(rank, by, recommended=recommended, appointer_is_head=head)


# --- through the services ----------------------------------------------------------------


def _member(ctx: Context, name: str, on: str = "2023-09-01", unit: str = "tyb") -> int:
    pid = person(ctx, name)
    services.join(ctx, "xs", pid, on, unit)
    return pid


def test_join_then_appoint_as_the_rules_say(ctx: Context) -> None:
    head = _member(ctx, "部长甲")
    deputy = _member(ctx, "副部长乙")
    with pytest.raises(InvalidInput, match="recommendation"):
        services.appoint(ctx, "xs", head, post_code="ty-bz", on="2023-09-10", by="主席团")
    services.appoint(
        ctx, "xs", head, post_code="ty-bz", on="2023-09-10", by="主席团", recommended=True
    )
    with pytest.raises(InvalidInput, match="部长 of the department"):
        services.appoint(
            ctx, "xs", deputy, post_code="ty-fbz", on="2023-09-11", by="部长", by_person=deputy
        )
    done = services.appoint(
        ctx, "xs", deputy, post_code="ty-fbz", on="2023-09-11", by="部长", by_person=head
    )
    assert done["kind"] == "任命" and done["authority"] == "部长"
    (term,) = list_terms(ctx, "xs", person_id=deputy)
    assert term.post_code == "ty-fbz" and term.term.appointed_by.value == "委任"
    assert [e.action for e in audit_entries(ctx) if e.action.startswith("union.event")] == [
        "union.event.加入",
        "union.event.加入",
        "union.event.任命",
        "union.event.任命",
    ]
    with pytest.raises(Conflict, match="already a member"):
        services.join(ctx, "xs", head, "2023-10-01")


def test_appointing_someone_who_has_not_joined_is_refused(ctx: Context) -> None:
    outsider = person(ctx, "外人")
    with pytest.raises(InvalidInput, match="has not joined"):
        services.appoint(ctx, "xs", outsider, post_code="ty-gs", on="2023-09-10", by="主席团")


def _clerk(ctx: Context, name: str, start: str = "2023-09-10") -> int:
    pid = _member(ctx, name, start)
    services.appoint(ctx, "xs", pid, post_code="ty-gs", on=start, by="主席团")
    return pid


def test_resignation_takes_effect_one_month_later_across_month_ends(ctx: Context) -> None:
    pid = _clerk(ctx, "辞职者", "2023-09-10")
    with pytest.raises(InvalidInput, match="2024-02-29"):
        services.resign(ctx, "xs", pid, on="2024-01-31", approved_by="主席", leave_on="2024-02-28")
    done = services.resign(ctx, "xs", pid, on="2024-01-31", approved_by="主席")
    assert done["effective_on"] == date(2024, 2, 29) and done["earliest"] == "2024-02-29"
    (term,) = list_terms(ctx, "xs", person_id=pid)
    assert term.term.end == date(2024, 2, 29) and term.term.end_reason.value == "自愿辞职"


def test_certificate_after_a_year_not_a_day_less(ctx: Context) -> None:
    pid = _clerk(ctx, "满一年", "2023-09-10")
    with pytest.raises(InvalidInput, match="任期未满1年"):
        services.certificate(ctx, "xs", pid, on="2024-09-09")
    assert services.certificate(ctx, "xs", pid, on="2024-09-10")["kind"] == "证书"


def test_no_certificate_after_dismissal(ctx: Context) -> None:
    pid = _clerk(ctx, "被免职者", "2022-11-15")
    services.warn(ctx, "xs", pid, on="2023-03-01", offence="旷课")
    with pytest.raises(InvalidInput, match="立即免去"):
        services.warn(ctx, "xs", pid, on="2023-04-01", offence="作弊")
    removed = services.remove(ctx, "xs", pid, on="2024-01-05", offence="作弊")
    assert removed["terms_ended"] and removed["offence"] == "作弊"
    (term,) = list_terms(ctx, "xs", person_id=pid)
    assert term.term.end == date(2024, 1, 5) and term.term.end_reason.value == "免职"
    with pytest.raises(InvalidInput, match="被强行辞退者"):
        services.certificate(ctx, "xs", pid, on="2024-02-01")


def test_removal_for_a_lesser_offence_needs_the_presidium(ctx: Context) -> None:
    pid = _clerk(ctx, "散漫者")
    with pytest.raises(InvalidInput, match="presidium"):
        services.remove(ctx, "xs", pid, on="2023-12-01", offence="散漫")
    done = services.remove(ctx, "xs", pid, on="2023-12-01", offence="散漫", presidium_decided=True)
    assert done["kind"] == "免职"


def test_only_the_presidium_and_heads_report(ctx: Context) -> None:
    clerk = _clerk(ctx, "干事丙")
    with pytest.raises(InvalidInput, match="述职"):
        services.report(ctx, "xs", clerk, on="2023-12-20", summary="本学期工作")
    head = _member(ctx, "部长丁")
    services.appoint(
        ctx, "xs", head, post_code="ty-bz", on="2023-09-10", by="主席团", recommended=True
    )
    assert services.report(ctx, "xs", head, on="2023-12-20", summary="本学期工作")["note"] == (
        "本学期工作"
    )
    assert [e["kind"] for e in services.list_events(ctx, "xs", head)] == ["加入", "任命", "述职"]
