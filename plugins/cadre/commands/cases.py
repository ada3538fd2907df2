"""``zhidu cadre case …`` and ``zhidu cadre committee …``: the selection procedure as a
tracked case (第十二–二十一条), its committee's roster. Every command takes ``--org`` and
``--json``; a refusal is one line naming the stage, the rule and its clause."""

from __future__ import annotations

from typing import Any

import click

from plugins.cadre.cli import as_json_option, emit, org_option

__all__ = ["case", "committee"]


def _services() -> Any:
    from plugins.cadre.services import cases

    return cases


def _ctx(state: Any) -> Any:
    return state.context()


def _votes(pairs: tuple[str, ...]) -> dict[int, int]:
    from core.api import InvalidInput

    votes: dict[int, int] = {}
    for pair in pairs:
        who, sep, count = pair.partition("=")
        try:
            votes[int(who)] = int(count)
        except ValueError:
            raise InvalidInput("vote", pair, "must be PERSON=VOTES, e.g. 12=30") from None
        if not sep:
            raise InvalidInput("vote", pair, "must be PERSON=VOTES, e.g. 12=30")
    return votes


def _line(data: dict[str, Any], *keys: str) -> str:
    return " ".join(f"{k}={data[k]}" for k in keys if data.get(k) not in (None, "", []))


@click.group()
def case() -> None:
    """选拔任用案件: 动议 → 民主推荐 → 考察 → 讨论决定 → 任前公示 → 任职 (第十二–二十一条)."""


@case.command("open")
@org_option
@click.option("--title", required=True)
@click.option("--method", default="组织选拔", help="组织选拔, 公开选拔 or 竞争上岗.")
@click.option("--post", "posts", multiple=True, required=True, help="CODE or CODE:SEATS.")
@click.option("--on", help="Opened on (default: today).")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def open_(
    state: Any, org_code: str, title: str, method: str, posts: tuple[str, ...], on: str | None,
    note: str, as_json: bool,
) -> None:  # fmt: skip
    """Open a selection case for one or more posts."""
    data = _services().open_case(
        _ctx(state), org_code, title=title, method=method, posts=list(posts), on=on, note=note
    )
    emit(as_json, data, f"case {data['id']} opened: {data['title']} ({data['method']})")


@case.command("list")
@org_option
@as_json_option
@click.pass_obj
def list_(state: Any, org_code: str, as_json: bool) -> None:
    """The organization's cases and the stage each has reached."""
    rows = _services().list_cases(_ctx(state), org_code)
    lines = [
        f"{r['id']:>4}  {r['title']}  {r['method']}  已完成：{'、'.join(r['stages_done']) or '—'}"
        f"  下一环节：{r['current'] or '—'}  任职{r['appointed']}/{r['seats']}"
        + (f"  结案{r['closed_on']}" if r["closed_on"] else "")
        for r in rows
    ]
    emit(as_json, rows, "\n".join(lines) or "no cases")


@case.command()
@org_option
@click.argument("case_id", type=int)
@as_json_option
@click.pass_obj
def show(state: Any, org_code: str, case_id: int, as_json: bool) -> None:
    """A case's stages as a timeline: done, current, refused — with dates and clauses."""
    data = _services().show_case(_ctx(state), org_code, case_id)
    marks = {"done": "✓", "current": "→", "pending": "·"}
    lines = [f"case {data['id']}: {data['title']} ({data['method']})"]
    for s in data["stages"]:
        when = s["held_on"].isoformat() if s["held_on"] else ""
        flag = " 有驳回" if s["refused"] else ""
        lines.append(f"  {marks[s['state']]} {s['stage']} {when}{flag}")
    lines.append("timeline:")
    for e in data["timeline"]:
        cited = f"  依据 {e['citation']['article']}" if e["citation"] else ""
        lines.append(
            f"  {e['on'].isoformat()} [{e['outcome']}] {e['stage']}：{e['message_zh']}{cited}"
        )
    for f in data["findings"]:
        lines.append(f"  ! {f['message_zh']}  依据 {f['citation']['article']}")
    emit(as_json, data, "\n".join(lines))


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--kind", required=True, help="换届, 定期 or 个别.")
@click.option("--on")
@click.option("--consulted", is_flag=True, help="分管校领导、纪检等方面意见已听取.")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def motion(
    state: Any, org_code: str, case_id: int, kind: str, on: str | None, consulted: bool,
    note: str, as_json: bool,
) -> None:  # fmt: skip
    """动议 (第十三条)."""
    data = _services().motion(_ctx(state), org_code, case_id, kind=kind, on=on,
                              consulted=consulted, note=note)  # fmt: skip
    emit(as_json, data, f"motion recorded: {_line(data, 'kind', 'on')}")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--on")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def publish(
    state: Any, org_code: str, case_id: int, on: str | None, note: str, as_json: bool
) -> None:
    """公布职位 (第二十条 1, 公开选拔 and 竞争上岗)."""
    data = _services().publish(_ctx(state), org_code, case_id, on=on, note=note)
    emit(as_json, data, f"published on {data['on']}")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--post", "post_code")
