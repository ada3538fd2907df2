"""Terms, rotation, retention votes and avoidance on the real database (the ``university``
fixture), and ``zhidu cadre terms|rotation|retain|avoidance --json`` end to end."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core.api import InvalidInput, NotFound, PermissionDenied
from core.cli import main
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.checks import run_checks
from core.services.context import Context
from core.services.parameters import override_parameter
from core.services.people import add_kinship, add_person
from core.services.posts import add_term
from plugins.cadre.services import tenure
from tests.conftest import audit_entries

ORG = "gd"


def person(ctx: Context, name: str, unit: str | None = None) -> int:
    return add_person(ctx, ORG, name=name, gender="男", birth_date="1975-03-01", unit_code=unit).id


def serve(ctx: Context, pid: int, post: str, start: str, end: str | None = None) -> None:
    add_term(
        ctx,
        ORG,
        post_code=post,
        person_id=pid,
        start=start,
        end=end,
        appointed_by="委任",
        end_reason=None if end is None else "届满",
    )


@pytest.fixture
def two_terms(cctx: Context, university: str) -> int:
    """甲: 人事处处长 for two 届, the second ending 2027-01-09."""
    pid = person(cctx, "甲", "rsc")
    serve(cctx, pid, "rsc-cz", "2019-01-10", "2023-01-09")
    serve(cctx, pid, "rsc-cz", "2023-01-10")
    return pid


def test_terms_report_counts_each_term(cctx: Context, two_terms: int) -> None:
    other = person(cctx, "乙", "rsc")
    serve(cctx, other, "rsc-fcz", "2023-01-10", "2025-07-09")  # 30 months: a 届
    serve(cctx, other, "yxy-fyz", "2025-07-10")
    report = tenure.terms_report(cctx, ORG)
    by_name = {p.name: p for p in report.people}
    first = by_name["甲"]
    assert [r.consecutive for r in first.rows] == [1, 2]
    assert first.current[0].limit_date and first.current[0].limit_date.isoformat() == "2027-01-09"
    second = by_name["乙"]
    assert second.rows[0].held_months == 30 and second.rows[0].counts
    # 2025-07-10 … the 届's end 2027-01-09 (换届 of 2023-01-10): 18 months, not a 届
    assert second.rows[1].term_end and second.rows[1].term_end.isoformat() == "2027-01-09"
    assert not second.rows[1].counts
    only = tenure.terms_report(cctx, ORG, person_id=two_terms)
    assert [p.name for p in only.people] == ["甲"]
    with pytest.raises(NotFound):
        tenure.terms_report(cctx, ORG, person_id=9999)


def test_forecast_the_day_before_and_of_two_terms(cctx: Context, two_terms: int) -> None:
    before = tenure.forecast(cctx, ORG, on="2027-01-08")
    assert [(i.state, i.limit_date.isoformat()) for i in before.items] == [("ahead", "2027-01-09")]
    of = tenure.forecast(cctx, ORG, on="2027-01-09")
    assert [i.state for i in of.items] == ["reached"]
    assert of.items[0].due == "交流" and of.items[0].body == "党委全委会"


def test_forecast_window_edge_and_parameter(cctx: Context, two_terms: int) -> None:
    assert len(tenure.forecast(cctx, ORG, months=6, on="2026-07-09").items) == 1  # exactly 6
    assert tenure.forecast(cctx, ORG, months=6, on="2026-07-08").items == ()
    assert tenure.forecast(cctx, ORG, on="2026-07-09").months == 6  # the parameter's default
    override_parameter(cctx, ORG, "cadre.rotation_forecast_months", 12, "2018-01-16", "提前一年")
    assert len(tenure.forecast(cctx, ORG, on="2026-01-09").items) == 1
    with pytest.raises(InvalidInput, match="months"):
        tenure.forecast(cctx, ORG, months="六")


def test_a_third_term_is_a_violation_until_the_committee_keeps_them(
    cctx: Context, two_terms: int
) -> None:
    pid = person(cctx, "丙", "rsc")
    serve(cctx, pid, "rsc-fcz", "2015-01-10", "2019-01-09")
    serve(cctx, pid, "rsc-fcz", "2019-01-10", "2023-01-09")
    serve(cctx, pid, "rsc-fcz", "2023-01-10")
    (over,) = [i for i in tenure.forecast(cctx, ORG).items if i.person_name == "丙"]
    assert over.state == "over" and over.body == "党委常委会"
    report = run_checks(cctx, ORG)
    assert any(f.rule_id == "cadre.exchange" and f.subject == "丙" for f in report.findings)
    with pytest.raises(InvalidInput, match="党委常委会"):  # 副处级: not the full committee
        tenure.retain(
            cctx,
            ORG,
            pid,
            post_code="rsc-fcz",
            decided_on="2026-11-20",
            members=11,
            present=9,
            yes=8,
            no=1,
            body="党委全委会",
        )
    # exactly half of all members is not more than half: not passed
    failed = tenure.retain(
        cctx,
        ORG,
        pid,
        post_code="rsc-fcz",
        decided_on="2026-11-20",
        members=12,
        present=12,
        yes=6,
        no=6,
    )
    assert not failed["passed"] and failed["decision"]["yes_needed"] == 7
    assert [i.state for i in tenure.forecast(cctx, ORG).items if i.person_name == "丙"] == ["over"]
    kept = tenure.retain(
        cctx,
        ORG,
        pid,
        post_code="rsc-fcz",
        decided_on="2026-11-20",
        members=12,
        present=12,
        yes=7,
        no=5,
    )
    assert kept["passed"] and kept["body"] == "党委常委会"
    # kept for this third 届, which itself ends 2027-01-09: a fourth needs another vote
    (item,) = [i for i in tenure.forecast(cctx, ORG).items if i.person_name == "丙"]
    assert (item.state, item.limit, item.limit_date.isoformat()) == ("ahead", 3, "2027-01-09")
    (item,) = [i for i in tenure.forecast(cctx, ORG, months=1).items if i.person_name == "丙"]
    assert item.state == "retained" and item.severity.value == "info"
    assert [e.action for e in audit_entries(cctx, "cadre.retain")] == ["cadre.retain"] * 2
    assert len(tenure.list_retentions(cctx, ORG)) == 2


def test_retention_is_for_division_posts_held(cctx: Context, two_terms: int) -> None:
    pid = person(cctx, "丁", "rsc-szk")
    serve(cctx, pid, "szk-kz", "2020-07-07")
    with pytest.raises(InvalidInput, match="科长 rotates"):
        tenure.retain(
            cctx,
            ORG,
            pid,
            post_code="szk-kz",
            decided_on="2026-11-20",
            members=11,
            present=9,
            yes=8,
            no=1,
        )
    with pytest.raises(InvalidInput, match="does not hold"):
        tenure.retain(
            cctx,
            ORG,
            pid,
            post_code="rsc-cz",
            decided_on="2026-11-20",
            members=11,
            present=9,
            yes=8,
            no=1,
        )
    assert tenure.list_retentions(cctx, ORG) == []


def test_avoidance_scan_and_a_proposed_appointment(cctx: Context, two_terms: int) -> None:
    wife = person(cctx, "甲妻", "rsc-szk")  # staff of the 师资科, under his 人事处
    add_kinship(cctx, ORG, two_terms, wife, "夫妻")
    (found,) = tenure.avoidance_scan(cctx, ORG)
    assert found.rule_id == "cadre.avoidance-sensitive-work" and "人事工作" in found.message_zh
    proposed = tenure.avoidance_for(cctx, ORG, wife, "rsc-fcz", "2026-12-01")
    assert sorted(f.rule_id for f in proposed) == [
        "cadre.avoidance-direct-line",
        "cadre.avoidance-sensitive-work",
    ]
    assert tenure.avoidance_for(cctx, ORG, wife, "yxy-fyz", "2026-12-01") == []
    husband_deputy = person(cctx, "戊", "rsc")
    serve(cctx, husband_deputy, "rsc-fcz", "2023-01-10")
    add_kinship(cctx, ORG, husband_deputy, wife, "夫妻")
    # beside her husband as 副处长, both under the 处长 (the post's 职数 is another rule's)
    same = tenure.avoidance_for(cctx, ORG, wife, "rsc-fcz", "2026-12-01")
    assert "cadre.avoidance-same-leader" in {f.rule_id for f in same}
    with pytest.raises(NotFound):
        tenure.avoidance_for(cctx, ORG, wife, "nope", "2026-12-01")
    assert any(f.rule_id.startswith("cadre.avoidance") for f in run_checks(cctx, ORG).findings)


def test_reading_needs_the_organization(cctx: Context, two_terms: int) -> None:
    from core.api import Actor

    stranger = Context(
        cctx.database, Actor(999, "stranger", False), cctx.host, cctx.today, cctx.keys
    )
    with pytest.raises(PermissionDenied):
        tenure.forecast(stranger, ORG)


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def zhidu(
    cctx: Context,
    two_terms: int,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Callable[..., tuple[int, Any, str]]]:
    migrate(cctx.database, PluginHost.discover().migrations())  # every installed plugin's
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")

    def run(*args: str) -> tuple[int, Any, str]:
        capsys.readouterr()
        try:
            main(["cadre", *args, "--json"])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        return code, json.loads(out) if out.strip() else None, err

    yield run


def test_cli_terms_rotation_retain_avoidance(
    zhidu: Callable[..., tuple[int, Any, str]], two_terms: int
) -> None:
    code, data, _ = zhidu("terms", "--org", ORG, "--person", str(two_terms), "--on", "2026-11-21")
    assert code == 0, _
    assert data["people"][0]["current"][0]["limit_date"] == "2027-01-09"
    assert [t["counts_as_term"] for t in data["people"][0]["terms"]] == [True, True]
    code, data, _ = zhidu("rotation", "--org", ORG, "--months", "2", "--on", "2026-11-09")
    assert code == 0 and data["items"][0]["state"] == "ahead" and data["horizon"] == "2027-01-09"
    code, data, _ = zhidu("rotation", "--org", ORG, "--months", "2", "--on", "2026-11-08")
    assert code == 0 and data["items"] == []
    code, data, _ = zhidu(
        "retain",
        str(two_terms),
        "--org",
        ORG,
        "--post",
        "rsc-cz",
        "--on",
        "2026-11-20",
        "--members",
        "30",
        "--present",
        "19",
        "--yes",
        "18",
        "--no",
        "1",
    )
    assert code == 0 and data["decision"]["quorate"] is False and data["passed"] is False
    code, data, _ = zhidu("avoidance", "--org", ORG)
    assert code == 0 and data == []
    code, _, err = zhidu("avoidance", "--org", ORG, "--person", str(two_terms))
    assert (
        code == 2
        and "--person and --post go together" in err
        and len(err.strip().splitlines()) == 1
    )
    code, _, err = zhidu("rotation", "--org", ORG, "--on", "2026-13-01")
    assert code == 2 and "2026-13-01" in err and "日期不存在" in err
    assert len(err.strip().splitlines()) == 1
