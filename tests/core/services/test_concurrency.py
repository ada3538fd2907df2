"""Writers in separate processes take turns: the headcount holds under contention and
the audit log stays gap-free, with one root both processes agree on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from core.audit.log import log_size
from core.audit.verify import verify
from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_post
from tests.conftest import audit_entries, make_org

WRITER = textwrap.dedent("""
    import sys, time
    from datetime import date, timedelta
    from pathlib import Path
    from core.audit.keystore import DeploymentKeys, kek_from_environment
    from core.audit.log import log_row, log_size
    from core.audit.verify import verify
    from core.database import connect
    from core.errors import Conflict
    from core.plugin_host import PluginHost
    from core.services.accounts import actor_for_os_user
    from core.services.calendar import set_day
    from core.services.context import Context
    from core.services.posts import add_term

    url, people, key_file, first_day, expected = sys.argv[1:6]
    database = connect(url)
    keys = DeploymentKeys(lambda: kek_from_environment(log_row(), Path(key_file)))
    ctx = Context(database, actor_for_os_user("tester"), PluginHost.discover(),
                  lambda: date(2026, 11, 21), keys)
    won = 0
    day = date.fromisoformat(first_day)
    for n, person_id in enumerate(map(int, people.split(","))):
        set_day(ctx, "gdpu", day + timedelta(days=n), False, f"writer {first_day}")
        try:
            add_term(ctx, "gdpu", post_code="gy", person_id=person_id, start="2026-01-01",
                     appointed_by="聘任")
            won += 1
        except Conflict:
            pass
    deadline = time.monotonic() + 60
    while log_size() < int(expected) and time.monotonic() < deadline:
        time.sleep(0.05)
    report = verify()
    print(won, report.root.hex(), report.ok)
""")


def test_two_processes_never_exceed_a_headcount(ctx: Context, db_url: str, tmp_path: Path) -> None:
    make_org(ctx)
    add_post(
        ctx,
        "gdpu",
        unit_code="office",
        code="gy",
        title="干事",
        rank="科员",
        headcount=5,
        category="行政",
    )
    people = [
        add_person(ctx, "gdpu", name=f"干事{n}", gender="男", birth_date="1995-01-01").id
        for n in range(12)
    ]
    expected = log_size() + 12 + 5  # a calendar entry per person, and five terms
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    root = Path(__file__).parents[3]
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                str(script),
                db_url,
                ",".join(map(str, people[i::2])),
                str(tmp_path / "zhidu.key"),
                f"2030-0{i + 1}-01",
                str(expected),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=root,
            env={"PYTHONPATH": str(root), "PATH": ""},
        )
        for i in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    results = [out.split() for out, _ in outputs]
    assert sum(int(won) for won, _, _ in results) == 5
    assert len(audit_entries(ctx, "term.add")) == 5
    report = verify()
    assert report.ok, report.problems
    assert report.size == expected
    assert {(root_hex, ok) for _, root_hex, ok in results} == {(report.root.hex(), "True")}
