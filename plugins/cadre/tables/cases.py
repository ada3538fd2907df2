"""The selection cases' tables (第十二–二十一条): a case and the posts it fills, each stage
recorded, the timeline of events (done, refused), candidates, recommendation votes, the
凡提四必 checks, the committee's roster and votes, notices, talks and appointments.
Created by ``migrations/m0003_cases.py``; facts of a stage that no rule queries are kept
as JSON in ``CadreCaseStage.facts``."""

from __future__ import annotations

import peewee as pw

from plugins.cadre.tables import Model

__all__ = [
    "CadreAppointment",
    "CadreCandidate",
    "CadreCase",
    "CadreCaseEvent",
    "CadreCasePost",
    "CadreCaseStage",
    "CadreCommitteeMember",
    "CadreInspectionCheck",
    "CadreNotice",
    "CadreRecommendation",
    "CadreTalk",
    "CadreVote",
]


class CadreCase(Model):
    """A selection case (选拔任用工作): its method (第五条) and when it was opened."""

    org = pw.IntegerField(column_name="org_id")
    title = pw.CharField()
    method = pw.CharField()  # Method.zh
    opened_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    note = pw.TextField(default="")


class CadreCasePost(Model):
    """A post the case fills (拟任职位) and how many people it seeks for it."""

    case = pw.IntegerField(column_name="case_id")
    post = pw.IntegerField(column_name="post_id")
    seats = pw.IntegerField(default=1)


class CadreCaseStage(Model):
    """A stage of a case, first recorded on ``held_on``; its facts as JSON."""

    case = pw.IntegerField(column_name="case_id")
    stage = pw.CharField()  # Stage.zh
    held_on = pw.DateField()
    facts = pw.TextField(default="{}")


class CadreCaseEvent(Model):
    """One line of a case's timeline: a step done, or refused with the clause."""

    case = pw.IntegerField(column_name="case_id")
    stage = pw.CharField()
    happened_on = pw.DateField()
    outcome = pw.CharField()  # 完成 / 驳回 / 记录
    person = pw.IntegerField(column_name="person_id", null=True)
    message_zh = pw.TextField()
    message_en = pw.TextField()
    article = pw.CharField(default="")
    words = pw.TextField(default="")


class CadreCandidate(Model):
    """A person in a case: recommended (推荐) or registered (报名, 第二十条), and what the
    registration review, tests and inspection found."""

    case = pw.IntegerField(column_name="case_id")
    person = pw.IntegerField(column_name="person_id")
    post = pw.IntegerField(column_name="post_id", null=True)
    source = pw.CharField()  # 推荐 / 报名
    registered_on = pw.DateField(null=True)
    unit_consent = pw.BooleanField(default=False)
    eligible = pw.BooleanField(null=True)
    eligibility = pw.TextField(default="")  # Eligibility.as_dict() as JSON
    score = pw.CharField(null=True)
    tested_on = pw.DateField(null=True)
    inspected_on = pw.DateField(null=True)


class CadreRecommendation(Model):
    """Votes for one person in one round of 民主推荐 (第十四条)."""

    case = pw.IntegerField(column_name="case_id")
    kind = pw.CharField()  # RecommendationKind.zh
    held_on = pw.DateField()
    participants = pw.IntegerField()
    person = pw.IntegerField(column_name="person_id")
    votes = pw.IntegerField()
    scattered = pw.BooleanField(default=False)


class CadreInspectionCheck(Model):
    """One of 凡提四必 recorded for a candidate (第十五条)."""

    case = pw.IntegerField(column_name="case_id")
    person = pw.IntegerField(column_name="person_id")
    kind = pw.CharField()  # CheckKind.zh
    checked_on = pw.DateField()
    result = pw.TextField(default="")


class CadreCommitteeMember(Model):
    """A member of the 党委全委会 or 常委会 from ``since`` to ``until`` (inclusive)."""

    org = pw.IntegerField(column_name="org_id")
    body = pw.CharField()  # Body.zh
    person = pw.IntegerField(column_name="person_id")
    since = pw.DateField()
    until = pw.DateField(null=True)


class CadreVote(Model):
    """The committee on one person (第十六条): a vote (表决), a deferral (缓议) or a vote to
    reconsider (复议)."""

    case = pw.IntegerField(column_name="case_id")
    person = pw.IntegerField(column_name="person_id")
    post = pw.IntegerField(column_name="post_id", null=True)
    kind = pw.CharField()
    held_on = pw.DateField()
    body = pw.CharField()
    members = pw.IntegerField()
    present = pw.IntegerField(default=0)
    withdrawn = pw.TextField(default="[]")  # person ids, JSON
    yes = pw.IntegerField(default=0)
    no = pw.IntegerField(default=0)
    defer = pw.IntegerField(default=0)
    quorate = pw.BooleanField(default=False)
    passed = pw.BooleanField(default=False)
    note = pw.TextField(default="")


class CadreNotice(Model):
    """A 任前公示 of one person (第十七条): its period in working days."""

    case = pw.IntegerField(column_name="case_id")
    person = pw.IntegerField(column_name="person_id")
    post = pw.IntegerField(column_name="post_id")
    start = pw.DateField()
    end = pw.DateField()
    working_days = pw.IntegerField()
    assumed = pw.TextField(default="")  # the years assumed by the weekend rule
    affects = pw.BooleanField(default=False)  # 公示结果影响任职
    note = pw.TextField(default="")


class CadreTalk(Model):
    """任职谈话 / 廉政谈话 (第十七条)."""

    case = pw.IntegerField(column_name="case_id")
    person = pw.IntegerField(column_name="person_id")
    kind = pw.CharField()
    held_on = pw.DateField()
    by = pw.CharField(default="")


class CadreAppointment(Model):
    """任职: the core term the case created, from the decision's date."""

    case = pw.IntegerField(column_name="case_id")
    person = pw.IntegerField(column_name="person_id")
    post = pw.IntegerField(column_name="post_id")
    term = pw.IntegerField(column_name="term_id")
    start = pw.DateField()
    probation_end = pw.DateField(null=True)
    appointed_on = pw.DateField()
