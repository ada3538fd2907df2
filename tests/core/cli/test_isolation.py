"""Isolation through the command line: an administrator (and auditor) of organization A
cannot read, list, change or decrypt anything of organization B, through any command.

The CLI runs in-process as the current OS user, mapped to the account ``clerk``, who is
``org_admin`` and ``auditor`` of ``gdpu`` (A) and holds nothing in ``town`` (B). Every
organization-scoped command is in :data:`CASES`, run once against B (refused, one line,
nothing of B printed, nothing of B changed, the refusal audited) and once against A
(it works there, so the refusal is about isolation and not a broken command). Meta-tests
fail when a command appears that the table does not cover.
"""

from __future__ import annotations

import getpass
import importlib
import importlib.metadata
import json
import shlex
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import click
import pytest

from core import models
from core.audit.log import log_size
from core.cli import COMMANDS, main
from core.entrypoints import entry_point_names
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.records import load_target
from core.services import accounts, calendar, orgs, parameters, people, plugins, posts
from core.services.audit_trail import read_audit
from core.services.context import Context
from plugins.union import services as union_services

A, B = "gdpu", "town"

#: What only B holds: none of it may reach clerk's screen.
B_SECRETS = (
    "东川区某镇",  # B's name
    "党政秘办",  # B's unit
    "李秘密",  # B's people
    "李秘二",
    "李秘三",
    "11010519491231002X",  # the ID number of B's person
    "xiangzhang",  # B's post code
    "乡长秘职",  # its title
    "镇政府秘密通知",  # B's calendar note
    "镇规秘密条款",  # B's parameter reason
    "镇选秘密届",  # B's elections
    "镇干秘密案",  # B's selection cases (cadre)
    "李秘候",  # B's candidates (cadre)
    "镇纪秘密处分",  # B's sanction's note (cadre)
)


#: Plugins whose cases live beside their own tests, in tests/plugins/<name>/isolation.py:
#: ``setup(ctx, org, ids)`` makes what their commands need, ``CASES`` lists the commands
#: as (command, arguments) and ``SECRETS`` what only B's data of the plugin holds.
PLUGIN_ISOLATION = tuple(
    importlib.import_module(f"tests.plugins.{name}.isolation") for name in ("titles", "attendance")
)
B_SECRETS += tuple(secret for module in PLUGIN_ISOLATION for secret in module.SECRETS)


# --- the world: two organizations, and clerk ----------------------------------------

