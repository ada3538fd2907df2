"""``zhidu elections``: set up an election, hold its votes, enter ballots and tally
sheets, count, certify, publish, re-count. Every command takes ``--json`` and, being
about one organization, ``--org``; the organization must have enabled the plugin.

Ballots are entered as they are read aloud, by name or in ballot order::

    zhidu elections ballot add --org v1 e7 张三=✓ 李四=× 王五=△ +赵六
    zhidu elections ballot add --org v1 e7 ✓×△          # one symbol per printed name
    zhidu elections ballot add --org v1 e7 ✓ · ? --write-in 赵六   # · no mark, ? unreadable

and tally sheets as totals per name, ✓ or ✓/×/△ (``OFFICE:NAME=…`` when the vote is
for several offices)::

    zhidu elections sheet add --org u1 p5 --counted 160 --invalid unreadable=2 \\
        甲=120/30/8 乙=99 --scrutineer 王监 --counter 李计 --teller 赵唱
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

from core.api import InvalidInput, jsonable, render_docx

# -- output (the plugin's own: a plugin imports no core module but core.api) -----------


def _json_option(function: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(
        function
    )


def _org_option(function: Any) -> Any:
    return click.option("--org", "org_code", required=True, help="The organization's code.")(
        function
    )


def _staff_options(function: Any) -> Any:
    for flag, help_text in reversed(
        (
            ("--scrutineer", "监票人 (repeat for each)."),
            ("--counter", "计票人 (repeat for each)."),
            ("--teller", "唱票人 (repeat for each)."),
        )
    ):
        function = click.option(flag, "staff_" + flag[2:], multiple=True, help=help_text)(function)
    return function


def _emit(as_json: bool, data: Any, text: Callable[[], None]) -> None:
    if as_json:
        click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        text()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    cells = [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max([_width(h), *(_width(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True))

    click.echo(line(headers).rstrip())
    for row in cells:
        click.echo(line(row).rstrip())
    if not cells:
        click.echo("(none)")


# -- parsing what is typed -------------------------------------------------------------


def _pair(token: str, what: str) -> tuple[str, str]:
    key, sep, value = token.partition("=")
    if not sep or not key.strip():
        raise InvalidInput(what, token, "write NAME=VALUE")
    return key.strip(), value.strip()


def _count_of(field: str, text: str) -> int:
    if not text.strip().isdigit():
        raise InvalidInput(field, text, "须为整数 (a whole number)")
    return int(text)


def _offices(offices: Sequence[str], candidates: Sequence[str]) -> list[tuple[str, int, list[Any]]]:
    """``--office NAME=SEATS`` in ballot order and ``--candidate [OFFICE:]NAME[@PERSON]``."""
    out: list[tuple[str, int, list[Any]]] = []
    for token in offices:
        name, seats = _pair(token, "office")
        out.append((name, _count_of(f"{name} seats", seats), []))
    by_name = {o[0]: o[2] for o in out}
    for token in candidates:
        office, sep, rest = token.rpartition(":")
        if not sep:
            if len(out) != 1:
                raise InvalidInput("candidate", token, "several offices: write OFFICE:NAME")
            office = out[0][0]
        if office not in by_name:
            raise InvalidInput("candidate", token, f"no such office: {'、'.join(by_name)}")
        name, at, person = rest.partition("@")
        by_name[office].append((name, _count_of("person", person)) if at else name)
    return out


def _ballot(tokens: Sequence[str], write_ins: Sequence[str]) -> tuple[Any, list[str]]:
    """``NAME=✓ … +WRITTEN`` or symbols in ballot order; → (marks, write-ins)."""
    written = list(write_ins)
    named: dict[str, str] = {}
    ordered: list[str] = []
    for token in tokens:
        if token.startswith("+"):
            written.append(token[1:])
        elif "=" in token:
            name, mark = _pair(token, "mark")
            named[name] = mark
        else:
            ordered.extend(token)  # "✓×△" or "✓": one symbol per character
    if named and ordered:
        raise InvalidInput(
            "marks", " ".join(tokens), "either NAME=MARK for each, or the symbols in ballot order"
        )
    return (named if named or not ordered else ordered), written


def _votes(tokens: Sequence[str]) -> dict[str, dict[str, list[int]]]:
    """``[OFFICE:]NAME=FOR[/AGAINST[/ABSTAIN]]`` → office ("" if not named) → name → counts."""
    out: dict[str, dict[str, list[int]]] = {}
    for token in tokens:
        key, counts = _pair(token, "votes")
        office, _, name = key.rpartition(":")
        parts = counts.split("/")
        if not 1 <= len(parts) <= 3:
            raise InvalidInput("votes", token, "NAME=✓ or NAME=✓/×/△")
        out.setdefault(office.strip(), {})[name.strip()] = [_count_of(name, p) for p in parts]
    return out


def _invalid(tokens: Sequence[str]) -> dict[str, int]:
    return {k: _count_of(k, v) for k, v in (_pair(t, "invalid") for t in tokens)}


# -- printing what is stored ----------------------------------------------------------


def _show_result(result: Any) -> None:
    data = result.as_dict()
    state = "，".join(
        s
        for s, on in (
            ("已确认", data["certified"]),
            (f"已公布 {data['announcement']}", data["locked"]),
        )
        if on
    )
    click.echo(
        f"第{data['round']}次投票 计票{data['count_no']}："
        f"{data['outcome_zh']}（{data['outcome']}）{('；' + state) if state else ''}"
    )
    for round_ in data["result"]["rounds"][-1:]:
        for step in round_["steps"]:
            click.echo(f"  - {step['what_zh']}  〔{step['citation']['article']}〕")
    for office, names in data["elected"].items():
        click.echo(f"  {office}：{'、'.join(names) or '（无）'}")


def _show(view: Any) -> None:
    click.echo(f"{view.code}  {view.title}  [{view.rule_set}: {view.rule_set_title}]")
    click.echo(f"{view.electorate_kind.zh} {view.electorate} 人")
    for office in view.offices:
        click.echo(f"{office.name}：应选{office.seats}人，候选人 {'、'.join(office.candidates)}")
    for finding in view.setup_findings:
        click.echo(f"  ! {finding['message_zh']}")
    for round_ in view.rounds:
        click.echo(
            f"第{round_.number}次投票 {'进行中' if round_.is_open else '已计票'}："
            f"选票{round_.ballots_entered}张已录入，计票单{round_.sheets_entered}张"
        )
    if view.current is not None:
        _show_result(view.current)


# -- commands --------------------------------------------------------------------------


@click.group()
def elections() -> None:
    """Elections (选举): setup, votes, ballots and tally sheets, count, certify, publish."""


@elections.command("list")
@_org_option
@_json_option
@click.pass_obj
def list_(state: Any, org_code: str, as_json: bool) -> None:
    """The organization's elections and where each stands."""
    from plugins.elections.services import list_elections

    views = list_elections(state.context(), org_code)
    _emit(
        as_json,
        [
            {
                "code": v.code,
                "title": v.title,
                "rule_set": v.rule_set,
                "rounds": len(v.rounds),
                "outcome": v.current.outcome.name if v.current else None,
                "certified": bool(v.current and v.current.certified),
                "announcement": v.current.announcement if v.current else None,
            }
            for v in views
        ],
        lambda: _table(
            ["code", "title", "rules", "votes", "outcome", "certified", "announcement"],
            [
                (
                    v.code,
                    v.title,
                    v.rule_set,
                    len(v.rounds),
                    v.current.outcome.zh if v.current else "",
                    "是" if v.current and v.current.certified else "",
                    (v.current.announcement or "") if v.current else "",
                )
                for v in views
            ],
        ),
    )


