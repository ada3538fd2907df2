"""A transaction of several changes and a single change at the same time, on two real
connections (two threads): both commit. On PostgreSQL each transaction locks the audit
log first (Context.transaction), so a writer never holds the log while it waits for a
row another writer holds while waiting for the log — which PostgreSQL ended as
"deadlock detected" before."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from core import models
from core.documents import issue_number
from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_post, add_term
from tests.conftest import make_org

TERM = {"start": "2026-01-01", "appointed_by": "聘任"}


def race(ctx: Context, first: Callable[[], None], second: Callable[[], None]) -> list[str]:
    """Run both at once, each in its own thread (its own connection); their errors."""
    errors: list[str] = []

    def run(body: Callable[[], None]) -> None:
        try:
            body()
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            ctx.database.close()  # this thread's connection

    threads = [threading.Thread(target=run, args=(body,)) for body in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def people(ctx: Context, n: int) -> list[int]:
    return [
        add_person(ctx, "gdpu", name=f"干部{i}", gender="女", birth_date="1990-01-01").id
        for i in range(n)
    ]


def test_terms_in_two_posts_in_one_transaction_and_a_term_at_the_same_time(ctx: Context) -> None:
    make_org(ctx)
    for code in ("p", "q"):
        add_post(ctx, "gdpu", unit_code="office", code=code, title=code, rank="科员",
                 headcount=5, category="行政")  # fmt: skip
    a, b, c = people(ctx, 3)
    started = threading.Event()

    def import_like() -> None:  # as an import of terms: one transaction, row by row
        with ctx.transaction():
            add_term(ctx, "gdpu", post_code="p", person_id=a, **TERM)
            started.set()
            time.sleep(0.3)  # the single change is under way meanwhile
            add_term(ctx, "gdpu", post_code="q", person_id=b, **TERM)

    def single() -> None:
        started.wait(10)
        add_term(ctx, "gdpu", post_code="q", person_id=c, **TERM)

    assert race(ctx, import_like, single) == []
    assert models.Term.select().count() == 3


def test_a_change_and_its_document_number_and_a_person_added_at_the_same_time(
    ctx: Context,
) -> None:
    make_org(ctx)
    started = threading.Event()

    def change_then_number() -> None:
        with ctx.transaction():
            add_person(ctx, "gdpu", name="甲", gender="男", birth_date="1990-01-01")
            started.set()
            time.sleep(0.3)
            issue_number(ctx, "gdpu", "组发", 2026, "任免通知")

    def single() -> None:
        started.wait(10)
        add_person(ctx, "gdpu", name="乙", gender="男", birth_date="1990-01-01")

    assert race(ctx, change_then_number, single) == []
    assert models.Person.select().count() == 2
    assert models.DocumentNumber.select().count() == 1