PLUGIN = """
from core.api import PluginInfo, hookimpl

@hookimpl
def zhidu_plugin():
    return PluginInfo("{name}", "0.1", "隔离测试", "Isolation test")
"""


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two installed plugins (real distributions with entry points): ``isoalpha`` is
    enabled in both organizations, ``isobeta`` in neither."""
    site = tmp_path_factory.mktemp("site")
    # union depends on elections: a stand-in until elections is installed
    stand_in = [] if "elections" in entry_point_names() else ["elections"]
    for name in ("isoalpha", "isobeta", *stand_in):
        (site / f"{name}.py").write_text(textwrap.dedent(PLUGIN.format(name=name)), "utf-8")
        info = site / f"{name}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[zhidu]\n{name} = {name}\n")
    return site


def _populate(
    ctx: Context, code: str, name: str, kind: str, names: dict[str, str]
) -> dict[str, Any]:
    """An organization with a unit, a post, three people (one serving a term, two of
    them kin), a calendar entry, a parameter override and a plugin enabled."""
    orgs.create_org(ctx, code, name, kind)
    orgs.add_unit(ctx, code, "office", names["unit"], "科")
    posts.add_post(
        ctx, code, unit_code="office", code=names["post"], title=names["title"],
        rank="正科级", headcount=2, category="行政",
    )  # fmt: skip
    made = [
        people.add_person(ctx, code, unit_code="office", **fields)
        for fields in (
            {"name": names["p1"], "gender": "女", "birth_date": "1949-12-31",
             "id_number": names.get("id_number"), "education": "大学本科",
             "political_status": "中共党员", "title": "高级经济师", "title_level": "副高级"},
            {"name": names["p2"], "gender": "男", "birth_date": "1980-05-01"},
            {"name": names["p3"], "gender": "男", "birth_date": "1982-07-01"},
        )
    ]  # fmt: skip
    term = posts.add_term(
        ctx, code, post_code=names["post"], person_id=made[0].id, start="2024-03-01",
        appointed_by="委任",
    )  # fmt: skip
    people.add_kinship(ctx, code, made[0].id, made[1].id, "夫妻")
    calendar.set_day(ctx, code, "2026-12-31", False, names["note"])
    parameters.override_parameter(
        ctx, code, "core.workdays.start_day_counts", False, "2026-01-01", names["reason"]
    )
    plugins.enable_plugin(ctx, code, "isoalpha")
    return {
        "org": code,
        "post": names["post"],
        "person": made[0].id,
        "person2": made[1].id,
        "person3": made[2].id,
        "term": term.id,
    }


def _elections(ctx: Context, code: str, title: str) -> None:
    """The elections plugin enabled, and elections in each state its commands need:
    ``fresh`` (no vote yet), ``open`` (a vote open, a ballot in), ``done`` (counted),
    ``cert`` (certified)."""
    from plugins.elections import hooks
    from plugins.elections import services as el

    if "elections" not in ctx.host.plugins:
        ctx.host.register(hooks, source="test", entry_name="elections")
    plugins.enable_plugin(ctx, code, "elections")
    for name in ("fresh", "open", "done", "cert"):
        el.create_election(
            ctx, code, code=name, title=f"{title}{name}", rule_set="union_presidium",
            electorate=10, offices=[("主席团成员", 3, ("甲", "乙", "丙", "丁"))],
        )  # fmt: skip
        if name == "fresh":
            continue
        el.open_round(ctx, code, name, present=10, ballots_issued=10)
        if name == "open":
            el.enter_ballot(ctx, code, name, "✓✓✓×")
            continue
        el.enter_sheet(ctx, code, name, ballots_counted=10, votes={"": {"甲": 9, "乙": 8, "丙": 7}})
        el.count_round(ctx, code, name)
        if name == "cert":
            el.certify_result(ctx, code, name)


#: The cadre plugin's names: (the cases' title, two candidates, a sanction's note).
CADRE_NAMES = {
    A: ("药学院副科长选拔", "陈一", "陈二", "教学事故"),
    B: ("镇干秘密案", "李秘候一", "李秘候二", "镇纪秘密处分"),
}

FOUR_CHECKS = ("档案必审", "个人有关事项报告必核", "纪检监察意见必听", "信访举报必查")


def _cadre(ctx: Context, code: str, ids: dict[str, Any]) -> None:
    """The cadre plugin enabled, and what each of its commands needs: a 副科级 post
    ``fkz`` the cases fill and a 副处级 post ``fcz`` that ``{person3}`` holds (retain,
    remove, resign, demote); two qualified candidates ``{cand1}`` ``{cand2}``; the
    standing committee's roster (``{person}`` … ``{person3}``); a 破格 awaiting consent
    ``{exception}``; an assessment, a sanction, an audit and a training; and selection cases
    in each state the case commands need: ``{case_fresh}`` (opened), ``{case_moved}``
    (motion), ``{case_recommended}`` (recommendation), ``{case_vote}`` ({cand1} inspected
    with 凡提四必, {cand2} inspected), ``{case_decided}`` ({cand1} voted),
    ``{case_done}`` (noticed, talks held), ``{case_pub}`` (公开选拔 after the motion) and
    ``{case_open}`` (公开选拔, {cand1} registered)."""
    from plugins.cadre import hooks
    from plugins.cadre.services import cases, eligibility, management

    if "cadre" not in ctx.host.plugins:
        ctx.host.register(hooks, source="test", entry_name="cadre")
    plugins.enable_plugin(ctx, code, "cadre")
    title, name1, name2, sanction = CADRE_NAMES[code]
    for post, post_title, rank in (("fkz", "副科长", "副科级"), ("fcz", "副处长", "副处级")):
        posts.add_post(
            ctx, code, unit_code="office", code=post, title=post_title, rank=rank, headcount=2,
            category="行政", term_years=4, max_consecutive_terms=2,
        )  # fmt: skip
    posts.add_term(ctx, code, post_code="fcz", person_id=ids["person3"], start="2019-01-01",
                   appointed_by="委任")  # fmt: skip
    candidates = [
        people.add_person(
            ctx, code, unit_code="office", name=name, gender="男", birth_date="1986-11-20",
            education="硕士研究生", degree="硕士", political_status="中共党员",
            employment_start="2012-07-01",
        ).id
        for name in (name1, name2)
    ]  # fmt: skip
    c1, c2 = candidates
    for pid in candidates:
        eligibility.set_profile(ctx, code, pid, track="管理岗位")
    eligibility.add_training(ctx, code, c1, completed_on="2025-06-30", hours=40,
                             institution="党校")  # fmt: skip
    ids["exception"] = eligibility.add_exception(
        ctx, code, ids["person3"], target_rank="正处级", kind="工作特殊需要",
        reason="专业性较强或专项工作急需", recorded_on="2026-11-01",
    ).id  # fmt: skip
    management.add_assessment(ctx, code, c1, kind="年度", year=2025, assessed_on="2026-01-15",
                              grade="称职")  # fmt: skip
    management.add_sanction(ctx, code, ids["person2"], kind="诫勉", imposed_on="2025-04-15",
                            until="2025-10-14", note=sanction)  # fmt: skip
    management.add_audit(ctx, code, ids["person3"], kind="届中", post_code="fcz",
                         started_on="2025-03-03", finished_on="2025-05-20")  # fmt: skip
    for member in (ids["person"], ids["person2"], ids["person3"]):
        cases.add_member(ctx, code, body="党委常委会", person_id=member, since="2020-01-01")
    ids |= {"cand1": c1, "cand2": c2}

    def case(method: str = "组织选拔") -> int:
        made = cases.open_case(ctx, code, title=title, method=method, posts=["fkz"],
                               on="2026-03-01")  # fmt: skip
        return int(made["id"])

    def motion(case_id: int) -> int:
        cases.motion(ctx, code, case_id, kind="定期", on="2026-04-10", consulted=True)
        return case_id

    def recommended(case_id: int) -> int:
        cases.recommend(ctx, code, motion(case_id), kind="会议推荐", on="2026-04-20",
                        participants=50, votes={c1: 30, c2: 15})  # fmt: skip
        return case_id

    def inspected(case_id: int, *who: int) -> int:
        cases.inspect(ctx, code, recommended(case_id), team=[ids["person2"], ids["person3"]],
                      candidates=list(who), on="2026-05-10")  # fmt: skip
        for kind in FOUR_CHECKS:
            cases.record_check(ctx, code, case_id, person_id=c1, kind=kind, on="2026-05-20")
        return case_id

    def decided(case_id: int) -> int:
        cases.vote(ctx, code, inspected(case_id, c1), person_id=c1, present=3, yes=3, no=0,
                   on="2026-06-01")  # fmt: skip
        return case_id

    ids["case_fresh"] = case()
    ids["case_moved"] = motion(case())
    ids["case_recommended"] = recommended(case())
    ids["case_vote"] = inspected(case(), c1, c2)
    ids["case_decided"] = decided(case())
    ids["case_done"] = done = decided(case())
    cases.notice(ctx, code, done, start="2026-06-02")
    for kind in ("任职谈话", "廉政谈话"):
        cases.talk(ctx, code, done, person_id=c1, kind=kind, on="2026-06-10", by="党委书记")
    ids["case_pub"] = motion(case("公开选拔"))
    ids["case_open"] = opened = motion(case("公开选拔"))
    cases.publish(ctx, code, opened, on="2026-04-15")
    cases.register(ctx, code, opened, person_id=c1, on="2026-04-20", unit_consent=True)


class World(NamedTuple):
    ctx: Context  # the operator's
    ids: dict[str, dict[str, Any]]  # org code → the placeholders of CASES


@pytest.fixture
def world(
    ctx: Context,
    db_url: str,
    tmp_path: Path,
    plugin_site: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    monkeypatch.syspath_prepend(str(plugin_site))
    importlib.invalidate_caches()
    for name in ("isoalpha", "isobeta"):
        ctx.host.register(importlib.import_module(name), source="test", entry_name=name)
    migrate(ctx.database, PluginHost.discover().migrations())  # installed plugins' tables
    ids = {
        A: _populate(
            ctx, A, "广东药科大学", "university",
            {"unit": "组织部", "post": "kz", "title": "科长", "p1": "张三", "p2": "张四",
             "p3": "张五", "note": "校历调整", "reason": "学校规定"},
        ),
        B: _populate(
            ctx, B, "东川区某镇", "government",
            {"unit": "党政秘办", "post": "xiangzhang", "title": "乡长秘职", "p1": "李秘密",
             "p2": "李秘二", "p3": "李秘三", "id_number": "11010519491231002X",
             "note": "镇政府秘密通知", "reason": "镇规秘密条款"},
        ),
    }  # fmt: skip
    for org in (A, B):  # for the union's commands: a 干事 and a 部长 post, a member heading
        for post, rank in (("ugs", "干事"), ("ubz", "部长"), ("uzx", "主席")):
            posts.add_post(ctx, org, unit_code="office", code=post, title=rank, rank=rank,
                           headcount=5, category="群团")  # fmt: skip
        union_services.join(ctx, org, ids[org]["person2"], "2025-01-01")
        posts.add_term(ctx, org, post_code="ubz", person_id=ids[org]["person2"],
                       start="2025-01-02", appointed_by="委任")  # fmt: skip
        ids[org]["congress"] = union_services.add_congress(
            ctx, org, held_on="2025-03-01", kind="学生代表大会", delegates=1, present=1
        )["id"]  # a session with one formal delegate, for union congress/delegate
        union_services.add_delegate(
            ctx, org, ids[org]["congress"], ids[org]["person2"], elected_by="代表团"
        )
    _elections(ctx, A, "校学生会主席团")
    _elections(ctx, B, "镇选秘密届")
    from plugins.elections import services as el

    for org, title in ((A, "校学生会主席团"), (B, "镇选秘密届主席团")):  # union congress seat
        union_services.elect_presidium(
            ctx, org, ids[org]["congress"], code="cz", title=title, seats=1,
            candidates=[("李乙", ids[org]["person2"]), ("王甲", None)],
        )  # fmt: skip
        el.enter_sheet(ctx, org, "cz", ballots_counted=1, votes={"": {"李乙": 1}})
        el.count_round(ctx, org, "cz")
        el.certify_result(ctx, org, "cz")
        el.publish_result(ctx, org, "cz", prefix="学代发")
    for org in (A, B):
        _cadre(ctx, org, ids[org])
    for module in PLUGIN_ISOLATION:
        for org in (A, B):
            module.setup(ctx, org, ids[org])
    accounts.add_account(ctx, "clerk", os_user=getpass.getuser())
    accounts.grant_role(ctx, "clerk", A, "org_admin")
    accounts.grant_role(ctx, "clerk", A, "auditor")
    accounts.add_account(ctx, "helper")
    for org in (A, B):
        accounts.grant_role(ctx, "helper", org, "viewer")
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.chdir(tmp_path)  # anything a command writes lands here
    (tmp_path / "people.csv").write_text("姓名,性别,出生日期\n新人,男,1990-01-01\n", "utf-8")
    return World(ctx, ids)


class Result(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def zhidu(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``zhidu ARGS`` in-process as the current OS user."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def as_operator(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """From now on, the CLI runs as the operator's OS user ("tester", see conftest)."""
    return lambda: monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")


