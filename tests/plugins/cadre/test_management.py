"""第十七、二十七、二十八、三十–三十三条: removal on each ground, each kind of
resignation, demotion (and its being due after 不称职), assessments due on the day,
audits, sanctions — pure, through the services on the real database, and through
``zhidu cadre … --json``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.api import AppointedBy, EndReason, InvalidInput, Post, Severity, Term
from core.cli import main
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.checks import run_checks
from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_term, list_terms
from plugins.cadre import management
from plugins.cadre.management import AssessmentFact, AssessmentKind, Removal, Resignation
from plugins.cadre.services import management as services
from plugins.cadre.tenure import Limits
from plugins.cadre.vocabulary import Grade
from tests.conftest import audit_entries

ORG = "gd"
POSTS = {
    1: Post(1, 1, 10, "rsc-fcz", "人事处副处长", "副处级", 2, 4, 2, "行政"),
    2: Post(2, 1, 10, "rsc-cz", "人事处处长", "正处级", 1, 4, 2, "行政"),
}


def term(
    post: int,
    start: str,
    end: str | None = None,
    probation: str | None = None,
    reason: EndReason | None = None,
) -> Term:
    return Term(
        post * 10,
        1,
        post,
        7,
        date.fromisoformat(start),
        None if end is None else date.fromisoformat(end),
        AppointedBy.APPOINTMENT,
        None if probation is None else date.fromisoformat(probation),
        reason or (None if end is None else EndReason.TERM_EXPIRED),
    )


def rated(kind: AssessmentKind, on: str, grade: Grade, year: int | None = None) -> AssessmentFact:
    return AssessmentFact(1, 7, kind, year, date.fromisoformat(on), grade)


def due_on(terms: list[Term], assessed: list[AssessmentFact], on: str) -> list[tuple[str, str]]:
    found = management.assessment_findings(
        terms,
        POSTS,
        assessed,
        {7: "甲"},
        {4: (date(2023, 1, 10),)},
        date.fromisoformat(on),
        Limits(),
        30,
    )
    return [(f.rule_id, f.severity.value) for f in found]


# ------------------------------------------------------------------------ pure rules


def test_probation_review_due_on_the_day() -> None:
    terms = [term(1, "2025-12-05", probation="2026-12-04")]
    assert due_on(terms, [], "2026-11-03") == []  # 31 days ahead: not yet shown
    assert due_on(terms, [], "2026-12-03") == [("cadre.probation-review", "info")]
    assert due_on(terms, [], "2026-12-04") == [("cadre.probation-review", "due")]
    review = rated(AssessmentKind.PROBATION, "2026-12-04", Grade.COMPETENT)
    assert due_on(terms, [review], "2026-12-04") == []


@pytest.mark.parametrize("grade", [Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT])
def test_not_competent_at_the_end_of_probation_removes_the_trial_post(grade: Grade) -> None:
    terms = [term(1, "2025-12-05", probation="2026-12-04")]
    review = rated(AssessmentKind.PROBATION, "2026-12-04", grade)
    assert due_on(terms, [review], "2026-12-05") == [("cadre.probation-not-competent", "due")]
    assert management.competent(Grade.EXCELLENT) and not management.competent(grade)


def test_mid_and_end_of_term_assessments_at_half_and_end() -> None:
    terms = [term(2, "2023-01-10")]
    assert due_on(terms, [], "2025-01-09") == [("cadre.assessment-mid_term", "info")]
    assert due_on(terms, [], "2025-01-10") == [("cadre.assessment-mid_term", "due")]
    mid = rated(AssessmentKind.MID_TERM, "2025-01-14", Grade.COMPETENT)
    assert due_on(terms, [mid], "2026-12-09") == []
    assert due_on(terms, [mid], "2026-12-10") == [("cadre.assessment-end_of_term", "info")]
    assert due_on(terms, [mid], "2027-01-09") == [("cadre.assessment-end_of_term", "due")]
    late = [term(2, "2025-03-01")]  # begun after the half: no 届中 for this 届
    assert due_on(late, [], "2026-11-21") == []


def test_incompetent_annual_rating_makes_demotion_due_until_demoted() -> None:
    names = {7: "甲"}
    rating = rated(AssessmentKind.ANNUAL, "2026-01-15", Grade.INCOMPETENT, 2025)
    serving = [term(2, "2023-01-10")]
    (due,) = management.demotion_findings(serving, POSTS, [rating], names, date(2026, 1, 15))
    assert due.rule_id == "cadre.demotion-due" and due.citation == management.DEMOTION
    assert due.severity is Severity.DUE and due.due == date(2026, 1, 15)
    demoted = [term(2, "2023-01-10", "2026-03-31", reason=EndReason.DEMOTED), term(1, "2026-04-01")]
    assert management.demotion_findings(demoted, POSTS, [rating], names, date(2026, 4, 1)) == []
    basic = rated(AssessmentKind.ANNUAL, "2026-01-15", Grade.BASICALLY_COMPETENT, 2025)
    assert management.demotion_findings(serving, POSTS, [basic], names, date(2026, 2, 1)) == []


def test_departure_audit_due_after_leaving_a_division_head_post() -> None:
    left = [
        term(2, "2019-01-10", "2023-01-09"),
        term(2, "2023-01-10", "2026-10-31", reason=EndReason.RETIRED),
    ]
    (due,) = management.audit_findings(left, POSTS, [], {7: "甲"}, date(2026, 11, 21), 6)
    assert due.due == date(2027, 5, 1) and "退休" in due.message_zh  # not the re-appointment
    audit = management.AuditFact(1, 7, 2, management.AuditKind.DEPARTURE, date(2026, 11, 2))
    assert management.audit_findings(left, POSTS, [audit], {7: "甲"}, date(2026, 11, 21), 6) == []
    deputy = [term(1, "2019-01-10", "2026-10-31", reason=EndReason.RETIRED)]
    assert management.audit_findings(deputy, POSTS, [], {7: "甲"}, date(2026, 11, 21), 6) == []


def test_grounds_and_kinds_parse() -> None:
    assert [g.number for g in Removal] == list("一二三四五六")
    assert Removal.parse("5") is Removal.parse("（五）") is Removal.WORK_NEEDS
    assert Removal.WORK_NEEDS.citation.article == "第三十条（五）"
    with pytest.raises(InvalidInput, match="第三十条"):
        Removal.parse("七")
    assert [k.end_reason for k in Resignation] == [
        EndReason.RESIGNED_OFFICIAL,
        EndReason.RESIGNED_VOLUNTARY,
        EndReason.RESIGNED_ACCOUNTABILITY,
        EndReason.RESIGNED_ORDERED,
    ]
    assert AssessmentKind.parse("届中考核") is AssessmentKind.MID_TERM
    with pytest.raises(InvalidInput, match="年度"):
        management.check_grade_year(AssessmentKind.ANNUAL, None)


# ------------------------------------------------------------------------- services


@pytest.fixture
def cadre(cctx: Context, university: str) -> int:
    """甲: 人事处副处长 since 2023-01-10."""
    pid = add_person(cctx, ORG, name="甲", gender="男", birth_date="1975-03-01", unit_code="rsc").id
    add_term(cctx, ORG, post_code="rsc-fcz", person_id=pid, start="2023-01-10", appointed_by="委任")
    return pid


def ended(ctx: Context, pid: int) -> Term:
    (view,) = [v for v in list_terms(ctx, ORG, person_id=pid) if v.post_code == "rsc-fcz"]
    return view.term


@pytest.mark.parametrize("ground", list(Removal))
def test_removal_on_each_ground(cctx: Context, cadre: int, ground: Removal) -> None:
    result = services.remove(
        cctx, ORG, cadre, post_code="rsc-fcz", on="2026-11-20", ground=ground.number
    )
    term = ended(cctx, cadre)
    assert term.end == date(2026, 11, 20) and term.end_reason is EndReason.REMOVED
    assert f"第三十条（{ground.number}）{ground.zh}" in term.note
    assert result.citation == ground.citation
    assert [e.action for e in audit_entries(cctx, "cadre.remove")] == ["cadre.remove"]


@pytest.mark.parametrize("kind", list(Resignation))
def test_each_kind_of_resignation(cctx: Context, cadre: int, kind: Resignation) -> None:
    services.resign(cctx, ORG, cadre, post_code="rsc-fcz", on="2026-11-20", kind=kind.zh)
    assert ended(cctx, cadre).end_reason is kind.end_reason


def test_removal_needs_the_post_held_and_a_ground(cctx: Context, cadre: int) -> None:
    with pytest.raises(InvalidInput, match="does not hold"):
        services.remove(cctx, ORG, cadre, post_code="rsc-cz", on="2026-11-20", ground="五")
    with pytest.raises(InvalidInput, match="第三十条"):
        services.remove(cctx, ORG, cadre, post_code="rsc-fcz", on="2026-11-20", ground="")
    assert ended(cctx, cadre).end is None and audit_entries(cctx, "cadre.remove") == []


def test_incompetent_rating_then_demotion(cctx: Context, cadre: int) -> None:
    services.add_assessment(
        cctx, ORG, cadre, kind="年度", year=2025, assessed_on="2026-01-15", grade="不称职"
    )
    # (and the 届中 assessment of the 2023–2027 届 is due since 2025-01-10)
    assert [f.rule_id for f in services.findings(cctx, ORG)] == [
        "cadre.assessment-mid_term",
        "cadre.demotion-due",
    ]
    assert any(f.rule_id == "cadre.demotion-due" for f in run_checks(cctx, ORG).findings)
    with pytest.raises(InvalidInput, match="not below"):
        services.demote(cctx, ORG, cadre, post_code="rsc-fcz", on="2026-11-20", to_post="yxy-fyz")
    result = services.demote(
        cctx, ORG, cadre, post_code="rsc-fcz", on="2026-11-20", to_post="szk-kz"
    )
    assert ended(cctx, cadre).end_reason is EndReason.DEMOTED
    assert result.started is not None and result.started.start == date(2026, 11, 21)
    assert services.findings(cctx, ORG) == []  # 师资科科长 is no 处级 post: no 届中 either


def test_records_are_validated_and_listed(cctx: Context, cadre: int) -> None:
    with pytest.raises(InvalidInput, match="year"):
        services.add_assessment(
            cctx, ORG, cadre, kind="年度", assessed_on="2026-01-15", grade="称职"
        )
    with pytest.raises(InvalidInput, match="grade"):
        services.add_assessment(
            cctx, ORG, cadre, kind="届中", assessed_on="2025-01-15", grade="良好"
        )
    services.add_assessment(
        cctx, ORG, cadre, kind="年度", year=2025, assessed_on="2026-01-15", grade="基本称职"
    )
    with pytest.raises(InvalidInput, match="already"):
        services.add_assessment(
            cctx, ORG, cadre, kind="年度", year=2025, assessed_on="2026-01-16", grade="称职"
        )
    (row,) = services.list_assessments(cctx, ORG, cadre)
    assert (row["kind"], row["year"], row["grade"], row["person"]) == (
        "年度",
        2025,
        "基本称职",
        "甲",
    )
    services.add_sanction(
        cctx, ORG, cadre, kind="诫勉", imposed_on="2026-04-15", until="2026-10-14"
    )
    with pytest.raises(InvalidInput, match="until"):
        services.add_sanction(
            cctx, ORG, cadre, kind="诫勉", imposed_on="2026-04-15", until="2026-04-14"
        )
    assert [s["affects_use"] for s in services.list_sanctions(cctx, ORG)] == [True]
    services.add_audit(
        cctx, ORG, cadre, kind="专项审计", started_on="2026-05-01", post_code="rsc-fcz"
    )
    with pytest.raises(InvalidInput, match="never held"):
        services.add_audit(
            cctx, ORG, cadre, kind="离任", started_on="2026-05-01", post_code="rsc-cz"
        )
    assert [(a["kind"], a["post_code"]) for a in services.list_audits(cctx, ORG)] == [
        ("专项", "rsc-fcz")
    ]
    actions = [e.action for e in audit_entries(cctx) if e.action.startswith("cadre.")]
    assert actions == ["cadre.assessment.add", "cadre.sanction.add", "cadre.audit.add"]


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def zhidu(
    cctx: Context,
    cadre: int,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Callable[..., tuple[int, Any, str]]]:
    migrate(cctx.database, PluginHost.discover().migrations())
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


def test_cli_records_and_ends_terms(zhidu: Callable[..., tuple[int, Any, str]], cadre: int) -> None:
    pid = str(cadre)
    code, data, err = zhidu(
        "assessment",
        "add",
        pid,
        "--org",
        ORG,
        "--kind",
        "年度",
        "--year",
        "2025",
        "--on",
        "2026-01-15",
        "--grade",
        "不称职",
    )
    assert code == 0, err
    assert data["grade"] == "不称职"
    code, data, _ = zhidu("assessment", "list", "--org", ORG, "--person", pid)
    assert code == 0 and [a["kind"] for a in data] == ["年度"]
    code, data, _ = zhidu("due", "--org", ORG)
    assert code == 0 and [f["rule_id"] for f in data][-1] == "cadre.demotion-due"
    assert data[-1]["citation"]["article"] == "第三十二条"
    code, data, _ = zhidu(
        "sanction",
        "add",
        pid,
        "--org",
        ORG,
        "--kind",
        "诫勉",
        "--on",
        "2026-04-15",
        "--no-affects-use",
    )
    assert code == 0 and data["affects_use"] is False
    code, data, _ = zhidu("sanction", "list", "--org", ORG)
    assert code == 0 and len(data) == 1
    code, data, _ = zhidu(
        "audit",
        "add",
        pid,
        "--org",
        ORG,
        "--kind",
        "届中",
        "--started",
        "2025-03-01",
        "--finished",
        "2025-04-01",
    )
    assert code == 0 and data["kind"] == "届中"
    code, data, _ = zhidu("audit", "list", "--org", ORG)
    assert code == 0 and len(data) == 1
    code, data, _ = zhidu(
        "demote", pid, "--org", ORG, "--post", "rsc-fcz", "--on", "2026-11-20", "--to", "szk-kz"
    )
    assert code == 0 and data["term"]["end_reason"] == "降职" and data["started_post"] == "szk-kz"
    code, data, _ = zhidu(
        "resign", pid, "--org", ORG, "--post", "szk-kz", "--on", "2026-11-21", "--kind", "引咎辞职"
    )
    assert code == 0 and data["term"]["end_reason"] == "引咎辞职"
    code, _, err = zhidu(
        "remove", pid, "--org", ORG, "--post", "szk-kz", "--on", "2026-11-21", "--ground", "五"
    )
    assert code == 2 and "does not hold" in err and len(err.strip().splitlines()) == 1
    code, _, err = zhidu(
        "assessment",
        "add",
        pid,
        "--org",
        ORG,
        "--kind",
        "季度",
        "--on",
        "2026-01-15",
        "--grade",
        "称职",
    )
    assert code == 2 and "第二十七条" in err and len(err.strip().splitlines()) == 1
