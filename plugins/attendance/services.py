"""The attendance services: recording sign-ins (one, or a file of them) and the monthly
discipline report. Each checks the actor's permission in the organization and that the
organization enabled the plugin; a write runs in one transaction with its audit entry
(``attendance.*``, plugin ``attendance``). Errors are one line (``InvalidInput``).

Conventions (docs/attendance.md): a sign-in is kept to the second; the same person,
day, second and kind twice is the same event — refused when signed by hand, and in a
file either refused (twice in the file) or left as recorded (already stored), so
importing a file again changes nothing. Nothing may be signed for a day after today.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs

from core.api import (
    Action,
    CheckContext,
    Conflict,
    Context,
    Finding,
    InvalidInput,
    NotFound,
    WorkCalendar,
    audit,
    collector_paused,
    enabled_names,
    get_person,
    org_row,
    sql,
    validate,
)
from plugins.attendance import rules, store
from plugins.attendance.parameters import hours_from, limits_from

__all__ = [
    "ImportResult",
    "Line",
    "Report",
    "compute",
    "import_file",
    "last_complete_month",
    "parse_at",
    "parse_month",
    "record_events",
    "report",
    "sheet",
    "sign",
]

PLUGIN = "attendance"

# --------------------------------------------------------------------------- the edge


def _org(ctx: Context, org_code: str, action: Action) -> Any:
    """The organization's row, once the actor may do ``action`` there and it enabled
    the plugin."""
    org = org_row(ctx, org_code, action)
    if PLUGIN not in enabled_names(org.id):
        raise Conflict(
            "plugin",
            PLUGIN,
            f"is not enabled for {org.code} (未启用考勤插件): "
            f"zhidu plugins enable --org {org.code} {PLUGIN}",
        )
    return org


_AT = re.compile(r"^\s*(.+?)[\sT]+(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_at(field: str, value: object) -> tuple[date, int]:
    """A moment as a day and the second of that day: ``2026-03-02 08:41``,
    ``2026/3/2 8:41:05``, ``2026-03-02T08:41`` (the day as the core reads dates)."""
    match = _AT.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise InvalidInput(field, value, "must be a day and a time such as 2026-03-02 08:41")
    day = validate.parse_date(field, match.group(1))
    hour, minute, second = (int(g or 0) for g in match.groups()[1:])
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidInput(field, value, "no such time of day (时间不存在)")
    return day, hour * 3600 + minute * 60 + second


def parse_month(field: str, value: object) -> tuple[int, int]:
    """``2026-03`` (or 2026/3, 2026年3月) as (year, month)."""
    match = _MONTH.match(value) if isinstance(value, str) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput(field, value, "must be a month such as 2026-03 (月份格式应为 年-月)")
    return int(match.group(1)), int(match.group(2))


def _not_future(ctx: Context, field: str, value: object, day: date) -> None:
    if day > ctx.today():
        raise InvalidInput(
            field, value, "is after today: nothing is signed in advance (不能晚于今天)"
        )


#: The audit entry ``<plugin>.<action>`` of a write, in the writer's transaction:
#: ``_audit(ctx, org, action, kind, row_id, after[, before])``.
_audit = functools.partial(audit.record_change, plugin=PLUGIN)


# --------------------------------------------------------------------------- recording


def sign(ctx: Context, org_code: str, person_id: int, at: str, out: bool = False) -> dict[str, Any]:
    """Record one 签到 (or, ``out``, 签退) of a person at a moment; audited."""
    kind = rules.Kind.SIGN_OUT if out else rules.Kind.SIGN_IN
    with ctx.transaction():
        org = _org(ctx, org_code, Action.EDIT_PEOPLE)
        person = get_person(ctx, org_code, person_id)
        day, second = parse_at("at", at)
        _not_future(ctx, "at", at, day)
        found = sql.fetch_one(
            ctx.database,
            f"SELECT id FROM {store.TABLE} WHERE org_id = ? AND person_id = ? AND day = ? "
            "AND second_of_day = ? AND kind = ?",
            (org.id, person.id, day.isoformat(), second, int(kind)),
        )
        if found is not None:
            raise Conflict(
                "at", at, f"{person.name}'s {kind.zh} at this second is recorded (重复记录)"
            )
        values = {
            "org": org.id,
            "person": person.id,
            "day": day,
            "second_of_day": second,
            "kind": int(kind),
        }
        row_id = sql.insert(store.AttendanceSignIn, values)
        data = {
            "id": row_id,
            "person": person.id,
            "name": person.name,
            "day": day.isoformat(),
            "time": rules.clock(second),
            "kind": kind.zh,
        }
        _audit(ctx, org, "sign", "sign_in", row_id, data)
    return data


@attrs.frozen
class Problem:
    """A bad row of a file: its number (the header is row 1), the field, value, rule."""

    row: int
    error: InvalidInput

    def line(self) -> str:
        return f"row {self.row}: {self.error.line()}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, **self.error.as_dict()}


@attrs.frozen
class ImportResult:
    """What a file of sign-ins held, and what was written (all of it, or nothing)."""

    org: str
    file: str
    sha256: str
    rows: int
    added: int
    unchanged: int
    first: date | None
    last: date | None
    people: int
    problems: tuple[Problem, ...]
    applied: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "file": self.file,
            "sha256": self.sha256,
            "rows": self.rows,
            "added": self.added,
            "unchanged": self.unchanged,
            "first": self.first,
            "last": self.last,
            "people": self.people,
            "applied": self.applied,
            "errors": len(self.problems),
            "problems": [p.as_dict() for p in self.problems],
        }


_PERSON_ID = ("人员编号", "编号", "person_id", "person", "id")
_ID_NUMBER = ("身份证号", "身份证号码", "公民身份号码", "id_number")
_NAME = ("姓名", "name")
_DAY = ("日期", "date")
_TIME = ("时间", "签到时间", "打卡时间", "time", "at")
_KIND = ("类型", "签到类型", "kind")


def _decode(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("file", name, "is neither UTF-8 nor GB18030 text (文件编码无法识别)")


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    cleaned = [h.strip(" \u3000\ufeff").lower() for h in header]
    for name in names:
        if name.lower() in cleaned:
            return cleaned.index(name.lower())
    return None


class _People:
    """The organization's people by id, ID number and name, for a file's rows."""

    def __init__(self, index: dict[int, tuple[str, str | None, int | None]]) -> None:
        self.ids = index
        self.by_number = {rid.upper(): pid for pid, (_, rid, _) in index.items() if rid}
        self.by_name: dict[str, list[int]] = {}
        for pid, (name, _, _) in index.items():
            self.by_name.setdefault(name, []).append(pid)

    def find(self, org: str, pid: str, rid: str, name: str) -> int:
        """The person a row names: by id, else by ID number, else by a unique name; a
        name given beside an id or ID number must be theirs."""
        found: int | None = None
        if pid:
            if not pid.isdigit() or int(pid) not in self.ids:
                raise InvalidInput("人员编号", pid, f"no such person in {org} (人员不存在)")
            found = int(pid)
        elif rid:
            found = self.by_number.get(rid.upper())
            if found is None:
                raise InvalidInput("身份证号", rid, f"no such person in {org} (人员不存在)")
        elif name:
            named = self.by_name.get(name, [])
            if not named:
                raise InvalidInput("姓名", name, f"no such person in {org} (人员不存在)")
            if len(named) > 1:
                raise InvalidInput(
                    "姓名", name, f"{len(named)} people have this name: give the 身份证号 (重名)"
                )
            return named[0]
        else:
            raise InvalidInput("人员", "", "give 人员编号, 身份证号 or 姓名 (人员不能为空)")
        recorded = self.ids[found][0]
        if name and name != recorded:
            raise InvalidInput("姓名", name, f"the row's person is {recorded} (姓名不符)")
        return found


Event = tuple[int, date, int, rules.Kind]


def _read(ctx: Context, org: Any, name: str, text: str) -> tuple[list[Event], list[Problem], int]:
    """The file's events, its bad rows (one line each), and how many rows it had."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise InvalidInput("file", name, "is empty: a header row is needed (文件为空)")
    cols = {
        "pid": _column(header, _PERSON_ID),
        "rid": _column(header, _ID_NUMBER),
        "name": _column(header, _NAME),
        "day": _column(header, _DAY),
        "time": _column(header, _TIME),
        "kind": _column(header, _KIND),
    }
    if cols["pid"] is None and cols["rid"] is None and cols["name"] is None:
        raise InvalidInput("file", name, "needs a column 身份证号, 人员编号 or 姓名 (缺少人员列)")
    for key, title in (("time", "时间"), ("kind", "类型")):
        if cols[key] is None:
            raise InvalidInput("file", name, f"needs a column {title} (缺少{title}列)")
    people = _People(store.people_index(org.id))
    events: list[Event] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, date, int, rules.Kind], int] = {}
    rows = 0
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows += 1

        def cell(key: str, cells: list[str] = cells) -> str:
            index = cols[key]
            return cells[index].strip(" \u3000") if index is not None and index < len(cells) else ""

        try:
            person = people.find(org.code, cell("pid"), cell("rid"), cell("name"))
            at = f"{cell('day')} {cell('time')}" if cols["day"] is not None else cell("time")
            day, second = parse_at("时间", at)
            _not_future(ctx, "时间", at, day)
            kind = rules.Kind.parse("类型", cell("kind"))
            event = (person, day, second, kind)
            if event in seen:
                raise InvalidInput(
                    "时间", at, f"the same {kind.zh} as row {seen[event]} (与第{seen[event]}行重复)"
                )
            seen[event] = number
            events.append(event)
        except InvalidInput as error:
            problems.append(Problem(number, error))
    return events, problems, rows