def snapshot(code: str) -> dict[str, Any]:
    """Everything stored for an organization: its rows, its people, its audit entries
    and its data keys."""
    org = models.Organization.get(models.Organization.code == code)
    state: dict[str, Any] = {"Organization": sorted(org.__data__.items())}
    for model in (
        models.Unit,
        models.Person,
        models.Post,
        models.Term,
        models.Kinship,
        models.PluginEnablement,
        models.ParameterOverride,
        models.CalendarDay,
        models.CalendarYear,
        models.RoleGrant,
        models.DocumentNumber,
    ):
        rows = model.select().where(model.org == org.id).order_by(model.id)
        state[model.__name__] = [sorted(r.__data__.items()) for r in rows]
    database = models.Organization._meta.database
    for table in ("election", "office", "candidate", "round", "ballot", "sheet", "result"):
        rows = database.execute_sql(
            f"SELECT * FROM elections_{table} WHERE org_id = {database.param} ORDER BY id",
            (org.id,),
        )
        state[f"elections_{table}"] = [tuple(r) for r in rows.fetchall()]
    plugin_tables = tuple(f"{m.__name__.split('.')[-2]}_" for m in PLUGIN_ISOLATION)
    for table in sorted(t for t in database.get_tables() if t.startswith(plugin_tables)):
        if not {c.name for c in database.get_columns(table)} >= {"org_id"}:
            raise AssertionError(f"{table}: no org_id — say how it belongs to an organization")
        rows = database.execute_sql(
            f"SELECT * FROM {table} WHERE org_id = {database.param} ORDER BY id", (org.id,)
        )
        state[table] = [tuple(r) for r in rows.fetchall()]
    for table in sorted(t for t in database.get_tables() if t.startswith("cadre_")):
        columns = {c.name for c in database.get_columns(table)}
        if "org_id" in columns:  # cases, the committee, the records of people and terms
            where = f"org_id = {database.param}"
        elif "case_id" in columns:  # a selection case's stages, candidates, votes …
            where = f"case_id IN (SELECT id FROM cadre_case WHERE org_id = {database.param})"
        else:  # a new table: say how it belongs to an organization
            raise AssertionError(f"{table}: neither org_id nor case_id")
        rows = database.execute_sql(f"SELECT * FROM {table} WHERE {where} ORDER BY id", (org.id,))
        state[table] = [tuple(r) for r in rows.fetchall()]
    state["AuditEntry"] = [
        (r.seq, bytes(r.ciphertext))
        for r in models.AuditEntry.select().where(models.AuditEntry.org_id == org.id)
    ]
    state["DataKey"] = [
        (r.version, r.wrapped)
        for r in models.DataKey.select().where(models.DataKey.org_id == org.id)
    ]
    return state


