"""``zhidu union``: the self-assessment computed, and membership. Every command takes
``--json``; a mistake is one line (the core's ``main`` prints it)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from core.api import jsonable
from plugins.union import rules

_Handler = Callable[..., Any]


def _json(function: _Handler) -> _Handler:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(
        function
    )


def _org(function: _Handler) -> _Handler:
    return click.option("--org", "org_code", required=True)(function)


def _emit(as_json: bool, data: Any, text: str) -> None:
    if as_json:
        click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        click.echo(text)


def _ctx(state: Any) -> Any:
    return state.context()


def _services() -> Any:
    from plugins.union import services

    return services


def _done(as_json: bool, data: dict[str, Any]) -> None:
    keys = ("kind", "person", "happened_on", "effective_on", "post_code", "offence")
    summary = " ".join(f"{k}={data[k]}" for k in keys if data.get(k) not in (None, ""))
    _emit(as_json, data, f"recorded #{data['id']} {summary}".rstrip())


@click.group()
def union() -> None:
    """学生会章程 (student-union-bylaws.txt): the 14 standards and membership."""


@union.command()
@_org
@click.option("--on", help="The date assessed (default: today).")
@click.option("--docx", "docx", type=click.Path(dir_okay=False), help="Write the form here.")
@_json
@click.pass_obj
def assess(state: Any, org_code: str, on: str | None, docx: str | None, as_json: bool) -> None:
    """The 组织改革自评表: each standard computed, its figure, who breaks it, the clause."""
    services = _services()
    result = services.assess(_ctx(state), org_code, on)
    if docx:
        services.write_self_assessment(result, docx)
    lines = [f"{result.name} 组织改革自评表 {result.on.isoformat()}"]
    for r in result.results:
        lines.append(f"{r.number:>2}. {'符合' if r.met else '不符合'}  {r.figure}")
        lines.extend(f"      - {who}" for who in r.offenders)
        lines.append(f"      依据 {r.citation}")
    missed = "、".join(str(n) for n in result.missed) or "无"
    lines.append(f"符合{len(result.results) - len(result.missed)}项，不符合：{missed}")
    _emit(as_json, result.as_dict() | ({"docx": docx} if docx else {}), "\n".join(lines))


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@click.option("--unit", "unit_code", help="The department joined.")
@_json
@click.pass_obj
def join(
    state: Any, org_code: str, person_id: int, on: str, unit_code: str | None, as_json: bool
) -> None:
    """A person joins the union (第5条)."""
    _done(as_json, _services().join(_ctx(state), org_code, person_id, on, unit_code))


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--post", "post_code", required=True)
@click.option("--on", required=True)
@click.option("--by", required=True, type=click.Choice(rules.AUTHORITIES))
@click.option("--recommended", is_flag=True, help="The department recommended (部长).")
@click.option("--by-person", type=int, help="The 部长 who appoints (副部长, 干事).")
@_json
@click.pass_obj
def appoint(
    state: Any, org_code: str, person_id: int, post_code: str, on: str, by: str,
    recommended: bool, by_person: int | None, as_json: bool,
) -> None:  # fmt: skip
    """Appoint a member to a post (五、四 1–2)."""
    data = _services().appoint(
        _ctx(state), org_code, person_id, post_code=post_code, on=on, by=by,
        recommended=recommended, by_person=by_person,
    )  # fmt: skip
    _done(as_json, data)


_OFFENCE = click.Choice(tuple(rules.OFFENCES))


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@click.option("--offence", required=True, type=_OFFENCE)
@click.option("--note", default="")
@_json
@click.pass_obj
def warn(
    state: Any, org_code: str, person_id: int, on: str, offence: str, note: str, as_json: bool
) -> None:
    """A warning for a lesser offence (五、四 4)."""
    _done(
        as_json,
        _services().warn(_ctx(state), org_code, person_id, on=on, offence=offence, note=note),
    )


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@click.option("--offence", required=True, type=_OFFENCE)
@click.option("--presidium-decided", is_flag=True, help="The presidium decided (lesser offences).")
@_json
@click.pass_obj
def remove(
    state: Any, org_code: str, person_id: int, on: str, offence: str, presidium_decided: bool,
    as_json: bool,
) -> None:  # fmt: skip
    """Remove a member from every post (五、四 5)."""
    data = _services().remove(
        _ctx(state), org_code, person_id, on=on, offence=offence,
        presidium_decided=presidium_decided,
    )  # fmt: skip
    _done(as_json, data)


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True, help="The day the resignation is handed in.")
@click.option("--approved-by", required=True, help="Who approved it (相关负责人).")
@click.option("--leave-on", help="Last day in post (default: one month after --on).")
@_json
@click.pass_obj
def resign(
    state: Any, org_code: str, person_id: int, on: str, approved_by: str, leave_on: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """A resignation with one month's notice (五、三 4)."""
    data = _services().resign(
        _ctx(state), org_code, person_id, on=on, approved_by=approved_by, leave_on=leave_on
    )
    _done(as_json, data)


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@_json
@click.pass_obj
def certificate(state: Any, org_code: str, person_id: int, on: str, as_json: bool) -> None:
    """A certificate after at least one year's service, not for the dismissed (五、三 6)."""
    _done(as_json, _services().certificate(_ctx(state), org_code, person_id, on=on))


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@click.option("--summary", required=True)
@_json
@click.pass_obj
def report(state: Any, org_code: str, person_id: int, on: str, summary: str, as_json: bool) -> None:
    """A 述职 by a presidium member or a department's head (九)."""
    _done(as_json, _services().report(_ctx(state), org_code, person_id, on=on, summary=summary))


