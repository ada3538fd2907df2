"""The attendance services on a real database (SQLite, or PostgreSQL with
ZHIDU_TEST_POSTGRES): signing and importing (one audit entry, all or nothing), the
monthly report counted by the database at the boundaries, the check, and isolation."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.api import Conflict, InvalidInput, NotFound, WorkCalendar
from core.services.checks import run_checks
from core.services.context import Context
from core.services.parameters import override_parameter
from plugins.attendance import rules, services, store
from tests.conftest import audit_entries
from tests.plugins.attendance.conftest import Town, make_town

IN, OUT = rules.Kind.SIGN_IN, rules.Kind.SIGN_OUT
H, M = 3600, 60
ON_TIME, LEAVE = 8 * H + 10 * M, 17 * H + 40 * M
LATE, EARLY = 8 * H + 45 * M, 17 * H + 5 * M


def workdays(first: str, last: str) -> list[date]:
    calendar = WorkCalendar()
    day, end, found = date.fromisoformat(first), date.fromisoformat(last), []
    while day <= end:
        if calendar.is_workday(day):
            found.append(day)
        day += timedelta(days=1)
    return found


def sheet(
    person: int,
    days: Iterable[date],
    late: Iterable[str] = (),
    early: Iterable[str] = (),
    absent: Iterable[str] = (),
) -> list[services.Event]:
    """Every day on time, but the ``late`` and ``early`` ones; nothing on ``absent`` ones."""
    late_days = {date.fromisoformat(d) for d in late}
    early_days = {date.fromisoformat(d) for d in early}
    gone = {date.fromisoformat(d) for d in absent}
    events: list[services.Event] = []
    for day in days:
        if day in gone:
            continue
        events.append((person, day, LATE if day in late_days else ON_TIME, IN))
        events.append((person, day, EARLY if day in early_days else LEAVE, OUT))
    return events


def line(report: services.Report, person: int) -> rules.PersonMonth:
    (found,) = [x.month for x in report.lines if x.month.person_id == person]
    return found


def rule_ids(report: services.Report, person: int) -> list[str]:
    return [f.rule_id for f in report.findings if f.subject_key == f"person:{person}"]


# --------------------------------------------------------------------------- signing


def test_sign_in_and_out_each_audited(actx: Context, town: Town) -> None:
    one = town.ids["张一"]
    made = services.sign(actx, town.org, one, "2026-03-02 08:41")
    out = services.sign(actx, town.org, one, "2026/3/2 17:05:30", out=True)
    assert (made["kind"], made["time"], out["kind"], out["time"]) == (
        "签到",
        "08:41",
        "签退",
        "17:05:30",
    )
    entries = audit_entries(actx, "attendance.sign")
    assert [e.after["time"] for e in entries] == ["08:41", "17:05:30"]
    assert all(e.plugin == "attendance" for e in entries)
    assert store.sheet(actx_org(actx, town), one, date(2026, 3, 1), date(2026, 3, 31)) == [
        (date(2026, 3, 2), 8 * H + 41 * M, IN),
        (date(2026, 3, 2), 17 * H + 5 * M + 30, OUT),
    ]


def actx_org(ctx: Context, town: Town) -> int:
    from core.services.orgs import get_org

    return get_org(ctx, town.org).id


def test_the_same_event_twice_is_refused_and_nothing_is_signed_ahead(
    actx: Context, town: Town
) -> None:
    one = town.ids["张一"]
    services.sign(actx, town.org, one, "2026-03-02 08:41")
    with pytest.raises(Conflict, match="重复记录"):
        services.sign(actx, town.org, one, "2026-03-02 08:41:00")
    services.sign(actx, town.org, one, "2026-03-02 08:41", out=True)  # another kind: fine
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        services.sign(actx, town.org, one, "2026-11-22 08:00")
    for bad in ("2026-03-02", "2026-02-30 08:00", "2026-03-02 24:00", "08:41"):
        with pytest.raises(InvalidInput, match=r"^at = "):
            services.sign(actx, town.org, one, bad)
    assert len(audit_entries(actx, "attendance.sign")) == 2


def test_only_where_the_plugin_is_enabled_and_only_its_own_people(
    actx: Context, town: Town
) -> None:
    other = make_town(actx, "cun", ("外人",))
    with pytest.raises(NotFound, match="no such person in zhen"):
        services.sign(actx, town.org, other.ids["外人"], "2026-03-02 08:00")
    from core.services.orgs import create_org

    create_org(actx, "bare", "未启用", "government")
    with pytest.raises(Conflict, match="未启用考勤插件"):
        services.report(actx, "bare", "2026-03")


# --------------------------------------------------------------------------- importing


def write(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_an_import_is_one_transaction_and_one_audit_entry(
    actx: Context, town: Town, tmp_path: Path
) -> None:
    csv = write(
        tmp_path,
        "身份证号,姓名,时间,类型\n"
        "110105198501010012,张一,2026-03-02 08:20,签到\n"
        "110105198501010012,,2026-03-02 17:35,签退\n"
        ",张二,2026-03-02 08:50:10,签到\n"
        "\n"
        ",王五,2026/3/3 8:29,签到\n",
    )
    result = services.import_file(actx, town.org, csv)
    assert result.applied and (result.rows, result.added, result.unchanged) == (4, 4, 0)
    assert (result.first, result.last, result.people) == (date(2026, 3, 2), date(2026, 3, 3), 3)
    (entry,) = audit_entries(actx, "attendance.import")
    assert entry.after["sha256"] == result.sha256 and entry.after["added"] == 4
    assert entry.after["first"] == "2026-03-02"
    again = services.import_file(actx, town.org, csv)
    assert (again.added, again.unchanged) == (0, 4)  # importing again changes nothing


def test_a_bad_row_writes_nothing_and_each_is_one_line(
    actx: Context, town: Town, tmp_path: Path
) -> None:
    csv = write(
        tmp_path,
        "人员编号,日期,时间,类型\n"
        f"{town.ids['张一']},2026-03-02,08:20,签到\n"
        f"{town.ids['张一']},2026-03-02,08:20,签到\n"
        "99999,2026-03-02,08:20,签到\n"
        f"{town.ids['张二']},2026-03-32,08:20,签到\n"
        f"{town.ids['张二']},2026-03-03,08:20,代签\n"
        f"{town.ids['张二']},2026-12-01,08:20,签到\n",
    )
    result = services.import_file(actx, town.org, csv)
    assert not result.applied and result.added == 0
    lines = [p.line() for p in result.problems]
    assert [p.row for p in result.problems] == [3, 4, 5, 6, 7]
    assert "与第2行重复" in lines[0]
    assert lines[1].startswith("row 4: 人员编号 = '99999'") and "人员不存在" in lines[1]
    assert "日期不存在" in lines[2] and "签到 或 签退" in lines[3] and "不能晚于今天" in lines[4]
    assert all("\n" not in x for x in lines)
    assert store.existing(actx_org(actx, town), date(2026, 3, 1), date(2026, 3, 31)) == set()
    assert audit_entries(actx, "attendance.import") == []


def test_people_by_name_must_be_unambiguous_and_agree(
    actx: Context, town: Town, tmp_path: Path
) -> None:
    from core.services.people import add_person

    add_person(actx, town.org, name="张二", gender="女", birth_date="1990-01-01")
    csv = write(
        tmp_path,
        "身份证号,姓名,时间,类型\n,张二,2026-03-02 08:00,签到\n"
        "110105198501010012,张三,2026-03-02 08:00,签到\n,,2026-03-02 08:00,签到\n",
    )
    lines = [p.line() for p in services.import_file(actx, town.org, csv).problems]
    assert "重名" in lines[0] and "姓名不符" in lines[1] and "人员不能为空" in lines[2]


def test_a_gbk_file_and_files_that_are_not_sheets(
    actx: Context, town: Town, tmp_path: Path
) -> None:
    gbk = write(tmp_path, "姓名,时间,类型\n张三,2026-03-02 08:00,签到\n", "gbk.csv", "gb18030")
    assert services.import_file(actx, town.org, gbk, check_only=True).problems == ()
    assert audit_entries(actx, "attendance.import") == []  # a check writes nothing
    with pytest.raises(InvalidInput, match="缺少类型列"):
        services.import_file(actx, town.org, write(tmp_path, "姓名,时间\n张三,2026-03-02 08:00\n"))
    with pytest.raises(InvalidInput, match="没有数据行"):
        services.import_file(actx, town.org, write(tmp_path, "姓名,时间,类型\n"))
    with pytest.raises(InvalidInput, match="cannot be read"):
        services.import_file(actx, town.org, tmp_path / "missing.csv")


# --------------------------------------------------------------------------- the report


def test_two_vs_three_a_week_and_ten_vs_eleven_a_month(actx: Context, town: Town) -> None:
    one, two, three = town.ids["张一"], town.ids["张二"], town.ids["张三"]
    march = workdays("2026-03-01", "2026-03-31")
    events = sheet(one, march, late=("2026-03-02", "2026-03-03"), early=("2026-03-10",))
    events += sheet(two, march, late=("2026-03-09", "2026-03-10"), early=("2026-03-09",))
    # 张三: exactly 2 in each of the four weeks (8), and 2 more in the week of 03-30
    # (judged in April) — 10 in March: no finding; one more in March — 11: a finding
    late = ("2026-03-02", "2026-03-03", "2026-03-09", "2026-03-10", "2026-03-16", "2026-03-17",
            "2026-03-23", "2026-03-24", "2026-03-30", "2026-03-31")  # fmt: skip
    events += sheet(three, march, late=late, absent=("2026-03-25",))
    services.record_events(actx, town.org, events, "test")
    report = services.report(actx, town.org, "2026-03")
    assert rule_ids(report, one) == [] and line(report, one).count == 3
    assert rule_ids(report, two) == ["attendance.weekly"]
    (week,) = [w for w in line(report, two).weeks if w.count > 2]
    assert (week.monday, week.late, week.early) == (date(2026, 3, 9), 2, 1)
    assert line(report, three).count == 10 and rule_ids(report, three) == ["attendance.unsigned"]
    services.sign(actx, town.org, three, "2026-03-25 08:50")  # the 11th, its week's 3rd
    services.sign(actx, town.org, three, "2026-03-25 17:30", out=True)
    report = services.report(actx, town.org, "2026-03")
    assert rule_ids(report, three) == ["attendance.weekly", "attendance.monthly"]
    assert report.as_dict()["people"][2]["weeks_over"][0]["monday"] == "2026-03-23"


def test_a_week_over_two_months_is_judged_in_the_month_of_its_thursday(
    actx: Context, town: Town
) -> None:
    one = town.ids["张一"]
    days = workdays("2026-03-01", "2026-04-10")
    services.record_events(
        actx, town.org, sheet(one, days, late=("2026-03-30", "2026-03-31", "2026-04-01")), "t"
    )
    march = services.report(actx, town.org, "2026-03")
    assert line(march, one).late == 2 and rule_ids(march, one) == []
    april = services.report(actx, town.org, "2026-04")
    assert line(april, one).late == 1  # April's own days
    assert rule_ids(april, one) == ["attendance.weekly", "attendance.unsigned"]
    (week,) = line(april, one).weeks
    assert (week.monday, week.late) == (date(2026, 3, 30), 3)


def test_golden_week_the_adjusted_saturday_and_holiday_duty(actx: Context, town: Town) -> None:
    one, two = town.ids["张一"], town.ids["张二"]
    days = workdays("2026-09-28", "2026-10-31")
    events = sheet(one, days) + sheet(two, days, absent=("2026-10-10",))
    events.append((two, date(2026, 10, 3), 10 * H, IN))  # 值班 on a holiday, late by the clock
    services.record_events(actx, town.org, events, "t")
    report = services.report(actx, town.org, "2026-10")
    assert report.working_days == 18
    assert (line(report, one).working_days, line(report, one).unsigned_days) == (18, 0)
    assert (line(report, two).signed_days, line(report, two).unsigned_days) == (17, 1)
    assert line(report, two).late == 0  # the holiday does not count
    assert report.weeks[0] == date(2026, 9, 28)


def test_the_spring_festival_month(actx: Context, town: Town) -> None:
    one = town.ids["张一"]
    services.record_events(
        actx, town.org, sheet(one, workdays("2026-02-01", "2026-02-28"), late=("2026-02-14",)), "t"
    )
    report = services.report(actx, town.org, "2026-02")
    assert report.working_days == 16 and line(report, one).signed_days == 16
    assert line(report, one).late == 1  # on the 调休 Saturday


def test_people_are_counted_from_their_terms(actx: Context, town: Town) -> None:
    report = services.report(actx, town.org, "2026-03")
    four = line(report, town.ids["张四"])  # term ended 2026-03-15 (a Sunday)
    assert (four.last, four.working_days, four.unsigned_days) == (date(2026, 3, 15), 10, 10)
    assert town.ids["王五"] not in {x.month.person_id for x in report.lines}  # no post
    assert not report.recorded
    services.sign(actx, town.org, town.ids["王五"], "2026-03-05 08:00")
    five = line(services.report(actx, town.org, "2026-03"), town.ids["王五"])
    assert (five.working_days, five.signed_days, five.unsigned_days) == (22, 1, 21)


def test_a_unit_and_the_units_below_it(actx: Context, town: Town) -> None:
    services.sign(actx, town.org, town.ids["王五"], "2026-03-05 08:00")
    only = services.report(actx, town.org, "2026-03", "czs")
    assert [x.month.name for x in only.lines] == ["王五"]
    everyone = services.report(actx, town.org, "2026-03", "jg")
    assert len(everyone.lines) == 5
    with pytest.raises(InvalidInput, match="机构不存在"):
        services.report(actx, town.org, "2026-03", "nope")
    with pytest.raises(InvalidInput, match="月份格式"):
        services.report(actx, town.org, "2026-13")


def test_an_organizations_own_hours_and_limits(actx: Context, town: Town) -> None:
    one = town.ids["张一"]
    services.record_events(
        actx, town.org, sheet(one, workdays("2026-03-01", "2026-03-31"), late=("2026-03-02",)), "t"
    )
    override_parameter(actx, town.org, "attendance.work_start_minute", 540, "2026-03-01", "夏令")
    override_parameter(actx, town.org, "attendance.weekly_limit", 0, "2026-04-01", "从严")
    march = services.report(actx, town.org, "2026-03")
    assert line(march, one).late == 0 and march.hours.as_dict()["start"] == "09:00"
    assert march.limits.weekly == 2  # the new limit applies from April


def test_a_year_without_calendar_data_says_so(actx: Context, town: Town) -> None:
    report = services.report(actx, town.org, "2027-03")
    assert report.calendar_warning is not None and "2027年" in report.calendar_warning[0]
    assert report.working_days == 23


def test_the_database_counts_what_the_rules_say(actx: Context, town: Town) -> None:
    """Random sheets, several sign-ins a day: the report's counts equal a recount of the
    raw events with the pure rules (first 签到 and last 签退 of each working day)."""
    rng = random.Random(7)
    people = [town.ids[n] for n in ("张一", "张二", "张三")]
    days = workdays("2026-03-01", "2026-04-05")
    events: set[services.Event] = set()
    for person in people:
        for day in days:
            for _ in range(rng.randint(0, 3)):
                events.add((person, day, rng.randint(7 * H, 10 * H), IN))
            for _ in range(rng.randint(0, 2)):
                events.add((person, day, rng.randint(16 * H, 19 * H), OUT))
    services.record_events(actx, town.org, sorted(events), "t")
    report = services.report(actx, town.org, "2026-03")
    hours = rules.OfficeHours.from_minutes(510, 1050, 30)
    for person in people:
        late = early = signed = 0
        for day in (d for d in days if d.month == 3):
            ins = [e[2] for e in events if e[0] == person and e[1] == day and e[3] is IN]
            outs = [e[2] for e in events if e[0] == person and e[1] == day and e[3] is OUT]
            signed += bool(ins)
            late += bool(ins) and rules.is_late(min(ins), hours)
            early += bool(outs) and rules.is_early(max(outs), hours)
        got = line(report, person)
        assert (got.signed_days, got.late, got.early) == (signed, late, early)


def test_the_check_looks_at_the_last_complete_month(actx: Context, town: Town) -> None:
    report = run_checks(actx, town.org, date(2026, 4, 10))
    assert report.failures == ()
    (note,) = [f for f in report.findings if f.plugin == "attendance"]
    assert note.rule_id == "attendance.no-records" and "2026-03" in note.message_zh
    services.record_events(
        actx, town.org,
        sheet(town.ids["张一"], workdays("2026-03-01", "2026-03-31"),
              late=("2026-03-02", "2026-03-03", "2026-03-04")),
        "t",
    )  # fmt: skip
    found = run_checks(actx, town.org, date(2026, 4, 10)).findings
    mine = sorted((f.subject, f.rule_id) for f in found if f.plugin == "attendance")
    assert ("张一", "attendance.weekly") in mine
    assert ("张二", "attendance.unsigned") in mine  # holds a post, never signed
    assert all(f.org == town.org for f in found)


def test_one_organizations_sign_ins_stay_its_own(actx: Context, town: Town) -> None:
    other = make_town(actx, "cun", ("外人",))
    services.sign(actx, other.org, other.ids["外人"], "2026-03-02 09:30")
    services.sign(actx, town.org, town.ids["张一"], "2026-03-02 08:00")
    mine = services.report(actx, town.org, "2026-03")
    assert {x.month.name for x in mine.lines} == {"张一", "张二", "张三", "张四"}
    assert line(mine, town.ids["张一"]).signed_days == 1
    theirs = services.report(actx, other.org, "2026-03")
    assert line(theirs, other.ids["外人"]).late == 1
    assert line(theirs, other.ids["张一"]).signed_days == 0
