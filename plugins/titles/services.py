"""The titles plugin's services: the year's eligibility screening, and every write —
applications, annual ratings, the 人社部门's consent to a 破格 application, titles revoked
for fraud, the bulk import — authorized through the core (``org_row``), in one
transaction, audited (``titles.*`` actions, plugin ``titles``). Errors are one line.

Person facts the core keeps (学历, 现职称级别 and its date, 参加工作时间, ``extra``'s
公务员/离退休) are read from the core person when an application is screened, not copied
into the application: a corrected record corrects the screening. The review, once it
exists, will freeze what it decided on (docs/titles.md, "Storage")."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date
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
    Severity,
    audit,
    collector_paused,
    get_person,
    org_row,
    sql,
    validate,
)
from plugins.titles import rules, store
from plugins.titles.parameters import limits_from

__all__ = [
    "ImportResult",
    "Report",
    "apply",
    "consent",
    "import_csv",
    "ineligible_findings",
    "limits_for",
    "rate",
    "record_fraud",
    "screen",
]

PLUGIN = "titles"
WRITE = Action.EDIT_PEOPLE  # applications and ratings are records of people


# --------------------------------------------------------------------------- the edge


#: The audit entry ``<plugin>.<action>`` of a write, in the writer's transaction:
#: ``_audit(ctx, org, action, kind, row_id, after[, before])``.
_audit = functools.partial(audit.record_change, plugin=PLUGIN)


def _year(value: int | str) -> int:
    return validate.whole_number("year", value, minimum=1990, maximum=2100)


def _subject(field: str, value: bool | str | None) -> bool | None:
    """学历专业是否相符: 是/相符/yes → True, 否/不符/no → False, 未知/unknown → None."""
    if value is None or isinstance(value, bool):
        return value
    text = value.strip().lower()
    if text in ("相符", "相近"):
        return True
    if text in ("不符", "不相符"):
        return False
    if text in ("未知", "unknown", "?"):
        return None
    return validate.yes_no(field, value)


def _optional_date(field: str, value: date | str | None) -> date | None:
    return validate.optional_date(field, value)


def limits_for(ctx: Context, org: Any, year: int) -> rules.Limits:
    """The parameters in force on 1 January of the application year (parameters.py)."""
    check = CheckContext(ctx, org, date(year, 1, 1))
    return limits_from(check.parameter)


def _application(org: Any, person_id: int, year: int) -> store.TitlesApplication | None:
    return sql.select_one(store.TitlesApplication, org=org.id, person=person_id, year=year)


def _row_dict(row: Any) -> dict[str, Any]:
    data = dict(row.__data__)
    data["person_id"] = data.pop("person")
    data.pop("org", None)
    return data


# --------------------------------------------------------------------------- screening


@attrs.frozen
class Report:
    """The screening of an organization's applications for a year."""

    org: str
    year: int
    cutoff: date
    screenings: tuple[rules.Screening, ...]

    @property
    def counts(self) -> dict[str, int]:
        found = {"eligible": 0, "ineligible": 0, "undetermined": 0}
        for s in self.screenings:
            found[s.verdict] += 1
        return found

    def as_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "year": self.year,
            "cutoff": self.cutoff.isoformat(),
            "counts": self.counts,
            "applicants": [s.as_dict() for s in self.screenings],
        }


def screen(ctx: Context, org_code: str, year: int | str) -> Report:
    """Every application of the organization's year screened (资格审查): loaded in three
    statements (applications with their people, ratings, revocations — none per
    applicant), made values with ``from_row``, run through the pure rules."""
    org = org_row(ctx, org_code, Action.READ)
    when = _year(year)
    limits = limits_for(ctx, org, when)
    # The report holds a few objects per applicant, none in a cycle: left running, the
    # cyclic collector went over all of them again and again as they were made (a
    # province's 50,000 applicants: a quarter of the screening's time)
    with collector_paused():
        found = tuple(rules.screen_one(a, limits) for a in store.load_applicants(org.id, when))
    return Report(org.code, when, limits.cutoff_for(when), found)


