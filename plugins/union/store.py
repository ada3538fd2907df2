"""The union's tables as peewee models (created by plugins/union/migrations), bound to
the core's database proxy like the core's own models; rows become rules values here."""

from __future__ import annotations

from typing import Any

import peewee as pw

from core.api import db
from plugins.union import rules

__all__ = [
    "UnionAcademic",
    "UnionAgendaDone",
    "UnionAward",
    "UnionBranch",
    "UnionCongress",
    "UnionCongressElection",
    "UnionDelegate",
    "UnionDuty",
    "UnionEvent",
    "UnionGuide",
    "UnionHearing",
    "UnionSeating",
    "UnionTraining",
    "UnionTrainingAttendee",
    "facts_rows",
]


class _Model(pw.Model):
    id = pw.AutoField()

    class Meta:
        database = db
        legacy_table_names = False


class UnionDuty(_Model):
    org = pw.IntegerField(column_name="org_id")
    unit = pw.IntegerField(column_name="unit_id")
    duty = pw.TextField()
    administrative = pw.BooleanField(null=True)
    declared_on = pw.DateField()


class UnionCongress(_Model):
    org = pw.IntegerField(column_name="org_id")
    held_on = pw.DateField()
    kind = pw.CharField()
    delegates = pw.IntegerField()
    present = pw.IntegerField()
    elects_presidium = pw.BooleanField(default=False)
    note = pw.TextField(default="")


class UnionTraining(_Model):
    org = pw.IntegerField(column_name="org_id")
    held_on = pw.DateField()
    season = pw.CharField()
    note = pw.TextField(default="")


class UnionTrainingAttendee(_Model):
    training = pw.IntegerField(column_name="training_id")
    person = pw.IntegerField(column_name="person_id")


class UnionAward(_Model):
    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    awarded_on = pw.DateField()
    name = pw.CharField()
    basis = pw.CharField()


class UnionHearing(_Model):
    org = pw.IntegerField(column_name="org_id")
    held_on = pw.DateField()
    topic = pw.TextField()


class UnionGuide(_Model):
    org = pw.IntegerField(column_name="org_id")
    role = pw.CharField()
    name = pw.CharField()
    league_cadre = pw.BooleanField()
    start = pw.DateField()
    end = pw.DateField(null=True)


class UnionBranch(_Model):
    org = pw.IntegerField(column_name="org_id")
    founded_on = pw.DateField()
    secretary = pw.IntegerField(column_name="secretary_id", null=True)
    dissolved_on = pw.DateField(null=True)


class UnionAcademic(_Model):
    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    recorded_on = pw.DateField()
    level = pw.CharField()
    enrolled = pw.IntegerField()
    failed = pw.IntegerField(default=0)
    basis = pw.CharField(null=True)
    rank = pw.IntegerField(null=True)
    size = pw.IntegerField(null=True)


class UnionEvent(_Model):
    org = pw.IntegerField(column_name="org_id")
    person = pw.IntegerField(column_name="person_id")
    kind = pw.CharField()
    happened_on = pw.DateField()
    unit = pw.IntegerField(column_name="unit_id", null=True)
    post_code = pw.CharField(null=True)
    offence = pw.CharField(null=True)
    authority = pw.CharField(null=True)
    effective_on = pw.DateField(null=True)
    note = pw.TextField(default="")


def _of(model: Any, org_id: int) -> Any:
    return model.select().where(model.org == org_id).order_by(model.id)


def facts_rows(org_id: int) -> dict[str, tuple[Any, ...]]:
    """The union's own facts of an organization, as rules values (for rules.Facts)."""
    attendees: dict[int, set[int]] = {}
    trainings = list(_of(UnionTraining, org_id))
    if trainings:
        rows = UnionTrainingAttendee.select().where(
            UnionTrainingAttendee.training.in_([t.id for t in trainings])
        )
        for row in rows:
            attendees.setdefault(row.training, set()).add(row.person)
    return {
        "duties": tuple(
            rules.Duty(r.unit, r.duty, r.declared_on, r.administrative)
            for r in _of(UnionDuty, org_id)
        ),
        "congresses": tuple(
            rules.Congress(r.held_on, r.kind, r.delegates, r.present, r.elects_presidium)
            for r in _of(UnionCongress, org_id)
        ),
        "trainings": tuple(
            rules.Training(r.held_on, r.season, frozenset(attendees.get(r.id, ())))
            for r in trainings
        ),
        "awards": tuple(
            rules.Award(r.person, r.awarded_on, r.name, r.basis) for r in _of(UnionAward, org_id)
        ),
        "hearings": tuple(rules.Hearing(r.held_on, r.topic) for r in _of(UnionHearing, org_id)),
        "guides": tuple(
            rules.Guide(r.role, r.name, r.league_cadre, r.start, r.end)
            for r in _of(UnionGuide, org_id)
        ),
        "branches": tuple(
            rules.Branch(r.founded_on, r.secretary, r.dissolved_on)
            for r in _of(UnionBranch, org_id)
        ),
        "academics": tuple(
            rules.Academic(
                r.person, r.recorded_on, r.level, r.enrolled, r.failed, r.basis, r.rank, r.size
            )
            for r in _of(UnionAcademic, org_id)
        ),
    }


class UnionDelegate(_Model):
    org = pw.IntegerField(column_name="org_id")
    congress = pw.IntegerField(column_name="congress_id")
    person = pw.IntegerField(column_name="person_id")
    kind = pw.CharField()
    elected_by = pw.CharField()
    note = pw.TextField(default="")


class UnionCongressElection(_Model):
    org = pw.IntegerField(column_name="org_id")
    congress = pw.IntegerField(column_name="congress_id")
    election_code = pw.CharField()


class UnionAgendaDone(_Model):
    org = pw.IntegerField(column_name="org_id")
    congress = pw.IntegerField(column_name="congress_id")
    item = pw.CharField()
    done_on = pw.DateField()
    note = pw.TextField(default="")


class UnionSeating(_Model):
    org = pw.IntegerField(column_name="org_id")
    congress = pw.IntegerField(column_name="congress_id")
    election_code = pw.CharField()
    result_id = pw.IntegerField()
    seated_on = pw.DateField()
    terms = pw.TextField()
