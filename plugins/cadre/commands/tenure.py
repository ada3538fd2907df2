"""``zhidu cadre terms | rotation | retain | avoidance`` (第二十二–二十四条): the terms
report, the rotation forecast, the vote that keeps a cadre past two 届, and the
avoidance scan (or one proposed appointment). Every command takes ``--org`` and
``--json``; a mistake is one line."""

from __future__ import annotations

from typing import Any

import click

from plugins.cadre.cli import as_json_option, emit, org_option


def _services() -> Any:
    from plugins.cadre.services import tenure

    return tenure


def _findings_text(findings: list[Any], empty: str) -> str:
    if not findings:
        return empty
    lines = []
    for f in findings:
        lines.append(f"[{f.severity.zh}] {f.message_zh}")
        lines.append(f"      依据 {f.citation}")
    return "\n".join(lines)


@click.command()
@org_option
@click.option("--person", "person_id", type=int, help="One person's terms only.")
@click.option("--on", help="The date of the report (default: today).")
@as_json_option
@click.pass_obj
def terms(state: Any, org_code: str, person_id: int | None, on: str | None, as_json: bool) -> None:
    """任期 (第二十二条): each cadre's terms, which count as a 届, 届 in a row, years served."""
    report = _services().terms_report(state.context(), org_code, person_id, on)
    lines = [f"{report.org} 干部任期 {report.on.isoformat()}"]
    for person in report.people:
        served = person.as_dict()["years_served"]
        lines.append(f"{person.name}（#{person.person_id}）任职年限 {served}")
        for row in person.rows:
            end = row.end.isoformat() if row.end else f"至今（本届至 {row.term_end}）"
            counted = f"第{row.consecutive}届" if row.counts else "不计届数"
            held = row.as_dict()["held"]
            lines.append(f"    {row.post_title} {row.start.isoformat()}—{end} {held} {counted}")
        for run in person.current:
            when = run.limit_date.isoformat() if run.limit_date else "—"
            lines.append(
                f"    现任{run.post.title}：连续{run.terms}届，满{run.limit}届之日 {when}"
                + (f"，超届{run.over}届" if run.over else "")
            )
    emit(as_json, report.as_dict(), "\n".join(lines))


@click.command()
@org_option
@click.option("--months", help="Look this many months ahead (default: the parameter, 6).")
@click.option("--on", help="The date forecast from (default: today).")
@as_json_option
@click.pass_obj
def rotation(state: Any, org_code: str, months: str | None, on: str | None, as_json: bool) -> None:
    """交流、轮岗 (第二十三条): who is past, at or within N months of two 届 in one post."""
    result = _services().forecast(state.context(), org_code, months, on)
    lines = [
        f"{result.org} 交流轮岗预测 {result.on.isoformat()}（至 {result.horizon.isoformat()}，"
        f"{result.months}个月）"
    ]
    for item in result.items:
        lines.append(
            f"[{item.severity.zh}] {item.person_name} {item.post_title}（{item.rank}）"
            f"连续{item.terms}届 满{item.limit}届之日 {item.limit_date.isoformat()} {item.due}"
        )
        lines.append(f"      {item.message_zh}")
        lines.append(f"      依据 {item.citation}")
    if not result.items:
        lines.append("无")
    emit(as_json, result.as_dict(), "\n".join(lines))


@click.command()
@org_option
@click.argument("person_id", type=int)
@click.option("--post", "post_code", required=True, help="The post kept in.")
@click.option("--on", "decided_on", required=True, help="The day of the vote.")
@click.option("--members", required=True, help="应到: the body's members.")
@click.option("--present", required=True, help="到会.")
@click.option("--yes", required=True, help="同意.")
@click.option("--no", required=True, help="不同意.")
@click.option("--defer", default="0", help="缓议.")
@click.option(
    "--body", help="党委全委会 (正处级) or 党委常委会 (副处级); checked against the rank."
)
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def retain(
    state: Any,
    org_code: str,
    person_id: int,
    post_code: str,
    decided_on: str,
    members: str,
    present: str,
    yes: str,
    no: str,
    defer: str,
    body: str | None,
    note: str,
    as_json: bool,
) -> None:
    """票决留任 (第二十三条): keep a 处级 cadre in the post past two 届."""
    data = _services().retain(
        state.context(),
        org_code,
        person_id,
        post_code=post_code,
        decided_on=decided_on,
        members=members,
        present=present,
        yes=yes,
        no=no,
        defer=defer,
        body=body,
        note=note,
    )
    decision = data["decision"]
    text = (
        f"recorded #{data['id']} {data['person']} {data['post_title']} {data['body']} "
        f"{decision['outcome_zh']}（同意{data['yes']}/应到{data['members']}）"
    )
    emit(as_json, data, text)


@click.command()
@org_option
@click.option("--person", "person_id", type=int, help="A proposed appointment: who …")
@click.option("--post", "post_code", help="… to which post (both, or neither).")
@click.option("--on", help="The date (default: today).")
@as_json_option
@click.pass_obj
def avoidance(
    state: Any,
    org_code: str,
    person_id: int | None,
    post_code: str | None,
    on: str | None,
    as_json: bool,
) -> None:
    """任职回避 (第二十四条): relatives serving against it, or what a proposed
    appointment (--person and --post) would break."""
    services = _services()
    ctx = state.context()
    if (person_id is None) != (post_code is None):
        from core.api import InvalidInput

        raise InvalidInput("post", post_code, "--person and --post go together")
    if person_id is not None and post_code is not None:
        when = on or ctx.today().isoformat()
        found = services.avoidance_for(ctx, org_code, person_id, post_code, when)
    else:
        found = services.avoidance_scan(ctx, org_code, on)
    emit(as_json, [f.as_dict() for f in found], _findings_text(found, "无需回避"))


COMMANDS = (terms, rotation, retain, avoidance)
