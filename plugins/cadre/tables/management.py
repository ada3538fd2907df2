"""The management part's tables (migrations/m0002_management.py): assessments
(第二十七条, 第十七条), sanctions (第十五条（五）, 第三十三条), economic-responsibility audits
(第二十八条) and the votes that keep a cadre in a post past two 届 (第二十三条).

``CadreAssessment`` and ``CadreSanction`` are read by the other parts (eligibility,
cases): their columns are fixed by the plugin's contract."""

from __future__ import annotations

import peewee as pw

from plugins.cadre.tables import Model

__all__ = ["CadreAssessment", "CadreAudit", "CadreRetention", "CadreSanction"]


class CadreAssessment(Model):
    """考核: ``kind`` 试用期满/年度/届中/届满, ``year`` for 年度, ``grade`` Grade.zh."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    kind = pw.CharField()
    year = pw.IntegerField(null=True)
    assessed_on = pw.DateField()
    grade = pw.CharField()
    note = pw.TextField(default="")


class CadreSanction(Model):
    """组织处理或纪律处分: ``kind`` (党内警告, 诫勉, 免职处理 …), ``until`` 影响期满,
    ``affects_use`` 影响使用 (第十五条（五）)."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    kind = pw.CharField()
    imposed_on = pw.DateField()
    until = pw.DateField(null=True)
    affects_use = pw.BooleanField(default=True)
    note = pw.TextField(default="")


class CadreAudit(Model):
    """经济责任审计: ``kind`` 离任/届中/专项, of a post or of the cadre generally."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    post = pw.IntegerField(column_name="post_id", null=True)
    kind = pw.CharField()
    started_on = pw.DateField()
    finished_on = pw.DateField(null=True)
    conclusion = pw.TextField(default="")
    note = pw.TextField(default="")


class CadreRetention(Model):
    """票决留任 (第二十三条): the vote of ``body`` on keeping ``person`` in ``post``."""

    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    post = pw.IntegerField(column_name="post_id")
    decided_on = pw.DateField()
    body = pw.CharField()
    members = pw.IntegerField()
    present = pw.IntegerField()
    yes = pw.IntegerField()
    no = pw.IntegerField()
    defer = pw.IntegerField(default=0)
    passed = pw.BooleanField()
    note = pw.TextField(default="")