def ineligible_findings(check: CheckContext) -> Iterator[Finding]:
    """For ``zhidu check``: each application of the check date's year that is ineligible
    (违规: one finding per missed condition) or undetermined (预警: data missing)."""
    year = check.on.year
    limits = limits_from(lambda key: check.parameters.value(key, date(year, 1, 1)))
    for applicant in store.load_applicants(check.org.id, year):
        screening = rules.screen_one(applicant, limits)
        for condition in (*screening.missed, *screening.unknown):
            missed = condition.status == "missed"
            yield Finding(
                Severity.VIOLATION if missed else Severity.WARNING,
                f"titles.{condition.key}",
                applicant.name,
                condition.citation,
                f"{applicant.name}申报{year}年度{applicant.series}{applicant.level.value}"
                f"{'不符合' if missed else '待核实'}：{condition.message_zh}",
                f"{applicant.name}'s {year} application ({applicant.series}, "
                f"{applicant.level.name}) {'fails' if missed else 'cannot be judged'}: "
                f"{condition.message_en}",
                subject_key=f"person:{applicant.person_id}",
            )


# --------------------------------------------------------------------------- writes


def apply(
    ctx: Context,
    org_code: str,
    person_id: int | str,
    *,
    year: int | str,
    level: str,
    series: str,
    kind: str = rules.Kind.REVIEW.value,
    current_series: str | None = None,
    subject_matches: bool | str | None = True,
    ce_hours: int | str = 0,
    training_months: int | str = 0,
    retrained: bool | str = False,
    exceptional: bool | str = False,
    transferred_on: date | str | None = None,
    post_changed_on: date | str | None = None,
    on: date | str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Record an application (申报, 第九条). A second one of the person in the same year is
    refused, whatever its series (第十四条)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, WRITE)
        pid = validate.whole_number("person", person_id, minimum=1)
        person = get_person(ctx, org_code, pid)
        values: dict[str, Any] = {
            "org": org.id,
            "person": person.id,
            "year": _year(year),
            "series": validate.text("series", series, max_length=40),
            "level": rules.parse_level(level).value,
            "kind": rules.Kind.parse(kind).value,
            "current_series": validate.optional_text(
                "current_series", current_series, max_length=40
            ),
            "subject_matches": _subject("subject_matches", subject_matches),
            "ce_hours": validate.whole_number("ce_hours", ce_hours),
            "training_months": validate.whole_number("training_months", training_months),
            "retrained": validate.yes_no("retrained", retrained),
            "exceptional": validate.yes_no("exceptional", exceptional),
            "transferred_on": _optional_date("transferred_on", transferred_on),
            "post_changed_on": _optional_date("post_changed_on", post_changed_on),
            "applied_on": _optional_date("on", on) or ctx.today(),
            "note": (note or "").strip(),
            "status": store.STATUSES[0],
        }
        existing = _application(org, person.id, values["year"])
        if existing is not None:
            refused = rules.one_series_per_year(
                person.name, values["year"], [existing.series, values["series"]]
            )
            raise Conflict("person", pid, f"{refused.message_zh} ({refused.citation})")
        new_id = sql.insert(store.TitlesApplication, values)
        data = {"id": new_id, "person_id": person.id, "name": person.name} | {
            k: v for k, v in values.items() if k not in ("org", "person")
        }
        _audit(ctx, org, "apply", "titles_application", new_id, data)
        return data