def assert_b_unchanged(before: dict[str, Any], ctx: Context) -> None:
    """Nothing of B changed; its audit trail only gained the records of the refused
    attempts against it — which B's own auditors are meant to see."""
    after = snapshot(B)
    old, new = before["AuditEntry"], after["AuditEntry"]
    assert {k: v for k, v in after.items() if k != "AuditEntry"} == {
        k: v for k, v in before.items() if k != "AuditEntry"
    }
    assert new[: len(old)] == old
    added = {seq for seq, _ in new[len(old) :]}
    actions = {r.seq: (r.org, r.action, r.actor) for r in read_audit(ctx) if r.seq in added}
    assert set(actions.values()) <= {(B, "access.denied", "clerk")}, actions


def audited_refusals(ctx: Context) -> list[dict[str, Any]]:
    return [
        r.after
        for r in read_audit(ctx, action="access.denied")
        if r.actor == "clerk" and isinstance(r.after, dict)
    ]


def assert_refused(result: Result, *, json_output: bool = False) -> None:
    lines = result.err.strip().splitlines()
    assert result.code == 2, result
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error:") and "may not" in lines[0], lines[0]
    assert "Traceback" not in result.err
    if json_output:
        assert json.loads(result.out)["error"]["type"] == "PermissionDenied"
    else:
        assert result.out == ""


def assert_nothing_of_b(result: Result, typed: list[str] | tuple[str, ...] = ()) -> None:
    """None of B's data in the output, except what the user typed (echoed back)."""
    leaked = [s for s in B_SECRETS if (s in result.out or s in result.err) and s not in typed]
    assert leaked == [], f"B's data on clerk's screen: {leaked}"


# --- the table: every organization-scoped command -----------------------------------


class Case(NamedTuple):
    """One invocation; ``{org}``, ``{post}``, ``{person}``, ``{person2}``, ``{person3}``,
    ``{term}`` and the plugins' objects (``{congress}``; the cadre ``{cand1}``,
    ``{case_vote}`` … of :func:`_cadre`) in ``args`` are the organization's own code and
    objects."""

    command: str
    args: str
    clerk_may_in_a: bool = True  # False: deployment-wide, operators only

    @property
    def id(self) -> str:
        return f"{self.command} {self.args}"

    def argv(self, values: dict[str, Any]) -> list[str]:
        return [*self.command.split(), *words(self.args, values)]


def words(args: str, values: dict[str, Any]) -> list[str]:
    return [word.format(**values) for word in shlex.split(args)]


