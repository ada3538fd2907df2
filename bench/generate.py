"""Realistic synthetic data for the benchmarks: deterministic per seed, streamed, fast.

What it makes (every function takes ``seed`` and draws only from its own
``random.Random(seed)``; the same arguments give the same rows, on any run):

* :func:`people` — people rows with exactly the people importer's fields (PEOPLE_COLUMNS):
  frequency-weighted Chinese names, valid resident ID numbers (unique within a call)
  that agree with birth date and gender, education and degree that fit each other and
  the age, political status, professional titles with their level and date, and the
  date work began; everyone aged 22–60 on :data:`TODAY`.
* :func:`write_people_csv` — those rows as a UTF-8 CSV under the importer's Chinese
  headers, which ``zhidu import people`` accepts as it is (:func:`write_csv` for others).
* :func:`org_tree` — units (UNIT_COLUMNS fields) two to four levels deep, parents first.
* :func:`terms` — terms of office (TERM_COLUMNS fields), 3–5 years each, never more
  holders of a post at once than its headcount, nobody in two posts at once.
* :func:`sign_ins` — attendance events (签到/签退) on China's working days, with late
  arrivals, early leaves and absences.
* :func:`ballots` — election ballots (✓ for, × against, △ abstain) with write-ins and a
  small share of invalid ballots.
* :func:`applicants` — professional-title applicants with their current level, applied
  level, years of service and last five annual ratings; some are not eligible.

Sizes are meant to run 10k / 100k / 1M: the row generators hold per-call tables of a
few megabytes at most, never the rows. ``python -m bench.generate people 100000 out.csv``
writes a CSV and prints the rate (``--help`` for the other kinds).
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from array import array
from bisect import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate, islice
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from core.domain import (
    AppointedBy,
    Degree,
    Education,
    EndReason,
    Gender,
    PoliticalStatus,
    TitleLevel,
)
from core.imports.kinds import PEOPLE_COLUMNS, TERM_COLUMNS, UNIT_COLUMNS
from core.imports.reading import Column
from core.resident_id import check_digit
from core.rules.workdays import official_workday

__all__ = [
    "MARKS",
    "SIGN_IN",
    "SIGN_OUT",
    "TODAY",
    "applicants",
    "ballots",
    "eligible",
    "main",
    "org_tree",
    "people",
    "sign_ins",
    "terms",
    "write_csv",
    "write_people_csv",
]

TODAY = date(2026, 11, 21)
"""The fixed "today" of every generated date (the demo's and the tests' day)."""

FOR, AGAINST, ABSTAIN = "✓", "×", "△"
MARKS = (FOR, AGAINST, ABSTAIN)
"""A ballot's marks: for, against, abstain."""

# --- names ----------------------------------------------------------------------------

# Surnames with their approximate share of the population, in 1/10,000 (2020 census
# order); the compound ones are rare but real.
_SURNAMES = (
    ("王", 712), ("李", 700), ("张", 674), ("刘", 510), ("陈", 461), ("杨", 322),
    ("黄", 245), ("赵", 219), ("吴", 208), ("周", 200), ("徐", 167), ("孙", 154),
    ("马", 145), ("朱", 129), ("胡", 116), ("郭", 115), ("何", 106), ("林", 101),
    ("高", 100), ("罗", 95), ("郑", 88), ("梁", 84), ("谢", 72), ("宋", 65),
    ("唐", 64), ("许", 63), ("韩", 61), ("冯", 60), ("邓", 59), ("曹", 57),
    ("彭", 55), ("曾", 53), ("肖", 53), ("田", 51), ("董", 50), ("袁", 49),
    ("潘", 48), ("于", 47), ("蒋", 46), ("蔡", 45), ("余", 44), ("杜", 43),
    ("叶", 42), ("程", 41), ("苏", 40), ("魏", 39), ("吕", 38), ("丁", 37),
    ("任", 36), ("沈", 35), ("姚", 34), ("卢", 33), ("姜", 32), ("崔", 31),
    ("钟", 30), ("谭", 29), ("陆", 28), ("汪", 27), ("范", 26), ("金", 25),
    ("石", 24), ("廖", 23), ("贾", 22), ("夏", 21), ("韦", 20), ("付", 20),
    ("方", 19), ("白", 19), ("邹", 18), ("孟", 18), ("熊", 17), ("秦", 17),
    ("邱", 17), ("江", 16), ("尹", 16), ("薛", 15), ("闫", 15), ("段", 14),
    ("雷", 14), ("侯", 13), ("龙", 13), ("史", 13), ("陶", 12), ("黎", 12),
    ("贺", 12), ("顾", 11), ("毛", 11), ("郝", 11), ("龚", 10), ("邵", 10),
    ("万", 10), ("钱", 10), ("覃", 9), ("武", 9), ("戴", 9), ("孔", 8),
    ("欧阳", 3), ("司马", 1), ("上官", 1), ("诸葛", 1),
)  # fmt: skip
_SURNAME_CUM = tuple(accumulate(w for _, w in _SURNAMES))

_MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文海东亮峰成兵锋"
    "毅彬坤博豪昊鸿振荣德庆永新民胜祥雄立宏江山松柏涌骏晖光耀"
)
_FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀玲燕婷雪慧红颖琳萍洁梅莉倩晶欣怡佳悦琪兰凤丹璐蕾薇瑶岚露月妍琴云"
    "诗涵萱婉淑珊菲蓉彤"
)
_SHARED_CHARS = "晓子思家嘉一雨宇晨明天佳志海新春金玉文清华英俊安乐景瑞"
_GIVEN = {True: _MALE_CHARS + _SHARED_CHARS, False: _FEMALE_CHARS + _SHARED_CHARS}