def rate(
    ctx: Context, org_code: str, person_id: int | str, *, year: int | str, grade: str
) -> dict[str, Any]:
    """Record a person's 年度考核 for a year (第十一条); a different grade already recorded
    for that year is corrected (the entry keeps the one before)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, WRITE)
        pid = validate.whole_number("person", person_id, minimum=1)
        person = get_person(ctx, org_code, pid)
        when = _year(year)
        value = rules.Grade.parse(grade).value
        row = sql.select_one(store.TitlesRating, org=org.id, person=person.id, year=when)
        data = {"person_id": person.id, "name": person.name, "year": when, "grade": value}
        if row is None:
            data = {"id": sql.insert(store.TitlesRating, {
                "org": org.id, "person": person.id, "year": when, "grade": value,
            })} | data  # fmt: skip
            _audit(ctx, org, "rating", "titles_rating", data["id"], data)
            return data
        if row.grade == value:
            raise Conflict("grade", value, f"{person.name}{when}年度考核已记为{value}")
        before = {"id": row.id, "grade": row.grade}
        store.TitlesRating.update(grade=value).where(store.TitlesRating.id == row.id).execute()
        data = {"id": row.id} | data
        _audit(ctx, org, "rating", "titles_rating", row.id, data, before)
        return data


def consent(
    ctx: Context,
    org_code: str,
    person_id: int | str,
    *,
    year: int | str,
    on: date | str,
    by: str,
) -> dict[str, Any]:
    """Record the 同级人力资源社会保障部门's consent to a 破格 application (第四十条): only on
    a 破格 application, not before it was filed, once."""
    with ctx.transaction():
        org = org_row(ctx, org_code, WRITE)
        pid = validate.whole_number("person", person_id, minimum=1)
        person = get_person(ctx, org_code, pid)
        when = _year(year)
        row = _application(org, person.id, when)
        if row is None:
            raise InvalidInput("person", pid, f"{person.name} has no application in {when}")
        day = validate.parse_date("on", on)
        department = validate.text("by", by, max_length=60)
        if not row.exceptional:
            raise InvalidInput(
                "person", pid, f"{person.name}'s {when} application is not 破格: no consent is "
                f"needed ({rules.EXCEPTION_CONSENT})",
            )  # fmt: skip
        if row.consent_on is not None:
            raise Conflict("on", day, f"consent already recorded on {row.consent_on}")
        if day < row.applied_on:
            raise InvalidInput(
                "on", day, f"before the application of {row.applied_on}: consent follows the "
                f"committee's acceptance ({rules.EXCEPTION_CONSENT.article})",
            )  # fmt: skip
        store.TitlesApplication.update(consent_on=day, consent_by=department).where(
            store.TitlesApplication.id == row.id
        ).execute()
        data = {"id": row.id, "person_id": person.id, "name": person.name, "year": when,
                "consent_on": day, "consent_by": department}  # fmt: skip
        _audit(ctx, org, "consent", "titles_application", row.id, data)
        return data


def record_fraud(
    ctx: Context, org_code: str, person_id: int | str, *, revoked_on: date | str, note: str = ""
) -> dict[str, Any]:
    """Record a title of the person revoked for fraud (第五十三条): no application for five
    years from that day."""
    with ctx.transaction():
        org = org_row(ctx, org_code, WRITE)
        pid = validate.whole_number("person", person_id, minimum=1)
        person = get_person(ctx, org_code, pid)
        day = validate.parse_date("revoked_on", revoked_on)
        if day > ctx.today():
            raise InvalidInput("revoked_on", day, "is in the future")
        values = {"org": org.id, "person": person.id, "revoked_on": day,
                  "note": (note or "").strip()}  # fmt: skip
        new_id = sql.insert(store.TitlesSanction, values)
        data = {"id": new_id, "person_id": person.id, "name": person.name, "revoked_on": day,
                "note": values["note"]}  # fmt: skip
        _audit(ctx, org, "fraud", "titles_sanction", new_id, data)
        return data


# --------------------------------------------------------------------------- import

#: The import's columns: field → the headers it may have (Chinese first).
COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("人员", "人员编号", "身份证号", "person", "id_number"),
    "year": ("年度", "申报年度", "year"),
    "series": ("系列", "系列（专业）", "series"),
    "level": ("申报级别", "级别", "level"),
    "kind": ("申报类型", "kind"),
    "current_series": ("现职称系列", "原系列", "current_series"),
    "subject_matches": ("学历专业相符", "学历专业是否相符", "subject_matches"),
    "ce_hours": ("继续教育学时", "ce_hours"),
    "training_months": ("培训月数", "training_months"),
    "retrained": ("转岗培训", "retrained"),
    "exceptional": ("破格", "exceptional"),
    "transferred_on": ("调入时间", "transferred_on"),
    "post_changed_on": ("岗位变动时间", "post_changed_on"),
    "applied_on": ("申报日期", "applied_on"),
    "ratings": ("年度考核", "ratings"),
    "note": ("备注", "note"),
}
REQUIRED = ("person", "year", "series", "level")
_RATING = re.compile(r"(\d{4})\s*(?:年度|年)?\s*[:：=]?\s*(基本合格|不合格|优秀|合格)")
_APPLICATION_FIELDS = (
    "org", "person", "year", "series", "level", "kind", "current_series", "subject_matches",
    "ce_hours", "training_months", "retrained", "exceptional", "transferred_on",
    "post_changed_on", "applied_on", "note", "status",
)  # fmt: skip


@attrs.frozen
class ImportResult:
    """An import: written (``applied``) or refused with one line per bad row."""

    file: str
    rows: int
    applied: bool
    problems: tuple[str, ...] = ()
    applications: tuple[int, ...] = ()
    ratings: int = 0

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _ratings(text: str) -> list[tuple[int, str]]:
    """``2021合格、2022:优秀`` → [(2021, 合格), (2022, 优秀)]; InvalidInput if anything else."""
    found = [(int(y), g) for y, g in _RATING.findall(text)]
    rest = _RATING.sub("", text)
    if re.sub(r"[\s、,，;；]", "", rest):
        raise InvalidInput("ratings", text, "write each year and grade, e.g. 2024合格、2025优秀")
    return found


def import_csv(ctx: Context, org_code: str, path: Path | str) -> ImportResult:
    """Import applications (and their 年度考核) from a CSV file (UTF-8, with a header
    row, :data:`COLUMNS`): every row checked first — the person (by 人员编号 or 身份证号),
    each value, one application a person a year in the file and with what is stored
    (第十四条), ratings that disagree with stored ones — and only when no row is bad,
    all of it written in one transaction with the driver's ``executemany`` and ONE audit
    entry (``titles.import``). A bad row: one line naming its row, fields and rules;
    nothing written."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise InvalidInput("file", str(path), f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("file", str(path), "is not UTF-8 text (请存为 UTF-8 CSV)") from None
    table = list(csv.reader(io.StringIO(text)))
    if not table or not any(c.strip() for c in table[0]):
        raise InvalidInput("file", str(path), "has no header row (文件中没有表头)")
    header = _header(table[0], str(path))
    data = [
        (n, cells) for n, cells in enumerate(table[1:], start=2) if any(c.strip() for c in cells)
    ]
    if not data:
        raise InvalidInput("file", str(path), "has a header but no rows (只有表头，没有数据)")
    with ctx.transaction():
        org = org_row(ctx, org_code, WRITE)
        database = store.database()
        people = _people(database, org.id)
        years = sorted({c[header["year"]].strip() for _, c in data if len(c) > header["year"]})
        stored_apps = _stored_applications(database, org.id, years)
        stored_ratings = _stored_ratings(database, org.id)
        problems: list[str] = []
        apps: list[tuple[Any, ...]] = []
        app_people: list[int] = []
        ratings: list[tuple[Any, ...]] = []
        seen: dict[tuple[int, int], tuple[int, str]] = {}
        rated: dict[tuple[int, int], str] = {}
        today = ctx.today()
        for number, cells in data:
            row_problems: list[str] = []

            def cell(field: str, cells: Sequence[str] = cells) -> str:
                index = header.get(field)
                return cells[index].strip() if index is not None and index < len(cells) else ""

            def check(field: str, convert: Any, problems: list[str] = row_problems) -> Any:
                try:
                    return convert(cell(field))
                except InvalidInput as error:
                    problems.append(error.line())
                    return None

            person = check("person", lambda v: _person_of(people, v))
            year = check("year", _year)
            values = {
                "series": check("series", lambda v: validate.text("series", v, max_length=40)),
                "level": check("level", lambda v: rules.parse_level(v).value),
                "kind": check("kind", lambda v: rules.Kind.parse(v or "评审").value),
                "current_series": check(
                    "current_series",
                    lambda v: validate.optional_text("current_series", v, max_length=40),
                ),
                "subject_matches": check(
                    "subject_matches", lambda v: _subject("subject_matches", v or True)
                ),
                "ce_hours": check("ce_hours", lambda v: validate.whole_number("ce_hours", v or 0)),
                "training_months": check(
                    "training_months", lambda v: validate.whole_number("training_months", v or 0)
                ),
                "retrained": check("retrained", lambda v: validate.yes_no("retrained", v or "否")),
                "exceptional": check(
                    "exceptional", lambda v: validate.yes_no("exceptional", v or "否")
                ),
                "transferred_on": check(
                    "transferred_on", lambda v: _optional_date("transferred_on", v)
                ),
                "post_changed_on": check(
                    "post_changed_on", lambda v: _optional_date("post_changed_on", v)
                ),
                "applied_on": check(
                    "applied_on", lambda v: _optional_date("applied_on", v) or today
                ),
                "note": cell("note"),
            }
            row_ratings = check("ratings", _ratings) or []
            if person is not None and year is not None:
                pid, name = person
                key = (pid, year)
                earlier = seen.get(key)
                if key in stored_apps or earlier is not None:
                    first = stored_apps.get(key) or (earlier[1] if earlier else "")
                    refused = rules.one_series_per_year(
                        name, year, [first, values["series"] or "?"]
                    )
                    where = f"row {earlier[0]}" if earlier else "stored"
                    row_problems.append(
                        f"person = {cell('person')}: {refused.message_zh} ({where}; "
                        f"{refused.citation.article})"
                    )
                seen.setdefault(key, (number, values["series"] or ""))
                for rating_year, grade in row_ratings:
                    rkey = (pid, rating_year)
                    had = stored_ratings.get(rkey) or rated.get(rkey)
                    if had is not None and had != grade:
                        row_problems.append(
                            f"ratings = {rating_year}{grade}: "
                            f"{name}{rating_year}年度考核已记为{had}"
                        )
                    elif had is None:
                        rated[rkey] = grade
                        ratings.append((org.id, pid, rating_year, grade))
            if row_problems:
                problems.append(f"row {number}: " + "；".join(row_problems))
                continue
            assert person is not None
            apps.append(_application_row(org.id, person[0], year, values))
            app_people.append(person[0])
        if problems:
            return ImportResult(file.name, len(data), False, tuple(problems))
        ids = sql.insert_many_returning(store.TitlesApplication, _APPLICATION_FIELDS, apps)
        if ratings:
            sql.insert_many(store.TitlesRating, ("org", "person", "year", "grade"), ratings)
        audit.record(
            ctx,
            org_id=org.id,
            action="titles.import",
            object_type="titles_application",
            object_id=file.name,
            after={
                "file": file.name,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "rows": len(data),
                "applications": [[i, p] for i, p in zip(ids, app_people, strict=True)],
                "ratings": len(ratings),
            },
            plugin=PLUGIN,
        )
        return ImportResult(file.name, len(data), True, (), tuple(ids), len(ratings))