def _write(ctx: Context, org: Any, events: Sequence[Event]) -> tuple[int, int]:
    """Insert the events not already stored, with the driver's ``executemany``, in the
    caller's transaction: (added, left as recorded)."""
    if not events:
        return 0, 0
    first = min(e[1] for e in events)
    last = max(e[1] for e in events)
    stored = store.existing(org.id, first, last)
    rows = []
    for person, day, second, kind in events:
        iso = day.isoformat()
        if (person, iso, second, int(kind)) not in stored:
            rows.append((org.id, person, iso, second, int(kind)))
    store.insert_rows(rows)
    return len(rows), len(events) - len(rows)


def import_file(
    ctx: Context, org_code: str, path: Path | str, *, check_only: bool = False
) -> ImportResult:
    """Check every row of a CSV file of sign-ins (one line per bad row) and, when none
    is bad (and not ``check_only``), write them all in one transaction with ONE audit
    entry — the file's name and SHA-256, the counts and the period — or nothing."""
    file = Path(path)
    _org(ctx, org_code, Action.EDIT_PEOPLE)  # refused before the file is read
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InvalidInput("file", str(file), f"cannot be read ({error.strerror})") from None
    digest = hashlib.sha256(data).hexdigest()
    text = _decode(file.name, data)
    with ctx.transaction():
        org = _org(ctx, org_code, Action.EDIT_PEOPLE)
        events, problems, rows = _read(ctx, org, file.name, text)
        if rows == 0 and not problems:
            raise InvalidInput("file", file.name, "has no rows below its header (没有数据行)")
        days = [e[1] for e in events]
        result = ImportResult(
            org.code, file.name, digest, rows, 0, 0, min(days, default=None),
            max(days, default=None), len({e[0] for e in events}), tuple(problems), False,
        )  # fmt: skip
        if problems or check_only:
            return result
        added, unchanged = _write(ctx, org, events)
        result = attrs.evolve(result, added=added, unchanged=unchanged, applied=True)
        summary = {k: v for k, v in result.as_dict().items() if k not in ("problems", "errors")}
        _audit(ctx, org, "import", "sign_in_file", digest, summary)
    return result


