"""Writers in separate processes take turns: the headcount holds under contention."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from core import models
from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_post
from tests.conftest import make_org

WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from core.database import connect
    from core.errors import Conflict
    from core.plugin_host import PluginHost
    from core.services.accounts import actor_for_os_user
    from core.services.context import Context
    from core.services.posts import add_term

    database = connect(sys.argv[1])
    ctx = Context(database, actor_for_os_user("tester"), PluginHost.discover(),
                  lambda: date(2026, 11, 21))
    won = 0
    for person_id in map(int, sys.argv[2].split(",")):
        try:
            add_term(ctx, "gdpu", post_code="gy", person_id=person_id, start="2026-01-01",
                     appointed_by="聘任")
            won += 1
        except Conflict:
            pass
    print(won)
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
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    root = Path(__file__).parents[3]
    runs = [
        subprocess.Popen(
            [sys.executable, str(script), db_url, ",".join(map(str, people[i::2]))],
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
    assert sum(int(out) for out, _ in outputs) == 5
    assert models.Term.select().count() == 5
    assert models.AuditEntry.select().where(models.AuditEntry.action == "term.add").count() == 5
