"""The sign-in table and the SQL that counts it (created by plugins/attendance/migrations).

Every statement filters by the organization. Written once with ``?`` placeholders and
run on the driver's cursor through the core's ``sql`` (``%s`` on PostgreSQL); dates go
in as ISO text (SQLite stores them so, PostgreSQL reads the literal as a date) and come
back as text (SQLite) or dates (PostgreSQL) — :func:`as_date` takes either.

The report reads the core's ``person`` and ``term`` tables by name (as the migration's
foreign keys do): a fixed number of statements whatever the size of the organization.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import peewee as pw

from core.api import db, sql
from plugins.attendance import rules

__all__ = [
    "AttendanceSignIn",
    "as_date",
    "existing",
    "insert_rows",
    "people_index",
    "sheet",
    "tallies",
    "term_spans",
]


class AttendanceSignIn(pw.Model):
    """A 签到 or 签退 of a person: the day, the second of the day, the kind (1 or 2)."""

    id = pw.AutoField()
    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    day = pw.DateField()
    second_of_day = pw.IntegerField()
    kind = pw.SmallIntegerField()

    class Meta:
        database = db
        table_name = "attendance_sign_in"


TABLE = "attendance_sign_in"
INSERT = f"INSERT INTO {TABLE} (org_id, person_id, day, second_of_day, kind) VALUES (?, ?, ?, ?, ?)"


def _database() -> pw.Database:
    """The database the core's models are bound to now (the proxy's)."""
    found: pw.Database = db.obj
    return found


def as_date(value: object) -> date:
    """A date column's value as a date (SQLite gives text)."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def insert_rows(rows: Sequence[tuple[int, int, str, int, int]]) -> int:
    """Insert ``(org, person, day ISO, second, kind)`` rows with the driver's
    ``executemany``, inside the caller's transaction; return how many."""
    if rows:
        sql.execute_many(_database(), INSERT, rows)
    return len(rows)


def existing(org_id: int, first: date, last: date) -> set[tuple[int, str, int, int]]:
    """The stored events of ``[first, last]``: ``(person, day ISO, second, kind)``."""
    cursor = sql.execute(
        _database(),
        f"SELECT person_id, day, second_of_day, kind FROM {TABLE} "
        "WHERE org_id = ? AND day >= ? AND day <= ?",
        (org_id, first.isoformat(), last.isoformat()),
    )
    return {(p, as_date(d).isoformat(), s, k) for p, d, s, k in cursor.fetchall()}


def people_index(
    org_id: int, unit_ids: Sequence[int] | None = None
) -> dict[int, tuple[str, str | None, int | None]]:
    """The organization's people: id → (name, ID number, unit id)."""
    query = "SELECT id, name, id_number, unit_id FROM person WHERE org_id = ?"
    params: list[Any] = [org_id]
    if unit_ids is not None:
        query += f" AND unit_id IN ({', '.join('?' for _ in unit_ids) or 'NULL'})"
        params.extend(unit_ids)
    cursor = sql.execute(_database(), query, params)
    return {pid: (name, rid, unit) for pid, name, rid, unit in cursor.fetchall()}


def term_spans(org_id: int, first: date, last: date) -> dict[int, tuple[date, date]]:
    """Each person holding a term of the organization some day of ``[first, last]``:
    (the earliest start, the latest end — an open term ends on ``last``), clipped to the
    period. Gaps between two terms are not subtracted."""
    cursor = sql.execute(
        _database(),
        'SELECT person_id, MIN(start), MAX(COALESCE("end", ?)) FROM term '
        'WHERE org_id = ? AND start <= ? AND ("end" IS NULL OR "end" >= ?) GROUP BY person_id',
        (last.isoformat(), org_id, last.isoformat(), first.isoformat()),
    )
    return {
        pid: (max(first, as_date(start)), min(last, as_date(end)))
        for pid, start, end in cursor.fetchall()
    }