def record_events(
    ctx: Context, org_code: str, events: Iterable[Event], source: str
) -> dict[str, Any]:
    """Record many events already resolved to people (the demo's), as a file is: in one
    transaction, with one audit entry naming ``source``; the same rules for each event."""
    with ctx.transaction():
        org = _org(ctx, org_code, Action.EDIT_PEOPLE)
        people = store.people_index(org.id)
        checked: dict[Event, None] = {}
        for person, day, second, kind in events:
            if person not in people:
                raise NotFound("person", person, f"no such person in {org.code}")
            _not_future(ctx, "day", day, day)
            if not 0 <= second < 86_400:
                raise InvalidInput("second_of_day", second, "must be 0–86399")
            checked[(person, day, second, rules.Kind(kind))] = None
        added, unchanged = _write(ctx, org, list(checked))
        days = [e[1] for e in checked]
        summary = {
            "source": source,
            "added": added,
            "unchanged": unchanged,
            "first": min(days, default=None),
            "last": max(days, default=None),
            "people": len({e[0] for e in checked}),
        }
        _audit(ctx, org, "record", "sign_in_batch", source, summary)
    return summary


# --------------------------------------------------------------------------- the report


@attrs.frozen
class Line:
    """One person's month in the report, and what it calls for."""

    month: rules.PersonMonth
    unit: str | None
    findings: tuple[Finding, ...]

    def as_dict(self, weekly: int) -> dict[str, Any]:
        """As JSON; ``weeks_over`` are the judged weeks over ``weekly``."""
        m = self.month
        return {
            "person": m.person_id,
            "name": m.name,
            "unit": self.unit,
            "first": m.first.isoformat(),
            "last": m.last.isoformat(),
            "working_days": m.working_days,
            "signed_days": m.signed_days,
            "unsigned_days": m.unsigned_days,
            "late": m.late,
            "early": m.early,
            "count": m.count,
            "late_outside_window": m.late_outside_window,
            "missing_sign_out": m.missing_sign_out,
            "weeks_over": [w.as_dict() for w in m.weeks if w.count > weekly],
            "findings": [f.as_dict() for f in self.findings],
        }