@elections.command()
@_org_option
@click.argument("code")
@_json_option
@click.pass_obj
def show(state: Any, org_code: str, code: str, as_json: bool) -> None:
    """Election CODE: setup, votes, and every result with its steps."""
    from plugins.elections.services import get_election

    view = get_election(state.context(), org_code, code)
    _emit(as_json, view, lambda: _show(view))


@elections.command()
@_org_option
@click.argument("code")
@click.option("--title", required=True)
@click.option(
    "--rules",
    "rule_set",
    required=True,
    type=click.Choice(["union_presidium", "village_committee"]),
    help="The rule set that decides it.",
)
@click.option(
    "--electorate", required=True, type=int, help="Registered voters or formal delegates."
)
@click.option("--office", "offices", multiple=True, required=True, help="NAME=SEATS, in order.")
@click.option(
    "--candidate",
    "candidates",
    multiple=True,
    help="[OFFICE:]NAME[@PERSON_ID] in ballot order (OFFICE when there are several).",
)
@_json_option
@click.pass_obj
def create(
    state: Any,
    org_code: str,
    code: str,
    title: str,
    rule_set: str,
    electorate: int,
    offices: tuple[str, ...],
    candidates: tuple[str, ...],
    as_json: bool,
) -> None:
    """Set up election CODE: offices, candidates, rule set, electorate."""
    from plugins.elections.services import create_election

    view = create_election(
        state.context(),
        org_code,
        code=code,
        title=title,
        rule_set=rule_set,
        electorate=electorate,
        offices=_offices(offices, candidates),
    )

    def text() -> None:
        click.echo(f"created election {view.code} {view.title}")
        for finding in view.setup_findings:
            click.echo(f"warning: {finding['message_zh']} — {finding['citation']['words']}")

    _emit(as_json, view, text)