def _code_case(
    days: Sequence[date], month: tuple[date, date], weeks: Sequence[date]
) -> tuple[str, list[str]]:
    """``CASE WHEN day < ? THEN code …``: what one day from the first of ``days`` to the
    last adds to a person's packed count (:data:`rules.BASE`): for a working day (one of
    ``days``) the digit of its judged week, and the month's digit when it is in
    ``month``; for a rest day nothing (0), so that its sign-ins count nowhere.

    Rest days get a code rather than a filter: the report reads the index as one range
    of days, in the index's order, so PostgreSQL counts the (day, person) groups as they
    pass. An ``IN`` list of the working days made it hash 200,000 groups and spill them
    to disk (before version 17 it does not rely on the order an ``IN`` list on the
    index's second column comes back in), and a ``NOT IN`` of the rest days cost a
    comparison a row. ``days`` are ascending; the code is constant over runs of days."""
    judged = {monday: rules.BASE**i for i, monday in enumerate(weeks)}
    working = set(days)

    def code(day: date) -> int:
        if day not in working:
            return 0
        in_month = rules.MONTH_DIGIT if month[0] <= day <= month[1] else 0
        return judged.get(rules.monday_of(day), 0) + in_month

    runs: list[tuple[date, int]] = []  # (first day after the run, its code)
    for n in range((days[-1] - days[0]).days + 1):
        day = days[0] + timedelta(days=n)
        if runs and runs[-1][1] == code(day):
            runs[-1] = (day + timedelta(days=1), runs[-1][1])
        else:
            runs.append((day + timedelta(days=1), code(day)))
    if len(runs) == 1:
        return str(runs[0][1]), []
    branches = " ".join(f"WHEN day < ? THEN {c}" for _, c in runs[:-1])
    return f"CASE {branches} ELSE {runs[-1][1]} END", [d.isoformat() for d, _ in runs[:-1]]


#: Each working day of a person reduced to its first 签到 and its last 签退.
_FIRST_IN = "MIN(CASE WHEN kind = 1 THEN second_of_day END)"
_LAST_OUT = "MAX(CASE WHEN kind = 2 THEN second_of_day END)"


def _people_filter(org_id: int, unit_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    if unit_ids is None:
        return "", []
    units = ", ".join("?" for _ in unit_ids) or "NULL"
    return (
        f" AND person_id IN (SELECT id FROM person WHERE org_id = ? AND unit_id IN ({units}))",
        [org_id, *unit_ids],
    )


def tallies(
    org_id: int,
    days: Sequence[date],
    month: tuple[date, date],
    weeks: Sequence[date],
    hours: rules.OfficeHours,
    unit_ids: Sequence[int] | None = None,
) -> list[rules.Tally]:
    """The count, in one statement, one row a person (:class:`rules.Tally`). Each of
    ``days`` (working days) is reduced to the day's first 签到 and last 签退 — grouped by
    day then person, the order of the report's index, so without a sort — and carries a
    code: its judged week's digit and the month's (:func:`_code_case`). Then, a person:
    the codes summed over the days of 迟到, and over those of 早退 — each week's count
    and the month's in their own digits, two sums instead of two for each week; and one
    sum over the days of ``month`` with a 签到, of a digit for each (signed, 迟到 after
    the window, no 签退: :data:`rules.SIGNED` …). Fewer sums, fewer columns: the server
    and the driver do less for each of thousands of people."""
    if not days:
        return []
    code, code_params = _code_case(days, month, weeks)
    people, people_params = _people_filter(org_id, unit_ids)
    statement = f"""
        WITH daily AS (
            SELECT person_id, {code} AS code,
                   {_FIRST_IN} AS first_in, {_LAST_OUT} AS last_out
            FROM {TABLE}
            WHERE org_id = ? AND day >= ? AND day <= ?{people}
            GROUP BY day, person_id
        )
        SELECT person_id,
               SUM(CASE WHEN first_in > ? THEN code ELSE 0 END),
               SUM(CASE WHEN last_out < ? THEN code ELSE 0 END),
               SUM(CASE WHEN code < {rules.MONTH_DIGIT} OR first_in IS NULL THEN 0
                        ELSE {rules.SIGNED}
                             + CASE WHEN first_in > ? THEN {rules.OUTSIDE_WINDOW} ELSE 0 END
                             + CASE WHEN last_out IS NULL THEN {rules.NO_SIGN_OUT} ELSE 0 END
                   END)
        FROM daily
        GROUP BY person_id
    """
    params: list[Any] = [*code_params, org_id, days[0].isoformat(), days[-1].isoformat()]
    params += people_params
    params += [hours.start, hours.end, hours.window_closes]
    rows = sql.execute(_database(), statement, params).fetchall()
    return [rules.Tally.from_row(r, weeks) for r in rows]


def sheet(
    org_id: int, person_id: int, first: date, last: date
) -> list[tuple[date, int, rules.Kind]]:
    """A person's events of ``[first, last]`` in order: (day, second, kind)."""
    cursor = sql.execute(
        _database(),
        f"SELECT day, second_of_day, kind FROM {TABLE} WHERE org_id = ? AND person_id = ? "
        "AND day >= ? AND day <= ? ORDER BY day, second_of_day, kind",
        (org_id, person_id, first.isoformat(), last.isoformat()),
    )
    return [(as_date(d), s, rules.Kind(k)) for d, s, k in cursor.fetchall()]