@attrs.frozen
class Report:
    """The monthly discipline report of an organization (or one of its units)."""

    org: str
    name: str
    year: int
    month: int
    unit: str | None
    hours: rules.OfficeHours
    limits: rules.Limits
    working_days: int
    weeks: tuple[date, ...]
    lines: tuple[Line, ...]
    calendar_warning: tuple[str, str] | None
    recorded: bool  # any sign-in in the days read

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for line in self.lines for f in line.findings)

    def as_dict(self) -> dict[str, Any]:
        first, last = rules.month_span(self.year, self.month)
        return {
            "org": self.org,
            "name": self.name,
            "month": self.label,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "unit": self.unit,
            "hours": self.hours.as_dict(),
            "limits": self.limits.as_dict(),
            "working_days": self.working_days,
            "weeks": [
                {"monday": m.isoformat(), "sunday": (m + timedelta(days=6)).isoformat()}
                for m in self.weeks
            ],
            "calendar_warning": (
                None
                if self.calendar_warning is None
                else {"zh": self.calendar_warning[0], "en": self.calendar_warning[1]}
            ),
            "recorded": self.recorded,
            "findings": len(self.findings),
            "people": [line.as_dict(self.limits.weekly) for line in self.lines],
        }


def _units_below(check: CheckContext, unit_code: str) -> tuple[int, ...]:
    units = {u.id: u for u in check.units}
    top = [u for u in units.values() if u.code == unit_code]
    if not top:
        raise InvalidInput("unit", unit_code, f"no such unit in {check.org.code} (机构不存在)")
    found = {top[0].id}
    grew = True
    while grew:
        below = {u.id for u in units.values() if u.parent_id in found}
        grew = not below <= found
        found |= below
    return tuple(sorted(found))


