"""The titles plugin's tables as peewee models (created by plugins/titles/migrations),
bound to the core's database proxy like the core's own models, and the screening's reads:
a fixed number of statements for an organization's year, whatever its size."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import peewee as pw

from core.api import db, sql
from plugins.titles import rules

__all__ = [
    "APPLICANTS_SQL",
    "RATINGS_SQL",
    "REVOKED_SQL",
    "TitlesApplication",
    "TitlesRating",
    "TitlesSanction",
    "database",
    "load_applicants",
]

STATUSES = ("已申报",)  # this slice records applications; acceptance and review come later


class _Model(pw.Model):
    id = pw.AutoField()

    class Meta:
        database = db
        legacy_table_names = False


class TitlesApplication(_Model):
    """申报: one person's application for a year (第九条; one a year, 第十四条)."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    year = pw.IntegerField()
    series = pw.CharField()  # 系列（专业）
    level = pw.CharField()  # 申报级别 (TitleLevel)
    kind = pw.CharField(default=rules.Kind.REVIEW.value)  # 评审/转评/初次认定
    current_series = pw.CharField(null=True)  # 现职称系列 (转评: 原系列)
    subject_matches = pw.BooleanField(null=True)  # 学历专业是否相符 (第六十一条)
    ce_hours = pw.IntegerField(default=0)  # 申报专业继续教育学时 (第六十一条（二）)
    training_months = pw.IntegerField(default=0)  # 申报专业继续教育培训月数 (（一）)
    retrained = pw.BooleanField(default=False)  # 转岗培训证书 (（三）)
    exceptional = pw.BooleanField(default=False)  # 破格 (第三十九条)
    consent_on = pw.DateField(null=True)  # 人社部门审核同意 (第四十条)
    consent_by = pw.CharField(null=True)
    transferred_on = pw.DateField(null=True)  # 从机关调入时间 (第四十一条)
    post_changed_on = pw.DateField(null=True)  # 岗位变动时间 (转评, 第三十四条)
    applied_on = pw.DateField()  # 申报日期
    status = pw.CharField(default=STATUSES[0])
    note = pw.TextField(default="")


class TitlesRating(_Model):
    """年度考核: a person's grade for a year (第十一条)."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    year = pw.IntegerField()
    grade = pw.CharField()


class TitlesSanction(_Model):
    """A title of the person's revoked for fraud (第五十三条): no application for 5 years."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    revoked_on = pw.DateField()
    note = pw.TextField(default="")


# --------------------------------------------------------------------------- screening

#: The year's applications with their people (index titles_application (org_id, year)).
APPLICANTS_SQL = (
    f"SELECT {', '.join(rules.Applicant.COLUMNS)} FROM titles_application a "
    "JOIN person p ON p.id = a.person_id AND p.org_id = a.org_id "
    "WHERE a.org_id = ? AND a.year = ? ORDER BY a.id"
)
#: The ratings of the year's applicants (index titles_rating (org_id, person_id, year)).
RATINGS_SQL = (
    "SELECT r.person_id, r.year, r.grade FROM titles_rating r "
    "WHERE r.org_id = ? AND r.year <= ? AND r.person_id IN "
    "(SELECT a.person_id FROM titles_application a WHERE a.org_id = ? AND a.year = ?)"
)
#: Titles of the year's applicants revoked for fraud.
REVOKED_SQL = (
    "SELECT s.person_id, s.revoked_on FROM titles_sanction s "
    "WHERE s.org_id = ? AND s.person_id IN "
    "(SELECT a.person_id FROM titles_application a WHERE a.org_id = ? AND a.year = ?)"
)


def database() -> pw.Database:
    """The database the models are bound to (through the core's proxy)."""
    return db.obj


def load_applicants(org_id: int, year: int) -> Iterator[rules.Applicant]:
    """Every application of the organization's year as :class:`rules.Applicant`, in three
    statements (applications with their people, ratings, revocations) — never one per
    applicant. Runs in one snapshot, so the three see the same state."""
    found = database()
    with sql.snapshot(found):
        ratings: dict[int, list[rules.Rating]] = {}
        for row in sql.execute(found, RATINGS_SQL, (org_id, year, org_id, year)):
            ratings.setdefault(row[0], []).append(rules.Rating.from_row(row))
        revoked: dict[int, list[Any]] = {}
        for person, day in sql.execute(found, REVOKED_SQL, (org_id, org_id, year)):
            revoked.setdefault(person, []).append(rules.as_date(day))
        rows = sql.execute(found, APPLICANTS_SQL, (org_id, year)).fetchall()
    for row in rows:
        person = row[1]
        yield rules.Applicant.from_row(row, ratings.get(person, ()), revoked.get(person, ()))