def _header(cells: Sequence[str], path: str) -> dict[str, int]:
    names = {alias.lower(): field for field, aliases in COLUMNS.items() for alias in aliases}
    header: dict[str, int] = {}
    for index, name in enumerate(cells):
        field = names.get(name.strip().lower())
        if field is None:
            raise InvalidInput(
                "header", name,
                f"not a column of a titles import ({'、'.join(a[0] for a in COLUMNS.values())})",
            )  # fmt: skip
        if field in header:
            raise InvalidInput("header", name, "appears twice")
        header[field] = index
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in header]
    if missing:
        raise InvalidInput("header", path, f"lacks the column(s) {'、'.join(missing)}")
    return header


def _people(database: Any, org_id: int) -> dict[str, tuple[int, str]]:
    """The organization's people by id (as text) and by ID number: (id, name)."""
    found: dict[str, tuple[int, str]] = {}
    rows = sql.execute(
        database, "SELECT id, id_number, name FROM person WHERE org_id = ?", (org_id,)
    )
    for pid, number, name in rows:
        found[str(pid)] = (pid, name)
        if number:
            found[number.upper()] = (pid, name)
    return found


def _person_of(people: dict[str, tuple[int, str]], value: str) -> tuple[int, str]:
    found = people.get(value.strip().upper())
    if found is None:
        raise InvalidInput("person", value, "no such person in the organization (人员不存在)")
    return found


def _stored_applications(
    database: Any, org_id: int, years: list[str]
) -> dict[tuple[int, int], str]:
    wanted = [int(y) for y in years if y.isdigit()]
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = sql.execute(
        database,
        "SELECT person_id, year, series FROM titles_application "
        f"WHERE org_id = ? AND year IN ({marks})",
        (org_id, *wanted),
    )
    return {(p, y): s for p, y, s in rows}


def _stored_ratings(database: Any, org_id: int) -> dict[tuple[int, int], str]:
    rows = sql.execute(
        database, "SELECT person_id, year, grade FROM titles_rating WHERE org_id = ?", (org_id,)
    )
    return {(p, y): g for p, y, g in rows}


def _application_row(
    org_id: int, person_id: int, year: int, values: dict[str, Any]
) -> tuple[Any, ...]:
    def db(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    merged = {"org": org_id, "person": person_id, "year": year, "status": store.STATUSES[0]}
    merged |= values
    return tuple(db(merged[f]) for f in _APPLICATION_FIELDS)