# --- resident ID numbers --------------------------------------------------------------

# Real county-level region codes (地址码): Beijing, Shanghai, Guangdong (heavier, like the
# demo), Anhui, Jiangsu, Zhejiang, Hubei, Sichuan, Yunnan, Shaanxi, Shandong, Hunan, Fujian.
_REGIONS = (
    "110105", "110108", "310104", "310115", "440103", "440104", "440106", "440305",
    "445202", "440582", "340104", "340111", "320106", "330106", "420106", "510107",
    "530113", "610113", "370102", "430104", "350102",
)  # fmt: skip
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
"""GB 11643 §7: the weight of each of the first 17 digits, 2^(18-i) mod 11."""


def _weighted(digits: str, first: int) -> int:
    """The weighted sum of ``digits`` placed from position ``first`` of the 17."""
    return sum(int(ch) * _WEIGHTS[first + i] for i, ch in enumerate(digits))


# The check character for each weighted sum mod 11, asked of core.resident_id itself:
# the last two of the 17 digits weigh 4 and 2, and 4a + 2b (a, b ≤ 9) meets every residue.
_PROBES = {_weighted(f"{a}{b}", 15) % 11: f"{'0' * 15}{a}{b}" for a in range(10) for b in range(10)}
_CHECK = tuple(check_digit(_PROBES[residue]) for residue in range(11))
_REGION_SUMS = tuple(_weighted(code, 0) for code in _REGIONS)
_SEQ3 = tuple(f"{i:03d}" for i in range(1000))
_SEQ_SUMS = tuple(_weighted(s, 14) for s in _SEQ3)

# The oldest (60) and youngest (22) on TODAY: aged 60 until the day before turning 61.
_BIRTH_FIRST = date(TODAY.year - 61, TODAY.month, TODAY.day) + timedelta(days=1)
_BIRTH_LAST = date(TODAY.year - 22, TODAY.month, TODAY.day)
_YEAR = 365.2425


@cache
def _birth_days() -> tuple[tuple[date, int, str, int, int, float], ...]:
    """Every possible birth date: the date, its ordinal, its 8 ID digits, their weighted
    sum, the age on TODAY, and the share of single-character given names of the time."""
    out = []
    for ordinal in range(_BIRTH_FIRST.toordinal(), _BIRTH_LAST.toordinal() + 1):
        day = date.fromordinal(ordinal)
        digits = f"{day:%Y%m%d}"
        age = TODAY.year - day.year - ((TODAY.month, TODAY.day) < (day.month, day.day))
        single = 0.33 if 1975 <= day.year < 1995 else 0.2
        out.append((day, ordinal, digits, _weighted(digits, 6), age, single))
    return tuple(out)


