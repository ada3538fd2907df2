"""Core scenarios of the benchmark table, each against its baseline in the same run:

* ``zhidu --help`` against ``python -c "import click"`` (≤ 2×, and Textual not imported);
* one audited change committed durably (a person added through the service: permission,
  validation, the change and its encrypted audit entry in one transaction) against one
  raw single-row durable commit with the same SQLite settings (≤ 3×);
* verifying an audit log of N entries against the bare loop — rehash the rows from a raw
  cursor and rebuild the root (≤ 2×).

    python -m bench.core_scenarios [--entries 100000] [--runs 5]

The log to verify is generated straight into the table (encrypt, hash, executemany):
generated data, not a user's change. Exits non-zero when a ratio misses its target.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).parents[1]


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def help_scenario(runs: int) -> tuple[float, float, str]:
    def run(code: str) -> Callable[[], object]:
        return lambda: subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True
        )

    probe = (
        "import sys\nfrom core.cli import main\ntry:\n    main(['--help'])\n"
        "except SystemExit:\n    pass\nassert 'textual' not in sys.modules\n"
    )
    base = median_seconds(run("import click"), runs)
    ours = median_seconds(run(probe), runs)
    return base, ours, "Textual not imported"


def change_scenario(folder: Path, runs: int) -> tuple[float, float, str]:
    from core.services.orgs import create_org
    from core.services.people import add_person
    from core.shell import initialize

    url = f"sqlite:///{folder / 'change.db'}"
    ctx, _, _ = initialize(url, key_file=folder / "change.key")
    create_org(ctx, "org", "单位", "government")
    counter = iter(range(10**9))

    def ours() -> None:
        add_person(ctx, "org", name=f"张{next(counter)}", gender="男", birth_date="1990-01-01")

    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode=wal", "synchronous=full", "foreign_keys=1"):
        raw.execute(f"PRAGMA {pragma}")
    raw.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, gender TEXT, birth DATE)")

    def baseline() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO person (name, gender, birth) VALUES (?, ?, ?)",
            ("张三", "男", "1990-01-01"),
        )
        raw.execute("COMMIT")

    for warm in (ours, baseline):
        warm()
    return median_seconds(baseline, runs * 20), median_seconds(ours, runs * 20), ""


def generate_log(folder: Path, entries: int) -> str:
    """A deployment whose audit log holds ``entries`` entries, appended in bulk."""
    from core.audit.entry import Body
    from core.audit.log import append_many
    from core.shell import initialize

    url = f"sqlite:///{folder / 'log.db'}"
    ctx, _, _ = initialize(url, key_file=folder / "log.key")
    assert ctx.keys is not None
    bodies = (Body("bench", "bench.generate", "row", str(n)) for n in range(entries))
    with ctx.transaction():
        append_many(ctx.database, ctx.keys, org_id=0, bodies=bodies)
    return url


def verify_scenario(folder: Path, entries: int, runs: int) -> tuple[float, float, str]:
    from core.audit import merkle
    from core.audit.verify import verify
    from core.database import connect

    url = generate_log(folder, entries)
    connect(url)

    def baseline() -> bytes:
        raw = sqlite3.connect(folder / "log.db")
        leaves = [
            hashlib.sha256(b"\0" + bytes(h) + bytes(c)).digest()
            for h, c in raw.execute("SELECT header, ciphertext FROM audit_entry ORDER BY seq")
        ]
        raw.close()
        return merkle.root(leaves)

    report = verify()
    assert report.ok, report.first
    return (median_seconds(baseline, runs), median_seconds(verify, runs), f"{report.size} entries")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        results.append(("zhidu --help", 1, 2.0, *help_scenario(args.runs)))
        results.append(("one audited change, durable", 1, 3.0, *change_scenario(folder, args.runs)))
        results.append(
            (
                "verify the audit log",
                args.entries,
                2.0,
                *verify_scenario(folder, args.entries, args.runs),
            )
        )
    failed = False
    print(f"{'scenario':<32}{'size':>9}{'baseline':>11}{'zhidu':>10}{'ratio':>8}{'target':>8}")
    for name, size, target, base, ours, note in results:
        ratio = ours / base
        failed |= ratio > target
        print(
            f"{name:<32}{size:>9}{base:>10.4f}s{ours:>9.4f}s{ratio:>8.2f}{target:>7.1f}×"
            f"  {'MISSED ' if ratio > target else ''}{note}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