CASES: tuple[Case, ...] = (
    Case("org show", "{org}"),
    Case("org unit add", "--org {org} newunit 新机构 --kind 科"),
    Case("person list", "--org {org}"),
    Case("person add", "--org {org} --name 新人 --gender 男 --birth-date 1990-01-01"),
    Case("person update", "--org {org} {person2} --name 改名"),
    Case("person show", "--org {org} {person}"),
    Case("person kin", "--org {org} {person} {person3} --relation 直系血亲"),
    Case("post list", "--org {org}"),
    Case(
        "post add",
        "--org {org} --unit office fz --title 副职 --rank 副科级 --headcount 1 --category 行政",
    ),
    Case("post headcount", "--org {org} {post} 3 --reason 调整"),
    Case("term list", "--org {org}"),
    Case(
        "term add",
        "--org {org} --post {post} --person {person2} --start 2025-01-01 --appointed-by 委任",
    ),
    Case("term end", "--org {org} {term} --end 2026-11-01 --reason 届满"),
    Case("plugins list", "--org {org}"),
    Case("plugins enable", "--org {org} isobeta"),
    Case("plugins disable", "--org {org} isoalpha"),
    Case("param list", "--org {org}"),
    Case(
        "param set",
        "--org {org} core.workdays.start_day_counts true --from 2026-06-01 --reason 改回",
    ),
    Case("check", "--org {org}"),
    Case("calendar add", "--org {org} 2026-12-28 5"),
    Case("calendar show", "--org {org} 2026-12-25 2027-01-05"),
    Case("calendar set", "--org {org} 2027-01-04 --holiday --note 放假"),
    Case("calendar declare-year", "--org {org} 2027 --note 国务院通知"),
    Case("audit log", "--org {org}"),
    Case("doc number", "--org {org} --prefix 组发 --title 干部任职前公示"),
    Case("doc numbers", "--org {org}"),
    Case("export", "people --org {org} --out people.xlsx"),
    Case("export", "audit --org {org} --out audit.csv"),
    Case("import run", "--org {org} people people.csv"),
    Case("audit rotate-key", "--org {org}", clerk_may_in_a=False),
    Case("audit remove-keys", "--org {org} --yes", clerk_may_in_a=False),
    Case("account grant", "helper --org {org} --role editor"),
    Case("account grant", "clerk --org {org} --role editor"),  # to oneself
    Case("account revoke", "helper --org {org} --role viewer"),
    Case("elections list", "--org {org}"),
    Case("elections show", "--org {org} done"),
    Case("elections candidates", "--org {org} done"),
    Case(
        "elections create",
        "--org {org} new --title 新选举 --rules union_presidium --electorate 10 "
        "--office 主席团成员=3 --candidate 甲 --candidate 乙 --candidate 丙 --candidate 丁",
    ),
    Case("elections link", "--org {org} done 甲 {person}"),
    Case("elections round open", "--org {org} fresh --present 10 --issued 10"),
    Case("elections ballot add", "--org {org} open 甲=✓ 乙=× +戊"),
    Case("elections sheet add", "--org {org} open --counted 1 甲=1 --scrutineer 监票人"),
    Case("elections count", "--org {org} open"),
    Case("elections certify", "--org {org} done"),
    Case("elections publish", "--org {org} cert --prefix 学代发"),
    Case("elections recount", "--org {org} done --reason 核对"),
    Case("union assess", "--org {org} --on 2025-03-01"),
    Case("union join", "--org {org} {person3} --on 2025-01-01"),
    Case("union appoint", "--org {org} {person2} --post ugs --on 2025-02-01 --by 主席团"),
    Case("union warn", "--org {org} {person2} --on 2025-03-01 --offence 旷课"),
    Case("union remove", "--org {org} {person} --on 2025-03-01 --offence 作弊"),
    Case("union resign", "--org {org} {person} --on 2025-03-01 --approved-by 主席"),
    Case("union certificate", "--org {org} {person} --on 2025-03-01"),
    Case("union report", "--org {org} {person2} --on 2025-03-01 --summary 述职"),
    Case("union events", "--org {org}"),
    Case("union training", "--org {org} --on 2025-03-01 --season 春季 --all-staff"),
    Case(
        "union congress add",
        "--org {org} --on 2025-03-01 --kind 学生代表大会 --delegates 9 --present 9",
    ),
    Case("union congress list", "--org {org}"),
    Case(
        "union congress elect",
        "--org {org} --congress {congress} --code cg --title 主席团 --seats 1 "
        "--candidate 李乙 --candidate 王甲",
    ),
    Case("union congress seat", "cz --org {org} --on 2025-03-02"),
    Case("union congress agenda", "--org {org} --congress {congress}"),
    Case("union congress done", "--org {org} --congress {congress} opening --on 2025-03-01"),
    Case(
        "union delegate add",
        "--org {org} --congress {congress} {person3} --kind 列席代表 --elected-by 主席团",
    ),
    Case("union delegate list", "--org {org} --congress {congress}"),
    Case("union delegate present", "{congress} {person2} --org {org}"),
    Case("union delegate absent", "{congress} {person2} --org {org} --note 请假"),
    Case("union delegate attendance", "{congress} --org {org}"),
    Case("union duty", "--org {org} --unit office --duty 文体活动 --on 2025-01-01"),
    Case("union hearing", "--org {org} --on 2025-03-01 --topic 汇报"),
    Case(
        "union guide", "--org {org} --role 秘书长 --name 某老师 --league-cadre --start 2025-01-01"
    ),
    Case("union award", "--org {org} {person} --on 2025-03-01 --name 优秀 --basis 评议结果"),
    Case("union branch", "--org {org} --founded-on 2025-01-01 --secretary {person}"),
    Case(
        "union academic",
        "--org {org} {person} --on 2025-01-01 --level 本专科生 --enrolled 2022 --rank 1 "
        "--size 9 --basis 入学以来",
    ),
    # cadre
    Case("cadre eligible", "--org {org} {cand1} --rank 副科级 --on 2026-06-01"),
    Case("cadre profile show", "--org {org} {cand1}"),
    Case("cadre profile set", "--org {org} {person2} --track 专业技术岗位"),
    Case("cadre training list", "--org {org} {cand1}"),
    Case("cadre training add", "--org {org} {cand2} --on 2026-01-10 --hours 8 --institution 党校"),
    Case("cadre exception list", "--org {org}"),
    Case(
        "cadre exception add",
        "--org {org} {cand1} --rank 正科级 --kind 特别优秀 --reason 工作实绩特别显著 "
        "--recorded-on 2026-11-01",
    ),
    Case("cadre exception consent", "--org {org} {exception} --on 2026-11-10 --by 组织部"),
    Case("cadre terms", "--org {org} --on 2026-06-01"),
    Case("cadre rotation", "--org {org} --on 2026-06-01 --months 12"),
    Case("cadre avoidance", "--org {org} --on 2026-06-01"),
    Case(
        "cadre retain",
        "--org {org} {person3} --post fcz --on 2026-06-01 --members 3 --present 3 --yes 3 --no 0",
    ),
    Case("cadre assessment list", "--org {org}"),
    Case(
        "cadre assessment add",
        "--org {org} {cand2} --kind 年度 --year 2025 --on 2026-01-15 --grade 称职",
    ),
    Case("cadre sanction list", "--org {org}"),
    Case("cadre sanction add", "--org {org} {cand2} --kind 提醒 --on 2026-02-01"),
    Case("cadre audit list", "--org {org}"),
    Case("cadre audit add", "--org {org} {person3} --kind 专项 --started 2026-03-01"),
    Case("cadre remove", "--org {org} {person3} --post fcz --on 2026-06-30 --ground 五"),
    Case("cadre resign", "--org {org} {person3} --post fcz --on 2026-06-30 --kind 自愿辞职"),
    Case("cadre demote", "--org {org} {person3} --post fcz --on 2026-06-30 --to fkz"),
    Case("cadre due", "--org {org} --on 2026-06-01"),
    Case("cadre committee list", "--org {org} --on 2026-06-01"),
    Case(
        "cadre committee add", "--org {org} --body 党委全委会 --person {cand2} --since 2026-01-01"
    ),
    Case("cadre case list", "--org {org}"),
    Case("cadre case show", "--org {org} {case_done}"),
    Case("cadre case open", "--org {org} --title 新案 --post fkz --on 2026-03-01"),
    Case("cadre case close", "--org {org} {case_fresh} --on 2026-05-01"),
    Case("cadre case motion", "--org {org} {case_fresh} --kind 定期 --on 2026-04-10 --consulted"),
    Case(
        "cadre case recommend",
        "--org {org} {case_moved} --kind 会议推荐 --participants 50 --vote {cand1}=30 "
        "--vote {cand2}=15 --on 2026-04-20",
    ),
    Case(
        "cadre case inspect",
        "--org {org} {case_recommended} --team {person2} --team {person3} --candidate {cand1} "
        "--on 2026-05-10",
    ),
    Case(
        "cadre case check",
        "--org {org} {case_vote} --person {cand2} --kind 档案必审 --on 2026-05-20",
    ),
    Case(
        "cadre case vote",
        "--org {org} {case_vote} --person {cand1} --present 3 --yes 3 --no 0 --on 2026-06-01",
    ),
    Case(
        "cadre case defer",
        "--org {org} {case_vote} --person {cand1} --reason 待核实 --on 2026-06-01",
    ),
    Case(
        "cadre case reconsider",
        "--org {org} {case_decided} --person {cand1} --yes 2 --on 2026-06-05",
    ),
    Case("cadre case notice", "--org {org} {case_decided} --start 2026-06-02 --docx notice.docx"),
    Case(
        "cadre case talk",
        "--org {org} {case_decided} --person {cand1} --kind 任职谈话 --on 2026-06-10",
    ),
    Case("cadre case notice-result", "--org {org} {case_done} --person {cand1} --note 无异议"),
    Case(
        "cadre case summary",
        "--org {org} {case_done} --person {cand1} --docx summary.docx --on 2026-06-15",
    ),
    Case("cadre case appoint", "--org {org} {case_done} --person {cand1} --on 2026-06-15"),
    Case("cadre case publish", "--org {org} {case_pub} --on 2026-04-15"),
    Case(
        "cadre case register",
        "--org {org} {case_open} --person {cand2} --unit-consent --on 2026-04-25",
    ),
    Case("cadre case test", "--org {org} {case_open} --person {cand1} --score 85 --on 2026-05-01"),
)
CASES += tuple(Case(command, args) for m in PLUGIN_ISOLATION for command, args in m.CASES)