@cache
def _given_names(*, male: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every two-character given name (婷婷 for a woman, no 伟伟 for a man), every one."""
    chars = _GIVEN[male]
    two = tuple(a + b for a in chars for b in chars if a != b or not male)
    return two, tuple(chars)


# --- education, degree, politics, titles ----------------------------------------------

_EDUCATION = (
    # education, share (‰), the youngest age at which it is held, usual age of starting work
    (Education.DOCTORAL.value, 90, 27, 28.5),
    (Education.MASTERS.value, 250, 24, 25.5),
    (Education.BACHELOR.value, 400, 22, 22.5),
    (Education.JUNIOR_COLLEGE.value, 140, 20, 20.5),
    (Education.HIGH_SCHOOL.value, 75, 18, 18.8),
    (Education.MIDDLE_SCHOOL.value, 38, 15, 17.0),
    (Education.PRIMARY.value, 7, 12, 16.0),
)
_EDUCATION_CUM = tuple(accumulate(row[1] for row in _EDUCATION))

# Degrees by education (‰): mostly the matching degree; a few without one (研究生班,
# 专升本) and some bachelors with a master's by 同等学力. Below 大学本科, none.
_DEGREES = {
    Education.DOCTORAL.value: ((Degree.DOCTOR.value, 970), (Degree.MASTER.value, 30)),
    Education.MASTERS.value: (
        (Degree.MASTER.value, 930),
        (Degree.BACHELOR.value, 50),
        (Degree.NONE.value, 20),
    ),
    Education.BACHELOR.value: (
        (Degree.BACHELOR.value, 870),
        (Degree.MASTER.value, 30),
        (Degree.NONE.value, 100),
    ),
}
_STATUS_YOUNG = (  # aged 28 or less: still of the Communist Youth League's age (‰)
    (PoliticalStatus.CYL_MEMBER.value, 430),
    (PoliticalStatus.CPC_MEMBER.value, 250),
    (PoliticalStatus.CPC_PROBATIONARY.value, 60),
    (PoliticalStatus.DEMOCRATIC_PARTY.value, 10),
    (PoliticalStatus.MASSES.value, 250),
)
_STATUS_OLDER = (
    (PoliticalStatus.CPC_MEMBER.value, 450),
    (PoliticalStatus.CPC_PROBATIONARY.value, 10),
    (PoliticalStatus.DEMOCRATIC_PARTY.value, 50),
    (PoliticalStatus.MASSES.value, 490),
)

_TITLE_SERIES = (
    # share, the lowest education that holds them (index in _EDUCATION), the titles
    # (正高级, 副高级, 中级, 初级)
    (30, 2, ("教授", "副教授", "讲师", "助教")),
    (10, 2, ("研究员", "副研究员", "助理研究员", "研究实习员")),
    (15, 3, ("正高级工程师", "高级工程师", "工程师", "助理工程师")),
    (12, 3, ("主任医师", "副主任医师", "主治医师", "医师")),
    (6, 4, ("主任药师", "副主任药师", "主管药师", "药师")),
    (6, 4, ("主任护师", "副主任护师", "主管护师", "护师")),
    (6, 4, ("正高级会计师", "高级会计师", "会计师", "助理会计师")),
    (5, 4, ("正高级经济师", "高级经济师", "经济师", "助理经济师")),
    (3, 4, ("研究馆员", "副研究馆员", "馆员", "助理馆员")),
    (4, 4, ("正高级实验师", "高级实验师", "实验师", "助理实验师")),
    (3, 3, ("正高级教师", "高级教师", "一级教师", "二级教师")),
)
_LEVELS = (  # lowest first: 初级 … 正高级
    TitleLevel.JUNIOR.value,
    TitleLevel.INTERMEDIATE.value,
    TitleLevel.DEPUTY_SENIOR.value,
    TitleLevel.FULL_SENIOR.value,
)
# By education: the share holding any title, the level a title starts at (0 = 初级) and
# the usual years from starting work to it, the usual years before each next level, and
# the highest level normally reached.
_CAREERS: dict[str, tuple[float, int, float, tuple[float, ...], int]] = {
    Education.DOCTORAL.value: (0.95, 1, 0.5, (2.5, 5.5), 3),
    Education.MASTERS.value: (0.85, 0, 0.3, (2.5, 5.5, 6.0), 3),
    Education.BACHELOR.value: (0.70, 0, 1.0, (4.5, 6.0, 7.0), 3),
    Education.JUNIOR_COLLEGE.value: (0.45, 0, 2.5, (5.0, 7.0), 2),
    Education.HIGH_SCHOOL.value: (0.10, 0, 4.0, (6.0,), 1),
}
_PROMOTED = 0.72
"""The chance of passing each next review, once the years are there."""

# --- units ----------------------------------------------------------------------------

# Top-level units (处/部/学院 …) with their kind and the sub-units they usually have.
_DEPARTMENTS = (
    ("党委办公室", "部", "科", ("秘书科", "综合科", "机要科", "督查科")),
    ("校长办公室", "处", "科", ("秘书科", "综合科", "法务科", "信息科")),
    ("党委组织部", "部", "科", ("干部科", "组织科", "党校办公室")),
    ("党委宣传部", "部", "科", ("宣传科", "新闻中心", "网络信息科")),
    ("纪委办公室", "部", "室", ("监督检查室", "审查调查室", "案件审理室")),
    ("人事处", "处", "科", ("师资科", "薪酬福利科", "人才工作科", "劳资科")),
    ("教务处", "处", "科", ("教学运行科", "考务科", "教学研究科", "实践教学科")),
    ("科技处", "处", "科", ("项目管理科", "成果管理科", "平台建设科")),
    ("财务处", "处", "科", ("会计核算科", "预算管理科", "收费管理科")),
    ("学生工作处", "处", "科", ("学生管理科", "资助中心", "心理健康教育中心")),
    ("研究生院", "处", "科", ("招生办公室", "培养科", "学位办公室")),
    ("国际交流处", "处", "科", ("外事科", "留学生管理科")),
    ("后勤管理处", "处", "科", ("综合科", "物业管理科", "膳食管理科", "维修中心")),
    ("保卫处", "处", "科", ("治安科", "消防科", "户籍科")),
    ("审计处", "处", "科", ("财务审计科", "工程审计科")),
    ("图书馆", "馆", "部", ("采编部", "流通部", "信息咨询部", "数字资源部")),
    ("药学院", "学院", "系", ("药剂学系", "药物化学系", "药理学系", "药物分析系", "学院办公室")),
    ("临床医学院", "学院", "系", ("内科学系", "外科学系", "诊断学系", "学院办公室")),
    ("基础医学院", "学院", "系", ("解剖学系", "生理学系", "病理学系", "免疫学系")),
    ("公共卫生学院", "学院", "系", ("预防医学系", "卫生检验系", "健康管理系")),
    ("护理学院", "学院", "系", ("基础护理学系", "临床护理学系", "学院办公室")),
    ("中药学院", "学院", "系", ("中药学系", "中药资源系", "中药制药系")),
    ("医药商学院", "学院", "系", ("工商管理系", "市场营销系", "国际经济与贸易系")),
    ("外国语学院", "学院", "系", ("英语系", "日语系", "大学外语教学部")),
    ("信息工程学院", "学院", "系", ("计算机科学系", "软件工程系", "数据科学系")),
    ("化学化工学院", "学院", "系", ("应用化学系", "化学工程系", "制药工程系")),
    ("生命科学学院", "学院", "系", ("生物技术系", "生物工程系", "食品科学系")),
    ("马克思主义学院", "学院", "教研部", ("原理教研部", "概论教研部", "纲要教研部")),
    ("体育部", "部", "教研室", ("公共体育教研室", "运动训练教研室")),
    ("分析测试中心", "中心", "室", ("仪器共享室", "检测室")),
)  # fmt: skip
# Third and fourth levels (name suffix, kind): in teaching and research units, and in offices.
_LOWER_ACADEMIC = (
    (("教研室", "教研室"), ("实验室", "实验室"), ("研究所", "所")),
    (("课题组", "课题组"), ("项目组", "组"), ("实验小组", "组")),
)
_LOWER_OFFICE = (
    (("工作组", "组"), ("专班", "专班"), ("服务站", "站")),
    (("小组", "组"), ("项目组", "组"), ("服务岗", "岗")),
)

# --- terms ----------------------------------------------------------------------------

_END_REASONS = (  # how a term ends before it is over (‰)
    (EndReason.EXCHANGED.value, 300),
    (EndReason.ROTATED.value, 250),
    (EndReason.OTHER.value, 250),  # 提任 (promoted)
    (EndReason.REMOVED.value, 80),
    (EndReason.RESIGNED_VOLUNTARY.value, 60),
    (EndReason.RESIGNED_OFFICIAL.value, 35),
    (EndReason.RESIGNED_ACCOUNTABILITY.value, 15),
    (EndReason.DEMOTED.value, 10),
)
_HOW_APPOINTED = (  # a post's way of appointment (‰)
    (AppointedBy.APPOINTMENT.value, 700),
    (AppointedBy.ENGAGEMENT.value, 200),
    (AppointedBy.ELECTION.value, 100),
)

# --- attendance and ratings -----------------------------------------------------------

SIGN_IN, SIGN_OUT = "签到", "签退"
_RATINGS = (("优秀", 180), ("合格", 795), ("基本合格", 20), ("不合格", 5))  # ‰

_T = TypeVar("_T")


def _table(shares: Iterable[tuple[_T, int]]) -> tuple[tuple[_T, ...], tuple[int, ...]]:
    """A table to draw from: the values and their cumulative shares, from (value, share)."""
    pairs = list(shares)
    return tuple(v for v, _ in pairs), tuple(accumulate(w for _, w in pairs))


def _draw(table: tuple[tuple[str, ...], tuple[int, ...]], roll: float) -> str:
    """The value that ``roll`` (0 ≤ roll < 1) falls on."""
    values, cumulative = table
    return values[bisect(cumulative, roll * cumulative[-1])]


# ======================================================================================
# people
# ======================================================================================


def people(
    n: int,
    *,
    seed: int = 0,
    units: Sequence[str] | None = None,
    start_year: int = 1984,
) -> Iterator[dict[str, object]]:
    """``n`` people rows keyed by the importer's fields; no work begins before ``start_year``."""
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    if start_year > TODAY.year:
        raise ValueError(f"start_year must not be after {TODAY.year}, got {start_year}")
    return islice(_people_rows(seed, units, start_year), n)


def _people_rows(
    seed: int, units: Sequence[str] | None, start_year: int
) -> Iterator[dict[str, object]]:
    """Endless people rows. ``start_year``: no one's records (work, titles) begin before it.

    Each value is a table lookup on a ``random()`` draw, the tables bound to local names
    (this loop is the 1M-row path). The ID number's check character comes from
    precomputed weighted sums (region + birth date + sequence code), and its sequence
    code from a per-call counter for each (birth date, region, gender): unique numbers
    without remembering them.
    """
    roll = random.Random(seed).random
    # units come from a stream of their own: with or without units, the same people
    unit_rng = random.Random(f"units {seed}")
    unit_roll = unit_rng.random
    births = _birth_days()
    n_births = len(births)
    regions, region_sums, n_regions = _REGIONS, _REGION_SUMS, len(_REGIONS)
    seq3, seq_sums, checks = _SEQ3, _SEQ_SUMS, _CHECK
    # codes used per key (birth date, region, gender); each key's codes start at a fixed
    # offset of 0–149 so that they do not all begin at 000/001 (at least 350 left per key)
    used = array("H", bytes(2 * n_births * n_regions * 2))
    surnames, surname_cum = tuple(s for s, _ in _SURNAMES), _SURNAME_CUM
    surname_total = surname_cum[-1]
    givens = (_given_names(male=False), _given_names(male=True))  # (two, one character)
    unit_codes = tuple(units or ())
    unit_cum = tuple(accumulate(unit_rng.paretovariate(1.2) for _ in unit_codes))  # a few big
    unit_total = unit_cum[-1] if unit_cum else 0.0
    educations = _EDUCATION
    education_cum = _EDUCATION_CUM
    no_degree = _table(((Degree.NONE.value, 1),))
    degrees = [_table(_DEGREES[e[0]]) if e[0] in _DEGREES else no_degree for e in educations]
    careers = [_CAREERS.get(e[0]) for e in educations]
    status_young, status_older = _table(_STATUS_YOUNG), _table(_STATUS_OLDER)
    series = [  # by education: the titles open to it, and their shares
        _table((names, share) for share, lowest, names in _TITLE_SERIES if level <= lowest)
        for level in range(len(educations))
    ]
    levels = _LEVELS
    year, promoted = _YEAR, _PROMOTED
    floor = date(start_year, 1, 1).toordinal()
    today = TODAY.toordinal()
    genders = (Gender.FEMALE.value, Gender.MALE.value)
    fromordinal = date.fromordinal
    july_first = [date(y + 1, 7, 1).toordinal() for y in range(TODAY.year + 40)]  # by year - 1
    while True:
        male = roll() < 0.53
        # born: the mean of two uniform draws, so few are 22 or 60 and most in between
        index = int((roll() + roll()) * 0.5 * n_births)
        birth, born, birth_digits, birth_sum, age, single_share = births[index]
        # the ID number: region, birth date, a sequence code of the gender's parity, check
        region = int(roll() * n_regions)
        key = ((index * n_regions + region) << 1) | male
        half = (key * 2654435761 >> 12) % 150 + used[key]
        tries = 1
        while half >= 500:  # this key's codes are used up: the next region
            if tries == n_regions:  # pragma: no cover — needs 7,000+ born on one day
                raise RuntimeError(f"more people born on {birth} than sequence codes")
            region = (region + 1) % n_regions
            key = ((index * n_regions + region) << 1) | male
            half = (key * 2654435761 >> 12) % 150 + used[key]
            tries += 1
        used[key] += 1
        sequence = 2 * half + male
        id_number = (
            regions[region]
            + birth_digits
            + seq3[sequence]
            + checks[(region_sums[region] + birth_sum + seq_sums[sequence]) % 11]
        )
        # the name: a surname by frequency and one or two given characters (a third have
        # one among those born 1975–1995, a fifth otherwise)
        given = givens[male][roll() < single_share]
        name = (
            surnames[bisect(surname_cum, roll() * surname_total)] + given[int(roll() * len(given))]
        )
        # education fits the age (a 23-year-old is no doctor); the degree fits the education
        level = bisect(education_cum, roll() * 1000)
        while educations[level][2] > age:
            level += 1
        education, _, _, work_age = educations[level]
        values, cumulative = degrees[level]
        degree = values[bisect(cumulative, roll() * cumulative[-1])]
        values, cumulative = status_young if age <= 28 else status_older
        status = values[bisect(cumulative, roll() * cumulative[-1])]
        # work begins on leaving school: mostly on 1 July, else on any day
        began = born + int((work_age + roll() * 1.5) * year)
        if roll() < 0.7:
            began = july_first[int(began / year)]  # of its year (± a day at New Year)
        latest = today - int(roll() * 90)
        if began > latest:
            began = latest
        if began < floor:
            began = floor
        # a title: its level by the years since work began, its date that of the last step
        title = title_level = title_date = None
        career = careers[level]
        if career is not None and roll() < career[0]:
            _, rank, first_years, next_years, top = career
            when = began + int(first_years * (0.8 + roll() * 0.8) * year)
            if when <= today:
                for years in next_years[: top - rank]:
                    step = when + int(years * (0.85 + roll() * 0.7) * year)
                    if step > today or roll() > promoted:
                        break
                    when, rank = step, rank + 1
                titles, title_shares = series[level]
                names = titles[bisect(title_shares, roll() * title_shares[-1])]
                title, title_level = names[3 - rank], levels[rank]
                title_date = fromordinal(when)  # after work began: first_years ≥ 0.3
        yield {
            "name": name,
            "gender": genders[male],
            "birth_date": birth,
            "id_number": id_number,
            "unit": unit_codes[bisect(unit_cum, unit_roll() * unit_total)]
            if unit_codes and unit_roll() >= 0.01
            else None,
            "education": education,
            "degree": degree,
            "political_status": status,
            "title": title,
            "title_level": title_level,
            "title_date": title_date,
            "employment_start": fromordinal(began),
        }


def write_csv(
    path: Path | str, rows: Iterable[Mapping[str, object]], columns: Sequence[Column]
) -> int:
    """Write ``rows`` (each with every column's field) as UTF-8 CSV under the Chinese headers."""
    cells = itemgetter(*(c.field for c in columns))
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.header_zh for c in columns])
        writerow = writer.writerow
        for row in rows:  # csv writes None as an empty cell and a date as 2024-03-05
            writerow(cells(row))
            count += 1
    return count


