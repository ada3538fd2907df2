"""The core's tables as peewee models — the shell's edge, never handed to the core.

Services read rows here and turn them into :mod:`core.domain` values with
``from_row``. Every row that belongs to an organization carries ``org``; every query
filters by it. The schema itself is created by the migrations in ``migrations/``,
not by these classes: a change here needs a migration beside it.
"""

from __future__ import annotations

import json
from typing import Any

import peewee as pw

from core.database import db

__all__ = [
    "Account",
    "AccountKey",
    "AuditCheckpoint",
    "AuditEntry",
    "AuditLog",
    "CalendarDay",
    "CalendarYear",
    "DataKey",
    "DocumentNumber",
    "JsonField",
    "Kinship",
    "Organization",
    "ParameterOverride",
    "Person",
    "PluginEnablement",
    "Post",
    "RoleGrant",
    "Term",
    "Unit",
]


class JsonField(pw.TextField):
    """JSON stored as text, portable across SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class _Model(pw.Model):
    id = pw.AutoField()

    class Meta:
        database = db
        legacy_table_names = False


class Account(_Model):
    """Who acts (账号): mapped to an OS user at ``zhidu init``, or to SSH keys (AccountKey)."""

    name = pw.CharField(unique=True)
    os_user = pw.CharField(null=True, unique=True)
    is_operator = pw.BooleanField(default=False)  # deployment operator: may do everything
    created_at = pw.DateTimeField()


class Organization(_Model):
    code = pw.CharField(unique=True)
    name = pw.CharField()
    kind = pw.CharField()
    created_at = pw.DateTimeField()


class Unit(_Model):
    org = pw.ForeignKeyField(Organization, backref="units", on_delete="CASCADE")
    org_id: int
    parent = pw.ForeignKeyField("self", null=True, backref="children")
    parent_id: int | None
    code = pw.CharField()
    name = pw.CharField()
    kind = pw.CharField()

    class Meta:
        indexes = ((("org", "code"), True),)


class Person(_Model):
    """A person as one organization records them. The same human in two organizations
    is two rows, one each, so no organization ever reads or changes another's record."""

    org = pw.ForeignKeyField(Organization, backref="people", on_delete="CASCADE")
    org_id: int
    unit = pw.ForeignKeyField(Unit, null=True, backref="people")
    unit_id: int | None
    name = pw.CharField(index=True)
    gender = pw.CharField()
    birth_date = pw.DateField()
    id_number = pw.CharField(null=True)  # unique within the organization
    education = pw.CharField(null=True)
    degree = pw.CharField(null=True)
    political_status = pw.CharField(null=True)
    title = pw.CharField(null=True)
    title_level = pw.CharField(null=True)
    title_date = pw.DateField(null=True)
    employment_start = pw.DateField(null=True)
    extra = JsonField(null=True)  # what a plugin or the demo keeps (年级, 成绩排名 …)

    class Meta:
        indexes = ((("org", "id_number"), True),)


class Post(_Model):
    org = pw.ForeignKeyField(Organization, backref="posts", on_delete="CASCADE")
    org_id: int
    unit = pw.ForeignKeyField(Unit, backref="posts")
    unit_id: int
    code = pw.CharField()
    title = pw.CharField()
    rank = pw.CharField()
    headcount = pw.IntegerField()
    term_years = pw.IntegerField(null=True)
    max_consecutive_terms = pw.IntegerField(null=True)
    category = pw.CharField()

    class Meta:
        indexes = ((("org", "code"), True),)


class Term(_Model):
    org = pw.ForeignKeyField(Organization, backref="terms", on_delete="CASCADE")
    org_id: int
    post = pw.ForeignKeyField(Post, backref="terms")
    post_id: int
    person = pw.ForeignKeyField(Person, backref="terms")
    person_id: int
    start = pw.DateField()
    end = pw.DateField(null=True)
    appointed_by = pw.CharField()
    probation_end = pw.DateField(null=True)
    end_reason = pw.CharField(null=True)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("org", "post", "start"), False), (("person", "post"), False))


class Kinship(_Model):
    org = pw.ForeignKeyField(Organization, backref="kinships", on_delete="CASCADE")
    org_id: int
    person_a = pw.ForeignKeyField(Person, backref="+")  # the lower id of the pair
    person_a_id: int
    person_b = pw.ForeignKeyField(Person, backref="+")
    person_b_id: int
    relation = pw.CharField()
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("org", "person_a", "person_b"), True),)


class PluginEnablement(_Model):
    org = pw.ForeignKeyField(Organization, backref="plugins", on_delete="CASCADE")
    org_id: int
    plugin = pw.CharField()
    enabled = pw.BooleanField()
    changed_at = pw.DateTimeField()

    class Meta:
        indexes = ((("org", "plugin"), True),)


