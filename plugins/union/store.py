"""The union's tables as peewee models (created by plugins/union/migrations), bound to
the core's database proxy like the core's own models; rows become rules values here."""

from __future__ import annotations

from typing import Any

import peewee as pw

from core.api import db
from plugins.union import congress, rules

__all__ = [
    "UnionAcademic",
    "UnionAgendaDone",
    "UnionAttendance",
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
    congresses = list(_of(UnionCongress, org_id))
    counted = attendance_counts(org_id)  # recorded attendance, where any, over typed figures
    return {
        "duties": tuple(
            rules.Duty(r.unit, r.duty, r.declared_on, r.administrative)
            for r in _of(UnionDuty, org_id)
        ),
        "congresses": tuple(
            rules.Congress(r.held_on, r.kind, formal, came, r.elects_presidium)
            for r in congresses
            for formal, came in [counted.get(r.id, (r.delegates, r.present))]
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


class UnionAttendance(_Model):
    """A 正式代表's attendance at a congress session: present (出席) or absent (缺席)."""

    org = pw.IntegerField(column_name="org_id")
    congress = pw.IntegerField(column_name="congress_id")
    delegate = pw.IntegerField(column_name="delegate_id")
    person = pw.IntegerField(column_name="person_id")
    present = pw.BooleanField()
    note = pw.TextField(default="")


def attendance_counts(org_id: int, congress_id: int | None = None) -> dict[int, tuple[int, int]]:
    """For each session of the organization whose attendance is recorded (any row, present
    or absent: the roll call has begun), (its 正式代表 recorded, those recorded present) —
    the figures its quorums count instead of the session's typed ``delegates``/``present``
    (第八条 当选代表参加; 六、4 正式代表出席). A session with no row is absent from the map:
    its typed figures stand (older data)."""
    rows = UnionAttendance.select(UnionAttendance.congress, UnionAttendance.present).where(
        UnionAttendance.org == org_id
    )
    if congress_id is not None:
        rows = rows.where(UnionAttendance.congress == congress_id)
    present: dict[int, int] = {}
    for session, came in rows.tuples().iterator():
        present[session] = present.get(session, 0) + int(bool(came))
    if not present:
        return {}
    formal: dict[int, int] = {}
    delegates = UnionDelegate.select(UnionDelegate.congress).where(
        (UnionDelegate.org == org_id)
        & (UnionDelegate.congress.in_(list(present)))
        & (UnionDelegate.kind == congress.FORMAL)
    )
    for (session,) in delegates.tuples().iterator():
        formal[session] = formal.get(session, 0) + 1
    return {c: (formal.get(c, 0), n) for c, n in present.items()}