def write_people_csv(
    path: Path | str, n: int, *, seed: int = 0, units: Sequence[str] | None = None
) -> int:
    """Write :func:`people` rows as a CSV that ``zhidu import people`` accepts; return the count."""
    return write_csv(path, people(n, seed=seed, units=units), PEOPLE_COLUMNS)


# ======================================================================================
# units
# ======================================================================================


def org_tree(n_units: int, *, seed: int = 0) -> list[dict[str, object]]:
    """``n_units`` units (code, name, kind, parent) two to four levels deep, parents first."""
    if n_units < 0:
        raise ValueError(f"n_units must be at least 0, got {n_units}")
    rng = random.Random(seed)
    # about √n top-level units, and a second level as soon as there are two units
    n_top = min(n_units, max(1, min(n_units - 1, round(math.sqrt(n_units) * 0.9))))
    parent = [-1] * n_top
    depth = [0] * n_top
    may_have_children: list[list[int]] = [list(range(n_top)), [], []]  # by depth 0–2
    for i in range(n_top, n_units):
        # mostly under a top-level unit, some a level or two further down
        roll = rng.random()
        wanted = 0 if i == n_top or roll < 0.6 else 1 if roll < 0.9 else 2
        while not may_have_children[wanted]:
            wanted -= 1
        candidates = may_have_children[wanted]
        parent.append(candidates[int(rng.random() * len(candidates))])
        depth.append(wanted + 1)
        if wanted + 1 < 3:
            may_have_children[wanted + 1].append(i)
    children: list[list[int]] = [[] for _ in range(n_units)]
    for i in range(n_top, n_units):
        children[parent[i]].append(i)
    # names and codes, depth first, so that each parent comes just before its units
    first_department = int(rng.random() * len(_DEPARTMENTS))
    department = [0] * n_units  # the index in _DEPARTMENTS of each unit's top-level unit
    code = [""] * n_units
    name = [""] * n_units  # as recorded: unique
    base_name = [""] * n_units  # before being made unique: what sub-units are named after
    taken: dict[str, int] = {}
    units: list[dict[str, object]] = []
    stack = list(reversed(range(n_top)))
    while stack:
        i = stack.pop()
        above = parent[i]
        if above < 0:
            department[i] = (first_department + i) % len(_DEPARTMENTS)
            base, kind, *_ = _DEPARTMENTS[department[i]]
            code[i] = f"u{i + 1}"
        else:
            department[i] = department[above]
            position = children[above].index(i)
            base, kind = _sub_unit(department[i], depth[i], position, base_name[above], rng)
            code[i] = f"{code[above]}-{position + 1}"
        base_name[i] = base
        top_name = "" if above < 0 else _DEPARTMENTS[department[i]][0]
        name[i] = _unique(base, taken, top_name)
        units.append(
            {"code": code[i], "name": name[i], "kind": kind,
             "parent": code[above] if above >= 0 else None}
        )  # fmt: skip
        stack.extend(reversed(children[i]))
    return units


