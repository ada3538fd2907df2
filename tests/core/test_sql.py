"""The prebuilt statements of core.sql read and write rows exactly as peewee does."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from core import models, sql
from core.database import is_sqlite, using
from core.services.context import Context
from tests.conftest import make_org


def test_insert_and_select_one_round_trip_like_the_orm(ctx: Context) -> None:
    org = models.Organization.get(code=make_org(ctx))
    unit = models.Unit.get(org=org.id)
    values = {
        "org": org.id,
        "unit_id": unit.id,  # a foreign key by field name or by column name
        "name": "王芳",
        "gender": "女",
        "birth_date": dt.date(1990, 2, 28),
        "title_date": None,
        "extra": {"年级": "2024级", "rank": [3, 40]},
    }
    with ctx.transaction():
        new_id = sql.insert(models.Person, values)
    by_orm = models.Person.get_by_id(new_id)
    assert (by_orm.name, by_orm.birth_date, by_orm.unit_id) == (
        "王芳",
        dt.date(1990, 2, 28),
        unit.id,
    )
    assert by_orm.extra == {"年级": "2024级", "rank": [3, 40]}
    found = sql.select_one(models.Person, org=org.id, name="王芳")
    assert found is not None and found.__data__ == by_orm.__data__
    assert not found.is_dirty()
    assert sql.select_one(models.Person, org=org.id, name="无此人") is None


def test_a_none_is_stored_as_null_and_a_missing_required_value_is_refused(ctx: Context) -> None:
    org = models.Organization.get(code=make_org(ctx))
    with ctx.transaction():
        new_id = sql.insert(
            models.Person,
            {"org": org.id, "name": "李四", "gender": "男", "birth_date": dt.date(1990, 1, 1)}
            | dict.fromkeys(("unit_id", "id_number", "title", "extra", "employment_start")),
        )
    stored = models.Person.get_by_id(new_id)
    assert (stored.unit_id, stored.id_number, stored.extra, stored.employment_start) == (
        (None,) * 4
    )
    for missing in ({"name": None}, {}):  # left out, the column is NULL: NOT NULL refuses it
        with pytest.raises(pw.IntegrityError), ctx.transaction():
            sql.insert(models.Person, {"org": None, "gender": "男"} | missing)
    with pytest.raises(pw.IntegrityError), ctx.transaction():
        sql.insert(models.Person, {"name": None})  # nothing but NULLs: DEFAULT VALUES


def test_a_row_read_by_select_one_behaves_as_the_orms(ctx: Context) -> None:
    org = models.Organization.get(code=make_org(ctx))
    with ctx.transaction():
        sql.insert(models.Person, {"org": org.id, "name": "赵六", "gender": "男",
                                   "birth_date": dt.date(1990, 1, 1)})  # fmt: skip
    found = sql.select_one(models.Person, org=org.id, name="赵六")
    assert found is not None and found.org.code == "gdpu"  # a foreign key fetches its row
    found.title = "讲师"
    assert found.dirty_fields == [models.Person.title]
    found.save()  # an UPDATE of what changed, by id
    assert models.Person.get_by_id(found.id).title == "讲师"


def test_an_organization_read_by_select_one_is_the_orms_row(ctx: Context) -> None:
    make_org(ctx)
    found = sql.select_one(models.Organization, code="gdpu")
    by_orm = models.Organization.get(code="gdpu")
    assert found is not None and found.__data__ == by_orm.__data__
    assert isinstance(found.created_at, dt.datetime) and not found.is_dirty()


def test_select_reads_every_matching_row_by_id_like_the_orm(ctx: Context) -> None:
    org = models.Organization.get(code=make_org(ctx))
    other = models.Organization.get(code=make_org(ctx, code="other"))
    with ctx.transaction():
        for n, (where, name) in enumerate([(org, "乙"), (other, "甲"), (org, "甲"), (org, "甲")]):
            sql.insert(
                models.Person,
                {
                    "org": where.id,
                    "name": name,
                    "gender": "男",
                    "birth_date": dt.date(1990, 1, 1 + n),
                },
            )
    found = sql.select(models.Person, org=org.id, name="甲")
    by_orm = list(
        models.Person.select()
        .where((models.Person.org == org.id) & (models.Person.name == "甲"))
        .order_by(models.Person.id)
    )
    assert [p.__data__ for p in found] == [p.__data__ for p in by_orm]
    assert [p.birth_date.day for p in found] == [3, 4]  # this organization's, by id
    assert not any(p.is_dirty() for p in found)
    assert sql.select(models.Person, org=org.id, name="无此人") == []


def test_insert_many_and_read_in_pages(ctx: Context) -> None:
    org = models.Organization.get(code=make_org(ctx))
    rows = [(org.id, f"人{n:02d}", "男", "1980-01-01") for n in range(25)]
    with ctx.transaction():
        assert sql.insert_many(models.Person, ("org", "name", "gender", "birth_date"), rows) == 25
    query = 'SELECT "name" FROM "person" WHERE "org_id" = ? ORDER BY "name"'
    with sql.snapshot(ctx.database):
        pages = list(sql.pages(ctx.database, query, (org.id,), batch=4))
    names = [r[0] for page in pages for r in page]
    sizes = [len(page) for page in pages]
    assert names == [f"人{n:02d}" for n in range(25)]
    assert sizes == [4] * 6 + [1]  # pages of at most ``batch`` rows, the last one short


def test_a_snapshot_does_not_see_a_change_committed_after_its_first_read(
    ctx: Context, db_url: str
) -> None:
    org = models.Organization.get(code=make_org(ctx))
    query = 'SELECT count(*) FROM "person" WHERE "org_id" = ?'
    with sql.snapshot(ctx.database):
        before = sql.fetch_one(ctx.database, query, (org.id,))
        with using(db_url) as other, other.atomic():  # another connection, as another process
            sql.execute(
                other,
                'INSERT INTO "person" ("org_id", "name", "gender", "birth_date") '
                "VALUES (?, ?, ?, ?)",
                (org.id, "后来者", "女", "1990-01-01"),
            )
        assert sql.fetch_one(ctx.database, query, (org.id,)) == before == (0,)
    assert sql.fetch_one(ctx.database, query, (org.id,)) == (1,)


def test_pages_outside_a_transaction_work_on_sqlite_and_are_refused_on_postgresql(
    ctx: Context,
) -> None:
    make_org(ctx)
    query = 'SELECT "code" FROM "organization"'
    if is_sqlite():
        assert list(sql.pages(ctx.database, query)) == [[("gdpu",)]]
    else:  # a server-side cursor would be closed by the first autocommit
        with pytest.raises(RuntimeError, match="snapshot"):
            list(sql.pages(ctx.database, query))


def test_a_database_url_is_printed_without_its_password() -> None:
    from core.database import redacted

    assert redacted("postgresql://zhidu:s3cr%40t@db.example:5432/zhidu") == (
        "postgresql://zhidu:***@db.example:5432/zhidu"
    )
    assert redacted("postgresql://zhidu@db.example/zhidu") == "postgresql://zhidu@db.example/zhidu"
    assert redacted("sqlite:////var/lib/zhidu/zhidu.db") == "sqlite:////var/lib/zhidu/zhidu.db"


def test_a_connection_error_names_the_database_without_its_password() -> None:
    from core.database import connect
    from core.errors import ConfigurationError

    pytest.importorskip("psycopg2")
    with pytest.raises(ConfigurationError) as caught:
        connect("postgresql://zhidu:hunter2@127.0.0.1:1/nothing")  # nothing listens on port 1
    assert "hunter2" not in str(caught.value) and "zhidu:***@127.0.0.1:1" in str(caught.value)


SAMPLES = [None, 0, 7, True, 2.5, "", "张三", "42", "2026-11-22", dt.date(2026, 11, 22),
           dt.datetime(2026, 11, 22, 8, 30), {"k": [1]}, [1, 2], b"bytes"]  # fmt: skip


MODELS = [getattr(models, name) for name in models.__all__ if name != "JsonField"]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_values_are_converted_as_each_field_converts_them(model: type[pw.Model]) -> None:
    for name, field in model._meta.combined.items():
        for value in SAMPLES:
            try:
                expected = field.db_value(value)
            except Exception as error:  # what the field refuses, refused alike
                with pytest.raises(type(error)):
                    sql._db_values(model, [name], [value])
                continue
            (converted,) = sql._db_values(model, [name], [value])
            assert converted == expected and type(converted) is type(expected), (name, value)


READ_SAMPLES = [None, 0, 7, "", "x", "张三", "2026-11-22", "2026-11-22 08:30:00",
                "2026-11-22 08:30:00.123456", "2026-11-22T08:30:00+08:00",
                "2026-11-22 08:30:00.123456+00:00", "2026-11-22 08:30:00Z", "2026-13-01 00:00:00",
                "2026-1-2 3:04:05", '{"k": [1]}', "[1, 2]", "12", b"bytes"]  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_values_read_are_converted_as_each_field_converts_them(model: type[pw.Model]) -> None:
    readers = dict(sql._reading(model)[1])  # the others take the driver's int and str as is
    for field in model._meta.sorted_fields:
        if field.name not in readers:
            continue
        for value in READ_SAMPLES:
            try:
                expected = field.python_value(value)
            except Exception as error:  # what the field refuses, refused alike
                with pytest.raises(type(error)):
                    readers[field.name](value)
                continue
            read = readers[field.name](value)
            assert read == expected and type(read) is type(expected), (field.name, value)
