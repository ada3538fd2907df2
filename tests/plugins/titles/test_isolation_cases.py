"""The isolation module's table works: after ``setup``, every case runs in the
organization (the lead's test_isolation.py then runs them as clerk against A and B)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from core.cli import main
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.context import Context
from core.services.orgs import create_org
from core.services.people import add_person
from tests.plugins.titles import isolation


def test_every_case_runs_after_setup(
    tctx: Context,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    migrate(tctx.database, PluginHost.discover().migrations())
    ids: dict[str, object] = {"org": "town"}
    create_org(tctx, "town", "某镇", "government")
    for key in ("person", "person2", "person3"):
        ids[key] = add_person(tctx, "town", name=key, gender="男", birth_date="1980-01-01").id
    isolation.setup(tctx, "town", ids)
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")
    assert {c for c, _ in isolation.CASES} == {
        f"titles {name}" for name in ("screen", "apply", "rating", "consent", "fraud", "import")
    }
    screened = ""
    for command, template in isolation.CASES:
        argv = [*command.split(), *shlex.split(template.format(**ids)), "--json"]
        capsys.readouterr()
        try:
            main(argv)
        except SystemExit as stop:
            pytest.fail(f"{argv}: exit {stop.code}: {capsys.readouterr().err}")
        out = capsys.readouterr().out
        if command == "titles screen":
            screened = out
    assert isolation.SECRETS[0] in screened  # B's own data, shown to B's administrator