@union.command()
@_org
@click.option("--person", "person_id", type=int)
@_json
@click.pass_obj
def events(state: Any, org_code: str, person_id: int | None, as_json: bool) -> None:
    """Membership events of the organization (or of one person)."""
    rows = _services().list_events(_ctx(state), org_code, person_id)
    text = "\n".join(
        f"#{r['id']} {r['happened_on']} {r['kind']} person {r['person']} {r['post_code'] or ''}"
        f" {r['offence'] or ''}".rstrip()
        for r in rows
    )
    _emit(as_json, rows, text or "(none)")


@union.command()
@_org
@click.option("--on", required=True)
@click.option("--season", required=True, type=click.Choice(rules.SEASONS))
@click.option("--attendee", "attendees", type=int, multiple=True)
@click.option("--all-staff", is_flag=True, help="Every member serving that day attended.")
@_json
@click.pass_obj
def training(
    state: Any, org_code: str, on: str, season: str, attendees: tuple[int, ...],
    all_staff: bool, as_json: bool,
) -> None:  # fmt: skip
    """A spring or autumn training of the staff (standard 10)."""
    data = _services().add_training(
        _ctx(state), org_code, held_on=on, season=season, attendees=attendees,
        all_staff=all_staff,
    )  # fmt: skip
    _done(as_json, data)


@union.group()
def congress() -> None:
    """The congress (学生代表大会, 第八条): sessions, the presidium election, the agenda."""


@congress.command("add")
@_org
@click.option("--on", required=True)
@click.option("--kind", required=True, type=click.Choice(rules.CONGRESS_KINDS))
@click.option("--delegates", required=True, type=int)
@click.option("--present", required=True, type=int)
@click.option("--elects-presidium", is_flag=True)
@_json
@click.pass_obj
def congress_add(
    state: Any, org_code: str, on: str, kind: str, delegates: int, present: int,
    elects_presidium: bool, as_json: bool,
) -> None:  # fmt: skip
    """A session of the congress or general assembly held (standards 8, 9)."""
    data = _services().add_congress(
        _ctx(state), org_code, held_on=on, kind=kind, delegates=delegates, present=present,
        elects_presidium=elects_presidium,
    )  # fmt: skip
    _done(as_json, data)


@congress.command("list")
@_org
@_json
@click.pass_obj
def congress_list(state: Any, org_code: str, as_json: bool) -> None:
    """The congress sessions recorded, their formal delegates and elections."""
    rows = _services().list_congresses(_ctx(state), org_code)
    text = "\n".join(
        f"#{r['id']} {r['held_on']} {r['kind']} 代表{r['delegates']} 到会{r['present']} "
        f"正式代表已录{r['formal_recorded']}"
        + ("" if r["present_recorded"] is None else f" 出席已录{r['present_recorded']}")
        + f" {' '.join(r['elections'])}".rstrip()
        for r in rows
    )
    _emit(as_json, rows, text or "(none)")


def _candidate(value: str) -> tuple[str, int | None]:
    name, _, person = value.partition("=")
    if person and not person.strip().isdigit():
        raise click.BadParameter(f"{value}: NAME or NAME=PERSON_ID")
    return name.strip(), int(person) if person else None