@elections.command()
@_org_option
@click.argument("code")
@_json_option
@click.pass_obj
def candidates(state: Any, org_code: str, code: str, as_json: bool) -> None:
    """The candidates of election CODE in ballot order, and the people they are linked to."""
    from plugins.elections.services import get_election

    view = get_election(state.context(), org_code, code)
    rows = [
        {
            "office": office.name,
            "position": i + 1,
            "name": name,
            "person_id": view.people.get(name),
        }
        for office in view.offices
        for i, name in enumerate(office.candidates)
    ]
    rows += [
        {"office": "", "position": None, "name": name, "person_id": pid}
        for name, pid in view.people.items()
        if not any(name in o.candidates for o in view.offices)
    ]
    _emit(
        as_json,
        rows,
        lambda: _table(
            ["office", "#", "name", "person"],
            [(r["office"], r["position"] or "另选", r["name"], r["person_id"] or "") for r in rows],
        ),
    )


@elections.command()
@_org_option
@click.argument("code")
@click.argument("name")
@click.argument("person_id", type=int)
@click.option("--office", help="The office, where NAME stands for several or is written in.")
@_json_option
@click.pass_obj
def link(
    state: Any,
    org_code: str,
    code: str,
    name: str,
    person_id: int,
    office: str | None,
    as_json: bool,
) -> None:
    """Link candidate NAME (or a name written in) to the core's person PERSON_ID."""
    from plugins.elections.services import link_candidate

    view = link_candidate(state.context(), org_code, code, name, person_id, office=office)
    _emit(
        as_json,
        {"election": view.code, "name": name, "person_id": person_id},
        lambda: click.echo(f"{view.code}: {name} → person {person_id}"),
    )


@elections.group("round")
def round_() -> None:
    """Votes (投票): open the next one."""


