"""Interface start-up: the first screens of a 100,000-person organization against the
same for an empty one, headless, in the same run (target: at most 1.5×).

    python -m bench.interface_startup [--people 100000] [--runs 5]

The generated people (bench.generate) go straight in with the driver's ``executemany``
(generated data, not a user's import: no audit entry per row). ``python -m bench`` runs
this on SQLite and PostgreSQL with the other scenarios. Exits non-zero when the ratio misses.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.targets import Target

TARGET = 1.5


def build(target: Target, name: str, people: int) -> tuple[str, Path]:
    """A deployment with one organization of ``people`` generated people: (URL, key file)."""
    from bench.generate import people as generated
    from core.services.orgs import add_unit, create_org

    ctx, url, key_file = target.deployment(name)
    create_org(ctx, "big", "大型单位", "university")
    add_unit(ctx, "big", "office", "办公室", "处")
    ctx.database.close()
    fields = ("name", "gender", "birth_date", "id_number", "education", "political_status")
    rows = [(1, *(p[f] for f in fields)) for p in generated(people, seed=7)]
    raw = target.raw(url)
    marks = ", ".join([target.param] * (len(fields) + 1))
    target.begin(raw)
    raw.cursor().executemany(
        f"INSERT INTO person (org_id, {', '.join(fields)}) VALUES ({marks})", rows
    )
    target.commit(raw)
    raw.close()
    return url, key_file


async def first_screens(url: str, key_file: Path) -> float:
    """Seconds from starting the app to the people list of the organization shown."""
    from core.shell import open_context
    from tui.app import ZhiduApp
    from tui.screens.people import PeopleScreen

    started = time.perf_counter()
    ctx = open_context(url, key_file)
    app = ZhiduApp(ctx, "big", login_via=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen) and app.screen.page_shown is not None
        elapsed = time.perf_counter() - started
    ctx.database.close()
    return elapsed


def first_screens_started_anew(url: str, key_file: Path) -> float:
    """:func:`first_screens` in a new interpreter, as the app starts (``--once``).

    In the bench's own process the heap holds what the scenarios before left (a
    million-row verification, the import's caches), and the collector's full passes over
    it — a quarter of a second each — fell on one side and not the other: 1.5× in full
    runs, 1.1× when the scenario ran alone."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.interface_startup", "--once", url, str(key_file)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the interface did not start: {done.stderr.strip()}")
    return float(done.stdout.split()[-1])


def measure(target: Target, people: int, runs: int) -> tuple[float, float]:
    """Median seconds to the first screens: (empty organization, ``people`` people)."""
    built = {"empty": build(target, "ui_empty", 0), "large": build(target, "ui_large", people)}
    times: dict[str, list[float]] = {"empty": [], "large": []}
    for _ in range(runs):  # interleaved, so drift hits both alike
        for name, (url, key_file) in built.items():
            times[name].append(first_screens_started_anew(url, key_file))
    return statistics.median(times["empty"]), statistics.median(times["large"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--once", nargs=2, metavar=("URL", "KEY_FILE"), help="time one start; print seconds"
    )
    args = parser.parse_args(argv)
    if args.once:
        print(asyncio.run(first_screens(args.once[0], Path(args.once[1]))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")  # keep the bench's state apart
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        base, large = measure(Target(folder), args.people, args.runs)
    ratio = large / base
    print(f"{'scenario':<44}{'size':>9}{'time':>10}{'ratio':>8}")
    print(f"{'interface first screens (empty organization)':<44}{0:>9}{base:>9.3f}s{1:>8.2f}")
    print(
        f"{'interface first screens':<44}{args.people:>9}{large:>9.3f}s{ratio:>8.2f}"
        f"  (target ≤ {TARGET})"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