def _strokes(values: tuple[str, ...]) -> dict[str, int]:
    out = {}
    for value in values:
        surname, _, count = value.partition("=")
        if len(surname.strip()) != 1 or not count.strip().isdigit():
            raise click.BadParameter(f"{value}: 姓=N")
        out[surname.strip()] = int(count)
    return out


@congress.command("elect")
@_org
@click.option("--congress", "congress_id", required=True, type=int)
@click.option("--code", required=True, help="The election's code.")
@click.option("--title", required=True)
@click.option("--seats", default=3, show_default=True, type=int)
@click.option(
    "--candidate",
    "candidates",
    multiple=True,
    required=True,
    help="NAME or NAME=PERSON_ID; printed by the surname's strokes.",
)
@click.option("--present", type=int, help="Formal delegates present (default: the session's).")
@click.option("--issued", "ballots_issued", type=int, help="Ballots issued (default: present).")
@click.option("--scrutineer", "scrutineers", multiple=True, help="总监票人、监票人.")
@click.option("--counter", "counters", multiple=True, help="总计票人、计票人.")
@click.option("--teller", "tellers", multiple=True)
@click.option("--strokes", "strokes", multiple=True, help="姓=N for a surname not in the table.")
@_json
@click.pass_obj
def congress_elect(
    state: Any, org_code: str, congress_id: int, code: str, title: str, seats: int,
    candidates: tuple[str, ...], present: int | None, ballots_issued: int | None,
    scrutineers: tuple[str, ...], counters: tuple[str, ...], tellers: tuple[str, ...],
    strokes: tuple[str, ...], as_json: bool,
) -> None:  # fmt: skip
    """Hold the presidium election of a congress session (六、主席团成员选举办法)."""
    data = _services().elect_presidium(
        _ctx(state), org_code, congress_id, code=code, title=title, seats=seats,
        candidates=[_candidate(c) for c in candidates], present=present,
        ballots_issued=ballots_issued, scrutineers=scrutineers, counters=counters,
        tellers=tellers, strokes=_strokes(strokes),
    )  # fmt: skip
    lines = [
        f"election {data['election']} (union_presidium): {data['electorate']} 正式代表, "
        f"{data['present']} present, {data['ballots_issued']} ballots issued",
        *(f"  {'符合' if s['met'] else '不符合'} {s['what']}  依据 {s['citation']}"
          for s in data["quorum"]),
        "  候选人（按姓氏笔划）: "
        + "、".join(f"{n}({k})" for n, k in zip(data["candidates"], data["strokes"], strict=True)),
        f"  vote {data['round']} open: zhidu elections ballot add --org {org_code} "
        f"{data['election']} …",
    ]  # fmt: skip
    _emit(as_json, data, "\n".join(lines))


@congress.command("seat")
@click.argument("election_code")
@_org
@click.option("--on", required=True, help="The day the elected take office.")
@click.option("--chair", help="The 主席, when the presidium was elected as one body.")
@_json
@click.pass_obj
def congress_seat(
    state: Any, election_code: str, org_code: str, on: str, chair: str | None, as_json: bool
) -> None:
    """The certified, published presidium takes office (选任; 第十条, 六、5)."""
    data = _services().seat_presidium(_ctx(state), org_code, election_code, on=on, chair=chair)
    lines = [f"election {data['election']} ({data['announcement']}): took office "
             f"{data['seated_on']}"]  # fmt: skip
    lines.extend(
        f"  {t['rank']} {t['name']} (person {t['person']}, post {t['post']}, term #{t['term']})"
        for t in data["terms"]
    )
    lines.extend(f"  依据 {c}" for c in data["citations"])
    _emit(as_json, data, "\n".join(lines))


@congress.command("agenda")
@_org
@click.option("--congress", "congress_id", required=True, type=int)
@_json
@click.pass_obj
def congress_agenda(state: Any, org_code: str, congress_id: int, as_json: bool) -> None:
    """The schedule (七、日程和主要议程表) dated from the session, and what is done."""
    data = _services().agenda(_ctx(state), org_code, congress_id)
    lines = [f"congress #{data['congress']} {data['held_on']}"]
    for i in data["items"]:
        mark = f"[x] {i['done_on']}" if i["done"] else "[ ]"
        lines.append(f"{mark} {i['due']} {i['time']} {i['item']} {i['meeting']}")
        lines.extend(f"      - {b}" for b in i["business"])
    _emit(as_json, data, "\n".join(lines))


