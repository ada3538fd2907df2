"""The ``elections`` plugin's hooks: its identity, its tables, its commands and screens.

Kept light (imported whenever plugins are listed): the engine, the services and the
command line are imported only when used.

``regulation`` is None: the engine implements no regulation by itself. It carries the
rule sets of two — ``union_presidium`` (student-union-bylaws.txt, 主席团成员选举办法) and
``village_committee`` (village-committee-election.txt, 选举操作规程) — and each
election names the one that decides it; the ``union`` and ``village`` plugins, which
depend on this one, name their files. Its thresholds are read from those files' words
(plugins/elections/rulesets.py), not made organization-settable: no parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.api import Command, Migration, PluginInfo, Screen, hookimpl, migrations_from_package

NAME = "elections"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(NAME, "0.1.0", "选举", "Elections", regulation=None)


@hookimpl
def zhidu_migrations() -> Sequence[Migration]:
    return migrations_from_package(NAME, "plugins.elections.migrations")


@hookimpl
def zhidu_commands() -> Sequence[Command]:
    return [
        Command(
            NAME,
            "Elections: setup, rounds, ballots and tally sheets, count, certify, publish.",
            "plugins.elections.cli:elections",
        )
    ]


@hookimpl
def zhidu_screens() -> Sequence[Screen]:
    screens = "plugins.elections.screens"
    return [
        Screen("elections", "选举", "Elections", f"{screens}.elections:ElectionsScreen"),
        Screen("ballots", "录入选票", "Ballot entry", f"{screens}.ballots:BallotScreen"),
        Screen("result", "选举结果", "Election result", f"{screens}.result:ResultScreen"),
    ]