_MORE_SUBUNITS = ("综合办公室", "规划发展室", "质量管理室", "信息服务室", "事务中心")
_UNIT_ENDINGS = ("教研室", "实验室", "研究所", "工作组", "服务站", "办公室", "中心", "专班",
                 "系", "科", "部", "室")  # fmt: skip
_ACADEMIC_ENDINGS = ("系", "教研部", "教研室", "实验室", "研究所")


def _sub_unit(
    department: int, level: int, position: int, parent_name: str, rng: random.Random
) -> tuple[str, str]:
    """A sub-unit's name (before making it unique) and kind."""
    if level == 1:  # the department's usual sub-units, then general ones
        _, _, kind, usual = _DEPARTMENTS[department]
        if position < len(usual):
            base = usual[position]
        else:
            base = _MORE_SUBUNITS[(position - len(usual)) % len(_MORE_SUBUNITS)]
        return base, next((e for e in _UNIT_ENDINGS if base.endswith(e)), kind)
    # below: 药剂学系 → 药剂学教研室, 药剂学实验室 …; then 药剂学课题组 …
    academic = parent_name.endswith(_ACADEMIC_ENDINGS)
    lower = _LOWER_ACADEMIC if academic else _LOWER_OFFICE
    suffix, kind = lower[level - 2][int(rng.random() * 3)]
    stem = parent_name
    for ending in _UNIT_ENDINGS:
        if stem.endswith(ending) and len(stem) > len(ending):
            stem = stem[: -len(ending)]
            break
    return stem + suffix, kind