class ParameterOverride(_Model):
    org = pw.ForeignKeyField(Organization, backref="overrides", on_delete="CASCADE")
    org_id: int
    key = pw.CharField()
    effective_from = pw.DateField()
    value = JsonField()
    reason = pw.TextField(default="")

    class Meta:
        indexes = ((("org", "key", "effective_from"), True),)


class CalendarDay(_Model):
    """An administrator's entry for one day: working or not (日历调整)."""

    org = pw.ForeignKeyField(Organization, backref="calendar_days", on_delete="CASCADE")
    org_id: int
    day = pw.DateField()
    is_workday = pw.BooleanField()
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("org", "day"), True),)


class CalendarYear(_Model):
    """A year whose whole holiday schedule the administrator has entered."""

    org = pw.ForeignKeyField(Organization, backref="calendar_years", on_delete="CASCADE")
    org_id: int
    year = pw.IntegerField()
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("org", "year"), True),)


class RoleGrant(_Model):
    """A role an account holds in one organization (see core.access)."""

    account = pw.ForeignKeyField(Account, backref="grants", on_delete="CASCADE")
    account_id: int
    org = pw.ForeignKeyField(Organization, backref="grants", on_delete="CASCADE")
    org_id: int
    role = pw.CharField()
    granted_at = pw.DateTimeField()

    class Meta:
        indexes = ((("account", "org", "role"), True),)


class AuditLog(_Model):
    """The deployment's one audit log: identity, tree frontier, keys (see core.audit)."""

    log_id = pw.BlobField()
    origin = pw.CharField()
    created_at = pw.DateTimeField()
    size = pw.BigIntegerField()
    frontier = pw.BlobField()
    checkpoint_every = pw.IntegerField()
    public_key = pw.BlobField()
    signing_key = pw.TextField()  # sealed under the KEK (core.keys)
    kek_kind = pw.CharField()  # "keyfile" or "passphrase"
    kek_setup = pw.TextField()  # salt, KDF parameters and check value, as JSON


class AuditEntry(_Model):
    """One leaf of the log: a binary header and the encrypted body (see core.audit).

    ``at`` and ``org_id`` repeat what the plaintext header says, for filtering in SQL;
    there is deliberately no foreign key, so entries outlive anything they name.
    """

    seq = pw.BigIntegerField(primary_key=True)
    at = pw.DateTimeField()
    org_id = pw.BigIntegerField()  # 0: deployment-wide
    header = pw.BlobField()
    ciphertext = pw.BlobField()
    leaf_hash = pw.BlobField()

    class Meta:
        # One index where there were two (migration core/0004): every change writes
        # each index's page, and a reader filters by organization, then time.
        indexes = ((("org_id", "at"), False),)


class AuditCheckpoint(_Model):
    """A signed checkpoint (origin, size, root, time) of the log."""

    size = pw.BigIntegerField(unique=True)
    root = pw.BlobField()
    at = pw.DateTimeField()
    signature = pw.BlobField()


class DataKey(_Model):
    """An organization's data key of one version, wrapped under the KEK (core.keys)."""

    org_id = pw.BigIntegerField()  # 0: deployment-wide
    version = pw.IntegerField()
    wrapped = pw.TextField()
    created_at = pw.DateTimeField()

    class Meta:
        indexes = ((("org_id", "version"), True),)


class AccountKey(_Model):
    """An SSH public key bound to one account: logging in with it acts as that account."""

    account = pw.ForeignKeyField(Account, backref="ssh_keys", on_delete="CASCADE")
    account_id: int
    public_key = pw.TextField()  # the OpenSSH one-line form: type, base64, comment
    fingerprint = pw.CharField(unique=True)  # SHA256:… as ssh-keygen -l prints it
    comment = pw.CharField(default="")
    added_at = pw.DateTimeField()  # naive UTC


class DocumentNumber(_Model):
    """A document number (发文字号) issued by an organization: 机关代字, year, sequence.

    Numbers run 1, 2, 3 … per organization, prefix and year without gaps
    (core.documents.numbering issues them); ``issued_at`` is naive UTC.
    """

    org = pw.ForeignKeyField(Organization, backref="document_numbers", on_delete="CASCADE")
    org_id: int
    prefix = pw.CharField()  # 机关代字, e.g. 组发
    year = pw.IntegerField()
    seq = pw.IntegerField()
    title = pw.TextField()  # the document the number was issued for
    issued_at = pw.DateTimeField()  # naive UTC

    class Meta:
        indexes = ((("org", "prefix", "year", "seq"), True),)
