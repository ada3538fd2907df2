"""For tests/core/cli/test_isolation.py (the lead wires it in): what every ``zhidu titles``
command needs in an organization, the commands with their arguments, and what only B's
titles data holds.

``setup(ctx, org_code, ids)`` enables titles and creates: a 2026 破格 application of
``{person2}`` without consent (``consent``), his 2025 rating, a CSV ``{titles_csv}``
importing a 2027 application of ``{person}`` (``import``); ``{person}`` has no 2026
application (``apply``) and ``{person3}`` no fraud record (``fraud``). Every titles table
has an ``org_id`` column."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from core.services.context import Context

#: (command path, argument template), as the Case entries of test_isolation.py.
CASES: list[tuple[str, str]] = [
    ("titles screen", "--org {org} --year 2026"),
    ("titles apply", "--org {org} {person} --year 2026 --level 中级 --series 工程"),
    ("titles rating", "--org {org} {person} --year 2025 --grade 合格"),
    ("titles consent", "--org {org} {person2} --year 2026 --on 2026-10-08 --by 人社局"),
    ("titles fraud", "--org {org} {person3} --revoked-on 2023-10-20"),
    ("titles import", "--org {org} {titles_csv}"),
]

#: What only B's titles data holds.
SECRETS = ("镇职秘密系列", "镇职秘密备注")

_SERIES = {"town": SECRETS[0]}
_NOTE = {"town": SECRETS[1]}


def setup(ctx: Context, org_code: str, ids: dict[str, Any]) -> None:
    from core.services import plugins
    from plugins.titles import hooks, services

    if "titles" not in ctx.host.plugins:
        ctx.host.register(hooks, source="test", entry_name="titles")
    plugins.enable_plugin(ctx, org_code, "titles")
    series = _SERIES.get(org_code, "工程")
    services.apply(
        ctx, org_code, ids["person2"], year=2026, level="中级", series=series,
        exceptional=True, on="2026-09-15", note=_NOTE.get(org_code, ""),
    )  # fmt: skip
    services.rate(ctx, org_code, ids["person2"], year=2025, grade="合格")
    folder = Path(tempfile.mkdtemp(prefix=f"titles-{org_code}-"))
    csv = folder / "applications.csv"
    csv.write_text(f"人员,年度,系列,申报级别\n{ids['person']},2027,{series},中级\n", "utf-8")
    ids["titles_csv"] = str(csv)