def _unique(name: str, taken: dict[str, int], prefix: str = "") -> str:
    """``name`` if free, else ``prefix + name`` (学院办公室 → 药学院学院办公室), else numbered."""
    for candidate in (name, prefix + name) if prefix else (name,):
        if candidate not in taken:
            taken[candidate] = 1
            return candidate
    base = prefix + name
    count = taken[base] + 1
    while f"{base}{count}" in taken:
        count += 1
    taken[base] = count
    taken[f"{base}{count}"] = 1
    return f"{base}{count}"


# ======================================================================================
# terms of office
# ======================================================================================


def terms(
    people_ids: Sequence[str],
    post_ids: Sequence[str] | Mapping[str, int],
    *,
    seed: int = 0,
    since: date = date(2008, 1, 1),
) -> Iterator[dict[str, object]]:
    """Term rows (TERM_COLUMNS fields) for posts by code, people by ID number, since ``since``."""
    # ``post_ids`` maps each post code to its headcount (a plain sequence: one seat each).
    # Each seat is held by one person at a time, for 3–5 years (the post's term) or less
    # when they leave early or retire at 60; a second term for the same person follows the
    # first the next day. Nobody holds two posts at once, and everybody is 22 or older at
    # the start. A seat stays vacant while no one is free. Ordered by post, seat and start.
    rng = random.Random(seed)
    roll = rng.random
    end_reasons, appointments = _table(_END_REASONS), _table(_HOW_APPOINTED)
    headcounts = dict(post_ids) if isinstance(post_ids, Mapping) else dict.fromkeys(post_ids, 1)
    born = [date(int(p[6:10]), int(p[10:12]), int(p[12:14])).toordinal() for p in people_ids]
    free_from = [0] * len(people_ids)  # the first day each person is free
    today = TODAY.toordinal()
    forever = date.max.toordinal()
    blank = dict.fromkeys(c.field for c in TERM_COLUMNS)
    for post, headcount in headcounts.items():
        term_years = 3 if roll() < 0.3 else 4 if roll() < 0.6 else 5
        how = _draw(appointments, roll())
        for _ in range(headcount):
            start = since.toordinal() + int(roll() * 2 * _YEAR)
            previous = -1  # the seat's last holder, who may serve a second term
            while start <= today:
                chosen, again = _holder(rng, start, previous, born, free_from)
                if chosen < 0:
                    start += 30 + int(roll() * 150)  # nobody free: vacant for a while
                    previous = -1
                    continue
                full = _add_years(start, term_years) - 1
                retire = _add_years(born[chosen], 60) - 1  # the last day before turning 60
                if roll() < 0.25:  # leaves before the term is over
                    end = start + int((0.3 + roll() * 0.6) * term_years * _YEAR)
                    reason = _draw(end_reasons, roll())
                else:
                    end, reason = full, EndReason.TERM_EXPIRED.value
                if retire <= end:
                    end, reason = retire, EndReason.RETIRED.value
                new = not again
                row = dict(blank)
                row.update(
                    post=post,
                    id_number=people_ids[chosen],
                    start=date.fromordinal(start),
                    appointed_by=how,
                    probation_end=date.fromordinal(_add_years(start, 1) - 1)
                    if new and how == AppointedBy.APPOINTMENT.value and roll() < 0.4
                    else None,
                    note="连任" if again else None,
                )
                if end < today:
                    row.update(end=date.fromordinal(end), end_reason=reason)
                    if reason == EndReason.OTHER.value:
                        row["note"] = "提任"
                    free_from[chosen] = end + 1
                else:
                    free_from[chosen] = forever
                yield row
                if end >= today:
                    break
                if reason == EndReason.TERM_EXPIRED.value and not again and roll() < 0.5:
                    previous, start = chosen, end + 1  # re-appointed for a second term
                else:
                    previous, start = -1, end + 1 + int(roll() * 120)


