"""Eligibility's tables (migration ``m0001_records``): what the core does not keep about a
cadre — the profile (track, family abroad, management since, fitness), the trainings
completed (第九条（二）7) and the exceptional promotions recorded (破格, 第十一条).

Column names are part of the contract between the plugin's parts (docs/cadre.md): the
cases part reads ``cadre_profile.family_emigrated`` for 第十五条（四）."""

from __future__ import annotations

import peewee as pw

from plugins.cadre.tables import Model

__all__ = ["CadreException", "CadreProfile", "CadreTraining"]


class CadreProfile(Model):
    """干部档案补充信息, one per person: ``track`` is Track.zh (管理岗位/专业技术岗位)."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id", unique=True)
    track = pw.CharField()
    family_emigrated = pw.BooleanField(default=False)
    management_since = pw.DateField(null=True)
    fit_for_duty = pw.BooleanField(default=True)
    note = pw.TextField(default="")


class CadreTraining(Model):
    """A training completed: when, how many hours (学时), at which institution."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    completed_on = pw.DateField()
    hours = pw.IntegerField()
    institution = pw.CharField()
    note = pw.TextField(default="")


class CadreException(Model):
    """破格提拔: the rank aimed at, the kind (特别优秀/工作特殊需要) and its listed ground,
    the superior department's consent (date, by whom; null until given)."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    target_rank = pw.CharField()
    kind = pw.CharField()
    reason = pw.CharField()
    consent_on = pw.DateField(null=True)
    consent_by = pw.CharField(null=True)
    recorded_on = pw.DateField()
    note = pw.TextField(default="")
