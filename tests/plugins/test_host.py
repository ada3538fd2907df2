"""The plugin host: discovery through real entry points, broken plugins reported,
misspelt hooks, duplicate names, dependencies, and the hook documentation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from core import hookspecs
from core.errors import PluginError
from core.plugin_host import PluginHost
from tests.plugins.conftest import good_plugin

Make = Callable[..., None]


def test_a_plugin_is_found_through_its_entry_point(make_distribution: Make) -> None:
    make_distribution("zhidu-test-union", "zt_union", good_plugin("zt_union"))
    host = PluginHost.discover()
    plugin = host.get("zt_union")
    assert plugin.source == "zhidu-test-union"
    assert plugin.info.title_zh == "测试"
    assert [p.key for p in plugin.parameters] == ["zt_union.max_staff"]
    assert [str(m) for m in plugin.migrations] == ["zt_union/0001_initial"]
    assert plugin.hooks == ("zhidu_checks", "zhidu_migrations", "zhidu_parameters", "zhidu_plugin")
    assert "core" in host.plugins and host.plugins["core"].builtin


def test_a_broken_plugin_is_reported_and_the_others_still_load(make_distribution: Make) -> None:
    make_distribution("zhidu-good", "zt_good", good_plugin("zt_good"))
    make_distribution("zhidu-broken", "zt_broken", "import no_such_module_anywhere\n")
    make_distribution("zhidu-nameless", "zt_nameless", "x = 1\n")
    host = PluginHost.discover()
    assert "zt_good" in host.plugins
    errors = {b.name: b.error for b in host.broken}
    assert "No module named 'no_such_module_anywhere'" in errors["zt_broken"]
    assert "does not implement zhidu_plugin()" in errors["zt_nameless"]


def test_a_misspelt_hook_fails_loudly_for_that_plugin(make_distribution: Make) -> None:
    source = good_plugin("zt_spell") + "\n@hookimpl\ndef zhidu_chekcs():\n    return []\n"
    make_distribution("zhidu-spell", "zt_spell", source)
    host = PluginHost.discover()
    assert "zt_spell" not in host.plugins
    (broken,) = [b for b in host.broken if b.source == "zhidu-spell"]
    assert "zhidu_chekcs" in broken.error


def test_malformed_records_and_parameters_are_reported(make_distribution: Make) -> None:
    bad_param = good_plugin("zt_param").replace("Unit.COUNT, 30", "Unit.COUNT, 'thirty'")
    bad_record = good_plugin("zt_record") + (
        "\n@hookimpl\ndef zhidu_screens():\n    return ['not a Screen']\n"
    )
    make_distribution("zhidu-param", "zt_param", bad_param)
    make_distribution("zhidu-record", "zt_record", bad_record)
    host = PluginHost.discover()
    errors = {b.source: b.error for b in host.broken}
    assert "zt_param.max_staff" in errors["zhidu-param"] and "whole number" in errors["zhidu-param"]
    assert "zhidu_screens() must return a sequence of Screen" in errors["zhidu-record"]


def test_two_plugins_claiming_one_name_is_an_error(make_distribution: Make) -> None:
    make_distribution("zhidu-one", "zt_one", good_plugin("zt_same"), entry_name="zt_same")
    make_distribution("zhidu-two", "zt_two", good_plugin("zt_same"), entry_name="zt_same")
    with pytest.raises(
        PluginError, match="two plugins claim the name 'zt_same': zhidu-one and zhidu-two"
    ):
        PluginHost.discover()


def test_the_entry_point_must_carry_the_plugins_name(make_distribution: Make) -> None:
    make_distribution("zhidu-alias", "zt_alias", good_plugin("zt_other"))
    host = PluginHost.discover()
    assert "zt_other" not in host.plugins
    assert any(
        "entry point is named 'zt_alias' but the plugin calls itself 'zt_other'" in b.error
        for b in host.broken
    )


def test_a_plugin_whose_dependency_is_not_installed_is_left_out(make_distribution: Make) -> None:
    make_distribution("zhidu-union", "zt_dep_union", good_plugin("zt_dep_union", ("zt_elections",)))
    host = PluginHost.discover()
    assert "zt_dep_union" not in host.plugins
    assert any("depends on zt_elections, which is not installed" in b.error for b in host.broken)


def test_every_hook_is_documented() -> None:
    names = [n for n in dir(hookspecs) if n.startswith("zhidu_")]
    assert len(names) == 9
    docs = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in names:
        doc = getattr(hookspecs, name).__doc__ or ""
        assert doc.strip() and "\n" not in doc.strip(), f"{name} needs a one-line docstring"
        assert re.search(rf"^#+ `{name}\(\)`", docs, re.M), f"docs/plugins.md lacks {name}"


COMMANDS = """
import click
from core.api import Command, hookimpl

@hookimpl
def zhidu_commands():
    return [Command("{name}", "Greets.", "{module}_cli:group")]
"""

CLI_MODULE = '''
import click

@click.group()
def group():
    """The plugin's commands."""

@group.command()
@click.option("--json", "as_json", is_flag=True)
def hello(as_json):
    click.echo("你好 from the plugin")
'''


def test_a_plugin_command_is_loaded_only_when_run(make_distribution: Make, tmp_path: Path) -> None:
    import sys

    from click.testing import CliRunner

    from core.cli import cli

    make_distribution(
        "zhidu-greeter",
        "zt_greeter",
        good_plugin("zt_greeter") + COMMANDS.format(name="zt_greeter", module="zt_greeter"),
    )
    (tmp_path / "site" / "zt_greeter_cli.py").write_text(CLI_MODULE, encoding="utf-8")
    listing = CliRunner().invoke(cli, ["--help"])
    assert "zt_greeter" in listing.output and "zt_greeter_cli" not in sys.modules
    ran = CliRunner().invoke(cli, ["zt_greeter", "hello"])
    assert ran.exit_code == 0, ran.output
    assert "你好 from the plugin" in ran.output
    sys.modules.pop("zt_greeter_cli", None)


def test_a_plugin_command_outside_its_namespace_is_refused(make_distribution: Make) -> None:
    make_distribution(
        "zhidu-squatter",
        "zt_squat",
        good_plugin("zt_squat") + COMMANDS.format(name="person", module="zt_squat"),
    )
    host = PluginHost.discover()
    assert "zt_squat" not in host.plugins
    assert any("command 'person' must be 'zt_squat'" in b.error for b in host.broken)