@round_.command("open")
@_org_option
@click.argument("code")
@click.option("--present", type=int, help="实到 (those present).")
@click.option("--issued", type=int, help="Ballots issued (发出选票数).")
@click.option("--took-part", type=int, help="Those who took part (参加投票的人).")
@_staff_options
@click.option(
    "--add-candidate",
    "additions",
    multiple=True,
    help="OFFICE:NAME completing a further round's short list.",
)
@_json_option
@click.pass_obj
def round_open(
    state: Any,
    org_code: str,
    code: str,
    present: int | None,
    issued: int | None,
    took_part: int | None,
    staff_scrutineer: tuple[str, ...],
    staff_counter: tuple[str, ...],
    staff_teller: tuple[str, ...],
    additions: tuple[str, ...],
    as_json: bool,
) -> None:
    """Open the next vote of election CODE (the first, or the one the last result calls for)."""
    from plugins.elections.services import open_round

    add: dict[str, list[str]] = {}
    for token in additions:
        office, sep, name = token.rpartition(":")
        if not sep:
            raise InvalidInput("add_candidate", token, "write OFFICE:NAME")
        add.setdefault(office, []).append(name)
    view = open_round(
        state.context(),
        org_code,
        code,
        present=present,
        ballots_issued=issued,
        took_part=took_part,
        scrutineers=staff_scrutineer,
        counters=staff_counter,
        tellers=staff_teller,
        add_candidates=add,
    )

    def text() -> None:
        click.echo(f"{code}: vote {view.number} open ({view.kind})")
        for office in view.offices:
            click.echo(f"  {office.name} {office.seats}: {'、'.join(office.candidates)}")

    _emit(as_json, view, text)


@elections.group()
def ballot() -> None:
    """Ballots (选票), entered one by one as they are read aloud."""


@ballot.command("add")
@_org_option
@click.argument("code")
@click.argument("marks", nargs=-1)
@click.option("--write-in", "write_ins", multiple=True, help="A name written in (另选他人).")
@click.option("--unreadable", multiple=True, help="A printed name whose mark cannot be read.")
@_json_option
@click.pass_obj
def ballot_add(
    state: Any,
    org_code: str,
    code: str,
    marks: tuple[str, ...],
    write_ins: tuple[str, ...],
    unreadable: tuple[str, ...],
    as_json: bool,
) -> None:
    """Enter one ballot of election CODE's open vote: NAME=✓ NAME=× NAME=△ +WRITTEN-IN,
    or ✓ × △ in ballot order (· no mark, ? unreadable)."""
    from plugins.elections.services import enter_ballot

    given, written = _ballot(marks, write_ins)
    view = enter_ballot(
        state.context(), org_code, code, given, write_ins=written, unreadable=unreadable
    )
    _emit(
        as_json,
        view,
        lambda: click.echo(f"{code}: vote {view.round}, ballot {view.seq}: {view.marks}"),
    )


@elections.group()
def sheet() -> None:
    """Tally sheets (计票单) entered from paper."""


@sheet.command("add")
@_org_option
@click.argument("code")
@click.argument("votes", nargs=-1)
@click.option("--counted", type=int, required=True, help="Ballots this sheet counted.")
@click.option(
    "--invalid",
    multiple=True,
    help="REASON=N: unreadable, over_vote, write_ins_exceed_against.",
)
@_staff_options
@_json_option
@click.pass_obj
def sheet_add(
    state: Any,
    org_code: str,
    code: str,
    votes: tuple[str, ...],
    counted: int,
    invalid: tuple[str, ...],
    staff_scrutineer: tuple[str, ...],
    staff_counter: tuple[str, ...],
    staff_teller: tuple[str, ...],
    as_json: bool,
) -> None:
    """Enter a tally sheet of election CODE's open vote: [OFFICE:]NAME=✓[/×[/△]] each."""
    from plugins.elections.services import enter_sheet

    view = enter_sheet(
        state.context(),
        org_code,
        code,
        ballots_counted=counted,
        votes=_votes(votes),
        invalid=_invalid(invalid),
        scrutineers=staff_scrutineer,
        counters=staff_counter,
        tellers=staff_teller,
    )
    _emit(
        as_json,
        view,
        lambda: click.echo(
            f"{code}: vote {view.round}, sheet {view.seq}: {view.sheet.ballots_counted} ballots"
        ),
    )


def _counts_options(function: Any) -> Any:
    for flag, help_text in reversed(
        (
            ("--issued", "Ballots issued (发出选票数)."),
            ("--returned", "Ballots returned (收回选票数); default: those counted."),
            ("--present", "实到 (those present)."),
            ("--took-part", "Those who took part (参加投票的人)."),
        )
    ):
        function = click.option(flag, type=int, help=help_text)(function)
    return function