@congress.command("done")
@_org
@click.option("--congress", "congress_id", required=True, type=int)
@click.argument("item")
@click.option("--on", required=True)
@click.option("--note", default="")
@_json
@click.pass_obj
def congress_done(
    state: Any, org_code: str, congress_id: int, item: str, on: str, note: str, as_json: bool
) -> None:
    """Record an item of the agenda done."""
    data = _services().agenda_done(_ctx(state), org_code, congress_id, item, on=on, note=note)
    _emit(as_json, data, f"recorded #{data['id']} {data['item']} done {data['done_on']}")


@union.group()
def delegate() -> None:
    """A congress session's delegates (正式代表, 列席代表)."""


@delegate.command("add")
@_org
@click.option("--congress", "congress_id", required=True, type=int)
@click.argument("person_id", type=int)
@click.option(
    "--kind", default="正式代表", show_default=True, type=click.Choice(("正式代表", "列席代表"))
)
@click.option("--elected-by", required=True, help="How: e.g. the 选举单位 that elected them.")
@click.option("--note", default="")
@_json
@click.pass_obj
def delegate_add(
    state: Any, org_code: str, congress_id: int, person_id: int, kind: str, elected_by: str,
    note: str, as_json: bool,
) -> None:  # fmt: skip
    """Record a delegate (a 正式代表 must be a member, 第5条、第6条(三))."""
    data = _services().add_delegate(
        _ctx(state), org_code, congress_id, person_id, kind=kind, elected_by=elected_by,
        note=note,
    )  # fmt: skip
    _emit(as_json, data, f"recorded #{data['id']} {data['person_name']} {data['kind']}")


@delegate.command("list")
@_org
@click.option("--congress", "congress_id", required=True, type=int)
@_json
@click.pass_obj
def delegate_list(state: Any, org_code: str, congress_id: int, as_json: bool) -> None:
    """A session's delegates, formal first."""
    data = _services().list_delegates(_ctx(state), org_code, congress_id)
    lines = [f"congress #{data['congress']} {data['held_on']}: "
             f"{data['formal']} 正式代表, {data['observers']} 列席代表"]  # fmt: skip
    lines.extend(
        f"#{d['id']} {d['person_name']} {d['kind']} {d['elected_by']}" for d in data["delegates"]
    )
    _emit(as_json, data, "\n".join(lines))


def _attendance_text(data: dict[str, Any]) -> list[str]:
    counted = (
        f"{data['present']} 出席, {data['absent']} 缺席, {data['not_recorded']} not recorded"
        if data["attendance_recorded"]
        else f"no attendance recorded: the typed {data['typed_present']} present counts"
    )
    return [
        f"congress #{data['congress']} {data['held_on']}: {data['formal']} 正式代表; {counted}",
        *(f"  {'符合' if s['met'] else '不符合'} {s['what']}  依据 {s['citation']}"
          for s in data["quorum"]),
    ]  # fmt: skip


def _mark(
    state: Any, org_code: str, congress_id: int, person_ids: tuple[int, ...], note: str,
    as_json: bool, *, present: bool,
) -> None:  # fmt: skip
    data = _services().record_attendance(
        _ctx(state), org_code, congress_id, person_ids, present=present, note=note
    )
    head = f"recorded {len(data['persons'])} {data['recorded']}"
    _emit(as_json, data, "\n".join([head, *_attendance_text(data)]))


_PERSONS = click.argument("person_ids", metavar="PERSON_ID...", nargs=-1, required=True, type=int)


@delegate.command("present")
@click.argument("congress_id", type=int)
@_PERSONS
@_org
@click.option("--note", default="")
@_json
@click.pass_obj
def delegate_present(
    state: Any, congress_id: int, person_ids: tuple[int, ...], org_code: str, note: str,
    as_json: bool,
) -> None:  # fmt: skip
    """Record 正式代表 present (出席) at a session, any number at once: the quorums then
    count them (第八条 2/3 to meet, 六、4 4/5 to elect); never one for another (六、6)."""
    _mark(state, org_code, congress_id, person_ids, note, as_json, present=True)


@delegate.command("absent")
@click.argument("congress_id", type=int)
@_PERSONS
@_org
@click.option("--note", default="", help="Why, e.g. 请假.")
@_json
@click.pass_obj
def delegate_absent(
    state: Any, congress_id: int, person_ids: tuple[int, ...], org_code: str, note: str,
    as_json: bool,
) -> None:  # fmt: skip
    """Record 正式代表 absent (缺席) — not there, left, or a correction of 出席."""
    _mark(state, org_code, congress_id, person_ids, note, as_json, present=False)


