"""The title-eligibility scenario of the performance issue (the ``titles`` plugin).

**screen title applicants** — ``size`` applicants of one organization for 2026
(:func:`bench.generate.applicants`: people, their applications and five years of 年度考核)
are written with the raw driver (setup, not timed). Then zhidu's
:func:`plugins.titles.services.screen` (authorization, the parameters in force, three
statements — applications joined with their people, ratings, revocations — values built
with ``from_row``, every rule) is timed against the baseline: the same rows loaded with
the raw driver by hand-written SQL, made values with the plugin's ``from_row`` and run
through the plugin's pure :func:`plugins.titles.rules.screen_one` with the default
limits. Both must reach the same verdict for every application. Target: ≤ 2×.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any, TypeVar

from bench.scenarios import Measurement
from bench.targets import Target

__all__ = ["eligibility_scenario"]

ORG = "ahrs"
YEAR = 2026
T = TypeVar("T")

#: The baseline's own SQL (the same columns as rules.Applicant.COLUMNS, in that order).
_APPLICANTS = (
    "SELECT a.id, a.person_id, p.name, a.year, a.series, a.level, a.kind, a.current_series, "
    "a.subject_matches, a.ce_hours, a.training_months, a.retrained, a.exceptional, "
    "a.consent_on, a.transferred_on, a.post_changed_on, a.applied_on, p.education, "
    "p.title_level, p.title_date, p.employment_start, p.extra "
    "FROM titles_application a JOIN person p ON p.id = a.person_id "
    "WHERE a.org_id = {p} AND a.year = {p} ORDER BY a.id"
)
_RATINGS = (
    "SELECT r.person_id, r.year, r.grade FROM titles_rating r "
    "JOIN titles_application a ON a.person_id = r.person_id AND a.org_id = r.org_id "
    "WHERE a.org_id = {p} AND a.year = {p}"
)
_REVOKED = (
    "SELECT s.person_id, s.revoked_on FROM titles_sanction s "
    "JOIN titles_application a ON a.person_id = s.person_id AND a.org_id = s.org_id "
    "WHERE a.org_id = {p} AND a.year = {p}"
)


def _best(action: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median time of ``runs`` runs, and the last result."""
    times: list[float] = []
    value: Any = None
    for _ in range(max(1, runs)):
        started = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def _load(target: Target, url: str, org_id: int, size: int) -> None:
    """``size`` applicants, their 2026 applications and ratings, with the raw driver."""
    from bench.generate import applicants

    p = target.param
    raw = target.raw(url)
    cursor = raw.cursor()
    rows = list(applicants(size, seed=size))
    people = [
        (org_id, r["name"], r["gender"], r["birth_date"].isoformat(), r["id_number"],  # type: ignore[attr-defined]
         r["education"], r["degree"], r["political_status"], r["title"], r["title_level"],
         _iso(r["title_date"]), _iso(r["employment_start"]))
        for r in rows
    ]  # fmt: skip
    target.begin(raw)
    columns = (
        "org_id, name, gender, birth_date, id_number, education, degree, political_status, "
        "title, title_level, title_date, employment_start"
    )
    cursor.executemany(f"INSERT INTO person ({columns}) VALUES ({', '.join([p] * 12)})", people)
    cursor.execute(f"SELECT id FROM person WHERE org_id = {p} ORDER BY id", (org_id,))
    ids = [r[0] for r in cursor.fetchall()]
    applications = [
        (org_id, pid, YEAR, "工程", r["applied_level"], "评审", True, 0, 0, False, False,
         "2026-09-15", "已申报", "")
        for pid, r in zip(ids, rows, strict=True)
    ]  # fmt: skip
    cursor.executemany(
        "INSERT INTO titles_application (org_id, person_id, year, series, level, kind, "
        "subject_matches, ce_hours, training_months, retrained, exceptional, applied_on, "
        f"status, note) VALUES ({', '.join([p] * 14)})",
        applications,
    )
    ratings: list[tuple[int, int, int, str]] = []
    for pid, r in zip(ids, rows, strict=True):
        grades: list[str] = r["annual_ratings"]  # type: ignore[assignment]  # oldest first
        first = YEAR - len(grades)
        ratings.extend((org_id, pid, first + i, grade) for i, grade in enumerate(grades))
    cursor.executemany(
        f"INSERT INTO titles_rating (org_id, person_id, year, grade) VALUES ({p}, {p}, {p}, {p})",
        ratings,
    )
    target.commit(raw)
    raw.close()
    target.settle(url, "person", "titles_application", "titles_rating")


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


def eligibility_scenario(target: Target, size: int = 50_000, runs: int = 3) -> Measurement:
    """Screen ``size`` title applicants (see the module's docstring); the median of
    ``runs`` timings on each side."""
    from core.services.orgs import create_org
    from core.services.plugins import enable_plugin
    from plugins.titles import rules, services

    ctx, url, _ = target.deployment("titles")
    org = create_org(ctx, ORG, "安徽省人力资源和社会保障厅", "hr_office")
    enable_plugin(ctx, ORG, "titles")
    org_id = org.id
    _load(target, url, org_id, size)

    raw = target.raw(url)
    p = target.param
    limits = rules.Limits()

    def baseline() -> list[tuple[int, str]]:
        cursor = raw.cursor()
        cursor.execute(_RATINGS.format(p=p), (org_id, YEAR))
        ratings: dict[int, list[rules.Rating]] = {}
        for row in cursor.fetchall():
            ratings.setdefault(row[0], []).append(rules.Rating.from_row(row))
        cursor.execute(_REVOKED.format(p=p), (org_id, YEAR))
        revoked: dict[int, list[Any]] = {}
        for person, day in cursor.fetchall():
            revoked.setdefault(person, []).append(rules.as_date(day))
        cursor.execute(_APPLICANTS.format(p=p), (org_id, YEAR))
        found = []
        for row in cursor.fetchall():
            a = rules.Applicant.from_row(row, ratings.get(row[1], ()), revoked.get(row[1], ()))
            found.append((a.application_id, rules.screen_one(a, limits).verdict))
        if target.kind == "postgresql":
            raw.rollback()
        return found

    def ours() -> list[tuple[int, str]]:
        report = services.screen(ctx, ORG, YEAR)
        return [(s.applicant.application_id, s.verdict) for s in report.screenings]

    base, expected = _best(baseline, runs)
    raw.close()
    mine, got = _best(ours, runs)
    if got != expected or len(got) != size:
        differ = sum(1 for a, b in zip(got, expected, strict=False) if a != b)
        raise AssertionError(
            f"the screening of {size} applicants disagrees with the baseline: {len(got)} vs "
            f"{len(expected)} verdicts, {differ} differ"
        )
    counts = {v: sum(1 for _, x in got if x == v) for v in ("eligible", "ineligible")}
    ctx.database.close()
    return Measurement(
        "screen title applicants", target.kind, size, mine, base, 2.0,
        f"three statements, every rule; {counts['eligible']} eligible, "
        f"{counts['ineligible']} ineligible",
    )  # fmt: skip
