"""The PostgreSQL roles of the README, set up with its own SQL: the owner role runs the
migrations (``zhidu init``); the application role reads and writes rows, and may not
change the schema."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import peewee as pw
import pytest

from core import builtin
from core.audit.verify import verify
from core.database import connect, db
from core.errors import MigrationError
from core.migrate import Migration, migrate
from core.services.orgs import create_org, list_orgs
from core.shell import initialize, open_context
from tests.conftest import _pg_params

SERVER = os.environ.get("ZHIDU_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(
    not SERVER, reason="database roles and grants are PostgreSQL's (ZHIDU_TEST_POSTGRES)"
)
README = Path(__file__).parents[2] / "README.md"


def readme_sql() -> tuple[list[str], list[str]]:
    """The statements of the README's two SQL blocks: on the server, then in the database."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Running on PostgreSQL", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    assert len(blocks) == 2, "the README gives the server's and the database's SQL"
    server, database = ([s.strip() for s in b.split(";") if s.strip()] for b in blocks)
    return server, database


@pytest.fixture
def names() -> Iterator[dict[str, str]]:
    """Names of our own for the README's database and roles (the server is shared); all
    dropped afterwards."""
    base = f"zhidu_roles_{uuid.uuid4().hex[:10]}"
    names = {"zhidu": base, "zhidu_owner": f"{base}_owner", "zhidu_app": f"{base}_app"}
    admin = pw.PostgresqlDatabase("postgres", **_pg_params(SERVER))
    try:
        yield names
    finally:
        db.initialize(None)
        admin.execute_sql(f"DROP DATABASE IF EXISTS {base} WITH (FORCE)")
        admin.execute_sql(f"DROP ROLE IF EXISTS {base}_app")
        admin.execute_sql(f"DROP ROLE IF EXISTS {base}_owner")
        admin.close()


def renamed(statement: str, names: dict[str, str]) -> str:
    return re.sub(r"\b(zhidu_owner|zhidu_app|zhidu)\b", lambda m: names[m.group(1)], statement)


def url(names: dict[str, str], role: str, password: str) -> str:
    server = urlparse(SERVER)
    return (
        f"{server.scheme}://{names[role]}:{password}@{server.hostname}:{server.port or 5432}"
        f"/{names['zhidu']}"
    )


def test_the_readme_roles_migrate_as_owner_and_work_as_the_application(
    names: dict[str, str], tmp_path: Path
) -> None:
    on_server, in_database = readme_sql()
    admin = pw.PostgresqlDatabase("postgres", **_pg_params(SERVER))
    for statement in on_server:
        admin.execute_sql(renamed(statement, names))
    admin.close()
    inside = pw.PostgresqlDatabase(names["zhidu"], **_pg_params(SERVER))
    for statement in in_database:
        inside.execute_sql(renamed(statement, names))
    inside.close()
    owner = url(names, "zhidu_owner", "owner-secret")
    app = url(names, "zhidu_app", "app-secret")
    key_file = tmp_path / "zhidu.key"

    _, applied, created = initialize(owner, key_file=key_file)  # `zhidu init`, as the owner
    assert sum(a.startswith("core/") for a in applied) == 4 and created  # + plugins' own
    db.obj.close()

    ctx = open_context(app, key_file)  # every day, as the application
    create_org(ctx, "town", "某镇", "government")
    assert [o.code for o in list_orgs(ctx)] == ["town"]
    assert verify().ok
    _, applied, created = initialize(app, key_file=key_file)  # nothing to migrate: fine
    assert applied == [] and not created
    with pytest.raises(pw.ProgrammingError, match="must be owner"):
        ctx.database.execute_sql("DROP TABLE audit_entry")
    later = Migration("later", "0001_initial", later_table)
    with pytest.raises(MigrationError, match="permission denied"):
        migrate(ctx.database, [*builtin.zhidu_migrations(), later])
    ctx.database.close()

    as_owner = connect(owner)  # the owner applies it …
    assert [str(m) for m in migrate(as_owner, [*builtin.zhidu_migrations(), later])] == [
        "later/0001_initial"
    ]
    as_owner.close()
    as_app = connect(app)  # … and the default privileges give its table to the application
    as_app.execute_sql("INSERT INTO later_note (note) VALUES ('ok')")
    assert as_app.execute_sql("SELECT note FROM later_note").fetchall() == [("ok",)]
    as_app.close()


def later_table(migrator: object, database: pw.Database) -> None:
    database.execute_sql("CREATE TABLE later_note (id SERIAL PRIMARY KEY, note TEXT)")
