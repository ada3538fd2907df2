"""The attendance plugin's demo rows for ``hongtudi`` (东川区红土地镇): the sign-in sheet of
its staff from 2026-08-03 to 2026-11-20 (the day before the demo's AS_OF), recorded in
one batch through ``services.record_events`` (one audit entry).

Everyone who holds a post on a working day (the official calendar: the 调休 Sunday
2026-09-20 and Saturday 2026-10-10 are worked, 国庆 and 中秋 2026-10-01…07 are not) signs
in between 08:00 and 08:29 and out between 17:30 and 18:10 — seeded, so every load is the
same. Planted, against the default hours 08:30–17:30 and limits 2 a week, 10 a month:

* 周敏 is late on 10-12, 10-13 and 10-14: 3 in one week — a 诫勉谈话 in October.
* 孙海 has 11 in October (late 10-08/09/10, 10-12/13, 10-19/20, 10-26/27, early 10-14
  and 10-28): three weeks over 2 and a 通报批评 for the month.
* 段红梅 is exactly at both limits in September: 2 in each of its five weeks (one of them
  early on the 调休 Sunday 09-20), 10 in the month — no finding; her two on 09-28/29 fall
  in the week of Thursday 10-01, judged in October, where 2 is again no finding.
* 罗光明 is late on 09-28, 09-29 and 09-30: September counts them in its month (3, no
  finding), the week belongs to October (its Thursday is 10-01) — a 诫勉谈话 there.
* 陈永 does not sign on 10-15 and 10-16, 赵德明 not on the 调休 Saturday 10-10: 未签到
  days (no leave is recorded, so not 旷工).
* 马春燕 signs in at 09:12 on 10-22, after the window (签到时间为上班前后半小时).
* 高翔 forgets to sign out on 10-20; 刘丽 (who keeps the attendance) signs in on the
  holiday 10-03 for 值班 — neither counts against anyone.

``zhidu check --org hongtudi`` on 2026-11-21 shows October's findings;
``zhidu attendance report --month 2026-09 --org hongtudi`` shows September's.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from core.api import Action, CheckContext, Context, org_row
from plugins.attendance import rules, services

FIRST = date(2026, 8, 3)
LAST = date(2026, 11, 20)
SEED = 20261121

H = 3600
M = 60

#: (name, day) → (签到 second or None, 签退 second or None): the planted days.
PLANTED: dict[tuple[str, date], tuple[int | None, int | None]] = {}


def _plant(name: str, day: str, sign_in: int | None, sign_out: int | None) -> None:
    PLANTED[(name, date.fromisoformat(day))] = (sign_in, sign_out)


for _day, _at in (("2026-10-12", 8 * H + 41 * M), ("2026-10-13", 8 * H + 52 * M),
                  ("2026-10-14", 8 * H + 37 * M)):  # fmt: skip
    _plant("周敏", _day, _at, 17 * H + 45 * M)
for _day in ("2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13",
             "2026-10-19", "2026-10-20", "2026-10-26", "2026-10-27"):  # fmt: skip
    _plant("孙海", _day, 8 * H + 46 * M, 17 * H + 40 * M)
for _day in ("2026-10-14", "2026-10-28"):
    _plant("孙海", _day, 8 * H + 20 * M, 16 * H + 55 * M)
for _day in ("2026-09-01", "2026-09-07", "2026-09-08", "2026-09-15", "2026-09-22",
             "2026-09-23", "2026-09-28", "2026-09-29"):  # fmt: skip
    _plant("段红梅", _day, 8 * H + 35 * M, 17 * H + 35 * M)
for _day in ("2026-09-02", "2026-09-20"):
    _plant("段红梅", _day, 8 * H + 15 * M, 17 * H + 5 * M)
for _day in ("2026-09-28", "2026-09-29", "2026-09-30"):
    _plant("罗光明", _day, 8 * H + 48 * M, 17 * H + 50 * M)
for _day in ("2026-10-15", "2026-10-16"):
    _plant("陈永", _day, None, None)
_plant("赵德明", "2026-10-10", None, None)
_plant("马春燕", "2026-10-22", 9 * H + 12 * M, 17 * H + 45 * M)
_plant("高翔", "2026-10-20", 8 * H + 10 * M, None)

#: Sign-ins on days off: (name, day, second).
HOLIDAY_DUTY = (("刘丽", date(2026, 10, 3), 9 * H),)


def load(ctx: Context, org_code: str) -> None:
    """Record the demo's sheet for ``org_code`` (``hongtudi``)."""
    org = org_row(ctx, org_code, Action.READ)
    check = CheckContext(ctx, org, LAST)
    people = {p.id: p.name for p in check.people}
    terms = check.terms
    rng = random.Random(SEED)
    last = min(LAST, ctx.today() - timedelta(days=1))
    events: list[tuple[int, date, int, rules.Kind]] = []
    day = FIRST
    while day <= last:
        if check.calendar.is_workday(day):
            serving = sorted(
                {t.person_id for t in terms if t.start <= day and (t.end is None or t.end >= day)}
            )
            for pid in serving:
                usual = (8 * H + rng.randint(0, 29 * M), 17 * H + 30 * M + rng.randint(0, 40 * M))
                sign_in, sign_out = PLANTED.get((people[pid], day), usual)
                if sign_in is not None:
                    events.append((pid, day, sign_in, rules.Kind.SIGN_IN))
                if sign_out is not None:
                    events.append((pid, day, sign_out, rules.Kind.SIGN_OUT))
        day += timedelta(days=1)
    by_name = {name: pid for pid, name in people.items()}
    for name, on, second in HOLIDAY_DUTY:
        if on <= last and name in by_name:
            events.append((by_name[name], on, second, rules.Kind.SIGN_IN))
    services.record_events(ctx, org_code, events, source="demo")
