"""The sign-in table and the SQL that counts it (created by plugins/attendance/migrations).

Every statement filters by the organization. Written once with ``?`` placeholders and
run on the driver's cursor through the core's ``sql`` (``%s`` on PostgreSQL); dates go
in as ISO text (SQLite stores them so, PostgreSQL reads the literal as a date) and come
back as text (SQLite) or dates (PostgreSQL) — :func:`as_date` takes either.

The report reads the core's ``person`` and ``term`` tables by name (as the migration's
foreign keys do): a fixed number of statements whatever the size of the organization.
"""

from __future__ import annotations

import json
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
    "week_tallies",
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


def _week_case(weeks: Sequence[date]) -> tuple[str, list[str]]:
    """``CASE WHEN day < ? THEN -1 WHEN day < ? THEN 0 … ELSE -1 END``: the index of a
    day's week among ``weeks`` (consecutive Mondays), -1 outside them."""
    if not weeks:
        return "-1", []
    bounds = [*weeks, weeks[-1] + timedelta(days=7)]
    branches = " ".join(f"WHEN day < ? THEN {i - 1}" for i in range(len(bounds)))
    return f"CASE {branches} ELSE -1 END", [b.isoformat() for b in bounds]


def _between(days: Sequence[date], first: date, last: date) -> tuple[str, list[str]]:
    """1 for a day in ``[first, last]``, else 0 (a constant when ``days`` are all in it)."""
    if first <= days[0] and days[-1] <= last:
        return "1", []
    return "CASE WHEN day >= ? AND day <= ? THEN 1 ELSE 0 END", [
        first.isoformat(),
        last.isoformat(),
    ]


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
    """The count, in one statement, one row a person (:class:`rules.Tally`): each of
    ``days`` (working days) reduced to the day's first 签到 and last 签退, then counted —
    in the days of ``month``: days signed, 迟到, 迟到 after the window, 早退, no 签退;
    in the days of ``weeks`` (the Mondays of the weeks the month judges): 迟到, 早退.
    Grouped by day then person first, the order of the report's index (no sort)."""
    if not days:
        return []
    in_month, month_params = _between(days, *month)
    judged, judged_params = (
        _between(days, weeks[0], weeks[-1] + timedelta(days=6)) if weeks else ("0", [])
    )
    people, people_params = _people_filter(org_id, unit_ids)
    statement = f"""
        WITH daily AS (
            SELECT person_id, {in_month} AS in_month, {judged} AS judged,
                   {_FIRST_IN} AS first_in, {_LAST_OUT} AS last_out
            FROM {TABLE}
            WHERE org_id = ? AND day IN ({", ".join("?" for _ in days)}){people}
            GROUP BY day, person_id
        )
        SELECT person_id,
               COUNT(first_in) FILTER (WHERE in_month = 1),
               COUNT(*) FILTER (WHERE in_month = 1 AND first_in > ?),
               COUNT(*) FILTER (WHERE in_month = 1 AND first_in > ?),
               COUNT(*) FILTER (WHERE in_month = 1 AND last_out < ?),
               COUNT(first_in) FILTER (WHERE in_month = 1 AND last_out IS NULL),
               COUNT(*) FILTER (WHERE judged = 1 AND first_in > ?),
               COUNT(*) FILTER (WHERE judged = 1 AND last_out < ?)
        FROM daily
        GROUP BY person_id
    """
    params: list[Any] = [*month_params, *judged_params, org_id, *(d.isoformat() for d in days)]
    params += [*people_params, hours.start, hours.window_closes, hours.end, hours.start, hours.end]
    rows = sql.execute(_database(), statement, params).fetchall()
    return [rules.Tally.from_row(r) for r in rows]


def week_tallies(
    org_id: int,
    people: Sequence[int],
    days: Sequence[date],
    weeks: Sequence[date],
    hours: rules.OfficeHours,
) -> dict[int, list[rules.WeekTally]]:
    """For ``people`` only (those whose judged weeks together are over the weekly limit),
    one statement: 迟到 and 早退 in each week of ``weeks``, by person and week — read
    through the index by person, so it costs what their sign-ins are."""
    found: dict[int, list[rules.WeekTally]] = {}
    if not people or not weeks:
        return found
    week, week_params = _week_case(weeks)
    database = _database()
    if isinstance(database, pw.SqliteDatabase):
        ids, ids_param = "SELECT value FROM json_each(?)", json.dumps(list(people))
    else:
        ids, ids_param = "SELECT unnest(?::integer[])", list(people)  # type: ignore[assignment]
    judged = [d for d in days if weeks[0] <= d <= weeks[-1] + timedelta(days=6)]
    statement = f"""
        WITH daily AS (
            SELECT person_id, {week} AS week,
                   {_FIRST_IN} AS first_in, {_LAST_OUT} AS last_out
            FROM {TABLE}
            WHERE org_id = ? AND person_id IN ({ids})
              AND day IN ({", ".join("?" for _ in judged)})
            GROUP BY person_id, day
        )
        SELECT person_id, week,
               COUNT(*) FILTER (WHERE first_in > ?),
               COUNT(*) FILTER (WHERE last_out < ?)
        FROM daily
        GROUP BY person_id, week
    """
    params = [*week_params, org_id, ids_param, *(d.isoformat() for d in judged)]
    params += [hours.start, hours.end]
    for person, index, late, early in sql.execute(database, statement, params).fetchall():
        if index >= 0:
            found.setdefault(person, []).append(rules.WeekTally(weeks[index], late, early))
    return found


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
