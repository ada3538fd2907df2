"""Units, posts, terms and kinship: their problems, their natural keys, conflicts with
what is stored (import does not change these kinds), and idempotent applies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core import imports, models
from core.imports import Change, Column, ImportKind
from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_post, add_term
from tests.conftest import audit_entries, make_org
from tests.core.imports.helpers import counts, xlsx

ID_ZHANG = "11010519491231002X"


def problems(report: imports.ImportReport) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.rule) for p in report.problems]


def apply_twice(ctx: Context, kind: str, path: Path, added: int) -> None:
    """Apply, then apply again: the second changes nothing at all."""
    first = imports.apply(ctx, "gdpu", kind, path)
    assert first.applied and first.errors == () and first.counts["added"] == added
    before = counts()
    again = imports.apply(ctx, "gdpu", kind, path)
    assert again.counts == {"added": 0, "updated": 0, "unchanged": again.rows}
    assert counts() == before


# --- units ----------------------------------------------------------------------------

UNIT_HEADER = ("机构代码", "机构名称", "机构类别", "上级机构")


def test_units(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)  # has office 办公室 (科)
    bad = xlsx(
        tmp_path / "units.xlsx",
        [
            UNIT_HEADER,
            ("zzb", "组织部", "部", None),
            ("zzb-gbk", "干部科", "科", "zzb"),  # its parent in an earlier row
            ("rsc-a", "人事科", "科", "rsc"),  # its parent comes later
            ("rsc", "人事处", "处", None),
            ("office", "办公室", "科", None),  # recorded, the same
            ("zzb", "组织部", "部", None),  # row 2 again
            ("Office", "党政办", "科", None),  # not a code
            ("sub", "小组", "组", "sub"),
        ],
    )
    assert problems(imports.dry_run(ctx, "gdpu", "units", bad)) == [
        (4, "上级机构", "no such unit in gdpu (上级机构不存在)"),
        (7, "机构代码", "the same unit code as row 2 (文件内重复)"),
        (8, "机构代码", "a code is 1–40 lower-case letters, digits, - or _"),
        (9, "上级机构", "a unit is not its own parent (上级机构不能是自己)"),
    ]
    good = xlsx(
        tmp_path / "units2.xlsx",
        [
            UNIT_HEADER,
            ("zzb", "组织部", "部", None),
            ("zzb-gbk", "干部科", "科", "组织部"),  # a parent by name, from an earlier row
            ("office", "办公室", "科", None),
            ("ks", "科室", "科", "办公室"),  # a recorded parent by name
        ],
    )
    apply_twice(ctx, "units", good, added=3)
    parent = {u.code: u.parent.code if u.parent else None for u in models.Unit.select()}
    assert parent == {"office": None, "zzb": None, "zzb-gbk": "zzb", "ks": "office"}
    assert len(audit_entries(ctx, "unit.create")) == 4  # make_org's and the three
    conflict = xlsx(tmp_path / "units3.xlsx", [UNIT_HEADER, ("office", "党政办", "科", None)])
    assert problems(imports.dry_run(ctx, "gdpu", "units", conflict)) == [
        (2, "机构代码", "differs from the recorded unit (name: 办公室 → 党政办); import does not "
         "change a recorded unit (与已登记的不同)"),
    ]  # fmt: skip


# --- posts ----------------------------------------------------------------------------

POST_HEADER = ("职位代码", "职位名称", "所在机构", "职级", "职数", "职位类别", "每届任期（年）")


def test_posts(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    bad = xlsx(
        tmp_path / "posts.xlsx",
        [
            POST_HEADER,
            ("kz", "科长", "office", "正科级", 1, "行政", 5),
            ("fkz", "副科长", "办公室", "副科级", "２", "行政", None),
            ("bz", "部长", "nowhere", "正处级", 1, "党务", None),
            ("gs", "干事", "office", "科员", 0, "行政", 11),
            ("kz", "科长", "office", "正科级", 1, "行政", 5),
            ("ky", None, "office", "科员", "三", "行政", None),
        ],
    )
    assert problems(imports.dry_run(ctx, "gdpu", "posts", bad)) == [
        (4, "所在机构", "no such unit in gdpu (机构不存在)"),
        (5, "职数", "must be at least 1"),
        (5, "每届任期（年）", "must be 1–10"),
        (6, "职位代码", "the same post code as row 2 (文件内重复)"),
        (7, "职位名称", "must not be empty (不能为空)"),
        (7, "职数", "must be a whole number (应为整数)"),
    ]
    apply_twice(ctx, "posts", xlsx(tmp_path / "p2.xlsx", [POST_HEADER, *_rows(bad)[1:3]]), 2)
    stored = {p.code: (p.unit.code, p.headcount, p.term_years) for p in models.Post.select()}
    assert stored == {"kz": ("office", 1, 5), "fkz": ("office", 2, None)}
    changed = xlsx(tmp_path / "p3.xlsx", [POST_HEADER, ("kz", "科长", "office", "正科级", 2,
                                                        "行政", 5)])  # fmt: skip
    assert problems(imports.dry_run(ctx, "gdpu", "posts", changed)) == [
        (2, "职位代码", "differs from the recorded post (headcount: 1 → 2); import does not "
         "change a recorded post: change the headcount with `zhidu post headcount` "
         "(与已登记的不同)"),
    ]  # fmt: skip


def _rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    return [tuple(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


# --- terms ----------------------------------------------------------------------------

TERM_HEADER = ("职位代码", "姓名", "公民身份号码", "出生日期", "任职时间", "任用方式",
               "离任时间", "离任原因")  # fmt: skip


@pytest.fixture
def staffed(ctx: Context) -> dict[str, int]:
    """gdpu with posts kz (职数 1, held by 张丽 since 2020) and fkz (职数 2), and people."""
    make_org(ctx)
    for code, headcount in (("kz", 1), ("fkz", 2)):
        add_post(ctx, "gdpu", unit_code="office", code=code, title=code, rank="正科级",
                 headcount=headcount, category="行政")  # fmt: skip
    people = {
        "张丽": add_person(ctx, "gdpu", name="张丽", gender="女", birth_date="1949-12-31",
                         id_number=ID_ZHANG).id,
        "王五": add_person(ctx, "gdpu", name="王五", gender="男", birth_date="1980-01-01").id,
        "王五2": add_person(ctx, "gdpu", name="王五", gender="男", birth_date="1985-05-05").id,
        "李四": add_person(ctx, "gdpu", name="李四", gender="男", birth_date="1975-01-01").id,
        "赵六": add_person(ctx, "gdpu", name="赵六", gender="男", birth_date="1970-01-01").id,
    }  # fmt: skip
    people["term"] = add_term(ctx, "gdpu", post_code="kz", person_id=people["张丽"],
                              start="2020-01-01", appointed_by="委任").id  # fmt: skip
    return people


def test_terms_check_headcount_and_overlaps_with_stored_terms_and_earlier_rows(
    ctx: Context, tmp_path: Path, staffed: dict[str, int]
) -> None:
    path = xlsx(
        tmp_path / "terms.xlsx",
        [
            TERM_HEADER,
            ("kz", "李四", None, None, "2024-03-01", "委任"),  # 张丽 holds kz
            ("fkz", "李四", None, None, "2024-03-01", "委任"),
            ("fkz", "王五", None, "1980-01-01", "2024-03-01", "聘任"),
            ("fkz", "赵六", None, None, "2024-06-01", "委任"),  # the third in fkz
            ("fkz", "李四", None, None, "2025-01-01", "委任"),  # overlaps row 3
            ("kz", "张丽", ID_ZHANG, None, "2021-01-01", "委任"),  # overlaps the stored term
            ("kz", "王五", None, None, "2010-01-01", "委任", "2010-12-31", "届满"),
            ("zz", "李四", None, None, "2024-01-01", "委任"),
            ("fkz", "李四", None, None, "2020-01-01", "委任", "2019-12-31", "届满"),
            ("fkz", "钱七", None, None, "2020-01-01", "委任"),
            ("kz", "张丽", None, None, "2020-01-01", "委任"),  # recorded, the same
            ("fkz", "张三", ID_ZHANG, None, "2010-01-01", "委任"),
            ("fkz", "李四", None, None, "2023-01-01", "委任", "2023-06-30"),
            ("fkz", "赵六", None, None, "1960-01-01", "选举"),
        ],
    )
    before = counts()
    report = imports.apply(ctx, "gdpu", "terms", path)
    t = staffed["term"]
    assert problems(report) == [
        (2, "职位代码", "headcount (职数) 1 would be exceeded on 2024-03-01: 1 already hold the "
         "post (超出职数)"),
        (5, "职位代码", "headcount (职数) 2 would be exceeded on 2024-06-01: 2 already hold the "
         "post (超出职数)"),
        (6, "任职时间", "overlaps this person's term in row 3 in the same post "
         "(同一职位任职期间不得重叠)"),
        (7, "任职时间", f"overlaps this person's term #{t} in the same post (2020-01-01 – now) "
         "(同一职位任职期间不得重叠)"),
        (8, "姓名", "2 people in gdpu have this name: give the ID number (重名，请填写身份证号码)"),
        (9, "职位代码", "no such post in gdpu (职位不存在)"),
        (10, "离任时间", "is before start 2020-01-01"),
        (11, "姓名", "no such person in gdpu (人员不存在)"),
        (13, "姓名", "the ID number is recorded for 张丽 (姓名与身份证号码不符)"),
        (14, "离任原因", "an end date and the reason for leaving go together "
         "(离任日期与原因须同时填写)"),
        # a bad cell does not hide the row's other problems
        (15, "职位代码", "headcount (职数) 2 would be exceeded on 2024-03-01: 2 already hold "
         "the post (超出职数)"),
        (15, "任职时间", "is before the person was born"),
        (15, "任用方式", "must be one of 委任/选任/聘任"),
    ]  # fmt: skip
    assert report.counts == {"added": 2, "updated": 0, "unchanged": 1}
    assert not report.applied and counts() == before


def test_terms_apply_and_conflict(ctx: Context, tmp_path: Path, staffed: dict[str, int]) -> None:
    path = xlsx(
        tmp_path / "terms.xlsx",
        [
            TERM_HEADER,
            ("fkz", "李四", None, None, "2024-03-01", "委任"),
            ("fkz", "王五", None, "1985-05-05", date(2024, 3, 1), "聘任"),
            ("fkz", "李四", None, None, "2020-01-01", "委任", "2024-02-29", "届满"),
            ("kz", "张丽", ID_ZHANG, None, "2020-01-01", "委任"),
        ],
    )
    apply_twice(ctx, "terms", path, added=3)
    held = sorted((t.person_id, t.start.isoformat()) for t in models.Term.select())
    assert held == sorted([
        (staffed["张丽"], "2020-01-01"), (staffed["李四"], "2024-03-01"),
        (staffed["王五2"], "2024-03-01"), (staffed["李四"], "2020-01-01"),
    ])  # fmt: skip
    ended = xlsx(tmp_path / "t2.xlsx", [TERM_HEADER, ("kz", "张丽", None, None, "2020-01-01",
                                                     "委任", "2025-12-31", "届满")])  # fmt: skip
    assert problems(imports.dry_run(ctx, "gdpu", "terms", ended)) == [
        (2, "任职时间", "differs from the recorded term (end: (empty) → 2025-12-31; end_reason: "
         "(empty) → 届满); import does not change a recorded term: end a term with "
         "`zhidu term end` (与已登记的不同)"),
    ]  # fmt: skip


# --- kinship --------------------------------------------------------------------------

KIN_HEADER = ("姓名", "公民身份号码", "亲属姓名", "亲属公民身份号码", "关系")


def test_kinship(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    zhang = add_person(ctx, "gdpu", name="张丽", gender="女", birth_date="1949-12-31",
                       id_number=ID_ZHANG)  # fmt: skip
    qiang = add_person(ctx, "gdpu", name="张强", gender="男", birth_date="1975-05-05")
    wang = add_person(ctx, "gdpu", name="王五", gender="男", birth_date="1980-01-01")
    bad = xlsx(
        tmp_path / "kin.xlsx",
        [
            KIN_HEADER,
            ("张丽", ID_ZHANG, "张强", None, "直系血亲"),
            ("张强", None, "张丽", None, "夫妻"),  # the same pair, the other way round
            ("王五", None, "王五", None, "夫妻"),
            ("王五", None, "张丽", None, "表亲"),
            (None, None, "张丽", None, "夫妻"),
        ],
    )
    assert problems(imports.dry_run(ctx, "gdpu", "kinship", bad)) == [
        (3, "亲属姓名", "the same pair of people as row 2 (文件内重复)"),
        (4, "亲属姓名", "a person is not their own relative"),
        (5, "关系", "must be one of 夫妻/直系血亲/三代以内旁系血亲/近姻亲"),
        (6, "姓名", "must not be empty (不能为空)"),
    ]
    good = xlsx(
        tmp_path / "kin2.xlsx",
        [
            KIN_HEADER,
            ("张丽", ID_ZHANG, "张强", None, "直系血亲"),
            ("王五", None, "张强", None, "近姻亲"),
        ],
    )
    apply_twice(ctx, "kinship", good, added=2)
    pairs = {(k.person_a_id, k.person_b_id, k.relation) for k in models.Kinship.select()}
    assert pairs == {(zhang.id, qiang.id, "直系血亲"), (qiang.id, wang.id, "近姻亲")}
    other = xlsx(tmp_path / "kin3.xlsx", [KIN_HEADER, ("张强", None, "张丽", None, "夫妻")])
    assert problems(imports.dry_run(ctx, "gdpu", "kinship", other)) == [
        (2, "关系", "differs from the recorded kinship (relation: 直系血亲 → 夫妻); import does "
         "not change a recorded kinship (与已登记的不同)"),
    ]  # fmt: skip


# --- a plugin's kind ------------------------------------------------------------------


def test_a_plugin_registers_its_own_kind(ctx: Context, tmp_path: Path) -> None:
    from core.access import Action

    seen: list[tuple[int, str]] = []

    def check(batch: imports.Batch, row: imports.RowCheck) -> Change | None:
        name = row.get("voter", lambda f, v: v, required=True)
        return None if name is None else Change(row.number, "add", name, {"voter": name})

    def write(batch: imports.Batch, changes: object) -> None:
        seen.extend((c.row, c.values["voter"]) for c in changes)  # type: ignore[attr-defined]

    kind = ImportKind(
        name="voters", title_zh="选民", title_en="Voters",
        columns=(Column("voter", "选民姓名", "A voter.", required=True),),
        natural_key=("voter",), action=Action.EDIT_PEOPLE, validate=check, apply=write,
        plugin="village",
    )  # fmt: skip
    imports.register_kind(kind)
    try:
        with pytest.raises(ValueError, match="registered already"):
            imports.register_kind(attrs_copy(kind))
        with pytest.raises(ValueError, match="cannot name an import kind"):
            attrs_copy(kind, name="template")
        make_org(ctx, kind="village")
        path = xlsx(tmp_path / "v.xlsx", [("选民姓名",), ("王五",), (None,), ("李四",)])
        report = imports.apply(ctx, "gdpu", "voters", path)
        assert report.applied and seen == [(2, "王五"), (4, "李四")]
        entry = audit_entries(ctx, "import.apply")[-1]
        assert (entry.object_id, entry.plugin) == ("voters", "village")
    finally:
        del imports.KINDS["voters"]


def attrs_copy(kind: ImportKind, **changes: object) -> ImportKind:
    import attrs

    return attrs.evolve(kind, **changes)
