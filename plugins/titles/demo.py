"""The titles plugin's demo rows for ``ahrs`` (安徽省人力资源和社会保障厅): the 2026
applications of the applicants core/demo_data.py plants, their 年度考核 and one title
revoked for fraud, so that the screening (``zhidu titles screen --year 2026 --org ahrs``)
and ``zhidu check --org ahrs`` find each planted case:

- 潘宏 转评 工程→经济 at 中级, in the new post since 2026-03-15: one year only on
  2027-03-15 (第三十四条) — not eligible this year.
- 秦川 大学专科, 高级工程师 破格 (第三十九条): no 人社部门 consent recorded yet, so he may not
  go to review (第四十条) — ``zhidu titles consent`` records it.
- 阮思远 博士 since July 2025: a first 中级 by 初次认定 (第六十条) — eligible.
- 单国庆 retired on 2024-10-31 and re-employed: barred (第六十五条).
- 许文静, a civil servant with an engineer's title: barred (第六十五条).
- 梁晨 中级 since 2020-12-20, 基本合格 in 2023 (his record's ``annual_reviews``): that
  year is deducted (第十一条), leaving exactly five years on 2026-12-20 — eligible for
  副高级 by the 12-31 cut-off, one of five years short on the day the demo is written.
- 温佳 副高级 since 2015-12-20 applies for 正高级 — eligible (her husband 葛永明 sits on
  the committee: 回避 at review, 第五十条, is not part of this slice).
- 石磊's 高级工程师 was revoked for fraud on 2023-10-20 (his record's ``sanction``): no
  application before 2028-10-20 (第五十三条).

From the records: the people, their titles, dates and planted situations. Invented: the
series (工程, 经济), the application day 2026-09-15, every 年度考核 other than 梁晨's
(合格, with 优秀 in 2022), and that every education's subject matches the series.
丁雅琴's 异地职称确认 (第四十二至四十九条) is not an application: not recorded here.
"""

from __future__ import annotations

from datetime import date

from core.api import Action, CheckContext, Context, org_row
from plugins.titles import services

YEAR = 2026
APPLIED_ON = date(2026, 9, 15)

#: name → (series, level, kind, current series, 破格, post changed on)
APPLICATIONS: dict[str, tuple[str, str, str, str | None, bool, str | None]] = {
    "许文静": ("工程", "副高级", "评审", "工程", False, None),
    "潘宏": ("经济", "中级", "转评", "工程", False, "2026-03-15"),
    "秦川": ("工程", "副高级", "评审", "工程", True, None),
    "阮思远": ("工程", "中级", "初次认定", None, False, None),
    "单国庆": ("工程", "正高级", "评审", "工程", False, None),
    "温佳": ("工程", "正高级", "评审", "工程", False, None),
    "梁晨": ("工程", "副高级", "评审", "工程", False, None),
    "石磊": ("工程", "副高级", "评审", "工程", False, None),
}
FRAUD = ("石磊", date(2023, 10, 20), "因论文弄虚作假撤销高级工程师资格")


def load(ctx: Context, org_code: str) -> None:
    check = CheckContext(ctx, org_row(ctx, org_code, Action.READ), APPLIED_ON)
    people = {p.name: p for p in check.people}
    for name, (series, level, kind, current, exceptional, changed) in APPLICATIONS.items():
        person = people[name]
        services.apply(
            ctx, org_code, person.id, year=YEAR, level=level, series=series, kind=kind,
            current_series=current, exceptional=exceptional, post_changed_on=changed,
            on=APPLIED_ON,
        )  # fmt: skip
        recorded = person.extra.get("annual_reviews") or {}
        began = person.title_date or person.employment_start
        assert began is not None
        # the years since the title (or work) began, the last ten at most, and the year
        # before the application even for one who began in it (阮思远, July 2025)
        for year in range(max(min(began.year + 1, YEAR - 1), YEAR - 10), YEAR):
            grade = recorded.get(str(year)) or ("优秀" if year == 2022 else "合格")
            services.rate(ctx, org_code, person.id, year=year, grade=grade)
    name, revoked, note = FRAUD
    services.record_fraud(ctx, org_code, people[name].id, revoked_on=revoked, note=note)
