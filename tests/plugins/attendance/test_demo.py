"""The demo's ``hongtudi``: the planted cases are found, the ones at the limits are not,
and ``zhidu check`` on the demo day shows October's findings."""

from __future__ import annotations

import pytest

from core.api import validate
from core.demo import load_demo
from core.demo_data import AS_OF
from core.services.checks import run_checks
from core.services.context import Context
from plugins.attendance import services
from tests.conftest import audit_entries


@pytest.fixture
def demo(actx: Context) -> Context:
    assert "hongtudi" in load_demo(actx)
    return actx


def by_name(report: services.Report) -> dict[str, services.Line]:
    return {line.month.name: line for line in report.lines}


def rules_of(line: services.Line) -> list[str]:
    return [f.rule_id for f in line.findings]


def test_october_finds_what_was_planted(demo: Context) -> None:
    report = services.report(demo, "hongtudi", "2026-10")
    lines = by_name(report)
    assert report.working_days == 18 and len(lines) == 15  # who held a post in October
    assert rules_of(lines["周敏"]) == ["attendance.weekly"]
    assert rules_of(lines["孙海"]) == ["attendance.weekly"] * 3 + ["attendance.monthly"]
    assert lines["孙海"].month.count == 11
    assert rules_of(lines["罗光明"]) == ["attendance.weekly"]  # the week of Thursday 10-01
    assert lines["罗光明"].month.count == 0
    assert rules_of(lines["陈永"]) == ["attendance.unsigned"]
    assert lines["陈永"].month.unsigned_days == 2
    assert rules_of(lines["赵德明"]) == ["attendance.unsigned"]  # the 调休 Saturday 10-10
    assert rules_of(lines["马春燕"]) == ["attendance.outside-window"]
    assert lines["高翔"].month.missing_sign_out == 1 and rules_of(lines["高翔"]) == []
    assert rules_of(lines["刘丽"]) == []  # her holiday duty counts against nobody
    assert rules_of(lines["段红梅"]) == []  # 2 in the week of 10-01: at the limit
    flagged = {name for name, line in lines.items() if line.findings}
    assert flagged == {"周敏", "孙海", "罗光明", "陈永", "赵德明", "马春燕"}


def test_september_is_exactly_at_the_limits(demo: Context) -> None:
    lines = by_name(services.report(demo, "hongtudi", "2026-09"))
    assert lines["段红梅"].month.count == 10 and rules_of(lines["段红梅"]) == []
    assert lines["罗光明"].month.late == 3 and rules_of(lines["罗光明"]) == []
    assert not any(line.findings for line in lines.values())


def test_the_check_on_the_demo_day_shows_october(demo: Context) -> None:
    report = run_checks(demo, "hongtudi", validate.parse_date("AS_OF", AS_OF))
    assert report.failures == ()
    found = [f for f in report.findings if f.plugin == "attendance"]
    assert len(found) == 9 and all("2026-10" in f.message_zh or "–" in f.message_zh for f in found)
    assert len(audit_entries(demo, "attendance.record")) == 1  # the sheet, one batch
