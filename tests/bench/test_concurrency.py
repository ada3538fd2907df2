"""The concurrency bench's harness, small: three processes writing at once on the test
database (SQLite, or PostgreSQL with ZHIDU_TEST_POSTGRES) pass every check it makes."""

from __future__ import annotations

import pytest

from bench.concurrency import Result, planned, run


def test_concurrent_writers_pass_every_check(db_url: str) -> None:
    result = run(db_url, processes=3, changes=20)  # raises Failed when a check does not hold
    assert isinstance(result, Result)
    assert result.changes == 60
    assert result.database == ("sqlite" if db_url.startswith("sqlite") else "postgresql")
    assert 0 < result.seconds < 20


def test_each_process_mixes_the_three_kinds_of_change() -> None:
    assert planned(20) == {"person.add": 7, "document.number": 7, "term.add": 6}
    with pytest.raises(ValueError):
        run("sqlite:///unused.db", processes=0)