@click.option("--on")
@click.option("--unit-consent", is_flag=True, help="所在单位同意 (公开选拔).")
@as_json_option
@click.pass_obj
def register(
    state: Any, org_code: str, case_id: int, person_id: int, post_code: str | None,
    on: str | None, unit_consent: bool, as_json: bool,
) -> None:  # fmt: skip
    """报名与资格审查 (第十九、二十条)."""
    data = _services().register(_ctx(state), org_code, case_id, person_id=person_id, on=on,
                                post_code=post_code, unit_consent=unit_consent)  # fmt: skip
    emit(as_json, data, f"registered: {_line(data, 'name', 'post', 'eligible')}")


@case.command("test")
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--score", required=True)
@click.option("--on")
@as_json_option
@click.pass_obj
def test_(
    state: Any, org_code: str, case_id: int, person_id: int, score: str, on: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """测试测评 (第二十、二十一条): a score."""
    data = _services().test_score(_ctx(state), org_code, case_id, person_id=person_id,
                                  score=score, on=on)  # fmt: skip
    emit(as_json, data, f"score recorded: {_line(data, 'person', 'score')}")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--kind", required=True, help="会议推荐, 谈话推荐 or 二次会议推荐.")
@click.option("--participants", type=int, required=True)
@click.option("--vote", "pairs", multiple=True, required=True, help="PERSON=VOTES.")
@click.option("--on")
@click.option("--scattered", is_flag=True, help="The 党委 judged the votes scattered.")
@as_json_option
@click.pass_obj
def recommend(
    state: Any, org_code: str, case_id: int, kind: str, participants: int,
    pairs: tuple[str, ...], on: str | None, scattered: bool, as_json: bool,
) -> None:  # fmt: skip
    """民主推荐 (第十四条): one round's votes."""
    data = _services().recommend(_ctx(state), org_code, case_id, kind=kind, on=on,
                                 participants=participants, votes=_votes(pairs),
                                 scattered=scattered)  # fmt: skip
    hint = "；票数分散（无人过半）" if data["scatter_hint"] else ""
    emit(as_json, data, f"{data['kind']} recorded, valid until {data['valid_until']}{hint}")


@case.command("inspect")
@org_option
@click.argument("case_id", type=int)
@click.option("--team", multiple=True, type=int, required=True, help="考察组成员 (person id).")
@click.option("--candidate", "candidates", multiple=True, type=int, required=True)
@click.option("--post", "post_code")
@click.option("--on")
@as_json_option
@click.pass_obj
def inspect_(
    state: Any, org_code: str, case_id: int, team: tuple[int, ...],
    candidates: tuple[int, ...], post_code: str | None, on: str | None, as_json: bool,
) -> None:  # fmt: skip
    """考察 (第十五条): the team and the 考察对象."""
    data = _services().inspect(_ctx(state), org_code, case_id, team=list(team),
                               candidates=list(candidates), on=on, post_code=post_code)  # fmt: skip
    warn = "".join(f"\n! {f['message_zh']}" for f in data["findings"])
    emit(as_json, data, f"inspection recorded: {len(candidates)} candidate(s){warn}")


@case.command("check")
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option(
    "--kind", required=True, help="档案必审, 个人有关事项报告必核, 纪检监察意见必听, 信访举报必查."
)
@click.option("--on")
@click.option("--result", default="")
@as_json_option
@click.pass_obj
def check_(
    state: Any, org_code: str, case_id: int, person_id: int, kind: str, on: str | None,
    result: str, as_json: bool,
) -> None:  # fmt: skip
    """凡提四必 (第十五条): one check recorded."""
    data = _services().record_check(_ctx(state), org_code, case_id, person_id=person_id,
                                    kind=kind, on=on, result=result)  # fmt: skip
    emit(as_json, data, f"{data['kind']} recorded for person {person_id}")


@case.command("vote")
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--present", type=int, required=True, help="到会人数.")
@click.option("--yes", type=int, required=True)
@click.option("--no", type=int, required=True)
@click.option("--defer", type=int, default=0, help="缓议 ballots.")
@click.option("--withdrawn", multiple=True, type=int, help="A member who withdrew (回避).")
@click.option("--members", type=int, help="应到人数, when the body has no roster that day.")
@click.option("--post", "post_code")
@click.option("--on")
@as_json_option
@click.pass_obj
def vote_(
    state: Any, org_code: str, case_id: int, person_id: int, present: int, yes: int, no: int,
    defer: int, withdrawn: tuple[int, ...], members: int | None, post_code: str | None,
    on: str | None, as_json: bool,
) -> None:  # fmt: skip
    """讨论决定 (第十六条): the secret ballot on one person."""
    data = _services().vote(
        _ctx(state), org_code, case_id, person_id=person_id, present=present, yes=yes, no=no,
        defer=defer, withdrawn=list(withdrawn), members=members, on=on, post_code=post_code,
    )  # fmt: skip
    reasons = "\n".join(f"  - {r['message_zh']}" for r in data["reasons"])
    emit(as_json, data, f"{data['name']}：{data['outcome_zh']}\n{reasons}")


@case.command("defer")
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--reason", required=True)
@click.option("--on")
@as_json_option
@click.pass_obj
def defer_(
    state: Any, org_code: str, case_id: int, person_id: int, reason: str, on: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """暂缓表决 (第十六条)."""
    data = _services().defer(_ctx(state), org_code, case_id, person_id=person_id,
                             reason=reason, on=on)  # fmt: skip
    emit(as_json, data, f"vote on person {person_id} deferred")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--yes", type=int, required=True)
@click.option("--members", type=int)
@click.option("--on")
@as_json_option
@click.pass_obj
def reconsider(
    state: Any, org_code: str, case_id: int, person_id: int, yes: int, members: int | None,
    on: str | None, as_json: bool,
) -> None:  # fmt: skip
    """复议 (第十六条): agreed by more than half of the members."""
    data = _services().reconsider(_ctx(state), org_code, case_id, person_id=person_id,
                                  yes=yes, members=members, on=on)  # fmt: skip
    emit(as_json, data, "复议：" + ("同意" if data["agreed"] else "不同意"))


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--start", help="Record the notice of everyone decided, from this day.")
@click.option("--days", type=int, help="Working days (default: the parameter, at least 5).")
@click.option("--docx", type=click.Path(dir_okay=False), help="Write the 任前公示 here.")
@as_json_option
@click.pass_obj
def notice(
    state: Any, org_code: str, case_id: int, start: str | None, days: int | None,
    docx: str | None, as_json: bool,
) -> None:  # fmt: skip
    """任前公示 (第十七条): record it (--start) and/or write the document (--docx)."""
    services = _services()
    ctx = _ctx(state)
    data: dict[str, Any] = {}
    if start or not docx:
        data = services.notice(ctx, org_code, case_id, start=start, days=days)
    if docx:
        services.write_document(services.notice_document(ctx, org_code, case_id), docx)
        data = data | {"docx": docx}
    text = (f"notice {data['start']} – {data['end']} ({data['working_days']} working days)"
            if "end" in data else f"written {docx}")  # fmt: skip
    if data.get("warning_zh"):
        text += f"\n! {data['warning_zh']}"
    emit(as_json, data, text)


@case.command("notice-result")
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--affects/--clear", default=False, help="Whether the result stands in the way.")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def notice_result(
    state: Any, org_code: str, case_id: int, person_id: int, affects: bool, note: str,
    as_json: bool,
) -> None:  # fmt: skip
    """公示结果 (第十七条)."""
    data = _services().notice_result(_ctx(state), org_code, case_id, person_id=person_id,
                                     affects=affects, note=note)  # fmt: skip
    emit(as_json, data, "公示结果：" + ("影响任职" if affects else "不影响任职"))


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--docx", type=click.Path(dir_okay=False), required=True)
@click.option("--on", help="The form's date (default: today).")
@as_json_option
@click.pass_obj
def summary(
    state: Any, org_code: str, case_id: int, person_id: int, docx: str, on: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """干部任免审批表 of one person of the case, as .docx."""
    services = _services()
    document = services.summary_document(_ctx(state), org_code, case_id, person_id, on)
    services.write_document(document, docx)
    emit(as_json, {"case": case_id, "person": person_id, "docx": docx}, f"written {docx}")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--kind", required=True, help="任职谈话 or 廉政谈话.")
@click.option("--by", default="")
@click.option("--on")
@as_json_option
@click.pass_obj
def talk(
    state: Any, org_code: str, case_id: int, person_id: int, kind: str, by: str,
    on: str | None, as_json: bool,
) -> None:  # fmt: skip
    """任职谈话 / 廉政谈话 (第十七条)."""
    data = _services().talk(_ctx(state), org_code, case_id, person_id=person_id, kind=kind,
                            on=on, by=by)  # fmt: skip
    emit(as_json, data, f"{data['kind']} recorded")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--person", "person_id", type=int, required=True)
@click.option("--on")
@click.option("--appointed-by", default="委任", help="委任, 选任 or 聘任.")
@click.option("--keep-previous", is_flag=True, help="Keep the person's other posts (兼任).")
@click.option("--term", "term_id", type=int, help="Link a term already recorded instead.")
@as_json_option
@click.pass_obj
def appoint(
    state: Any, org_code: str, case_id: int, person_id: int, on: str | None,
    appointed_by: str, keep_previous: bool, term_id: int | None, as_json: bool,
) -> None:  # fmt: skip
    """任职 (第十七条): the term from the decision's date, probation for a promotion."""
    data = _services().appoint(_ctx(state), org_code, case_id, person_id=person_id, on=on,
                               appointed_by=appointed_by, keep_previous=keep_previous,
                               term_id=term_id)  # fmt: skip
    emit(as_json, data, f"appointed: {_line(data, 'name', 'post', 'start', 'probation_end')}")


@case.command()
@org_option
@click.argument("case_id", type=int)
@click.option("--on")
@as_json_option
@click.pass_obj
def close(state: Any, org_code: str, case_id: int, on: str | None, as_json: bool) -> None:
    """Close a case (done or abandoned)."""
    data = _services().close_case(_ctx(state), org_code, case_id, on)
    emit(as_json, data, f"case {case_id} closed on {data['closed_on']}")


@click.group()
def committee() -> None:
    """党委全委会 / 常委会 roster: the member counts of 第十六条 come from it."""


@committee.command("add")
@org_option
@click.option("--body", required=True, help="党委全委会 or 党委常委会.")
@click.option("--person", "person_id", type=int, required=True)
@click.option("--since", required=True)
@click.option("--until")
@as_json_option
@click.pass_obj
def add_member(
    state: Any, org_code: str, body: str, person_id: int, since: str, until: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Add a member to a body's roster."""
    data = _services().add_member(_ctx(state), org_code, body=body, person_id=person_id,
                                  since=since, until=until)  # fmt: skip
    emit(as_json, data, f"{data['name']} member of {data['body']} from {data['since']}")


@committee.command("list")
@org_option
@click.option("--body")
@click.option("--on", help="Members on this day only.")
@as_json_option
@click.pass_obj
def list_members(
    state: Any, org_code: str, body: str | None, on: str | None, as_json: bool
) -> None:
    """The roster."""
    rows = _services().list_members(_ctx(state), org_code, body=body, on=on)
    lines = [f"{r['body']}  {r['person']:>5} {r['name']}  {r['since']}–{r['until'] or ''}"
             for r in rows]  # fmt: skip
    emit(as_json, rows, "\n".join(lines) or "no members")