#: Commands that name the organization by an argument, not by ``--org``.
ORG_BY_ARGUMENT = {"org show"}

#: Commands that are not about one organization, and where each is tested here.
DEPLOYMENT_WIDE = {
    "import template": "writes a template file; reads no organization",
    "import kinds": "lists the import kinds; reads no organization",
    "doc sample": "renders made-up data; reads no organization",
    "init": "operators' set-up; maps only a new database's OS user",
    "demo": "its own demo database",
    "tui": "the interface (its own isolation tests)",
    "org list": "test_org_list_shows_only_a",
    "org create": "test_deployment_wide_commands_are_refused",
    "account list": "test_account_list_shows_only_oneself",
    "account add": "test_deployment_wide_commands_are_refused",
    "audit verify": "test_verify_and_checkpoint_decrypt_nothing",
    "audit checkpoint": "test_verify_and_checkpoint_decrypt_nothing",
    "audit prove": "test_prove_of_b_entry_is_refused",
    "backup": "test_deployment_wide_commands_are_refused",
    "restore": "writes a new database from a file; reads no existing organization",
    "ssh add-key": "test_deployment_wide_commands_are_refused",
    "ssh remove-key": "test_deployment_wide_commands_are_refused",
    "ssh keys": "tests/core/ssh/test_keys.py (others see only their own keys)",
    "ssh authorize": "tests/core/ssh/test_keys.py (only one's own keys, or an operator)",
    "ssh session": "tests/core/ssh (the account is the key's; it sees only its own orgs)",
    "serve": "tests/core/ssh/test_serve.py (the sessions of ssh session)",
}


