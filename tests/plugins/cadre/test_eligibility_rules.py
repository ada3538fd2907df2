"""第九、十一条 as pure rules (plugins/cadre/eligibility.py): every year count on its
anniversary and the day before, the paths of each rank, the full term before retirement,
training, 逐级提拔 and 破格 — no database."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import attrs
import pytest

from core.api import Degree, Education, Gender, InvalidInput, Person, Post, Term, TitleLevel
from plugins.cadre import parameters
from plugins.cadre.eligibility import (
    SPECS,
    Condition,
    Eligibility,
    Exceptional,
    ExceptionKind,
    ExceptionReason,
    Facts,
    Head,
    Limits,
    Profile,
    Stint,
    Training,
    evaluate,
    last_promotion,
    limits_from,
    promotions,
    served,
    training_overdue,
)
from plugins.cadre.vocabulary import Rank, Track

D = date.fromisoformat
DAY = timedelta(days=1)


def person(**changes: Any) -> Person:
    values: dict[str, Any] = {
        "id": 1, "org_id": 1, "name": "林一", "gender": Gender.MALE,
        "birth_date": D("1980-06-15"), "id_number": None, "education": Education.MASTERS,
        "degree": Degree.MASTER, "title": "助理研究员", "title_level": TitleLevel.INTERMEDIATE,
        "title_date": D("2015-12-20"), "employment_start": D("2010-07-01"),
    }  # fmt: skip
    values.update(changes)
    return Person(**values)


def facts(
    *stints: Stint,
    track: Track | None = Track.MANAGEMENT,
    who: Person | None = None,
    trainings: tuple[Training, ...] = (),
    exceptions: tuple[Exceptional, ...] = (),
    **profile: Any,
) -> Facts:
    record = Profile(1, track, **profile) if track is not None else None
    return Facts(who or person(), record, stints, trainings, exceptions)


def stint(rank: Rank, start: str, end: str | None = None, probation: str | None = None) -> Stint:
    return Stint(rank, D(start), D(end) if end else None, D(probation) if probation else None)


def training(on: str, hours: int) -> Training:
    return Training(1, 1, D(on), hours, "省委党校")


def exception(
    rank: Rank = Rank.DEPUTY_DIVISION,
    recorded: str = "2026-03-01",
    consent: str | None = "2026-03-15",
    reason: ExceptionReason = ExceptionReason.ACHIEVEMENT,
    kind: ExceptionKind = ExceptionKind.OUTSTANDING,
    id: int = 1,
) -> Exceptional:
    return Exceptional(
        id, 1, rank, kind, reason, D(recorded), D(consent) if consent else None,
        "中共广东省委教育工委组织部" if consent else None,
    )  # fmt: skip


def on_and_before(
    f: Facts, rank: Rank, day: str, key: str, **kw: Any
) -> tuple[Condition, Condition]:
    """The condition ``key`` on ``day`` and on the day before."""
    when = D(day)
    return (
        evaluate(f, rank, when - DAY, **kw).condition(key),
        evaluate(f, rank, when, **kw).condition(key),
    )


# --------------------------------------------------------------------------- parameters


def test_the_parameters_are_valid_and_apply_from_the_publication() -> None:
    assert {s.validate("cadre").effective_from for s in SPECS} == {parameters.FROM}
    assert {s.key for s in SPECS} <= {s.key for s in parameters.SPECS}
    defaults = {s.key.removeprefix("cadre."): s.default for s in SPECS}
    assert limits_from(lambda key: defaults[key.removeprefix("cadre.")]) == Limits()
    assert defaults["retirement_age_women"] == 55 and defaults["training_hours"] == 550
    convention = next(s for s in SPECS if s.key == "cadre.training_hours").citation
    assert convention.source == "zhidu" and "550学时" in convention.words


# --------------------------------------------------------------------------- 副科级


def test_deputy_section_master_two_years_of_work_on_the_anniversary() -> None:
    f = facts(who=person(employment_start=D("2018-07-01")))
    before, on = on_and_before(f, Rank.DEPUTY_SECTION, "2020-07-01", "deputy_section.work_years")
    assert before.met is False and on.met is True
    assert "2020-07-01满2年（2020-06-30尚未满）" in on.message_zh
    assert dict(on.dates)["reached"] == D("2020-07-01")
    assert on.citation.article == "第九条（一）1"


def test_deputy_section_bachelor_three_years_and_below_bachelor_missed() -> None:
    f = facts(who=person(education=Education.BACHELOR, employment_start=D("2018-07-01")))
    before, on = on_and_before(f, Rank.DEPUTY_SECTION, "2021-07-01", "deputy_section.work_years")
    assert (before.met, on.met) == (False, True)
    assert "2021-07-01方满3年" in before.message_zh
    college = facts(who=person(education=Education.JUNIOR_COLLEGE))
    got = evaluate(college, Rank.DEPUTY_SECTION, D("2026-01-01"))
    assert got.condition("deputy_section.work_years").met is False and not got.eligible


def test_deputy_section_unknown_without_the_data() -> None:
    got = evaluate(facts(who=person(employment_start=None)), Rank.DEPUTY_SECTION, D("2026-01-01"))
    assert got.condition("deputy_section.work_years").met is None
    assert not got.eligible and got.unknown


def test_deputy_section_from_a_professional_post_needs_an_intermediate_title() -> None:
    f = facts(track=Track.PROFESSIONAL, who=person(title_level=TitleLevel.JUNIOR))
    got = evaluate(f, Rank.DEPUTY_SECTION, D("2026-01-01"))
    assert got.condition("deputy_section.title").met is False
    assert got.condition("deputy_section.title").citation.article == "第九条（一）3"
    assert evaluate(facts(track=Track.PROFESSIONAL), Rank.DEPUTY_SECTION, D("2026-01-01")).eligible


# --------------------------------------------------------------------------- 正科级


def test_section_three_years_as_deputy_section_the_brief_example() -> None:
    f = facts(stint(Rank.DEPUTY_SECTION, "2021-03-10"))
    before = evaluate(f, Rank.SECTION, D("2024-03-09"))
    on = evaluate(f, Rank.SECTION, D("2024-03-10"))
    assert not before.eligible and on.eligible
    years = on.condition("section.management").parts[0]
    assert years.key == "section.years_as_deputy" and years.met
    assert years.message_zh == "任副科级自2021-03-10起：2024-03-10满3年（2024-03-09尚未满）"
    assert years.message_en == (
        "as deputy section chief since 2021-03-10: 3 years on 2024-03-10 (not yet on 2024-03-09)"
    )
    assert "2024-03-10方满3年" in before.condition("section.management").message_zh


def test_time_at_a_rank_is_summed_over_terms_gaps_not_counted() -> None:
    # 2 years (2015-01-01 … 2016-12-31), a year away, then again from 2018-01-01: the
    # third year is complete one year after the return.
    f = facts(
        stint(Rank.DEPUTY_SECTION, "2015-01-01", "2016-12-31"),
        stint(Rank.DEPUTY_SECTION, "2018-01-01"),
    )
    time = served(f.stints, [Rank.DEPUTY_SECTION], D("2019-01-01"))
    assert time is not None and time.first == D("2015-01-01")
    assert time.counted_from == D("2016-01-01")  # 2018-01-01 less the 731 days served
    before, on = on_and_before(f, Rank.SECTION, "2019-01-01", "section.management")
    assert (before.met, on.met) == (False, True)
    assert "累计，间断期不计" in on.message_zh


def test_reappointments_and_moves_at_a_rank_join_up() -> None:
    f = facts(
        stint(Rank.DEPUTY_SECTION, "2017-07-07", "2020-07-06"),
        stint(Rank.DEPUTY_SECTION, "2020-07-07", "2020-12-17"),
    )
    time = served(f.stints, [Rank.DEPUTY_SECTION], D("2026-01-01"))
    assert time is not None and time.counted_from == D("2017-07-07") and not time.ongoing
    assert time.years == 3 and time.until == D("2020-12-18")


def test_time_that_stopped_short_is_missed_with_its_last_day() -> None:
    f = facts(stint(Rank.DEPUTY_SECTION, "2020-01-01", "2022-12-30"))
    got = evaluate(f, Rank.SECTION, D("2026-01-01")).condition("section.management")
    assert got.met is False and "至2022-12-30止" in got.message_zh
    exact = facts(stint(Rank.DEPUTY_SECTION, "2020-01-01", "2022-12-31"))
    assert evaluate(exact, Rank.SECTION, D("2026-01-01")).condition("section.management").met


def test_time_at_a_higher_rank_counts_only_when_the_organization_says_so() -> None:
    # 副处 2019–2022, then demoted to 正科 in 2022 (第三十二条): 3 years 正科 for 副处?
    f = facts(
        stint(Rank.SECTION, "2016-01-10", "2019-01-09"),
        stint(Rank.DEPUTY_DIVISION, "2019-01-10", "2022-03-31"),
        stint(Rank.SECTION, "2022-04-01"),
    )
    key = "deputy_division.years_as_section"
    plain = evaluate(f, Rank.DEPUTY_DIVISION, D("2023-06-01")).condition(key)
    assert plain.met is True  # 3 years as 正科 before the 副处 post already
    only_now = facts(
        stint(Rank.DEPUTY_DIVISION, "2019-01-10", "2022-03-31"), stint(Rank.SECTION, "2022-04-01")
    )
    assert evaluate(only_now, Rank.DEPUTY_DIVISION, D("2023-06-01")).condition(key).met is False
    counted = evaluate(
        only_now, Rank.DEPUTY_DIVISION, D("2023-06-01"), Limits(higher_rank_counts=True)
    )
    assert counted.condition(key).met is True


def test_a_doctor_with_a_year_in_management_may_be_set_at_section_chief() -> None:
    f = facts(
        who=person(education=Education.DOCTORAL, degree=Degree.DOCTOR),
        management_since=D("2023-07-01"),
    )
    before, on = on_and_before(f, Rank.SECTION, "2024-07-01", "section.management")
    assert (before.met, on.met) == (False, True)
    doctor = on.parts[1]
    assert doctor.key == "section.doctor" and doctor.citation.article == "第九条（一）4"
    assert "2024-07-01满1年" in doctor.message_zh
    no_date = facts(who=person(education=Education.DOCTORAL))
    assert (
        evaluate(no_date, Rank.SECTION, D("2026-01-01")).condition("section.management").met is None
    )


def test_section_from_a_professional_post_intermediate_title_three_years() -> None:
    f = facts(track=Track.PROFESSIONAL, who=person(title_date=D("2021-12-20")))
    before, on = on_and_before(f, Rank.SECTION, "2024-12-20", "section.professional")
    assert (before.met, on.met) == (False, True)
    senior = facts(
        track=Track.PROFESSIONAL,
        who=person(title_level=TitleLevel.DEPUTY_SENIOR, title_date=D("2025-12-20")),
    )
    got = evaluate(senior, Rank.SECTION, D("2026-01-01")).condition("section.professional")
    assert got.met is True and "更高的副高级" in got.message_zh


# --------------------------------------------------------------------------- 副处级、正处级


def test_deputy_division_management_three_years_as_section_chief() -> None:
    f = facts(stint(Rank.SECTION, "2020-07-07"))
    before, on = on_and_before(
        f, Rank.DEPUTY_DIVISION, "2023-07-07", "deputy_division.years_as_section"
    )
    assert (before.met, on.met) == (False, True)
    assert on.citation.article == "第九条（二）3"


def test_deputy_division_professional_senior_or_intermediate_with_a_master() -> None:
    key = "deputy_division.professional"
    senior = facts(track=Track.PROFESSIONAL, who=person(title_level=TitleLevel.DEPUTY_SENIOR))
    assert evaluate(senior, Rank.DEPUTY_DIVISION, D("2026-01-01")).condition(key).met
    master = facts(track=Track.PROFESSIONAL, who=person(title_date=D("2022-12-20")))
    before, on = on_and_before(master, Rank.DEPUTY_DIVISION, "2025-12-20", key)
    assert (before.met, on.met) == (False, True)
    bachelor = facts(track=Track.PROFESSIONAL, who=person(degree=Degree.BACHELOR))
    got = evaluate(bachelor, Rank.DEPUTY_DIVISION, D("2026-01-01")).condition(key)
    assert got.met is False and "硕士以上学位：现为学士" in got.message_zh


def test_division_management_two_years_as_deputy() -> None:
    f = facts(
        stint(Rank.SECTION, "2016-01-10", "2019-01-09"), stint(Rank.DEPUTY_DIVISION, "2019-01-10")
    )
    before, on = on_and_before(f, Rank.DIVISION, "2021-01-10", "division.years_as_deputy")
    assert (before.met, on.met) == (False, True)
    assert on.citation.article == "第九条（二）2"


def test_division_professional_full_senior_or_two_years_deputy_senior() -> None:
    key = "division.professional"
    full = facts(track=Track.PROFESSIONAL, who=person(title_level=TitleLevel.FULL_SENIOR))
    assert evaluate(full, Rank.DIVISION, D("2026-01-01")).condition(key).met
    deputy = facts(
        track=Track.PROFESSIONAL,
        who=person(title_level=TitleLevel.DEPUTY_SENIOR, title_date=D("2023-12-20")),
    )
    before, on = on_and_before(deputy, Rank.DIVISION, "2025-12-20", key)
    assert (before.met, on.met) == (False, True)


def test_division_needs_a_bachelor_or_above() -> None:
    f = facts(
        stint(Rank.SECTION, "2016-01-10"),
        who=person(education=Education.JUNIOR_COLLEGE),
        fit_for_duty=True,
    )
    got = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-01-01"))
    assert got.condition("division.education").met is False
    assert got.condition("division.education").citation.article == "第九条（二）1"


def test_heads_of_teaching_research_and_support_units() -> None:
    on = D("2026-01-01")
    associate = person(title_level=TitleLevel.DEPUTY_SENIOR, degree=Degree.MASTER)
    f = facts(track=Track.PROFESSIONAL, who=associate)
    assert evaluate(f, Rank.DIVISION, on, head=Head.PRINCIPAL).condition("head").met is False
    assert evaluate(f, Rank.DEPUTY_DIVISION, on, head=Head.DEPUTY).condition("head").met is True
    lecturer_doctor = facts(track=Track.PROFESSIONAL, who=person(degree=Degree.DOCTOR))
    got = evaluate(lecturer_doctor, Rank.DEPUTY_DIVISION, on, head=Head.DEPUTY).condition("head")
    assert got.met is True and got.citation.article == "第九条（二）4"
    lecturer = evaluate(facts(track=Track.PROFESSIONAL), Rank.DEPUTY_DIVISION, on, head=Head.DEPUTY)
    assert lecturer.condition("head").met is False
    assert Head.parse("副职") is Head.DEPUTY
    with pytest.raises(InvalidInput, match="正职 or 副职"):
        Head.parse("主任")


# --------------------------------------------------------------------------- a full term


def test_a_woman_at_55_minus_four_years() -> None:
    she = person(gender=Gender.FEMALE, birth_date=D("1975-05-30"))
    f = facts(stint(Rank.SECTION, "2019-01-01"), who=she)
    before = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-05-30")).condition("division.full_term")
    after = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-05-31")).condition("division.full_term")
    assert before.met is True and after.met is False and not after.waivable
    assert dict(after.dates) == {"retirement": D("2030-05-30"), "latest_start": D("2026-05-30")}
    assert "2030-05-30年满55周岁" in after.message_zh and "2026-05-30（含）前" in after.message_zh
    later = Limits(retirement_age_women=58)  # e.g. after the 2025 reform, set from a date
    assert (
        evaluate(f, Rank.DEPUTY_DIVISION, D("2026-05-31"), later)
        .condition("division.full_term")
        .met
    )


def test_a_man_at_60_minus_four_years_and_section_ranks_have_no_age_rule() -> None:
    he = person(birth_date=D("1966-12-08"))
    f = facts(stint(Rank.DEPUTY_DIVISION, "2015-01-10"), who=he)
    assert evaluate(f, Rank.DIVISION, D("2022-12-08")).condition("division.full_term").met
    assert not evaluate(f, Rank.DIVISION, D("2022-12-09")).condition("division.full_term").met
    keys = [c.key for c in evaluate(f, Rank.SECTION, D("2026-01-01")).conditions]
    assert "division.full_term" not in keys and "division.training" not in keys


# --------------------------------------------------------------------------- training


def test_training_hours_in_the_window_or_within_a_year_after_promotion() -> None:
    base = (stint(Rank.SECTION, "2018-01-01"),)
    on = D("2026-01-01")  # the window is 2021-01-02 … 2026-01-01
    enough = facts(*base, trainings=(training("2021-01-02", 300), training("2026-01-01", 250)))
    got = evaluate(enough, Rank.DEPUTY_DIVISION, on)
    assert got.condition("division.training").met is True and got.eligible
    short = facts(*base, trainings=(training("2021-01-01", 300), training("2025-06-01", 250)))
    got = evaluate(short, Rank.DEPUTY_DIVISION, on)
    cond = got.condition("division.training")
    assert cond.met is False and cond.status == "deferred" and not cond.blocking
    assert dict(cond.dates)["due"] == D("2027-01-01") and "250学时，不足550学时" in cond.message_zh
    assert got.eligible  # it may be completed within a year after promotion


def test_training_overdue_one_year_after_promotion() -> None:
    f = facts(
        stint(Rank.SECTION, "2020-01-01", "2025-06-29"), stint(Rank.DEPUTY_DIVISION, "2025-06-30")
    )
    assert training_overdue(f, D("2026-06-30"), Limits()) is None  # the last day
    late = training_overdue(f, D("2026-07-01"), Limits())
    assert late is not None and dict(late.dates)["due"] == D("2026-06-30")
    assert late.citation.article == "第九条（二）7"
    done = attrs.evolve(f, trainings=(training("2026-06-30", 550),))
    assert training_overdue(done, D("2026-07-01"), Limits()) is None
    section = facts(stint(Rank.SECTION, "2020-01-01"))
    assert training_overdue(section, D("2026-07-01"), Limits()) is None


# --------------------------------------------------------------------------- 逐级, 破格


def test_promotion_goes_rank_by_rank() -> None:
    f = facts(stint(Rank.DEPUTY_SECTION, "2018-01-01"))
    assert evaluate(f, Rank.SECTION, D("2026-01-01")).condition("step").met is True
    skip = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-01-01")).condition("step")
    assert skip.met is False and skip.waivable and "越级" in skip.message_zh
    assert evaluate(facts(), Rank.SECTION, D("2026-01-01")).condition("step").met is True


def test_two_ranks_skipped_is_refused_even_with_an_exception() -> None:
    f = facts(
        stint(Rank.DEPUTY_SECTION, "2018-01-01"),
        who=person(title_level=TitleLevel.FULL_SENIOR),
        exceptions=(exception(Rank.DIVISION),),
        fit_for_duty=True,
    )
    got = evaluate(f, Rank.DIVISION, D("2026-06-01"))
    step = got.condition("step")
    assert step.met is False and not step.waivable and not step.covered
    assert step.citation.words == "不得越两级提拔"
    assert not got.eligible


def test_a_recorded_exception_with_consent_covers_a_skipped_rank() -> None:
    f = facts(stint(Rank.DEPUTY_SECTION, "2018-01-01"), exceptions=(exception(),))
    got = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-06-01"))
    assert got.eligible and got.exception is not None
    assert got.condition("step").covered and got.condition("step").status == "covered"
    assert got.condition("deputy_division.years_as_section").covered
    assert all(got.condition(k).met for k in ("exception.recorded", "exception.consent"))


def test_no_exception_recorded_for_that_rank() -> None:
    f = facts(stint(Rank.DEPUTY_SECTION, "2018-01-01"), exceptions=(exception(Rank.SECTION),))
    got = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-06-01"))
    assert not got.eligible and got.condition("exception.recorded").met is False
    assert got.exception is None


def test_consent_missing_or_after_the_decision() -> None:
    missing = facts(stint(Rank.DEPUTY_SECTION, "2018-01-01"), exceptions=(exception(consent=None),))
    got = evaluate(missing, Rank.DEPUTY_DIVISION, D("2026-06-01"))
    assert not got.eligible and got.condition("exception.consent").met is False
    assert got.condition("exception.consent").citation.article == "第十一条"
    assert not got.condition("step").covered
    late = facts(
        stint(Rank.DEPUTY_SECTION, "2018-01-01"), exceptions=(exception(consent="2026-06-02"),)
    )
    assert not evaluate(late, Rank.DEPUTY_DIVISION, D("2026-06-01")).eligible
    assert evaluate(late, Rank.DEPUTY_DIVISION, D("2026-06-02")).eligible  # consent that day


def test_an_exception_during_probation_is_refused() -> None:
    f = facts(
        stint(Rank.DEPUTY_SECTION, "2018-01-01", "2025-12-04"),
        stint(Rank.SECTION, "2025-12-05", probation="2026-12-04"),
        exceptions=(exception(recorded="2026-11-01", consent="2026-11-10"),),
    )
    during = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-12-04"))
    assert not during.eligible
    assert during.condition("exception.probation").met is False
    assert dict(during.condition("exception.probation").dates) == {"probation_end": D("2026-12-04")}
    # the day after probation ends it is still within a year of the promotion
    assert evaluate(f, Rank.DEPUTY_DIVISION, D("2026-12-05")).condition("exception.probation").met


def test_an_exception_within_a_year_of_the_last_promotion_is_refused() -> None:
    f = facts(
        stint(Rank.DEPUTY_SECTION, "2018-01-01", "2025-03-09"),
        stint(Rank.SECTION, "2025-03-10", probation="2025-09-09"),
        exceptions=(exception(recorded="2026-01-01", consent="2026-02-01"),),
    )
    before = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-03-09"))
    on = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-03-10"))
    assert before.condition("exception.after_promotion").met is False and not before.eligible
    assert on.condition("exception.after_promotion").met is True and on.eligible
    assert "2026-03-10满1年" in on.condition("exception.after_promotion").message_zh


def test_no_second_exception_in_a_row_on_years_of_service() -> None:
    first = exception(Rank.SECTION, recorded="2024-01-01", consent="2024-01-05", id=1)
    second = exception(recorded="2026-01-01", consent="2026-01-05", id=2)
    f = facts(
        stint(Rank.DEPUTY_SECTION, "2022-01-01", "2024-01-09"),
        stint(Rank.SECTION, "2024-01-10"),
        exceptions=(first, second),
    )
    got = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-06-01"))
    consecutive = got.condition("exception.consecutive")
    assert consecutive.met is False and consecutive.citation.words == "不得在任职年限上连续破格"
    assert not got.eligible
    alone = attrs.evolve(f, exceptions=(second,))
    assert evaluate(alone, Rank.DEPUTY_DIVISION, D("2026-06-01")).eligible


def test_an_exception_never_covers_fitness_or_the_full_term() -> None:
    old = person(birth_date=D("1964-01-01"))
    f = facts(
        stint(Rank.SECTION, "2010-01-01"), who=old, exceptions=(exception(),), fit_for_duty=False
    )
    got = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-06-01"))
    assert not got.eligible
    assert {c.key for c in got.missed} == {"division.full_term", "fit_for_duty"}
    assert not any(c.key.startswith("exception.") for c in got.conditions)


def test_a_ground_must_be_of_its_kind() -> None:
    wrong = exception(reason=ExceptionReason.URGENT, kind=ExceptionKind.OUTSTANDING)
    f = facts(stint(Rank.DEPUTY_SECTION, "2018-01-01"), exceptions=(wrong,))
    got = evaluate(f, Rank.DEPUTY_DIVISION, D("2026-06-01"))
    assert got.condition("exception.recorded").met is False and not got.eligible
    assert ExceptionReason.parse("班子结构或职位特殊要求").kind is ExceptionKind.SPECIAL_NEED


# --------------------------------------------------------------------------- careers, results


def test_promotions_and_the_last_one() -> None:
    stints = (
        stint(Rank.DEPUTY_SECTION, "2014-07-07", "2017-07-06"),
        stint(Rank.SECTION, "2017-07-07", "2020-07-06"),
        stint(Rank.SECTION, "2020-07-07", "2021-01-01"),  # lateral
        stint(Rank.DEPUTY_DIVISION, "2021-01-02", "2022-03-31"),
        stint(Rank.SECTION, "2022-04-01", "2023-01-01"),  # demoted
        stint(Rank.DEPUTY_DIVISION, "2024-01-01"),  # promoted again after a gap
    )
    assert [s.start.isoformat() for s in promotions(stints)] == [
        "2014-07-07", "2017-07-07", "2021-01-02", "2024-01-01",
    ]  # fmt: skip
    last = last_promotion(stints, D("2023-12-31"))
    assert last is not None and last.start == D("2021-01-02")


def test_without_a_profile_both_tracks_are_tried() -> None:
    both = facts(
        stint(Rank.SECTION, "2018-01-01"),
        track=None,
        who=person(title_level=TitleLevel.DEPUTY_SENIOR),
    )
    got = evaluate(both, Rank.DEPUTY_DIVISION, D("2026-01-01"))
    assert got.condition("qualification").met is True
    assert got.condition("fit_for_duty").met is None and not got.eligible  # not recorded
    one = facts(
        stint(Rank.SECTION, "2025-01-01"),
        track=None,
        who=person(title_level=TitleLevel.DEPUTY_SENIOR),
    )
    assert (
        evaluate(one, Rank.DEPUTY_DIVISION, D("2026-01-01")).condition("qualification").met is None
    )


def test_the_result_as_json() -> None:
    f = facts(stint(Rank.DEPUTY_SECTION, "2021-03-10"))
    got = evaluate(f, Rank.SECTION, D("2024-03-10"))
    assert isinstance(got, Eligibility)
    data = json.loads(json.dumps(got.as_dict(), ensure_ascii=False))
    assert data["eligible"] is True and data["rank"] == "正科级" and data["on"] == "2024-03-10"
    assert data["missed"] == [] and data["unknown"] == []
    refused = evaluate(f, Rank.SECTION, D("2024-03-09")).as_dict()
    assert refused["missed"] == ["section.management", "exception.recorded"]
    management = next(c for c in data["conditions"] if c["key"] == "section.management")
    years = management["parts"][0]
    assert years["dates"] == {"since": "2021-03-10", "reached": "2024-03-10"}
    assert years["citation"]["article"] == "第九条（一）2" and years["status"] == "met"
    assert data["superior_rules"]["article"] == "第十条"


def test_facts_from_the_core_values() -> None:
    posts = [
        Post(1, 1, 1, "fkz", "副科长", "副科级", 1, 3, 2, "行政"),
        Post(2, 1, 1, "gs", "干事", "干事", 9, None, None, "行政"),
    ]
    terms = [
        Term(1, 1, 1, 1, D("2020-01-01"), None, "委任", D("2020-12-31")),  # type: ignore[arg-type]
        Term(2, 1, 2, 1, D("2019-01-01"), None, "委任"),  # type: ignore[arg-type]
        Term(3, 1, 1, 2, D("2020-01-01"), None, "委任"),  # type: ignore[arg-type]
    ]
    f = Facts.of(person(), None, posts, terms, [training("2020-01-01", 5)], [])
    assert f.stints == (Stint(Rank.DEPUTY_SECTION, D("2020-01-01"), None, D("2020-12-31"), "fkz"),)
    assert len(f.trainings) == 1