def _holder(
    rng: random.Random, start: int, previous: int, born: list[int], free_from: list[int]
) -> tuple[int, bool]:
    """Someone free and aged 22–56 on ``start`` (the previous holder if given): (index, again)."""
    if previous >= 0:
        return previous, True
    if not born:
        return -1, False
    for _ in range(24):
        i = int(rng.random() * len(born))
        age = (start - born[i]) / _YEAR
        if free_from[i] <= start and 22 <= age < 56:
            return i, False
    return -1, False


def _add_years(ordinal: int, years: int) -> int:
    """The ordinal of the same day ``years`` later (28 February for 29 February)."""
    day = date.fromordinal(ordinal)
    try:
        return day.replace(year=day.year + years).toordinal()
    except ValueError:
        return date(day.year + years, 2, 28).toordinal()


# ======================================================================================
# attendance
# ======================================================================================


def sign_ins(
    n_people: int, days: int, *, seed: int = 0, start: date = date(2026, 1, 1)
) -> Iterator[tuple[int, datetime, str]]:
    """(person index, time, 签到/签退) on the first ``days`` working days from ``start``."""
    # Office hours 08:30–17:30. Most arrive in the half hour before and leave within the
    # hour after; each person has their own habit of being late (a few often are) and of
    # leaving early; about 2 % of person-days are absences (leave, sickness) without any
    # event, and about 1 % lack the sign-out. Ordered by day, then person.
    rng = random.Random(seed)
    roll = rng.random
    late = [0.15 if roll() < 0.08 else 0.02 for _ in range(n_people)]  # chance of being late
    early = [0.10 if roll() < 0.05 else 0.015 for _ in range(n_people)]
    seconds = _seconds()
    open_at, close_at = 8 * 3600 + 30 * 60, 17 * 3600 + 30 * 60
    for day in islice(_working_days(start), days):
        midnight = datetime(day.year, day.month, day.day)
        for person in range(n_people):
            if roll() < 0.02:
                continue  # absent
            if roll() < late[person]:
                arrive = open_at + 60 + min(int(rng.expovariate(1 / 900.0)), 7200)
            else:
                arrive = open_at - int(roll() * 1800)
            yield person, midnight + seconds[arrive], SIGN_IN
            if roll() < 0.01:
                continue  # forgot to sign out
            if roll() < early[person]:
                leave = close_at - 60 - int(roll() * 3600)
            else:
                leave = close_at + int(roll() * roll() * 3600)
            yield person, midnight + seconds[leave], SIGN_OUT


@cache
def _seconds() -> tuple[timedelta, ...]:
    """A timedelta for each second of a day (adding one is far cheaper than making one)."""
    return tuple(timedelta(seconds=s) for s in range(86400))


def _working_days(start: date) -> Iterator[date]:
    """Working days from ``start`` on: the State Council's calendar, else Monday–Friday."""
    day = start
    while True:
        official = official_workday(day)
        if official if official is not None else day.weekday() < 5:
            yield day
        day += timedelta(days=1)


# ======================================================================================
# ballots
# ======================================================================================


def ballots(
    n: int, candidates: Sequence[str], seats: int, *, seed: int = 0
) -> Iterator[dict[str, str]]:
    """``n`` ballots, each marking every candidate ✓/×/△; some write-ins, a few invalid."""
    # Candidates have their own popularity; a ballot lists them in the given order, then
    # any write-ins. A valid ballot has at most ``seats`` ✓; about 3 % of ballots write
    # in a name (from a small pool, so write-ins recur) in place of a candidate, and
    # about 2 % are invalid, with more ✓ than seats.
    if seats < 1:
        raise ValueError(f"seats must be at least 1, got {seats}")
    rng = random.Random(seed)
    roll = rng.random
    popularity = [0.2 + roll() * 1.6 for _ in candidates]
    names = people(12, seed=seed + 7919)
    write_ins = [str(p["name"]) for p in names if p["name"] not in candidates]
    for _ in range(n):
        # weighted order of preference (Efraimidis–Spirakis): roll^(1/weight), highest first
        order = sorted(
            range(len(candidates)), key=lambda i: roll() ** (1 / popularity[i]), reverse=True
        )
        invalid = roll() < 0.02
        writes_in = bool(write_ins) and roll() < 0.03
        if invalid:
            n_for = seats + 1 + int(roll() * 2)
        else:
            n_for = seats if roll() < 0.8 else int(roll() * seats)
        n_for = max(0, min(n_for - writes_in, len(candidates)))
        chosen = set(order[:n_for])
        ballot = {  # in the ballot's printed order
            name: FOR if i in chosen else AGAINST if roll() < 0.6 else ABSTAIN
            for i, name in enumerate(candidates)
        }
        if writes_in:
            ballot[write_ins[int(roll() * len(write_ins))]] = FOR
        if invalid:  # too few candidates to over-vote: write in more names
            spare = (w for w in [*write_ins, *(f"另选{k}" for k in range(1, seats + 2))])
            while sum(mark == FOR for mark in ballot.values()) <= seats:
                name = next(spare)
                if name not in ballot:
                    ballot[name] = FOR
        yield ballot


# ======================================================================================
# professional-title applicants
# ======================================================================================


