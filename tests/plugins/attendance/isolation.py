"""The attendance plugin's part of tests/core/cli/test_isolation.py (wired in by the lead):
what each ``zhidu attendance`` command needs in both organizations, the invocations, and
what only B's sign-ins hold.

``setup`` enables the plugin, records a sign-in of ``{person}`` on 2026-10-12 (B's at
07:13:57 — a time A's data never has, so any of B's sheet on clerk's screen shows it) and
writes a one-row CSV for ``import`` (in a temporary folder: ``{att_csv}``).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from core.services import plugins
from core.services.context import Context

B = "town"

#: Strings only B's attendance data contains.
SECRETS = ("07:13:57",)

#: (command path, argument template): every ``zhidu attendance`` command (the table's
#: tests add ``--json`` themselves).
CASES: tuple[tuple[str, str], ...] = (
    ("attendance sign", "--org {org} {att_person} --at '2026-10-14 08:41'"),
    ("attendance sign", "--org {org} {att_person} --at '2026-10-14 17:41' --out"),
    ("attendance import", "--org {org} {att_csv}"),
    ("attendance import", "--org {org} {att_csv} --check"),
    ("attendance sheet", "--org {org} {att_person} --month 2026-10"),
    ("attendance report", "--org {org} --month 2026-10"),
    ("attendance report", "--org {org} --month 2026-10 --unit office"),
)


def setup(ctx: Context, org_code: str, ids: dict[str, Any]) -> None:
    """Enable the plugin in ``org_code`` and make what the CASES need (``{att_person}``,
    ``{att_csv}``); plant SECRETS when ``org_code`` is B."""
    from plugins.attendance import hooks, rules, services

    if "attendance" not in ctx.host.plugins:
        ctx.host.register(hooks, source="test", entry_name="attendance")
    plugins.enable_plugin(ctx, org_code, "attendance")
    person = ids["person"]
    second = 7 * 3600 + 13 * 60 + 57 if org_code == B else 8 * 3600
    services.record_events(
        ctx, org_code, [(person, date(2026, 10, 12), second, rules.Kind.SIGN_IN)], "isolation"
    )
    folder = Path(tempfile.mkdtemp(prefix=f"zhidu-attendance-{org_code}-"))
    sheet = folder / "sign-ins.csv"
    sheet.write_text(f"人员编号,时间,类型\n{person},2026-10-13 08:05,签到\n", "utf-8")
    ids["att_person"] = person
    ids["att_csv"] = str(sheet)
