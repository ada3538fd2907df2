"""Concurrent writers: N processes × M audited changes at once, on SQLite or PostgreSQL.

Each process opens its own connection and, released together with the others, makes
its changes through the real services, in turn: add a person (people.add_person), issue
the organization's next document number (文号, core.documents.issue_number — a
read-modify-write of shared state) and appoint the person just added to one shared post
(posts.add_term — the headcount check reads every term of the post, whose 职数 is the
number of terms all processes add). Afterwards it checks, and fails (:class:`Failed`)
unless all hold:

* no process saw an exception (a busy database is waited for or retried, never shown);
* the counts are exact: N times each process's people and terms, and the numbers are
  1..K without duplicates or gaps;
* the audit log grew by exactly N×M entries, of the expected actions, its sequence
  numbers have no gaps, and ``core.audit.verify.verify`` (with the keys) reports ok.

    python -m bench.concurrency [--db URL] [--processes 8] [--changes 500]

Without ``--db`` it runs on a fresh SQLite file in a temporary folder; given a
``postgresql://`` URL it creates a fresh database on that server and drops it after.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import multiprocessing
import os
import queue
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

ORG, POST, PREFIX, YEAR = "bench", "gy", "组发", 2026
KINDS = ("person.add", "document.number", "term.add")  # change i of a process is KINDS[i % 3]
START_TIMEOUT = 300  # seconds for every process to be ready (imports, keys)


class Failed(Exception):
    """A check did not hold; the message lists every one that did not."""


@attrs.frozen
class Result:
    database: str  # "sqlite" or "postgresql"
    processes: int
    changes: int  # audited changes in all, N×M
    seconds: float  # from the common start until the last process finished

    @property
    def per_second(self) -> float:
        return self.changes / self.seconds

    def __str__(self) -> str:
        return (
            f"{self.database:<11}{self.processes} processes × {self.changes // self.processes} "
            f"changes = {self.changes} in {self.seconds:.2f} s: {self.per_second:.0f} changes/s"
        )


def planned(changes: int) -> collections.Counter[str]:
    """How many changes of each kind one process makes."""
    return collections.Counter(KINDS[i % len(KINDS)] for i in range(changes))


def run(url: str, processes: int = 8, changes: int = 500) -> Result:
    """Set up a deployment in the empty database ``url``, run the writers, check."""
    if processes < 1 or changes < 1:
        raise ValueError("at least one process and one change")
    from core.audit.log import log_size
    from core.services.orgs import add_unit, create_org
    from core.services.posts import add_post
    from core.shell import initialize

    with tempfile.TemporaryDirectory() as tmp:
        key_file = Path(tmp) / "bench.key"
        ctx, _, _ = initialize(url, key_file=key_file)
        create_org(ctx, ORG, "并发测试单位", "government")
        add_unit(ctx, ORG, "office", "办公室", "科")
        terms = processes * planned(changes)["term.add"]
        add_post(
            ctx, ORG, unit_code="office", code=POST, title="干事", rank="科员",
            headcount=max(terms, 1), category="行政",
        )  # fmt: skip
        first_seq = log_size()
        ctx.database.close()

        spawn = multiprocessing.get_context("spawn")
        start = spawn.Barrier(processes + 1)
        outcomes = spawn.Queue()
        workers = [
            spawn.Process(target=_writer, args=(url, key_file, changes, start, outcomes))
            for _ in range(processes)
        ]
        for worker in workers:
            worker.start()
        with contextlib.suppress(threading.BrokenBarrierError):  # a process failed: below
            start.wait(START_TIMEOUT)
        began = time.monotonic()
        finished, errors = _collect(workers, outcomes)
        errors += [f"a process exited with status {w.exitcode}" for w in workers if w.exitcode]
        ctx.database.connect(reuse_if_open=True)
        problems = errors or _check(ctx, processes, changes, first_seq)
        ctx.database.close()
    if problems:
        raise Failed("\n".join(problems))
    kind = "sqlite" if url.startswith("sqlite") else "postgresql"
    return Result(kind, processes, processes * changes, max(finished) - began)


def _collect(workers: list[Any], outcomes: Any) -> tuple[list[float], list[str]]:
    """Each process's message — when it finished, or its traceback — until all ended."""
    finished: list[float] = []
    errors: list[str] = []
    while len(finished) + len(errors) < len(workers):
        try:
            done, error = outcomes.get(timeout=1)
        except queue.Empty:
            if any(w.is_alive() for w in workers):
                continue
            errors.append("a process ended without a word")
            break
        if error:
            errors.append(error)
        else:
            finished.append(done)
    for worker in workers:
        worker.join()
    return finished, errors