# Years needed at the current level (of work, without a title) to apply for the next.
_YEARS_NEEDED = {
    TitleLevel.JUNIOR.value: {Education.MASTERS.value: 0, Education.BACHELOR.value: 1,
                              Education.JUNIOR_COLLEGE.value: 3, Education.HIGH_SCHOOL.value: 5},
    TitleLevel.INTERMEDIATE.value: {Education.DOCTORAL.value: 0, Education.MASTERS.value: 2,
                                    Education.BACHELOR.value: 4},
    TitleLevel.DEPUTY_SENIOR.value: {Education.DOCTORAL.value: 2},
    TitleLevel.FULL_SENIOR.value: {},
}  # fmt: skip
_YEARS_USUALLY = {TitleLevel.INTERMEDIATE.value: 5, TitleLevel.DEPUTY_SENIOR.value: 5}
_SHORT_RATINGS = ("基本合格", "不合格")


def applicants(n: int, *, seed: int = 0) -> Iterator[dict[str, object]]:
    """``n`` professional-title applicants: person fields plus level, years and ratings."""
    # ``applied_level`` is the level above the current one (初级, or 中级 for a doctor,
    # without one); ``years_of_service`` counts full years since work began, on TODAY;
    # ``annual_ratings`` are the last five years' (fewer after fewer years of work),
    # oldest first. Most apply about when
    # they have the years; some (about one in five) are not eligible by eligible(): too
    # few years at the current level, or the last rating 不合格.
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    roll = random.Random(f"applicants {seed}").random  # not the people's own stream
    rows = _people_rows(seed, None, 1984)
    rating_table = _table(_RATINGS)
    made = 0
    while made < n:
        person = next(rows)
        level, education = person["title_level"], str(person["education"])
        if level == TitleLevel.FULL_SENIOR.value or education not in _CAREERS:
            continue  # nothing above to apply for, or without the schooling for a title
        if level is None:
            doctor = education == Education.DOCTORAL.value
            applied = TitleLevel.INTERMEDIATE.value if doctor else TitleLevel.JUNIOR.value
        else:
            applied = _LEVELS[_LEVELS.index(str(level)) + 1]
        began = person["employment_start"]
        assert isinstance(began, date)
        since = person["title_date"] or began
        assert isinstance(since, date)
        short = _needed(applied, education) - _full_years(since, TODAY)
        if (short > 1 or short < -8) and roll() < 0.85:
            continue  # most apply about when they have the years, not long before or after
        made += 1
        service = _full_years(began, TODAY)
        yield person | {
            "current_title_level": level,
            "current_title_date": person["title_date"],
            "applied_level": applied,
            "years_of_service": service,
            "annual_ratings": [_draw(rating_table, roll()) for _ in range(min(5, service))],
        }


def eligible(applicant: Mapping[str, object]) -> bool:
    """Whether an :func:`applicants` row has the years for the level applied for."""
    # A simplification of professional-title-review.txt 第十一条: each 基本合格 or 不合格
    # year among the last five does not count, and a 不合格 last year bars applying.
    ratings = applicant["annual_ratings"]
    assert isinstance(ratings, list)
    if ratings and ratings[-1] == "不合格":
        return False
    since = applicant["current_title_date"] or applicant["employment_start"]
    assert isinstance(since, date)
    counted = _full_years(since, TODAY) - sum(r in _SHORT_RATINGS for r in ratings)
    return counted >= _needed(str(applicant["applied_level"]), str(applicant["education"]))


def _needed(applied: str, education: str) -> int:
    """Years at the current level needed to apply for ``applied`` with ``education``."""
    return _YEARS_NEEDED[applied].get(education, _YEARS_USUALLY.get(applied, 5))


def _full_years(first: date, last: date) -> int:
    """Whole years from ``first`` to ``last``."""
    return last.year - first.year - ((last.month, last.day) < (first.month, first.day))


# ======================================================================================
# command line
# ======================================================================================


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.generate {people,units,applicants} N OUT.csv``: write and time it."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=("people", "units", "applicants"))
    parser.add_argument("n", type=int, help="how many rows")
    parser.add_argument("out", type=Path, help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--units", type=int, default=0, help="people: spread over this many units of org_tree"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.kind == "people":
        codes = [str(u["code"]) for u in org_tree(args.units, seed=args.seed)] or None
        count = write_people_csv(args.out, args.n, seed=args.seed, units=codes)
    elif args.kind == "units":
        count = write_csv(args.out, org_tree(args.n, seed=args.seed), UNIT_COLUMNS)
    else:
        columns = [*PEOPLE_COLUMNS, *(
            Column(field, header, header) for field, header in (
                ("current_title_level", "现职称级别"), ("current_title_date", "取得现职称时间"),
                ("applied_level", "申报级别"), ("years_of_service", "工作年限"),
                ("annual_ratings", "近五年年度考核"),
            )
        )]  # fmt: skip
        count = write_csv(args.out, _ratings_joined(applicants(args.n, seed=args.seed)), columns)
    seconds = time.perf_counter() - started
    rate = count / seconds if seconds > 0 else float("inf")
    print(f"{count} {args.kind} rows to {args.out} in {seconds:.2f} s ({rate:,.0f} rows/s)")
    return 0


def _ratings_joined(rows: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    """Applicants with their ratings in one cell: 合格、优秀、合格、合格、合格."""
    for row in rows:
        ratings = row["annual_ratings"]
        assert isinstance(ratings, list)
        yield row | {"annual_ratings": "、".join(ratings)}


if __name__ == "__main__":
    sys.exit(main())
