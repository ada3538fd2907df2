"""The services on the real database: applications, ratings, consent, fraud, the
screening (in three statements whatever the size), the import (all or nothing, one audit
entry) and the check."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from core.errors import Conflict, InvalidInput, NotFound
from core.services.checks import run_checks
from core.services.context import Context
from core.services.orgs import create_org
from core.services.parameters import override_parameter
from core.services.people import add_person
from plugins.titles import services, store
from tests.conftest import audit_entries
from tests.plugins.titles.conftest import ORG, Maker


def apply(ctx: Context, pid: int, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"year": 2026, "level": "副高级", "series": "工程",
                              "current_series": "工程", "on": "2026-09-15"} | changes  # fmt: skip
    return services.apply(ctx, ORG, pid, **values)


def rate_all(ctx: Context, pid: int, grades: dict[int, str] | None = None) -> None:
    for year in range(2021, 2026):
        services.rate(ctx, ORG, pid, year=year, grade=(grades or {}).get(year, "合格"))


def verdicts(ctx: Context, year: int = 2026) -> dict[str, str]:
    return {s.applicant.name: s.verdict for s in services.screen(ctx, ORG, year).screenings}


def test_an_application_is_recorded_audited_and_screened(tctx: Context, person: Maker) -> None:
    pid = person("梁晨")
    data = apply(tctx, pid)
    assert data["level"] == "副高级" and data["applied_on"] == date(2026, 9, 15)
    (entry,) = audit_entries(tctx, "titles.apply")
    assert entry.plugin == "titles" and entry.after["person_id"] == pid
    rate_all(tctx, pid, {2023: "基本合格"})
    (s,) = services.screen(tctx, ORG, 2026).screenings
    years = next(c for c in s.conditions if c.key == "years")
    assert s.verdict == "eligible" and dict(years.dates)["reached"] == date(2026, 12, 20)
    assert "2023年度基本合格扣除1年" in years.message_zh


def test_the_person_facts_are_read_from_the_core_person(tctx: Context, person: Maker) -> None:
    from core.services.people import update_person

    pid = person("甲", title_date="2022-12-20")
    apply(tctx, pid)
    rate_all(tctx, pid)
    assert verdicts(tctx) == {"甲": "ineligible"}
    update_person(tctx, ORG, pid, title_date="2020-12-20")  # a corrected record
    assert verdicts(tctx) == {"甲": "eligible"}


def test_a_second_application_the_same_year_is_refused(tctx: Context, person: Maker) -> None:
    pid = person("甲")
    apply(tctx, pid)
    with pytest.raises(Conflict, match="同一年度只能申报一个系列") as refused:
        apply(tctx, pid, series="经济", kind="转评", level="中级")
    assert "第十四条" in refused.value.line() and "\n" not in refused.value.line()
    with pytest.raises(Conflict):
        apply(tctx, pid)  # the same series twice, too
    apply(tctx, pid, year=2027)  # another year is fine
    assert len(audit_entries(tctx, "titles.apply")) == 2


def test_bad_input_is_one_line_and_writes_nothing(tctx: Context, person: Maker) -> None:
    pid = person("甲")
    for changes, field in (
        ({"level": "特级"}, "level"), ({"year": "明年"}, "year"), ({"on": "2026-13-01"}, "on"),
        ({"kind": "直评"}, "kind"), ({"ce_hours": "-3"}, "ce_hours"), ({"series": " "}, "series"),
    ):  # fmt: skip
        with pytest.raises(InvalidInput) as error:
            apply(tctx, pid, **changes)
        assert error.value.field == field
    with pytest.raises(NotFound):
        apply(tctx, 99_999)
    assert store.TitlesApplication.select().count() == 0
    assert audit_entries(tctx, "titles.apply") == []


def test_a_rating_is_corrected_with_the_one_before(tctx: Context, person: Maker) -> None:
    pid = person("甲")
    services.rate(tctx, ORG, pid, year=2025, grade="合格")
    with pytest.raises(Conflict):
        services.rate(tctx, ORG, pid, year=2025, grade="合格")
    services.rate(tctx, ORG, pid, year=2025, grade="不合格")
    entries = audit_entries(tctx, "titles.rating")
    assert [e.after["grade"] for e in entries] == ["合格", "不合格"]
    assert entries[-1].before == {"id": entries[0].after["id"], "grade": "合格"}
    apply(tctx, pid)
    (s,) = services.screen(tctx, ORG, 2026).screenings
    assert s.verdict == "ineligible" and "not_failed" in {c.key for c in s.missed}


def test_consent_to_an_exception(tctx: Context, person: Maker) -> None:
    pid, other = person("秦川", education="大学专科", title_date="2024-12-20"), person("乙")
    apply(tctx, pid, exceptional=True)
    apply(tctx, other)
    rate_all(tctx, pid)
    assert verdicts(tctx)["秦川"] == "ineligible"
    with pytest.raises(InvalidInput, match="before the application"):
        services.consent(tctx, ORG, pid, year=2026, on="2026-09-14", by="阜阳市人社局")
    with pytest.raises(InvalidInput, match="not 破格"):
        services.consent(tctx, ORG, other, year=2026, on="2026-10-08", by="阜阳市人社局")
    services.consent(tctx, ORG, pid, year=2026, on="2026-10-08", by="阜阳市人社局")
    with pytest.raises(Conflict):
        services.consent(tctx, ORG, pid, year=2026, on="2026-10-09", by="阜阳市人社局")
    assert verdicts(tctx)["秦川"] == "eligible"  # years and the 大专 waived (第三十九条)
    (entry,) = audit_entries(tctx, "titles.consent")
    assert entry.after["consent_by"] == "阜阳市人社局"


def test_fraud_bars_for_five_years_and_civil_servants_are_barred(
    tctx: Context, person: Maker
) -> None:
    cheat = person("石磊")
    servant = person("许文静", extra={"civil_servant": True})
    retired = person("单国庆", extra={"retired": "2024-10-31"})
    services.record_fraud(tctx, ORG, cheat, revoked_on="2023-10-20", note="论文造假")
    with pytest.raises(InvalidInput):
        services.record_fraud(tctx, ORG, cheat, revoked_on="2027-01-01")
    for pid in (cheat, servant, retired):
        apply(tctx, pid)
        rate_all(tctx, pid)
    report = services.screen(tctx, ORG, 2026)
    missed = {s.applicant.name: [c.key for c in s.missed] for s in report.screenings}
    assert missed == {"石磊": ["fraud_ban"], "许文静": ["not_barred"], "单国庆": ["not_barred"]}
    assert report.counts == {"eligible": 0, "ineligible": 3, "undetermined": 0}


def test_a_parameter_override_changes_the_screening(tctx: Context, person: Maker) -> None:
    pid = person("甲", title_date="2021-12-20")  # 5 years on 2026-12-20
    apply(tctx, pid)
    rate_all(tctx, pid)
    assert verdicts(tctx) == {"甲": "eligible"}
    override_parameter(tctx, ORG, "titles.years_deputy_senior", "6", "2026-01-01", "评审条件")
    assert verdicts(tctx) == {"甲": "ineligible"}
    override_parameter(tctx, ORG, "titles.cutoff", "12-19", "2027-01-01", "申报通知")
    assert verdicts(tctx) == {"甲": "ineligible"}  # 2027's cut-off does not move 2026's


def test_organizations_are_isolated(tctx: Context, person: Maker) -> None:
    pid = person("甲")
    apply(tctx, pid)
    create_org(tctx, "other", "另一局", "hr_office")
    theirs = add_person(tctx, "other", name="外人", gender="女", birth_date="1980-01-01").id
    with pytest.raises(NotFound):
        apply(tctx, theirs)  # a person of another organization
    assert services.screen(tctx, "other", 2026).screenings == ()
    assert [s.applicant.name for s in services.screen(tctx, ORG, 2026).screenings] == ["甲"]


# --- a fixed number of statements ---------------------------------------------------


@contextmanager
def counting(database: pw.Database) -> Iterator[list[str]]:
    """Every statement sent to the database inside the block."""
    statements: list[str] = []
    if isinstance(database, pw.SqliteDatabase):
        connection = database.connection()
        connection.set_trace_callback(statements.append)
        try:
            yield statements
        finally:
            connection.set_trace_callback(None)
        return
    original = database.execute_sql

    def execute_sql(sql: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(sql)
        return original(sql, *args, **kwargs)

    database.execute_sql = execute_sql  # type: ignore[method-assign]
    try:
        yield statements
    finally:
        del database.execute_sql


def test_the_screening_reads_in_three_statements_whatever_the_size(
    tctx: Context, person: Maker
) -> None:
    def run() -> tuple[int, list[str]]:
        with counting(tctx.database) as statements:
            report = services.screen(tctx, ORG, 2026)
        return len(report.screenings), statements

    first = person("甲0")
    apply(tctx, first)
    rate_all(tctx, first)
    services.record_fraud(tctx, ORG, first, revoked_on="2019-01-01")
    size, small = run()
    for i in range(1, 13):
        pid = person(f"甲{i}")
        apply(tctx, pid)
        rate_all(tctx, pid)
    more, large = run()
    assert (size, more) == (1, 13)
    ours = [s for s in large if "titles_" in s]
    assert len(ours) == 3, ours
    assert len(large) == len(small), (small, large)


# --- the import ---------------------------------------------------------------------


HEADER = "人员,年度,系列,申报级别,申报类型,现职称系列,学历专业相符,继续教育学时,破格,年度考核\n"


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "applications.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), "utf-8")
    return path


def test_an_import_writes_everything_with_one_audit_entry(
    tctx: Context, person: Maker, tmp_path: Path
) -> None:
    a, b = person("甲", id_number="340104198605140010"), person("乙")
    path = write(
        tmp_path,
        "340104198605140010,2026,工程,副高级,,工程,是,,否,2021合格、2022优秀、2023基本合格",
        f"{b},2026,经济,中级,转评,工程,否,200,,2025:合格",
    )
    result = services.import_csv(tctx, ORG, path)
    assert result.applied and result.rows == 2 and len(result.applications) == 2
    assert result.ratings == 4
    (entry,) = audit_entries(tctx, "titles.import")
    assert entry.after["applications"] == [[result.applications[0], a], [result.applications[1], b]]
    assert audit_entries(tctx, "titles.apply") == []
    rows = {r.person: r for r in store.TitlesApplication.select()}
    assert rows[b].kind == "转评" and rows[b].subject_matches is False and rows[b].ce_hours == 200
    assert rows[a].applied_on == date(2026, 11, 21)  # today, when the file gives none
    graded = {(r.person, r.year): r.grade for r in store.TitlesRating.select()}
    assert graded[(a, 2023)] == "基本合格" and graded[(b, 2025)] == "合格"
    assert {s.applicant.name for s in services.screen(tctx, ORG, 2026).screenings} == {"甲", "乙"}


def test_a_bad_row_refuses_the_whole_file_one_line_a_row(
    tctx: Context, person: Maker, tmp_path: Path
) -> None:
    a, b = person("甲"), person("乙")
    apply(tctx, b)  # 乙 already applied this year
    services.rate(tctx, ORG, a, year=2021, grade="合格")
    path = write(
        tmp_path,
        f"{a},2026,工程,副高级,,工程,是,,否,2021基本合格",  # disagrees with the stored rating
        f"{b},2026,经济,中级,转评,工程,是,,,",  # 第十四条 against the stored one
        f"{a},2026,经济,中级,转评,工程,是,,,",  # 第十四条 against row 2
        "99999,2026,工程,特级,,,,abc,,",  # no such person, level, hours
        f"{a + b + 1000},2026,工程,中级,,,,,,",  # no such person
    )
    before = store.TitlesApplication.select().count(), store.TitlesRating.select().count()
    result = services.import_csv(tctx, ORG, path)
    assert not result.applied and result.applications == ()
    assert [p.split(":")[0] for p in result.problems] == [
        "row 2", "row 3", "row 4", "row 5", "row 6"
    ]  # fmt: skip
    assert "年度考核已记为合格" in result.problems[0]
    assert "第十四条" in result.problems[1] and "stored" in result.problems[1]
    assert "row 2" in result.problems[2]
    assert "level" in result.problems[3] and "ce_hours" in result.problems[3]
    assert all("\n" not in p for p in result.problems)
    after = store.TitlesApplication.select().count(), store.TitlesRating.select().count()
    assert after == before and audit_entries(tctx, "titles.import") == []


def test_a_file_without_the_columns_is_refused(
    tctx: Context, person: Maker, tmp_path: Path
) -> None:
    person("甲")
    path = tmp_path / "x.csv"
    path.write_text("人员,年度\n1,2026\n", "utf-8")
    with pytest.raises(InvalidInput, match="系列、申报级别"):
        services.import_csv(tctx, ORG, path)
    path.write_text("人员,年度,系列,申报级别,工资\n", "utf-8")
    with pytest.raises(InvalidInput, match="工资"):
        services.import_csv(tctx, ORG, path)
    with pytest.raises(InvalidInput, match="cannot be read"):
        services.import_csv(tctx, ORG, tmp_path / "missing.csv")


# --- the check ----------------------------------------------------------------------


def test_the_check_lists_this_years_ineligible_and_undetermined(
    tctx: Context, person: Maker
) -> None:
    good, bad, unsure = person("好"), person("差", title_date="2023-12-20"), person("疑")
    for pid in (good, bad, unsure):
        apply(tctx, pid)
    rate_all(tctx, good)
    rate_all(tctx, bad)
    apply(tctx, person("旧"), year=2025)  # last year's: not checked
    report = run_checks(tctx, ORG)
    found = {(f.subject, f.rule_id, f.severity.value) for f in report.findings}
    assert ("差", "titles.years", "violation") in found
    assert ("疑", "titles.not_failed", "warning") in found
    assert not {s for s, _, _ in found} & {"好", "旧"}
    finding = next(f for f in report.findings if f.subject == "差")
    assert finding.citation.article == "第十一条" and finding.plugin == "titles"
