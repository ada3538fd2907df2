"""Interface start-up: the first screens of a 100,000-person organization against the
same for an empty one, headless, in the same run (target: at most 1.5×).

    python -m bench.interface_startup [--people 100000] [--runs 5]

The generated people go straight in with the driver's ``executemany`` (generated data,
not a user's import: no audit entry per row). Exits non-zero when the ratio misses.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET = 1.5
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def build(folder: Path, name: str, people: int) -> str:
    """A deployment with one organization of ``people`` people; returns its URL."""
    from core.resident_id import make_resident_id
    from core.services.orgs import add_unit, create_org
    from core.shell import initialize

    url = f"sqlite:///{folder / name}.db"
    ctx, _, _ = initialize(url, key_file=folder / f"{name}.key")
    create_org(ctx, "big", "大型单位", "university")
    add_unit(ctx, "big", "office", "办公室", "处")
    ctx.database.close()
    rows, seen = [], set()
    for n in range(people):
        born = date(1960 + n % 40, 1 + n % 12, 1 + n % 28)
        name_ = (
            SURNAMES[n % len(SURNAMES)] + GIVEN[n // 20 % len(GIVEN)] + GIVEN[n // 500 % len(GIVEN)]
        )
        id_number: str | None = make_resident_id("440106", born, n // 2 % 500 * 2 + n % 2)
        if id_number in seen:  # the same birth day comes round again: keep numbers unique
            id_number = None
        else:
            seen.add(id_number)
        rows.append((1, name_, "男" if n % 2 else "女", born.isoformat(), id_number))
    with sqlite3.connect(folder / f"{name}.db") as raw:
        raw.executemany(
            "INSERT INTO person (org_id, name, gender, birth_date, id_number) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    return url


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")  # keep the bench's state apart
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        urls = {"empty": build(folder, "empty", 0), "large": build(folder, "large", args.people)}
        times: dict[str, list[float]] = {"empty": [], "large": []}
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            for name, url in urls.items():
                times[name].append(asyncio.run(first_screens(url, folder / f"{name}.key")))
    base, large = statistics.median(times["empty"]), statistics.median(times["large"])
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
