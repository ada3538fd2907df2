"""The attendance bench scenario at toy size on the test database's kind (SQLite; or
PostgreSQL with ZHIDU_TEST_POSTGRES): it loads, times both sides and checks that zhidu's
report counts what the raw aggregation counts."""

from __future__ import annotations

import os
from pathlib import Path

from bench.attendance import discipline_report_scenario
from bench.targets import Target


def test_the_discipline_report_scenario_at_toy_size(tmp_path: Path) -> None:
    target = Target(tmp_path, os.environ.get("ZHIDU_TEST_POSTGRES"))
    try:
        result = discipline_report_scenario(target, people=40, sign_ins=2_400, runs=1)
    finally:
        target.drop_all()
    assert result.scenario == "monthly discipline report"
    assert result.size == 2_400 and result.target == 2.0
    assert result.baseline is not None and result.baseline > 0 and result.zhidu > 0
    assert "40 people, month 2026-01" in result.note
