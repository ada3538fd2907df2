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
from datetime import date
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


def _week_case(days: Sequence[date], mondays: Sequence[date]) -> tuple[str, list[str]]:
    """``CASE WHEN day < ? THEN 0 … ELSE n END``: each day's week as an index into
    ``mondays`` (ascending; every day of ``days`` falls in one of them)."""
    if len(mondays) == 1:
        return "0", []
    branches = " ".join(f"WHEN day < ? THEN {i}" for i in range(len(mondays) - 1))
    return f"CASE {branches} ELSE {len(mondays) - 1} END", [m.isoformat() for m in mondays[1:]]


def tallies(
    org_id: int,
    days: Sequence[date],
    month: tuple[date, date],
    hours: rules.OfficeHours,
    unit_ids: Sequence[int] | None = None,
) -> tuple[list[rules.Tally], tuple[date, ...]]:
    """The count, in one statement: for each person and ISO week of ``days`` (working
    days, ascending), split into the days inside ``month`` and outside it — days with a
    签到, 迟到 (the day's first 签到 after the start), 迟到 after the window, 早退 (the
    day's last 签退 before the end), and days with a 签到 but no 签退. Returns the rows
    and the weeks' Mondays their index points into."""
    if not days:
        return [], ()
    mondays = tuple(sorted({rules.monday_of(d) for d in days}))
    week, week_params = _week_case(days, mondays)
    marks = ", ".join("?" for _ in days)
    people = ""
    params: list[Any] = [*week_params, month[0].isoformat(), month[1].isoformat()]
    params += [org_id, *(d.isoformat() for d in days)]
    if unit_ids is not None:
        units = ", ".join("?" for _ in unit_ids) or "NULL"
        people = (
            f" AND person_id IN (SELECT id FROM person WHERE org_id = ? AND unit_id IN ({units}))"
        )
        params += [org_id, *unit_ids]
    params += [hours.start, hours.window_closes, hours.end]
    statement = f"""
        WITH daily AS (
            SELECT person_id,
                   {week} AS week,
                   CASE WHEN day >= ? AND day <= ? THEN 1 ELSE 0 END AS in_month,
                   MIN(CASE WHEN kind = 1 THEN second_of_day END) AS first_in,
                   MAX(CASE WHEN kind = 2 THEN second_of_day END) AS last_out
            FROM {TABLE}
            WHERE org_id = ? AND day IN ({marks}){people}
            GROUP BY person_id, day
        )
        SELECT person_id, week, in_month,
               COUNT(first_in),
               SUM(CASE WHEN first_in > ? THEN 1 ELSE 0 END),
               SUM(CASE WHEN first_in > ? THEN 1 ELSE 0 END),
               SUM(CASE WHEN last_out < ? THEN 1 ELSE 0 END),
               SUM(CASE WHEN first_in IS NOT NULL AND last_out IS NULL THEN 1 ELSE 0 END)
        FROM daily
        GROUP BY person_id, week, in_month
    """
    rows = sql.execute(_database(), statement, params).fetchall()
    return [rules.Tally.from_row(r, mondays) for r in rows], mondays


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
