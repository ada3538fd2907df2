"""The core's first schema: organizations, units, people, posts, terms, kinship,
accounts and roles, plugin enablement, parameter overrides, calendar entries, and the
audit trail (its log, entries, checkpoints and wrapped data keys).

The models below are a frozen copy of core/models.py as of this migration: later
migrations change the schema with playhouse.migrate, and this file never changes.
"""

from __future__ import annotations

from typing import Any

import peewee as pw


def up(migrator: Any, db: pw.Database) -> None:
    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Account(Base):
        name = pw.CharField(unique=True)
        os_user = pw.CharField(null=True, unique=True)
        is_operator = pw.BooleanField(default=False)
        created_at = pw.DateTimeField()

    class Organization(Base):
        code = pw.CharField(unique=True)
        name = pw.CharField()
        kind = pw.CharField()
        created_at = pw.DateTimeField()

    class Unit(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        parent = pw.ForeignKeyField("self", null=True)
        code = pw.CharField()
        name = pw.CharField()
        kind = pw.CharField()

        class Meta:
            indexes = ((("org", "code"), True),)

    class Person(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        unit = pw.ForeignKeyField(Unit, null=True)
        name = pw.CharField(index=True)
        gender = pw.CharField()
        birth_date = pw.DateField()
        id_number = pw.CharField(null=True)
        education = pw.CharField(null=True)
        degree = pw.CharField(null=True)
        political_status = pw.CharField(null=True)
        title = pw.CharField(null=True)
        title_level = pw.CharField(null=True)
        title_date = pw.DateField(null=True)
        employment_start = pw.DateField(null=True)
        extra = pw.TextField(null=True)

        class Meta:
            indexes = ((("org", "id_number"), True),)

    class Post(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        unit = pw.ForeignKeyField(Unit)
        code = pw.CharField()
        title = pw.CharField()
        rank = pw.CharField()
        headcount = pw.IntegerField()
        term_years = pw.IntegerField(null=True)
        max_consecutive_terms = pw.IntegerField(null=True)
        category = pw.CharField()

        class Meta:
            indexes = ((("org", "code"), True),)

    class Term(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        post = pw.ForeignKeyField(Post)
        person = pw.ForeignKeyField(Person)
        start = pw.DateField()
        end = pw.DateField(null=True)
        appointed_by = pw.CharField()
        probation_end = pw.DateField(null=True)
        end_reason = pw.CharField(null=True)
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "post", "start"), False), (("person", "post"), False))

    class Kinship(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person_a = pw.ForeignKeyField(Person, backref="+")
        person_b = pw.ForeignKeyField(Person, backref="+")
        relation = pw.CharField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "person_a", "person_b"), True),)

    class PluginEnablement(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        plugin = pw.CharField()
        enabled = pw.BooleanField()
        changed_at = pw.DateTimeField()

        class Meta:
            indexes = ((("org", "plugin"), True),)

    class ParameterOverride(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        key = pw.CharField()
        effective_from = pw.DateField()
        value = pw.TextField()
        reason = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "key", "effective_from"), True),)

    class CalendarDay(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        day = pw.DateField()
        is_workday = pw.BooleanField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "day"), True),)

    class CalendarYear(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        year = pw.IntegerField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "year"), True),)

    class RoleGrant(Base):
        account = pw.ForeignKeyField(Account, on_delete="CASCADE")
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        role = pw.CharField()
        granted_at = pw.DateTimeField()

        class Meta:
            indexes = ((("account", "org", "role"), True),)

    class AuditLog(Base):
        log_id = pw.BlobField()
        origin = pw.CharField()
        created_at = pw.DateTimeField()
        size = pw.BigIntegerField()
        frontier = pw.BlobField()
        checkpoint_every = pw.IntegerField()
        public_key = pw.BlobField()
        signing_key = pw.TextField()
        kek_kind = pw.CharField()
        kek_setup = pw.TextField()

    class AuditEntry(Base):
        seq = pw.BigIntegerField(primary_key=True)
        at = pw.DateTimeField(index=True)
        org_id = pw.BigIntegerField(index=True)
        header = pw.BlobField()
        ciphertext = pw.BlobField()
        leaf_hash = pw.BlobField()

    class AuditCheckpoint(Base):
        size = pw.BigIntegerField(unique=True)
        root = pw.BlobField()
        at = pw.DateTimeField()
        signature = pw.BlobField()

    class DataKey(Base):
        org_id = pw.BigIntegerField()
        version = pw.IntegerField()
        wrapped = pw.TextField()
        created_at = pw.DateTimeField()

        class Meta:
            indexes = ((("org_id", "version"), True),)

    db.create_tables(
        [
            Account,
            Organization,
            Unit,
            Person,
            Post,
            Term,
            Kinship,
            PluginEnablement,
            ParameterOverride,
            CalendarDay,
            CalendarYear,
            RoleGrant,
            AuditLog,
            AuditEntry,
            AuditCheckpoint,
            DataKey,
        ]
    )
