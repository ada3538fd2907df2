"""The attendance scenario: the monthly discipline report over millions of sign-ins.

**monthly discipline report** — a fresh deployment whose organization enabled the
``attendance`` plugin holds ``people`` people and about ``sign_ins`` sign-ins of theirs
(:func:`bench.generate.sign_ins`: working days from 2026-01-01, late and early habits per
person), loaded as setup with the driver's ``executemany`` in big chunks inside one
transaction (not timed; its seconds are in the note). Timed: zhidu's report service for
one month (``services.report`` — permission, the organization's parameters and working
calendar, the count in SQL by person and ISO week, people and terms, the thresholds
applied by the pure rules to every person, findings with their clauses) against the
baseline: ONE hand-written SQL aggregation on the raw driver over the same table of the
same database — per person the days signed in, the days late and the days leaving early
in that month — fetched whole. Both run warm, interleaved, ``runs`` times each; the
medians are compared. The scenario checks that both give the same counts.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from datetime import date
from itertools import islice
from typing import Any

from bench.scenarios import Measurement, take_turns
from bench.targets import Target

__all__ = ["BASELINE_SQL", "discipline_report_scenario"]

BASELINE_SQL = """
    WITH daily AS (
        SELECT person_id, day,
               MIN(CASE WHEN kind = 1 THEN second_of_day END) AS first_in,
               MAX(CASE WHEN kind = 2 THEN second_of_day END) AS last_out
        FROM attendance_sign_in
        WHERE org_id = {p} AND day >= {p} AND day <= {p}
        GROUP BY day, person_id
    )
    SELECT person_id,
           COUNT(first_in),
           SUM(CASE WHEN first_in > {p} THEN 1 ELSE 0 END),
           SUM(CASE WHEN last_out < {p} THEN 1 ELSE 0 END)
    FROM daily
    GROUP BY person_id
"""

_CHUNK = 200_000
_START = date(2026, 1, 1)


def _month_of(last_day: date) -> tuple[int, int]:
    """March 2026 (22 working days, no holiday) when the data covers it, else January."""
    return (2026, 3) if last_day >= date(2026, 3, 31) else (2026, 1)


def _many(target: Target, cursor: Any, insert: str) -> Callable[[list[Any]], None]:
    """The driver's fastest many-row insert: SQLite's ``executemany``; psycopg2's
    ``execute_values`` (multi-row VALUES pages; its ``executemany`` is a round trip a row)."""
    if target.kind == "sqlite":
        return lambda rows: cursor.executemany(insert, rows)
    from psycopg2.extras import execute_values

    values = insert[: insert.index("VALUES")] + "VALUES %s"
    return lambda rows: execute_values(cursor, values, rows, page_size=10_000)


def _load(target: Target, url: str, org_id: int, people: int, sign_ins: int) -> tuple[int, date]:
    """Insert the people and the sign-ins with the raw driver; (person id offset, last day)."""
    from bench.generate import sign_ins as generate

    raw = target.raw(url)
    p = target.param
    cursor = raw.cursor()
    target.begin(raw)
    cursor.execute("SELECT COALESCE(MAX(id), 0) FROM person")
    offset = int(cursor.fetchone()[0])
    cursor.executemany(
        "INSERT INTO person (id, org_id, name, gender, birth_date) "
        f"VALUES ({p}, {p}, {p}, {p}, {p})",
        [(offset + i + 1, org_id, f"员工{i:05d}", "男", "1985-01-01") for i in range(people)],
    )
    days = math.ceil(sign_ins / (1.9 * people)) + 1
    insert = (
        "INSERT INTO attendance_sign_in (org_id, person_id, day, second_of_day, kind) "
        f"VALUES ({p}, {p}, {p}, {p}, {p})"
    )
    kinds = {"签到": 1, "签退": 2}
    many = _many(target, cursor, insert)
    chunk: list[tuple[int, int, str, int, int]] = []
    last = _START
    iso: dict[date, str] = {}
    for person, when, kind in islice(generate(people, days, seed=people), sign_ins):
        day = when.date()
        text = iso.get(day)
        if text is None:
            text = iso[day] = day.isoformat()
            last = day
        chunk.append(
            (org_id, offset + person + 1, text,
             when.hour * 3600 + when.minute * 60 + when.second, kinds[kind])
        )  # fmt: skip
        if len(chunk) >= _CHUNK:
            many(chunk)
            chunk.clear()
    if chunk:
        many(chunk)
    target.commit(raw)
    raw.close()
    target.settle(url, "person", "attendance_sign_in")
    return offset, last


def discipline_report_scenario(
    target: Target, people: int = 10_000, sign_ins: int = 5_000_000, runs: int = 5
) -> Measurement:
    """Time zhidu's monthly report against one hand-written aggregation (module doc)."""
    from core.services.orgs import create_org
    from core.services.plugins import enable_plugin
    from plugins.attendance import rules, services

    ctx, url, _ = target.deployment("attendance")
    create_org(ctx, "town", "某镇人民政府", "government")
    enable_plugin(ctx, "town", "attendance")
    org_id = int(ctx.database.execute_sql(
        f"SELECT id FROM organization WHERE code = {ctx.database.param}", ("town",)
    ).fetchone()[0])  # fmt: skip
    ctx.database.close()
    started = time.perf_counter()
    _, last = _load(target, url, org_id, people, sign_ins)
    setup = time.perf_counter() - started
    year, month = _month_of(last)
    label = f"{year}-{month:02d}"
    first_day, last_day = rules.month_span(year, month)

    raw = target.raw(url)
    p = target.param
    statement = BASELINE_SQL.format(p=p)
    params = (
        org_id,
        first_day.isoformat(),
        last_day.isoformat(),
        8 * 3600 + 30 * 60,
        17 * 3600 + 30 * 60,
    )

    def baseline() -> list[Any]:
        cursor = raw.cursor()
        cursor.execute(statement, params)
        rows = cursor.fetchall()
        if target.kind == "postgresql":
            raw.rollback()
        return rows

    def ours() -> Any:
        return services.report(ctx, "town", label)

    baseline()  # warm both: the same pages of the same file
    ours()
    base_times, rows, our_times, result = take_turns(baseline, ours, runs)
    raw.close()
    expected = {int(r[0]): (int(r[1]), int(r[2] or 0), int(r[3] or 0)) for r in rows}
    got = {
        line.month.person_id: (line.month.signed_days, line.month.late, line.month.early)
        for line in result.lines
        if line.month.signed_days or line.month.late or line.month.early
    }
    if got != expected or len(expected) < min(people, 1):
        raise AssertionError(f"the report's counts differ from the baseline's for {label}")
    ctx.database.close()
    counted = sum(v[0] for v in expected.values())
    return Measurement(
        "monthly discipline report", target.kind, sign_ins,
        statistics.median(our_times), statistics.median(base_times), 2.0,
        f"{people} people, month {label} ({counted} days signed), "
        f"{len(result.findings)} findings; setup {setup:.0f} s",
    )  # fmt: skip