def leaf_commands() -> dict[str, click.Command]:
    """Every core command by its path ("person add"), walking the click groups."""

    def walk(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from walk(sub, f"{path} {name}")
        else:
            yield path, command

    plugin_groups = {  # every installed plugin's commands, whatever its dependencies
        c.name: c.target
        for ep in importlib.metadata.entry_points(group="zhidu")
        for c in getattr(ep.load(), "zhidu_commands", list)()
    }
    return {
        path: command
        for name, target in (COMMANDS | plugin_groups).items()
        for path, command in walk(load_target(target), name)
    }


def test_every_command_with_org_is_in_the_table() -> None:
    with_org = {
        path
        for path, command in leaf_commands().items()
        if any("--org" in p.opts for p in command.params)
    }
    assert with_org | ORG_BY_ARGUMENT == {c.command for c in CASES}


def test_every_command_is_classified() -> None:
    covered = {c.command for c in CASES} | set(DEPLOYMENT_WIDE)
    assert set(leaf_commands()) == covered


# --- the same command: refused in B, working in A -----------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_refused_in_b(case: Case, world: World, zhidu: Callable[..., Result]) -> None:
    before = snapshot(B)
    argv = case.argv(world.ids[B])
    refusals = len(audited_refusals(world.ctx))

    plain = zhidu(*argv)
    assert_refused(plain)
    assert_nothing_of_b(plain)
    as_json = zhidu(*argv, "--json")
    assert_refused(as_json, json_output=True)
    assert_nothing_of_b(as_json)

    assert_b_unchanged(before, world.ctx)
    audited = audited_refusals(world.ctx)
    assert len(audited) == refusals + 2
    assert audited[-1]["command"] == "zhidu " + " ".join([*argv, "--json"])
    assert "may not" in audited[-1]["refusal"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_works_in_a(
    case: Case,
    world: World,
    zhidu: Callable[..., Result],
    as_operator: Callable[[], None],
) -> None:
    before = snapshot(B)
    result = zhidu(*case.argv(world.ids[A]), "--json")
    if case.clerk_may_in_a:
        assert result.code == 0, result.err
        json.loads(result.out)
    else:
        assert_refused(result, json_output=True)
        assert "this deployment" in result.err  # refused everywhere, not for being B
        as_operator()
        done = zhidu(*case.argv(world.ids[B]), "--json")
        assert done.code == 0, done.err  # the command itself works
        return
    assert_nothing_of_b(result)
    assert_b_unchanged(before, world.ctx)


# --- listing and searching ----------------------------------------------------------


def test_org_list_shows_only_a(world: World, zhidu: Callable[..., Result]) -> None:
    listed = zhidu("org", "list", "--json")
    assert listed.code == 0
    assert [o["code"] for o in json.loads(listed.out)] == [A]
    assert_nothing_of_b(zhidu("org", "list"))


def test_searching_a_for_b_finds_nothing(world: World, zhidu: Callable[..., Result]) -> None:
    for needle in ("李秘密", "李", "11010519491231002X"):
        found = zhidu("person", "list", "--org", A, "--search", needle, "--json")
        assert found.code == 0
        assert json.loads(found.out)["total"] == 0
        assert_nothing_of_b(found)


def test_plugins_list_shows_only_a(world: World, zhidu: Callable[..., Result]) -> None:
    listed = zhidu("plugins", "list", "--json")
    assert listed.code == 0
    shown = json.loads(listed.out)
    assert list(shown["enabled"]) == [A]
    assert all(set(p["enabled_for"]) <= {A} for p in shown["installed"])


def test_account_list_shows_only_oneself(world: World, zhidu: Callable[..., Result]) -> None:
    listed = zhidu("account", "list", "--json")
    assert listed.code == 0
    assert [(a["name"], a["roles"]) for a in json.loads(listed.out)] == [
        ("clerk", [[A, "auditor"], [A, "org_admin"]])
    ]


# --- the audit trail ----------------------------------------------------------------


def test_audit_log_shows_only_a(world: World, zhidu: Callable[..., Result]) -> None:
    shown = zhidu("audit", "log", "--json")
    assert shown.code == 0
    entries = json.loads(shown.out)
    assert entries and {e["org"] for e in entries} == {A}
    assert all(e["problem"] == "" for e in entries)  # decrypted, with A's keys only
    assert_nothing_of_b(shown)
    assert_nothing_of_b(zhidu("audit", "log"))
    assert_refused(zhidu("audit", "log", "--org", B))


def test_prove_of_b_entry_is_refused(world: World, zhidu: Callable[..., Result]) -> None:
    seq_b, seq_a = (
        models.AuditEntry.select()
        .where(models.AuditEntry.org_id == models.Organization.get(code=code).id)
        .first()
        .seq
        for code in (B, A)
    )
    refused = zhidu("audit", "prove", str(seq_b))
    assert_refused(refused)
    assert zhidu("audit", "prove", str(seq_a), "--json").code == 0


def test_verify_and_checkpoint_decrypt_nothing(world: World, zhidu: Callable[..., Result]) -> None:
    for argv in (("audit", "verify", "--json"), ("audit", "checkpoint", "--json")):
        result = zhidu(*argv)
        assert result.code == 0, result.err
        assert_nothing_of_b(result)


def test_a_refusal_is_audited_for_the_operator(world: World, zhidu: Callable[..., Result]) -> None:
    assert_refused(zhidu("person", "list", "--org", B))
    denied = [r for r in read_audit(world.ctx, action="access.denied") if r.actor == "clerk"]
    assert len(denied) == 1
    assert denied[0].after["command"] == f"zhidu person list --org {B}"
    # clerk, an auditor of A only, does not see the deployment-wide refusal entry
    mine = json.loads(zhidu("audit", "log", "--json").out)
    assert all(e["action"] != "access.denied" for e in mine)


def test_a_refusal_signing_a_checkpoint_is_audited(
    world: World, zhidu: Callable[..., Result]
) -> None:
    """The refusal's entry is the one that completes a checkpoint: the checkpoint goes
    to the command's database (the models were once pointed back at the caller's first,
    and the checkpoint waited on the command's own write lock: "database is locked")."""
    log = models.AuditLog.select().get()
    short = -(log_size() + 1) % log.checkpoint_every  # entries until the refusal's completes one
    for n in range(short):
        calendar.set_day(world.ctx, A, f"2026-12-{n % 28 + 1:02d}", n % 2 == 0, "凑数")
    checkpoints = models.AuditCheckpoint.select().count()
    assert_refused(zhidu("person", "list", "--org", B))
    assert models.AuditCheckpoint.select().count() == checkpoints + 1
    denied = [r for r in read_audit(world.ctx, action="access.denied") if r.actor == "clerk"]
    assert [d.after["command"] for d in denied] == [f"zhidu person list --org {B}"]


# --- deployment-wide commands -------------------------------------------------------

SOME_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBS+C3HciDS2Hxpfq9SOo773d8/HzwQaPpQ6Ub1vyHc+ mole@x"


@pytest.mark.parametrize(
    "argv",
    [
        ("org", "create", "rival", "某村", "--kind", "village"),
        ("account", "add", "mole", "--os-user", "mole"),
        ("backup", "copy.db"),
        ("ssh", "add-key", "clerk", SOME_KEY),
        ("ssh", "remove-key", "SHA256:" + "A" * 43),
    ],
    ids=" ".join,
)
def test_deployment_wide_commands_are_refused(
    argv: tuple[str, ...], world: World, zhidu: Callable[..., Result], tmp_path: Path
) -> None:
    before = snapshot(B)
    assert_refused(zhidu(*argv))
    assert_b_unchanged(before, world.ctx)
    assert models.Organization.select().count() == 2
    assert not models.Account.select().where(models.Account.name == "mole").exists()
    assert not (tmp_path / "copy.db").exists()


# --- A's code with B's objects ------------------------------------------------------

#: Commands run against A that name B's people, posts or terms (``{a_…}``: A's own).
CROSS = (
    "person show --org gdpu {person}",
    "person update --org gdpu {person} --name 改名",
    "person kin --org gdpu {a_person3} {person3} --relation 夫妻",
    "term add --org gdpu --post kz --person {person2} --start 2025-01-01 --appointed-by 委任",
    "term add --org gdpu --post {post} --person {a_person2} --start 2025-01-01 --appointed-by 委任",
    "term end --org gdpu {term} --end 2026-11-01 --reason 届满",
    "term list --org gdpu --post {post}",
    "post headcount --org gdpu {post} 3",
    "cadre case show --org gdpu {case_done}",
    "cadre case vote --org gdpu {a_case_vote} --person {cand1} --present 3 --yes 3 --no 0",
    "cadre profile show --org gdpu {cand1}",
    "cadre exception consent --org gdpu {exception} --on 2026-11-10 --by 组织部",
    "cadre retain --org gdpu {person3} --post fcz --on 2026-06-01 --members 3 --present 3 "
    "--yes 3 --no 0",
)


@pytest.mark.parametrize("args", CROSS)
def test_a_cannot_reach_b_objects_by_id(
    args: str, world: World, zhidu: Callable[..., Result]
) -> None:
    argv = words(args, world.ids[B] | {f"a_{k}": v for k, v in world.ids[A].items()})
    before = snapshot(B)
    result = zhidu(*argv)
    assert result.code == 2, result
    assert result.err.startswith("error:") and len(result.err.strip().splitlines()) == 1
    assert_nothing_of_b(result, typed=argv)
    assert_b_unchanged(before, world.ctx)


def test_term_list_of_b_person_in_a_is_empty(world: World, zhidu: Callable[..., Result]) -> None:
    shown = zhidu("term", "list", "--org", A, "--person", str(world.ids[B]["person"]), "--json")
    assert shown.code == 0 and json.loads(shown.out) == []


# --- the same human in both organizations --------------------------------------------
# docs/conventions.md: each organization keeps its own record of a person. A's
# administrator who knows B's person's name, gender, birth date and ID number gets a new
# record in A: nothing B entered, and nothing of B's changes.

LINK_B_PERSON = shlex.split(
    "person add --org gdpu --name 李秘密 --gender 女 --birth-date 1949-12-31 "
    "--id-number 11010519491231002X"
)


def test_linking_by_id_number_shows_nothing_b_entered(
    world: World, zhidu: Callable[..., Result]
) -> None:
    linked = zhidu(*LINK_B_PERSON, "--json")
    assert linked.code == 0, linked.err
    shown = json.loads(linked.out)
    assert (shown["education"], shown["political_status"], shown["title"]) == (None, None, None)


def test_a_cannot_change_what_b_sees_of_a_linked_person(
    world: World, zhidu: Callable[..., Result]
) -> None:
    before = snapshot(B)
    linked = zhidu(*LINK_B_PERSON, "--json")
    person_id = str(json.loads(linked.out)["id"])
    zhidu("person", "update", "--org", A, person_id, "--title", "无", "--title-level", "初级")
    assert snapshot(B)["Person"] == before["Person"]
