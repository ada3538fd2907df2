"""The benchmark data generators: deterministic, valid for the core's own checks, and
importable as written — people, units and terms through the real import service."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from bench.generate import (
    MARKS,
    TODAY,
    applicants,
    ballots,
    eligible,
    main,
    org_tree,
    people,
    sign_ins,
    terms,
    write_csv,
    write_people_csv,
)
from core import imports, models, validate
from core.domain import Degree, Education, Gender, PoliticalStatus, TitleLevel
from core.imports.kinds import PEOPLE_COLUMNS, TERM_COLUMNS, UNIT_COLUMNS
from core.resident_id import check_digit, parse_resident_id
from core.rules.workdays import official_workday
from core.services.context import Context
from core.services.posts import add_post
from tests.conftest import make_org

PEOPLE_FIELDS = [c.field for c in PEOPLE_COLUMNS]
DEGREES = {  # what each education may come with
    Education.DOCTORAL.value: {Degree.DOCTOR.value, Degree.MASTER.value},
    Education.MASTERS.value: {Degree.MASTER.value, Degree.BACHELOR.value, Degree.NONE.value},
    Education.BACHELOR.value: {Degree.BACHELOR.value, Degree.MASTER.value, Degree.NONE.value},
}


def age_on(born: object, day: date) -> int:
    assert isinstance(born, date)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def as_date(value: object) -> date:
    assert isinstance(value, date)
    return value


@pytest.fixture(scope="module")
def crowd() -> list[dict[str, object]]:
    """20,000 people (about 0.1 s to make)."""
    return list(people(20_000, seed=11, units=["a", "b", "c"]))


# --- people ---------------------------------------------------------------------------


def test_people_are_the_same_for_a_seed_and_differ_between_seeds() -> None:
    first = list(people(500, seed=3))
    assert first == list(people(500, seed=3))
    other = list(people(500, seed=4))
    assert sum(a["id_number"] == b["id_number"] for a, b in zip(first, other, strict=True)) < 5
    assert list(people(10, seed=3)) == first[:10]  # a prefix, streamed
    # units are drawn on their own: the same people, now placed in units
    placed = list(people(500, seed=3, units=["x", "y"]))
    assert [{**p, "unit": None} for p in placed] == first
    assert {p["unit"] for p in placed} == {"x", "y", None}


def test_people_rows_are_keyed_by_the_importers_fields(crowd: list[dict[str, object]]) -> None:
    assert all(list(p) == PEOPLE_FIELDS for p in crowd)


def test_every_id_number_is_valid_agrees_with_the_row_and_is_unique(
    crowd: list[dict[str, object]],
) -> None:
    for person in crowd:
        rid = parse_resident_id(str(person["id_number"]))
        assert rid.number == person["id_number"]
        assert rid.birth_date == person["birth_date"]
        assert rid.gender == person["gender"]
        assert check_digit(rid.number[:17]) == rid.number[17]
    assert len({p["id_number"] for p in crowd}) == len(crowd)
    # the check characters come out in all their kinds, X included
    assert {str(p["id_number"])[17] for p in crowd} == set("0123456789X")


def test_id_numbers_stay_unique_when_many_share_a_birthday(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # everyone born on one day: the sequence codes of a region run out (at most 500 a
    # gender) and the numbers move on to the next region rather than repeat
    from bench import generate

    one_day = generate._birth_days()[5000:5001]
    monkeypatch.setattr(generate, "_birth_days", lambda: one_day)
    many = list(people(12_000, seed=5))
    assert {p["birth_date"] for p in many} == {one_day[0][0]}
    assert len({p["id_number"] for p in many}) == len(many)
    for person in many[-200:]:
        rid = parse_resident_id(str(person["id_number"]))
        assert (rid.birth_date, rid.gender) == (person["birth_date"], person["gender"])
    per_region = Counter((str(p["id_number"])[:6], p["gender"]) for p in many)
    assert max(per_region.values()) <= 500


def test_vocabulary_values_are_the_enums_and_fit_each_other(
    crowd: list[dict[str, object]],
) -> None:
    for person in crowd:
        Gender(person["gender"])
        education = Education(person["education"]).value
        Degree(person["degree"])
        PoliticalStatus(person["political_status"])
        assert person["title_level"] is None or TitleLevel(person["title_level"])
        assert person["degree"] in DEGREES.get(education, {Degree.NONE.value})
        assert (person["title"] is None) == (person["title_level"] is None)
        assert (person["title"] is None) == (person["title_date"] is None)
        assert person["unit"] in ("a", "b", "c", None)
        name = str(person["name"])
        assert 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)
    shares = Counter(p["education"] for p in crowd)
    assert shares[Education.BACHELOR.value] > shares[Education.DOCTORAL.value] > 0
    assert len({str(p["name"])[0] for p in crowd}) >= 60  # surnames
    assert Counter(str(p["name"])[0] for p in crowd).most_common(1)[0][0] in "王李张"
    statuses = Counter(p["political_status"] for p in crowd)
    assert set(statuses) == set(PoliticalStatus.choices())
    levels = Counter(p["title_level"] for p in crowd)
    assert set(levels) == {None, *TitleLevel.choices()}


def test_dates_agree_with_each_other_and_with_today(crowd: list[dict[str, object]]) -> None:
    for person in crowd:
        born = person["birth_date"]
        began = person["employment_start"]
        assert isinstance(born, date) and isinstance(began, date)
        assert 22 <= age_on(born, TODAY) <= 60
        assert born < began <= TODAY
        assert age_on(born, began) >= 15
        titled = person["title_date"]
        if titled is not None:
            assert isinstance(titled, date)
            assert began < titled <= TODAY
        if person["education"] == Education.DOCTORAL.value:
            assert age_on(born, TODAY) >= 27
    ages = Counter(age_on(p["birth_date"], TODAY) // 10 for p in crowd)
    assert ages[3] + ages[4] > ages[2] + ages[5]  # most are in their thirties and forties


def test_start_year_keeps_every_record_after_it() -> None:
    for person in people(2000, seed=2, start_year=2010):
        assert as_date(person["employment_start"]) >= date(2010, 1, 1)


# --- importing what was written -------------------------------------------------------


def test_written_units_people_and_terms_import_without_a_problem(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    units = org_tree(12, seed=1)
    unit_file = tmp_path / "units.csv"
    assert write_csv(unit_file, units, UNIT_COLUMNS) == 12
    report = imports.apply(ctx, "gdpu", "units", unit_file)
    assert report.problems == () and report.applied and report.counts["added"] == 12

    codes = [str(u["code"]) for u in units]
    people_file = tmp_path / "people.csv"
    assert write_people_csv(people_file, 200, seed=7, units=codes) == 200
    header = people_file.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == [c.header_zh for c in PEOPLE_COLUMNS]
    report = imports.apply(ctx, "gdpu", "people", people_file)
    assert report.problems == ()
    assert report.applied and report.counts == {"added": 200, "updated": 0, "unchanged": 0}
    stored = {p.id_number: p for p in models.Person.select()}
    for person in people(200, seed=7, units=codes):
        row = stored[str(person["id_number"])]
        unit = row.unit.code if row.unit else None
        assert (row.name, row.birth_date, unit, row.title_date) == (
            person["name"], person["birth_date"], person["unit"], person["title_date"]
        )  # fmt: skip

    posts = {"bgs-zr": 1, "bgs-fzr": 2, "rsc-cz": 1}
    for code, headcount in posts.items():
        add_post(ctx, "gdpu", unit_code=codes[0], code=code, title=code, rank="正科级",
                 headcount=headcount, category="行政", term_years=4)  # fmt: skip
    ids = [str(p["id_number"]) for p in people(200, seed=7)]
    rows = list(terms(ids, posts, seed=2))
    term_file = tmp_path / "terms.csv"
    write_csv(term_file, rows, TERM_COLUMNS)
    report = imports.apply(ctx, "gdpu", "terms", term_file)
    assert report.problems == ()
    assert report.applied and report.counts["added"] == len(rows) > 10


# --- units ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 12, 100, 2000])
def test_org_tree_lists_parents_first_two_to_four_levels_deep(size: int) -> None:
    units = org_tree(size, seed=size)
    assert len(units) == size
    assert units == org_tree(size, seed=size)
    depth: dict[object, int] = {}
    for unit in units:
        assert list(unit) == [c.field for c in UNIT_COLUMNS]
        validate.code("code", unit["code"])
        assert unit["code"] not in depth
        parent = unit["parent"]
        assert parent is None or parent in depth  # the parent came earlier
        depth[unit["code"]] = 1 if parent is None else depth[parent] + 1
    assert max(depth.values()) <= 4
    assert max(depth.values()) >= (2 if size >= 2 else 1)
    if size >= 100:
        assert max(depth.values()) == 4
    names = [u["name"] for u in units]
    assert len(set(names)) == len(names)


# --- terms ----------------------------------------------------------------------------


def test_terms_keep_to_the_headcount_and_nobody_holds_two_posts_at_once() -> None:
    staff = list(people(400, seed=8))
    ids = [str(p["id_number"]) for p in staff]
    born = {p["id_number"]: p["birth_date"] for p in staff}
    posts = {f"p{i}": 1 + i % 3 for i in range(30)}
    rows = list(terms(ids, posts, seed=4))
    assert rows == list(terms(ids, posts, seed=4))
    assert rows != list(terms(ids, posts, seed=5))
    assert set(r["post"] for r in rows) == set(posts)
    last = TODAY + timedelta(days=1)
    by_post: dict[object, list[tuple[date, date]]] = defaultdict(list)
    by_person: dict[object, list[tuple[date, date]]] = defaultdict(list)
    for row in rows:
        assert list(row) == [c.field for c in TERM_COLUMNS]
        start, end = row["start"], row["end"]
        assert isinstance(start, date) and start <= TODAY
        assert (end is None) == (row["end_reason"] is None)
        stop = last if end is None else end
        assert isinstance(stop, date) and start <= stop <= last
        birth = born[row["id_number"]]
        assert isinstance(birth, date)
        assert age_on(birth, start) >= 22 and age_on(birth, min(stop, TODAY)) <= 60
        if row["end_reason"] == "届满":
            assert 3 * 365 <= (stop - start).days + 1 <= 5 * 366  # the end is the last day
        if row["probation_end"] is not None:
            assert as_date(row["probation_end"]) > start
        by_post[row["post"]].append((start, stop))
        by_person[row["id_number"]].append((start, stop))
    for post, spans in by_post.items():
        for start, _ in spans:  # how many hold the post on each term's first day
            assert sum(a <= start <= b for a, b in spans) <= posts[str(post)]
    for spans in by_person.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in pairwise(spans))
    reasons = Counter(r["end_reason"] for r in rows)
    assert reasons["届满"] > reasons["交流"] > 0 and reasons[None] > 0


# --- attendance -----------------------------------------------------------------------


def test_sign_ins_fall_on_working_days_about_twice_a_person_a_day() -> None:
    events = list(sign_ins(200, 40, seed=1))
    assert events == list(sign_ins(200, 40, seed=1))
    days = {when.date() for _, when, _ in events}
    assert len(days) == 40
    for day in days:
        official = official_workday(day)
        assert official if official is not None else day.weekday() < 5
    assert date(2026, 1, 1) not in days and date(2026, 1, 4) in days  # a holiday, a 调休 Sunday
    assert 1.9 * 200 * 40 < len(events) < 2 * 200 * 40
    kinds = Counter(kind for _, _, kind in events)
    assert set(kinds) == {"签到", "签退"} and kinds["签到"] >= kinds["签退"]
    arrivals = [when for _, when, kind in events if kind == "签到"]
    leaves = [when for _, when, kind in events if kind == "签退"]
    late = sum(w.time() > w.replace(hour=8, minute=30, second=0).time() for w in arrivals)
    early = sum(w.time() < w.replace(hour=17, minute=30, second=0).time() for w in leaves)
    assert 0.01 < late / len(arrivals) < 0.1 and 0.005 < early / len(leaves) < 0.1
    assert all(0 <= person < 200 for person, _, _ in events)


def test_sign_ins_run_into_years_without_a_published_calendar() -> None:
    events = sign_ins(2, 300, seed=1, start=date(2026, 6, 1))
    days = sorted({when.date() for _, when, _ in events})
    assert len(days) == 300 and days[-1].year == 2027
    assert all(d.weekday() < 5 for d in days if d.year == 2027)


# --- ballots --------------------------------------------------------------------------


def test_ballots_mark_every_candidate_with_some_write_ins_and_a_few_invalid() -> None:
    candidates = ["黄锦松", "陈泽民", "林秀珠", "郑美娟", "吴建伟", "李志勇", "黄佩玲"]
    cast = list(ballots(3000, candidates, 5, seed=1))
    assert cast == list(ballots(3000, candidates, 5, seed=1))
    invalid = write_ins = 0
    for ballot in cast:
        assert set(ballot.values()) <= set(MARKS)
        assert list(ballot)[: len(candidates)] == candidates
        extra = list(ballot)[len(candidates) :]
        assert all(ballot[name] == "✓" for name in extra)
        write_ins += bool(extra)
        invalid += sum(mark == "✓" for mark in ballot.values()) > 5
    assert 0.005 < invalid / len(cast) < 0.05
    assert 0.01 < write_ins / len(cast) < 0.08
    # equal numbers of candidates and seats: an over-vote needs write-ins
    for ballot in ballots(500, candidates[:2], 2, seed=2):
        assert set(ballot.values()) <= set(MARKS)


# --- applicants -----------------------------------------------------------------------


def test_applicants_apply_one_level_up_and_some_are_not_eligible() -> None:
    rows = list(applicants(2000, seed=3))
    assert rows == list(applicants(2000, seed=3))
    levels = TitleLevel.choices()[::-1]  # 初级 … 正高级
    for row in rows:
        assert list(row)[: len(PEOPLE_FIELDS)] == PEOPLE_FIELDS
        current, applied = row["current_title_level"], row["applied_level"]
        assert current == row["title_level"] and row["current_title_date"] == row["title_date"]
        if current is None:
            assert applied in ("初级", "中级")
        else:
            assert levels.index(str(applied)) == levels.index(str(current)) + 1
        ratings = row["annual_ratings"]
        assert isinstance(ratings, list) and len(ratings) == min(5, row["years_of_service"])
        assert set(ratings) <= {"优秀", "合格", "基本合格", "不合格"}
        began = row["employment_start"]
        assert row["years_of_service"] == age_on(began, TODAY)
        parse_resident_id(str(row["id_number"]))
    fit = Counter(eligible(row) for row in rows)
    assert 0.05 < fit[False] / len(rows) < 0.4


# --- command line ---------------------------------------------------------------------


def test_the_command_line_writes_a_csv_and_says_how_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "people.csv"
    assert main(["people", "300", str(out), "--seed", "2", "--units", "5"]) == 0
    said = capsys.readouterr().out
    assert "300 people rows" in said and "rows/s" in said
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 301 and lines[0].startswith("姓名,性别,出生日期,公民身份号码")