def compute(
    check: CheckContext,
    year: int,
    month: int,
    *,
    unit_code: str | None = None,
    value: Callable[[str, date], Any] | None = None,
) -> Report:
    """The report of ``year``-``month`` for the check's organization: the parameters in
    force on the month's first day, the organization's working-day calendar, and the
    database's count (:func:`store.tallies`) — a fixed number of statements."""
    first, last = rules.month_span(year, month)
    lookup = value or check.parameters.value
    hours = hours_from(lambda key: lookup(key, first))
    limits = limits_from(lambda key: lookup(key, first))
    calendar: WorkCalendar = check.calendar
    unit_ids = _units_below(check, unit_code) if unit_code else None
    days = rules.query_days(calendar, year, month)
    month_days = tuple(d for d in days if first <= d <= last)
    weeks = rules.owned_weeks(year, month)
    tallies = {
        t.person_id: t
        for t in store.tallies(check.org.id, days, (first, last), weeks, hours, unit_ids)
    }
    people = store.people_index(check.org.id, unit_ids)
    spans = {
        pid: span
        for pid, span in store.term_spans(check.org.id, first, last).items()
        if pid in people
    }
    unit_codes = {u.id: u.code for u in check.units}
    whole_month = (first, last)  # the span of a person without a term in the month
    lines = []
    for pid in sorted(tallies.keys() | spans.keys()):
        name, _, unit = people[pid]
        span = spans.get(pid, whole_month)
        working = (
            len(month_days) if span is whole_month else rules.working_days_in(month_days, *span)
        )
        pm = rules.person_month(pid, name, year, month, span, working, tallies.get(pid))
        lines.append(Line(pm, unit_codes.get(unit) if unit else None, rules.findings(pm, limits)))
    counted = calendar.working_days_between(first, last)
    warning = counted.warning_zh()
    return Report(
        check.org.code, check.org.name, year, month, unit_code, hours, limits, len(month_days),
        weeks, tuple(lines),
        None if warning is None else (warning, counted.warning_en() or ""), bool(tallies),
    )  # fmt: skip


def report(ctx: Context, org_code: str, month: str, unit_code: str | None = None) -> Report:
    """The monthly discipline report (``2026-03``), of the organization or of a unit and
    the units below it."""
    org = _org(ctx, org_code, Action.READ)
    year, mon = parse_month("month", month)
    check = CheckContext(ctx, org, ctx.today())
    with collector_paused(), sql.snapshot(ctx.database):  # a line a person: core.bulk
        return compute(check, year, mon, unit_code=unit_code)


def last_complete_month(on: date) -> tuple[int, int]:
    """The month before ``on``'s: the last one whose days are all past."""
    before = on.replace(day=1) - timedelta(days=1)
    return before.year, before.month


def sheet(ctx: Context, org_code: str, person_id: int, month: str) -> dict[str, Any]:
    """A person's sign-ins of a month, each day's first 签到 and last 签退 judged."""
    org = _org(ctx, org_code, Action.READ)
    person = get_person(ctx, org_code, person_id)
    year, mon = parse_month("month", month)
    first, last = rules.month_span(year, mon)
    check = CheckContext(ctx, org, first)
    hours = hours_from(check.parameter)
    events = store.sheet(org.id, person.id, first, last)
    days: dict[date, dict[str, Any]] = {}
    for day, second, kind in events:
        entry = days.setdefault(day, {"day": day.isoformat(), "in": [], "out": []})
        entry["in" if kind is rules.Kind.SIGN_IN else "out"].append(second)
    out = []
    for day in sorted(days):
        entry = days[day]
        first_in = min(entry["in"], default=None)
        last_out = max(entry["out"], default=None)
        out.append(
            {
                "day": entry["day"],
                "workday": check.calendar.is_workday(day),
                "sign_ins": [rules.clock(s) for s in entry["in"]],
                "sign_outs": [rules.clock(s) for s in entry["out"]],
                "late": first_in is not None and rules.is_late(first_in, hours),
                "outside_window": first_in is not None and rules.outside_window(first_in, hours),
                "early": last_out is not None and rules.is_early(last_out, hours),
            }
        )
    return {
        "org": org.code,
        "person": person.id,
        "name": person.name,
        "month": f"{year}-{mon:02d}",
        "hours": hours.as_dict(),
        "days": out,
    }