@elections.command()
@_org_option
@click.argument("code")
@_counts_options
@_staff_options
@_json_option
@click.pass_obj
def count(
    state: Any,
    org_code: str,
    code: str,
    issued: int | None,
    returned: int | None,
    present: int | None,
    took_part: int | None,
    staff_scrutineer: tuple[str, ...],
    staff_counter: tuple[str, ...],
    staff_teller: tuple[str, ...],
    as_json: bool,
) -> None:
    """Close election CODE's open vote, count it and decide (every step cited)."""
    from plugins.elections.services import count_round

    staff = staff_scrutineer or staff_counter or staff_teller
    view = count_round(
        state.context(),
        org_code,
        code,
        ballots_issued=issued,
        ballots_returned=returned,
        present=present,
        took_part=took_part,
        scrutineers=staff_scrutineer if staff else None,
        counters=staff_counter if staff else None,
        tellers=staff_teller if staff else None,
    )
    _emit(as_json, view, lambda: _show_result(view))


@elections.command()
@_org_option
@click.argument("code")
@_json_option
@click.pass_obj
def certify(state: Any, org_code: str, code: str, as_json: bool) -> None:
    """Certify election CODE's result (确认当选), or say which rule blocks it."""
    from plugins.elections.services import certify_result

    view = certify_result(state.context(), org_code, code)

    def text() -> None:
        click.echo(f"{code}: certified — {'、'.join(view.members)}")
        for finding in view.findings:
            click.echo(f"  {finding['severity']}: {finding['message_zh']}")

    _emit(as_json, view, text)


@elections.command()
@_org_option
@click.argument("code")
@click.option("--issuer", help="Who issues it (default: the 村民选举委员会 / the organization).")
@click.option("--prefix", help="机关代字 of the 文号, where the announcement takes one.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the announcement (.docx).")
@_json_option
@click.pass_obj
def publish(
    state: Any,
    org_code: str,
    code: str,
    issuer: str | None,
    prefix: str | None,
    out: str | None,
    as_json: bool,
) -> None:
    """Publish election CODE's certified result as an announcement, and lock it."""
    from plugins.elections.services import publish_result

    done = publish_result(state.context(), org_code, code, issuer=issuer, prefix=prefix)
    if out:
        render_docx(done.document, out)
    _emit(
        as_json,
        done.as_dict() | {"file": out},
        lambda: click.echo(
            f"{code}: published {done.announcement} {done.document.title}"
            + (f" → {out}" if out else "")
        ),
    )


@elections.command()
@_org_option
@click.argument("code")
@click.argument("votes", nargs=-1)
@click.option("--reason", required=True, help="Why the vote is counted again.")
@_counts_options
@click.option("--counted", type=int, help="With VOTES: a tally sheet of the ballots counted again.")
@click.option("--invalid", multiple=True, help="REASON=N on that tally sheet.")
@_staff_options
@_json_option
@click.pass_obj
def recount(
    state: Any,
    org_code: str,
    code: str,
    votes: tuple[str, ...],
    reason: str,
    issued: int | None,
    returned: int | None,
    present: int | None,
    took_part: int | None,
    counted: int | None,
    invalid: tuple[str, ...],
    staff_scrutineer: tuple[str, ...],
    staff_counter: tuple[str, ...],
    staff_teller: tuple[str, ...],
    as_json: bool,
) -> None:
    """Re-count the last vote of election CODE: a new result beside the old, audited."""
    from plugins.elections.services import recount as recount_vote

    corrected = None
    if votes or counted is not None:
        if counted is None:
            raise InvalidInput("counted", None, "a corrected tally sheet says how many it counted")
        corrected = {
            "ballots_counted": counted,
            "votes": _votes(votes),
            "invalid": _invalid(invalid),
            "scrutineers": staff_scrutineer,
            "counters": staff_counter,
            "tellers": staff_teller,
        }
    view = recount_vote(
        state.context(),
        org_code,
        code,
        reason=reason,
        ballots_issued=issued,
        ballots_returned=returned,
        present=present,
        took_part=took_part,
        sheet=corrected,
    )
    _emit(as_json, view, lambda: _show_result(view))