def _writer(url: str, key_file: Path, changes: int, start: Any, outcomes: Any) -> None:
    """One process: open its own context, wait for the others, make ``changes`` changes."""
    try:
        from core.audit.keystore import DeploymentKeys
        from core.documents import issue_number
        from core.services.people import add_person
        from core.services.posts import add_term
        from core.shell import open_context

        ctx = open_context(url, key_file)
        assert isinstance(ctx.keys, DeploymentKeys)
        ctx.keys.unlock()  # before the start: reading the key file is not part of the run
        start.wait(START_TIMEOUT)
        person = 0
        for i in range(changes):
            kind = KINDS[i % len(KINDS)]
            if kind == "person.add":
                person = add_person(
                    ctx, ORG, name=f"干部{i}", gender="女", birth_date="1990-01-01"
                ).id
            elif kind == "document.number":
                issue_number(ctx, ORG, PREFIX, YEAR, f"任免通知 {i}")
            else:
                add_term(
                    ctx, ORG, post_code=POST, person_id=person, start="2026-01-01",
                    appointed_by="聘任",
                )  # fmt: skip
        outcomes.put((time.monotonic(), None))
        ctx.database.close()
    except BaseException:
        start.abort()  # releases the others at once if this failed before the start
        outcomes.put((time.monotonic(), traceback.format_exc()))


def _check(ctx: Any, processes: int, changes: int, first_seq: int) -> list[str]:
    from core import models
    from core.audit.log import log_size, read_entries
    from core.audit.verify import verify

    problems = []
    expected = collections.Counter({k: n * processes for k, n in planned(changes).items()})
    org = models.Organization.get(models.Organization.code == ORG)
    people = models.Person.select().where(models.Person.org == org.id).count()
    terms = models.Term.select().where(models.Term.org == org.id).count()
    numbers = sorted(
        r.seq
        for r in models.DocumentNumber.select(models.DocumentNumber.seq).where(
            (models.DocumentNumber.org == org.id) & (models.DocumentNumber.prefix == PREFIX)
        )
    )
    if people != expected["person.add"]:
        problems.append(f"{people} people, expected {expected['person.add']}")
    if terms != expected["term.add"]:
        problems.append(f"{terms} terms, expected {expected['term.add']}")
    if numbers != list(range(1, expected["document.number"] + 1)):
        problems.append(
            f"numbers are not 1..{expected['document.number']} without gaps or duplicates: "
            f"{len(numbers)} numbers, {len(set(numbers))} distinct, "
            f"largest {max(numbers, default=0)}"
        )
    size = log_size()
    seqs = [
        r.seq
        for r in models.AuditEntry.select(models.AuditEntry.seq).order_by(models.AuditEntry.seq)
    ]
    grew = size - first_seq
    if grew != processes * changes:
        problems.append(f"the log grew by {grew} entries, expected {processes * changes}")
    if seqs != list(range(size)):
        problems.append(f"sequence numbers are not 0..{size - 1} without gaps")
    actions = collections.Counter(
        e.body.action if e.body else e.problem
        for e in read_entries(ctx.keys, None)
        if e.seq >= first_seq
    )
    if actions != expected:
        problems.append(f"new entries {dict(actions)}, expected {dict(expected)}")
    report = verify(keys=ctx.keys)
    problems += [f"verify: {p}" for p in report.problems]
    return problems


@contextmanager
def fresh_database(url: str | None) -> Iterator[str]:
    """A fresh database: a SQLite file in a temporary folder (no URL), a new database on
    the server of a ``postgresql://`` URL (dropped afterwards), or the URL as given."""
    if url is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    if not url.startswith(("postgresql://", "postgres://")):
        yield url
        return
    from urllib.parse import urlparse

    import peewee as pw

    parts = urlparse(url)
    name = f"zhidu_bench_{uuid.uuid4().hex[:12]}"
    admin = pw.PostgresqlDatabase(
        "postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    admin.execute_sql(f"CREATE DATABASE {name}")
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        admin.execute_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a postgresql:// server (a fresh database is made)")
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--changes", type=int, default=500, help="audited changes per process")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["XDG_DATA_HOME"] = str(Path(home) / "data")  # witness and keys stay here
        os.environ["XDG_CONFIG_HOME"] = str(Path(home) / "config")
        with fresh_database(args.db) as url:
            try:
                result = run(url, args.processes, args.changes)
            except Failed as failure:
                print(f"FAILED on {url}:\n{failure}", file=sys.stderr)
                return 1
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
