"""The title-eligibility scenario at toy size on SQLite (and on PostgreSQL with
ZHIDU_TEST_POSTGRES): it loads, screens, and agrees with its baseline verdict by verdict.
Ratios are not asserted here — benchmarks are not timed tests."""

from __future__ import annotations

import os
from pathlib import Path

from bench.targets import Target
from bench.titles import eligibility_scenario


def test_the_scenario_runs_and_agrees_with_its_baseline(tmp_path: Path) -> None:
    server = os.environ.get("ZHIDU_TEST_POSTGRES")
    target = Target(tmp_path, server)
    try:
        measured = eligibility_scenario(target, size=300, runs=1)
    finally:
        target.drop_all()
    assert measured.scenario == "screen title applicants" and measured.size == 300
    assert measured.database == target.kind and measured.target == 2.0
    assert measured.baseline is not None and measured.baseline > 0 and measured.zhidu > 0
    assert "eligible" in measured.note