@delegate.command("attendance")
@click.argument("congress_id", type=int)
@_org
@_json
@click.pass_obj
def delegate_attendance(state: Any, congress_id: int, org_code: str, as_json: bool) -> None:
    """A session's 正式代表 present, absent or not recorded, and the quorums counted."""
    data = _services().attendance(_ctx(state), org_code, congress_id)
    lines = _attendance_text(data)
    lines.extend(
        f"#{d['person']} {d['person_name']} {d['attendance'] or '未记录'} {d['note']}".rstrip()
        for d in data["delegates"]
    )
    _emit(as_json, data, "\n".join(lines))


@union.command()
@_org
@click.option("--unit", "unit_code", required=True)
@click.option("--duty", required=True)
@click.option("--on", required=True)
@click.option("--administrative/--not-administrative", default=None)
@_json
@click.pass_obj
def duty(
    state: Any, org_code: str, unit_code: str, duty: str, on: str, administrative: bool | None,
    as_json: bool,
) -> None:  # fmt: skip
    """A department's declared duty (standard 1)."""
    data = _services().declare_duty(
        _ctx(state), org_code, unit_code=unit_code, duty=duty, on=on,
        administrative=administrative,
    )  # fmt: skip
    _done(as_json, data)


@union.command()
@_org
@click.option("--on", required=True)
@click.option("--topic", required=True)
@_json
@click.pass_obj
def hearing(state: Any, org_code: str, on: str, topic: str, as_json: bool) -> None:
    """The Party organization heard the union's report (standard 12)."""
    _done(as_json, _services().add_hearing(_ctx(state), org_code, on=on, topic=topic))


@union.command()
@_org
@click.option("--role", required=True, type=click.Choice(rules.GUIDE_ROLES))
@click.option("--name", required=True)
@click.option("--league-cadre/--not-league-cadre", default=False)
@click.option("--start", required=True)
@click.option("--end")
@_json
@click.pass_obj
def guide(
    state: Any, org_code: str, role: str, name: str, league_cadre: bool, start: str,
    end: str | None, as_json: bool,
) -> None:  # fmt: skip
    """The league officer who guides the union, or its secretary-general (standard 13)."""
    data = _services().add_guide(
        _ctx(state), org_code, role=role, name=name, league_cadre=league_cadre, start=start,
        end=end,
    )  # fmt: skip
    _done(as_json, data)


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@click.option("--name", required=True)
@click.option("--basis", required=True, type=click.Choice(rules.AWARD_BASES))
@_json
@click.pass_obj
def award(
    state: Any, org_code: str, person_id: int, on: str, name: str, basis: str, as_json: bool
) -> None:
    """An award or nomination and what it followed (standard 11)."""
    _done(
        as_json,
        _services().add_award(_ctx(state), org_code, person_id, on=on, name=name, basis=basis),
    )


@union.command()
@_org
@click.option("--founded-on", required=True)
@click.option("--secretary", type=int, help="The branch secretary (a person's id).")
@_json
@click.pass_obj
def branch(
    state: Any, org_code: str, founded_on: str, secretary: int | None, as_json: bool
) -> None:
    """The league branch of the union's staff (standard 14)."""
    data = _services().add_branch(_ctx(state), org_code, founded_on=founded_on, secretary=secretary)
    _done(as_json, data)


@union.command()
@_org
@click.argument("person_id", type=int)
@click.option("--on", required=True)
@click.option("--level", required=True, type=click.Choice(rules.ACADEMIC_LEVELS))
@click.option("--enrolled", required=True, type=int, help="Year enrolled (2022级: 2022).")
@click.option("--failed", default=0, type=int, help="Failed courses.")
@click.option("--basis", type=click.Choice(rules.RANKING_BASES))
@click.option("--rank", type=int)
@click.option("--size", type=int, help="Students in the major.")
@_json
@click.pass_obj
def academic(
    state: Any, org_code: str, person_id: int, on: str, level: str, enrolled: int, failed: int,
    basis: str | None, rank: int | None, size: int | None, as_json: bool,
) -> None:  # fmt: skip
    """A student's ranking and failed courses (standard 7)."""
    data = _services().record_academic(
        _ctx(state), org_code, person_id, on=on, level=level, enrolled=enrolled, failed=failed,
        basis=basis, rank=rank, size=size,
    )  # fmt: skip
    _done(as_json, data)
