"""Run every benchmark scenario on SQLite and PostgreSQL and print one table.

    python -m bench [--postgres postgresql://USER@HOST:PORT] [--sizes 10000,100000,1000000]
                    [--runs 3] [--only NAME,…] [--json FILE]

Each scenario is timed against its baseline in the same run, on the same data and the
same kind of database (bench.scenarios says what each baseline is); only ratios within
one run are compared. The command exits 1 when a judged ratio misses its target, or
when growth from the smallest to the largest size is not linear (zhidu's ratio to the
baseline grows by more than half: see :func:`growth`). Without ``--postgres`` (or
``ZHIDU_BENCH_POSTGRES``) only SQLite runs, and the table says so. Scenarios that
belong to plugins which are not installed are named as not run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import attrs

from bench.scenarios import (
    Measurement,
    append_scenario,
    ballots_scenario,
    change_scenario,
    help_scenario,
    import_scenario,
    verify_scenario,
)
from bench.targets import Target

#: Sizes the performance issue judges a ratio at; other sizes show growth.
IMPORT_JUDGED = 100_000
LOG_JUDGED = 1_000_000
GROWTH_LIMIT = 1.5  # the ratio to the baseline at the largest size / at the smallest

#: Scenarios of the table that come with plugins: (name, plugin, what it measures).
PLUGIN_SCENARIOS = (
    ("count 20k ballots", "elections", "the count vs a Counter over the raw rows"),
    ("eligibility of 50k applicants", "titles", "screening vs raw rows + pure rules"),
    ("discipline report, 5M sign-ins", "attendance", "monthly report vs one SQL aggregation"),
)

SCENARIOS = (
    "help", "change", "import", "append", "verify", "interface", "ballots", "titles",
    "discipline", "concurrency",
)  # fmt: skip
BALLOTS = 20_000
APPLICANTS = 50_000
SIGN_INS = (10_000, 5_000_000)  # people, sign-ins: 500 each, about a year's


T = TypeVar("T")


def in_fresh_process(target: Target, scenario: Callable[..., T], *args: Any) -> T:
    """``scenario(target, *args)`` in a new Python process, whose databases it drops.

    A scenario measures what a command does, and a command runs in a process of its
    own. In one process for the whole run, what earlier scenarios left — the heap of a
    million-row import and a million-entry append — slowed later ones unevenly: the
    verification of a million entries took 3.6 s after them and 3.1 s alone, against
    the same baseline. The baseline runs in the same new process as zhidu.
    """
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        return pool.submit(_run_and_drop, target, scenario, args).result()


def _run_and_drop(target: Target, scenario: Callable[..., T], args: tuple[Any, ...]) -> T:
    try:
        return scenario(target, *args)
    finally:
        target.drop_all()  # the databases this process made


def run_target(
    target: Target, sizes: list[int], runs: int, only: set[str], say: Callable[[str], None]
) -> list[Measurement]:
    out: list[Measurement] = []

    def next_one(what: str) -> None:
        # The databases of the scenario before are dropped first: on PostgreSQL their
        # autovacuum (a million rows just written) would otherwise run during this one.
        target.drop_all()
        say(what)

    judged_import = IMPORT_JUDGED if IMPORT_JUDGED in sizes else max(sizes)
    judged_log = LOG_JUDGED if LOG_JUDGED in sizes else max(sizes)
    if "change" in only:
        next_one(f"{target.kind}: one audited change")
        out.append(in_fresh_process(target, change_scenario, runs))
    if "import" in only:
        for size in sizes:
            next_one(f"{target.kind}: import {size:,} people")
            judged = size == judged_import
            out.append(
                in_fresh_process(target, import_scenario, size, judged, runs if judged else 1)
            )
    if "append" in only:
        next_one(f"{target.kind}: append {judged_log:,} audit entries")
        out.append(in_fresh_process(target, append_scenario, judged_log))
    if "verify" in only:
        next_one(f"{target.kind}: verify logs of {', '.join(f'{s:,}' for s in sizes)} entries")
        out.extend(in_fresh_process(target, verify_scenario, sizes, judged_log, runs))
    if "interface" in only:
        from bench.interface_startup import TARGET, measure

        people = min(judged_import, max(sizes))
        next_one(f"{target.kind}: interface first screens, {people:,} people")
        empty, large = in_fresh_process(target, measure, people, runs)
        out.append(
            Measurement("interface first screens", target.kind, people, large, empty, TARGET,
                        "vs an empty organization")
        )  # fmt: skip
    if "ballots" in only and "elections" in _installed_plugins():
        ballots = min(BALLOTS, max(sizes))
        next_one(f"{target.kind}: count {ballots:,} ballots entered one by one")
        out.append(in_fresh_process(target, ballots_scenario, ballots, runs))
    if "titles" in only and "titles" in _installed_plugins():
        from bench.titles import eligibility_scenario

        applicants = min(APPLICANTS, max(sizes))
        next_one(f"{target.kind}: screen {applicants:,} title applicants")
        out.append(in_fresh_process(target, eligibility_scenario, applicants, runs))
    if "discipline" in only and "attendance" in _installed_plugins():
        from bench.attendance import discipline_report_scenario

        sign_ins = min(SIGN_INS[1], 5 * max(sizes))  # 5M at the judged 1M
        people = max(1, sign_ins * SIGN_INS[0] // SIGN_INS[1])
        next_one(f"{target.kind}: monthly discipline report, {sign_ins:,} sign-ins of {people:,}")
        out.append(in_fresh_process(target, discipline_report_scenario, people, sign_ins, runs))
    if "concurrency" in only:
        from bench.concurrency import run as run_concurrency

        next_one(f"{target.kind}: 8 processes × 500 audited changes")
        done = run_concurrency(target.fresh("concurrency"), 8, 500)
        out.append(
            Measurement("8 processes × 500 changes", target.kind, done.changes, done.seconds,
                        note="no errors, no lost update, log gap-free")
        )  # fmt: skip
    return out


def growth(results: list[Measurement]) -> list[tuple[str, str, float, float]]:
    """(scenario, database, growth of zhidu's time per row, growth of its ratio to the
    baseline) from the smallest size to the largest.

    Linear means zhidu adds work in proportion to the rows: its ratio to the driver
    alone stays flat. The time per row itself may grow a little with any database
    (an index of a million rows is deeper than one of ten thousand); the baseline
    shows how much.
    """
    found = []
    for name in ("import people from CSV", "verify the audit log"):
        for database in ("sqlite", "postgresql"):
            rows = sorted(
                (m for m in results if m.scenario == name and m.database == database),
                key=lambda m: m.size,
            )
            if len(rows) < 2:
                continue
            small, large = rows[0], rows[-1]
            if small.ratio is None or large.ratio is None:
                continue
            per_row = (large.zhidu / large.size) / (small.zhidu / small.size)
            found.append((name, database, per_row, large.ratio / small.ratio))
    return found


def table(results: list[Measurement], grown: list[tuple[str, str, float, float]]) -> list[str]:
    lines = [
        f"{'scenario':<34}{'db':<11}{'size':>10}{'baseline':>11}{'zhidu':>10}"
        f"{'rows/s':>11}{'ratio':>7}{'target':>8}",
    ]
    for m in results:
        base = f"{m.baseline:10.3f}s" if m.baseline is not None else f"{'':>11}"
        ratio = f"{m.ratio:7.2f}" if m.ratio is not None else f"{'':>7}"
        goal = f"{'≤ ' + format(m.target, 'g'):>8}" if m.target is not None else f"{'':>8}"
        verdict = "  MISSED" if m.missed else ""
        lines.append(
            f"{m.scenario:<34}{m.database or '—':<11}{m.size:>10,}{base}{m.zhidu:9.3f}s"
            f"{m.rows_per_second:>11,.0f}{ratio}{goal}{verdict}  {m.note}".rstrip()
        )
    for name, database, per_row, grew in grown:
        verdict = "  NOT LINEAR" if grew > GROWTH_LIMIT else ""
        lines.append(
            f"growth: {name}, {database}, smallest to largest size: time per row ×{per_row:.2f},"
            f" ratio to the baseline ×{grew:.2f} (limit ×{GROWTH_LIMIT}){verdict}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--postgres", default=os.environ.get("ZHIDU_BENCH_POSTGRES"),
                        help="a PostgreSQL server URL without a database name")  # fmt: skip
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(SCENARIOS), help=", ".join(SCENARIOS))
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",")})
    only = {s.strip() for s in args.only.split(",")}
    unknown = only - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    def say(what: str) -> None:
        print(f"… {what}", file=sys.stderr, flush=True)

    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("ZHIDU_BENCH_DIR")) as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")  # keep the bench's state apart
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        if "help" in only:
            say("zhidu --help")
            results.append(help_scenario(args.runs))
        targets = [Target(folder)] + ([Target(folder, args.postgres)] if args.postgres else [])
        for target in targets:
            try:
                results.extend(run_target(target, sizes, args.runs, only, say))
            finally:
                target.drop_all()
    grown = growth(results)
    print("\n".join(table(results, grown)))
    if not args.postgres:
        print("PostgreSQL: not run — give --postgres URL (or ZHIDU_BENCH_POSTGRES)")
    installed = _installed_plugins()
    for name, plugin, what in PLUGIN_SCENARIOS:
        if plugin not in installed:
            print(f"not run: {name} ({what}) — the plugin `{plugin}` is not installed")
    if args.json:
        args.json.write_text(
            json.dumps([attrs.asdict(m) | {"ratio": m.ratio} for m in results], indent=1),
            encoding="utf-8",
        )
    failed = any(m.missed for m in results) or any(r > GROWTH_LIMIT for *_, r in grown)
    return 1 if failed else 0


def _installed_plugins() -> set[str]:
    from importlib.metadata import entry_points

    return {ep.name for ep in entry_points(group="zhidu")}


if __name__ == "__main__":
    sys.exit(main())
