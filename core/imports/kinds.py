"""What can be imported: the :class:`ImportKind` record and the core's five kinds.

A kind names its columns, its natural key and the permission it needs, and gives two
functions: ``validate(batch, row)`` checks one row (recording every problem on the row
and returning the planned :class:`Change`, or None) and ``apply(batch, changes)`` writes
the planned changes through the services, inside the import's one transaction.
``prepare(batch)`` loads once what every row is checked against (the stored people,
units, posts, terms), so checking a row asks the database nothing.

The checks reuse the core's own validators (:mod:`core.validate`,
:func:`~core.resident_id.parse_resident_id`, the people service's field checks and
:mod:`core.invariants`), so a problem reads the same as the command line's refusal.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, cast

import attrs

from core import models, sql, validate
from core.access import Action
from core.domain import (
    AppointedBy,
    Degree,
    Education,
    EndReason,
    Gender,
    PoliticalStatus,
    Post,
    Relation,
    Term,
    TitleLevel,
)
from core.errors import InvalidInput
from core.imports.reading import Column, HeaderMap, Problem, clean_cell, show
from core.invariants import check_headcount, check_no_overlap, overlaps
from core.jsonable import jsonable
from core.resident_id import ResidentId, parse_resident_id
from core.services.context import Context
from core.services.people import PERSON_FIELDS
from core.services.people import check_person as check_person_fields
from core.services.people import clean_person as clean_person_fields

__all__ = [
    "CORE_KINDS",
    "KINSHIP",
    "PEOPLE",
    "POSTS",
    "TERMS",
    "UNITS",
    "Batch",
    "Change",
    "ImportKind",
    "RowCheck",
]

#: Names a kind may not take: they are the ``zhidu import`` subcommands.
RESERVED = frozenset({"run", "template", "kinds"})


@attrs.frozen
class Change:
    """What one valid row does: add a record, update one (``target``), or nothing."""

    row: int
    status: str  # "add", "update" or "unchanged"
    key: str  # the natural key, as a person reads it
    values: Mapping[str, Any] = attrs.field(factory=dict)
    """For "add", the record's values; for "update", only the fields that change."""
    target: int | None = None  # the stored record's id (update, unchanged)
    before: Mapping[str, Any] = attrs.field(factory=dict)  # the changed fields' old values

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"row": self.row, "status": self.status, "key": self.key}
        if self.target is not None:
            out["id"] = self.target
        if self.status != "unchanged":
            out["values"] = jsonable(dict(self.values))
        if self.before:
            out["before"] = jsonable(dict(self.before))
        return out


@attrs.frozen
class ImportKind:
    """One kind of record a file can import (人员, 内设机构, 职位, 任职, 亲属关系 …)."""

    name: str
    title_zh: str
    title_en: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    """The fields that identify a record: a second row with the same key is a duplicate,
    a stored record with it is the row's record."""
    action: Action
    """The permission in the organization that importing needs."""
    validate: Callable[[Batch, RowCheck], Change | None] = attrs.field(eq=False, repr=False)
    apply: Callable[[Batch, Sequence[Change]], None] = attrs.field(eq=False, repr=False)
    prepare: Callable[[Batch], None] = attrs.field(default=lambda batch: None, eq=False, repr=False)
    updates: bool = False
    """True: a row that differs from its stored record updates it; False: a conflict."""
    plugin: str = "core"
    notes: str = ""
    """How rows are matched and what a changed row does, for the template and the docs."""

    def __attrs_post_init__(self) -> None:
        fields = [c.field for c in self.columns]
        if len(set(fields)) != len(fields):
            raise ValueError(f"import kind {self.name!r} names a column twice")
        if self.name in RESERVED or not self.name.replace("_", "").isalnum():
            raise ValueError(f"{self.name!r} cannot name an import kind")

    def column(self, field: str) -> Column:
        for column in self.columns:
            if column.field == field:
                return column
        raise KeyError(field)


@attrs.define
class Batch:
    """One file being checked (and maybe applied) for one organization."""

    ctx: Context
    org: models.Organization
    kind: ImportKind
    header: HeaderMap
    today: date
    suppressed: frozenset[tuple[int, int]] = frozenset()
    state: dict[str, Any] = attrs.Factory(dict)
    """What the kind keeps between rows: stored records, rows planned so far."""
    problems: list[Problem] = attrs.Factory(list)
    keys: dict[Hashable, int] = attrs.Factory(dict)
    progress: Callable[[int, int], None] | None = None
    done: int = 0
    total: int = 0
    memo: dict[str, dict[Hashable, tuple[Any, str | None]] | None] = attrs.Factory(dict)
    """Each field's cells already cleaned and checked (RowCheck.get); None: not kept."""
    recorded: dict[str, Any] = attrs.Factory(dict)
    """What an apply step wrote without an audit entry of its own (a bulk insert), for
    the import's ``import.apply`` entry to record."""
    cells: dict[str, tuple[int, Column]] = attrs.field(init=False)
    """Each field's column number in the file (0: absent) and its Column, looked up once
    rather than per cell."""

    def __attrs_post_init__(self) -> None:
        self.cells = {c.field: (self.header.fields.get(c.field, 0), c) for c in self.kind.columns}

    def claim(self, key: Hashable, row: RowCheck, field: str, what: str) -> bool:
        """Take ``key`` for this row; False (and a problem) if an earlier row took it."""
        first = self.keys.setdefault(key, row.number)
        if first != row.number:
            row.problem(field, f"the same {what} as row {first} (文件内重复)")
            return False
        return True

    def release(self) -> None:
        """Drop what the kind kept between rows, once the file is done with. Its converters
        refer back to the batch, so without this the cyclic garbage collector would free
        it — some five objects a row, 0.3 s of a 100k-row import (measured) — where
        reference counting frees it at once."""
        self.state.clear()
        self.memo.clear()

    def advance(self, rows: int = 1) -> None:
        """More rows checked or written (reported every 100 rows and at the end)."""
        before, self.done = self.done, self.done + rows
        if self.progress and (self.done // 100 > before // 100 or self.done == self.total):
            self.progress(self.done, self.total)


class RowCheck:
    """One data row: its cells cleaned and validated one by one, every problem recorded."""

    def __init__(self, batch: Batch, number: int, cells: tuple[object, ...]) -> None:
        self.batch = batch
        self.number = number
        self.cells = cells
        self.failed = False
        self.bad: set[str] = set()  # fields with a problem recorded

    def _col(self, field: str) -> int:
        found = self.batch.cells.get(field)
        return found[0] if found else self.batch.header.fields.get(field, 0)

    def raw(self, field: str) -> object:
        """The cell as read (None when the column is absent)."""
        col = self._col(field)
        return self.cells[col - 1] if 0 < col <= len(self.cells) else None

    def given(self, field: str) -> bool:
        """Whether the row has something in the field's cell."""
        if (self.number, self._col(field)) in self.batch.suppressed:
            return True  # reported by reading; counts as given so nothing else is asked
        value = self.raw(field)
        return not (value is None or (isinstance(value, str) and not value.strip(" \t\u3000")))

    def get(
        self,
        field: str,
        convert: Callable[[str, Any], Any] | None = None,
        *,
        required: bool = False,
    ) -> Any:
        """The field's value, cleaned and converted — or None (blank, or a problem recorded).

        ``convert(field, value)`` is one of the core's validators; a blank cell is passed
        to it only when ``required``, so the missing value is refused in its words.
        """
        col, column = self.batch.cells[field]
        if self.batch.suppressed and (self.number, col) in self.batch.suppressed:
            self.failed = True
            self.bad.add(field)
            return None
        raw = self.cells[col - 1] if 0 < col <= len(self.cells) else None
        if raw is None and not required:
            return None
        memo = self.batch.memo.setdefault(field, {}) if convert in _PURE else None
        if memo is not None:
            # A file repeats its genders, dates, titles and units: each distinct cell is
            # cleaned and checked once, and the same cell later gets the same answer.
            key = (raw, required, convert)
            if key not in memo:
                memo[key] = self._convert(field, column, raw, convert, required)
                if len(memo) > _MEMO_LIMIT:  # a column of distinct values: stop keeping
                    self.batch.memo[field] = None
            value, rule = memo[key]
        else:
            value, rule = self._convert(field, column, raw, convert, required)
        if rule is not None:
            self.problem(field, rule)
        return value

    @staticmethod
    def _convert(
        field: str,
        column: Column,
        raw: object,
        convert: Callable[[str, Any], Any] | None,
        required: bool,
    ) -> tuple[Any, str | None]:
        """(value, None), or (None, the rule the cell breaks)."""
        try:
            value = clean_cell(column, raw)
            if value is None and not required:
                return None, None
            return (value if convert is None else convert(field, value)), None
        except InvalidInput as error:
            return None, error.rule

    def problem(self, field: str, rule: str, *, severity: str = "error") -> None:
        col = self._col(field)
        if severity == "error":
            self.failed = True
            self.bad.add(field)
        if (self.number, col) in self.batch.suppressed:
            return  # already reported by reading (merged cells, formula, error value)
        header = self.batch.header.headers.get(col) or self._header_zh(field)
        self.batch.problems.append(
            Problem(
                self.number,
                header,
                show(self.raw(field)),
                rule,
                field=field,
                col=col,
                severity=severity,
            )
        )

    def _header_zh(self, field: str) -> str:
        try:
            return self.batch.kind.column(field).header_zh
        except KeyError:
            return field


# --- shared helpers -------------------------------------------------------------------


#: The converters whose answer depends on the cell alone (so RowCheck.get may reuse it).
_PURE: set[Callable[[str, Any], Any]] = {validate.parse_date}
_MEMO_LIMIT = 50_000  # distinct cells kept per field (birth dates: some 20,000 in a province)


@functools.cache
def _text(limit: int) -> Callable[[str, Any], str]:
    def convert(field: str, value: Any) -> str:
        return validate.text(field, value, max_length=limit)

    _PURE.add(convert)
    return convert


@functools.cache  # one converter per vocabulary, not one per cell
def _vocab(kind: type[Any]) -> Callable[[str, Any], Any]:
    def convert(field: str, value: Any) -> Any:
        return validate.vocabulary(field, kind, value).value

    _PURE.add(convert)
    return convert


def _whole(minimum: int, maximum: int | None = None) -> Callable[[str, Any], int]:
    return lambda field, value: validate.whole_number(
        field, value, minimum=minimum, maximum=maximum
    )


def _rid(field: str, value: Any) -> ResidentId:
    return parse_resident_id(str(value))


def _differences(stored: Mapping[str, Any], given: Mapping[str, Any]) -> list[str]:
    """``field: stored → given`` for each given field that differs from what is stored."""
    return [
        f"{field}: {show(stored.get(field)) or '(empty)'} → {show(value)}"
        for field, value in given.items()
        if value is not None and stored.get(field) != value
    ]


def _conflict(row: RowCheck, field: str, what: str, differences: list[str], how: str = "") -> None:
    """A row whose stored record differs, for a kind that import does not update."""
    row.problem(
        field,
        f"differs from the recorded {what} ({'; '.join(differences)}); import does not "
        f"change a recorded {what}{': ' + how if how else ''} (与已登记的不同)",
    )


def _units(batch: Batch) -> dict[str, Any]:
    """The organization's units by code and by name (loaded once per batch)."""
    if "units" not in batch.state:
        rows = cast(
            "list[tuple[int, str, str]]",
            list(
                models.Unit.select(models.Unit.id, models.Unit.code, models.Unit.name)
                .where(models.Unit.org == batch.org.id)
                .tuples()
            ),
        )
        by_name: dict[str, list[str]] = defaultdict(list)
        for _, code, name in rows:
            by_name[name].append(code)
        batch.state["units"] = {
            "by_code": {code: unit_id for unit_id, code, _ in rows},
            "code_of": {unit_id: code for unit_id, code, _ in rows},
            "by_name": by_name,
        }
    units: dict[str, Any] = batch.state["units"]
    return units


def _unit_code(batch: Batch, field: str, value: Any, *, parent: bool = False) -> str:
    """A unit of the organization named by its code or by its (unique) name."""
    units = _units(batch)
    text = validate.text(field, value, max_length=100)
    folded = unicodedata.normalize("NFKC", text)  # ｏｆｆｉｃｅ is office; names stay as typed
    if folded in units["by_code"]:
        return folded
    named = units["by_name"].get(text, [])
    if len(named) == 1:
        code: str = named[0]
        return code
    if len(named) > 1:
        raise InvalidInput(
            field, value, f"{len(named)} units are named so: give the unit's code (机构重名)"
        )
    rule = (
        f"no such unit in {batch.org.code} (上级机构不存在)"
        if parent
        else f"no such unit in {batch.org.code} (机构不存在)"
    )
    raise InvalidInput(field, value, rule)


def _people_index(batch: Batch) -> dict[str, Any]:
    """The organization's people by ID number and by name (loaded once per batch)."""
    if "people_index" not in batch.state:
        by_id: dict[str, tuple[int, str, date]] = {}
        by_name: dict[str, list[tuple[int, date, str | None]]] = defaultdict(list)
        query = (
            models.Person.select(
                models.Person.id,
                models.Person.name,
                models.Person.birth_date,
                models.Person.id_number,
            )
            .where(models.Person.org == batch.org.id)
            .tuples()
        )
        for person_id, name, birth, id_number in cast(
            "Iterable[tuple[int, str, date, str | None]]", query
        ):
            if id_number:
                by_id[id_number] = (person_id, name, birth)
            by_name[name].append((person_id, birth, id_number))
        batch.state["people_index"] = {"by_id": by_id, "by_name": by_name}
    index: dict[str, Any] = batch.state["people_index"]
    return index


def _person(
    batch: Batch,
    row: RowCheck,
    name_field: str,
    id_field: str,
    birth_field: str | None = None,
) -> tuple[int, date] | None:
    """A stored person named by ID number, or by name (and birth date): (id, birth date)."""
    index = _people_index(batch)
    name = row.get(name_field, _text(50), required=not row.given(id_field))
    rid = row.get(id_field, _rid)
    birth = row.get(birth_field, validate.parse_date) if birth_field else None
    if rid is None and name is None:
        return None
    if rid is not None:
        found = index["by_id"].get(rid.number)
        if found is None:
            row.problem(id_field, f"no such person in {batch.org.code} (人员不存在)")
            return None
        person_id, recorded, born = found
        if name is not None and name != recorded:
            row.problem(
                name_field, f"the ID number is recorded for {recorded} (姓名与身份证号码不符)"
            )
            return None
        return person_id, born
    candidates = [c for c in index["by_name"].get(name, []) if birth is None or c[1] == birth]
    if not candidates:
        row.problem(name_field, f"no such person in {batch.org.code} (人员不存在)")
        return None
    if len(candidates) > 1:
        row.problem(
            name_field,
            f"{len(candidates)} people in {batch.org.code} have this name: "
            "give the ID number (重名，请填写身份证号码)",
        )
        return None
    person_id, born, _ = candidates[0]
    return person_id, born


# --- people -------------------------------------------------------------------------

_PERSON_VOCAB = {
    "education": Education,
    "degree": Degree,
    "political_status": PoliticalStatus,
    "title_level": TitleLevel,
}
_REQUIRED_PERSON = ("name", "gender", "birth_date")

PEOPLE_COLUMNS = (
    Column("name", "姓名", "The person's name (trailing spaces are trimmed).",
           required=True, allowed="1–50 characters", example="张丽"),
    Column("gender", "性别", "Gender; may be left blank when the ID number is given.",
           allowed="男/女", example="女"),
    Column("birth_date", "出生日期", "Date of birth; may be left blank when the ID number "
           "is given, and must agree with it when both are.", type="date",
           allowed="2024-03-05, 2024/3/5, 2024年3月5日, 20240305 or a date cell",
           example=date(1949, 12, 31)),
    Column("id_number", "公民身份号码", "The 18-character resident ID number; its check "
           "digit, birth date and gender digit are checked.",
           aliases=("身份证号码", "身份证号"), type="id_number",
           allowed="18 characters, the last a digit or X; format the column as text",
           example="11010519491231002X"),
    Column("unit", "所在机构", "The unit the person belongs to, by code or by name.",
           aliases=("机构代码", "机构", "所在单位", "unit_code"),
           allowed="a unit of the organization", example="office"),
    Column("education", "学历", "Highest education.", allowed="/".join(Education.choices()),
           example="大学本科"),
    Column("degree", "学位", "Highest degree.", allowed="/".join(Degree.choices()),
           example="学士"),
    Column("political_status", "政治面貌", "Political status.",
           allowed="/".join(PoliticalStatus.choices()), example="中共党员"),
    Column("title", "职称", "Professional title; given together with its level.",
           aliases=("专业技术职称",), allowed="1–50 characters, e.g. 教授", example="教授"),
    Column("title_level", "职称级别", "Level of the professional title.",
           allowed="/".join(TitleLevel.choices()), example="正高级"),
    Column("title_date", "取得职称时间", "Date the present title was obtained.",
           aliases=("取得现职称时间",), type="date",
           allowed="a date after the birth date, not in the future", example=date(1990, 9, 1)),
    Column("employment_start", "参加工作时间", "Date the person started work.",
           aliases=("工作时间",), type="date",
           allowed="a date after the birth date, not in the future", example=date(1971, 7, 1)),
)  # fmt: skip


def _prepare_people(batch: Batch) -> None:
    fields = [getattr(models.Person, f) for f in PERSON_FIELDS]
    rows = (
        models.Person.select(models.Person.id, models.Person.unit, *fields)
        .where(models.Person.org == batch.org.id)
        .dicts()
    )
    by_id: dict[str, dict[str, Any]] = {}
    by_name_birth: dict[tuple[str, date], list[dict[str, Any]]] = defaultdict(list)
    for record in cast("Iterable[dict[str, Any]]", rows):
        if record["id_number"]:
            by_id[record["id_number"]] = record
        by_name_birth[(record["name"], record["birth_date"])].append(record)
    batch.state.update(by_id=by_id, by_name_birth=by_name_birth, rows_of_name_birth={})
    _units(batch)


def _clean_person(row: RowCheck, values: dict[str, Any], today: date) -> dict[str, Any] | None:
    """The people service's own field checks (so the messages are the CLI's); each problem
    is recorded, and an optional field at fault is set aside to look for the next one."""
    values = dict(values)
    for _ in range(len(values) + 1):
        try:
            cleaned: dict[str, Any] = clean_person_fields(values, today)
            return cleaned
        except InvalidInput as error:
            if error.field not in row.bad:
                row.problem(error.field, error.rule)
            if error.field in _REQUIRED_PERSON or values.get(error.field) is None:
                return None
            values[error.field] = None
    return None


def _match_person(
    batch: Batch, row: RowCheck, name: str, birth: date, id_number: str | None
) -> tuple[bool, dict[str, Any] | None]:
    """The row's stored record (by ID number, else by name and birth date), after the
    duplicates within the file: (False, …) when the row cannot be matched cleanly."""
    if id_number and not batch.claim(("id", id_number), row, "id_number", "ID number"):
        return False, None
    earlier = batch.state["rows_of_name_birth"].setdefault((name, birth), [])
    clash = [n for n, with_id in earlier if not (with_id and id_number)]
    earlier.append((row.number, bool(id_number)))
    if clash:
        row.problem("name", f"the same name and birth date as row {clash[0]} (文件内重复)")
        return False, None
    stored = batch.state["by_id"].get(id_number) if id_number else None
    if stored is not None and stored["name"] != name:
        row.problem(
            "id_number",
            f"this ID number is recorded for {stored['name']} (#{stored['id']}); correct "
            "the name, or rename the person with `zhidu person update` "
            "(身份证号码已登记为另一姓名)",
        )
        return False, None
    if stored is None:
        namesakes = batch.state["by_name_birth"].get((name, birth), [])
        if id_number:
            namesakes = [p for p in namesakes if not p["id_number"]]
        if len(namesakes) > 1:
            row.problem(
                "name",
                f"{len(namesakes)} people in {batch.org.code} have this name and birth date"
                + ("" if id_number else ": give the ID number")
                + " (重名，无法确定是哪一位)",
            )
            return False, None
        stored = namesakes[0] if namesakes else None
    if stored is not None and not batch.claim(("person", stored["id"]), row, "name", "person"):
        return False, None
    return True, stored


_PersonCells = tuple[dict[str, Any], "str | None", bool, "ResidentId | None"]


def _person_converters(batch: Batch) -> list[tuple[str, Callable[[str, Any], Any]]]:
    converters: list[tuple[str, Callable[[str, Any], Any]]] = [
        ("name", _text(50)),
        ("gender", _vocab(Gender)),
        ("birth_date", validate.parse_date),
        ("id_number", _rid),
        ("title", _text(50)),
        ("title_date", validate.parse_date),
        ("employment_start", validate.parse_date),
        ("unit", lambda f, v: _unit_code(batch, f, v)),
    ]
    return converters + [(field, _vocab(kind)) for field, kind in _PERSON_VOCAB.items()]


def _person_cells_quickly(batch: Batch, row: RowCheck) -> _PersonCells | None:
    """The row's cells converted as :func:`_person_cells` would — when every one of them
    converts without a problem (most rows); None sends the row the long way, which
    records each problem in its words. Distinct cells are converted once per file."""
    if batch.suppressed:
        return None
    plan: _QuickPlan | None = batch.state.get("quick")
    if plan is None:
        plan = batch.state["quick"] = _QuickPlan.of(batch)
    cells = row.cells
    if len(cells) < plan.width:  # a short row: its last cells are blank
        cells = (*cells, *(None,) * (plan.width - len(cells)))
    try:  # the cells seen before, in one pass (_UNSEEN: not yet, or never kept)
        values = [seen.get(cells[index], _UNSEEN) for index, seen in plan.lookups]
    except TypeError:  # an unhashable cell: each is converted
        values = [_UNSEEN] * len(plan.lookups)
    for n, value in enumerate(values):
        if value is _UNSEEN:
            (index, seen), (field, column, convert, keep) = plan.lookups[n], plan.present[n]
            raw = cells[index]
            try:
                cleaned = clean_cell(column, raw)
                value = values[n] = None if cleaned is None else convert(field, cleaned)
            except InvalidInput:
                return None
            if keep and len(seen) < _MEMO_LIMIT:
                seen[raw] = value
    out = dict.fromkeys(plan.absent)
    out.update(zip(plan.fields, values, strict=True))
    rid: ResidentId | None = out.pop("id_number")
    if out["name"] is None or (
        rid is None and (out["gender"] is None or out["birth_date"] is None)
    ):
        return None  # a required cell is blank: the long way says which
    out["id_number"] = rid.number if rid else None
    return out, out.pop("unit"), rid is not None, rid


_UNSEEN = object()


@attrs.frozen
class _QuickPlan:
    """How :func:`_person_cells_quickly` reads a file's rows: the fields whose columns it
    has — the index of each one's cell, the cells seen and their values, the column, the
    converter, whether to keep what it converts (names and ID numbers never repeat) —
    and the fields it lacks (None in every row)."""

    fields: tuple[str, ...]
    lookups: tuple[tuple[int, dict[Any, Any]], ...]
    present: tuple[tuple[str, Column, Callable[[str, Any], Any], bool], ...]
    absent: tuple[str, ...]
    width: int

    @classmethod
    def of(cls, batch: Batch) -> _QuickPlan:
        converters = _person_converters(batch)
        present = [(f, c) for f, c in converters if batch.cells[f][0]]
        return cls(
            fields=tuple(f for f, _ in present),
            lookups=tuple((batch.cells[f][0] - 1, {}) for f, _ in present),
            present=tuple(
                (f, batch.cells[f][1], convert, f not in ("name", "id_number"))
                for f, convert in present
            ),
            absent=tuple(f for f, _ in converters if not batch.cells[f][0]),
            width=max((batch.cells[f][0] for f, _ in present), default=0),
        )


def _checked_quickly(given: dict[str, Any], today: date) -> dict[str, Any] | None:
    """A new person's cells converted the quick way, as clean_person would return them —
    if they pass its checks across fields (else None: the long way records why)."""
    try:
        check_person_fields(given, today)
    except InvalidInput:
        return None
    return given


def _person_cells(batch: Batch, row: RowCheck) -> _PersonCells:
    """The row's cells, each converted and checked, every problem recorded."""
    has_id = row.given("id_number")
    rid: ResidentId | None = row.get("id_number", _rid)
    given: dict[str, Any] = {
        "name": row.get("name", _text(50), required=True),
        "gender": row.get("gender", _vocab(Gender), required=not has_id),
        "birth_date": row.get("birth_date", validate.parse_date, required=not has_id),
        "id_number": rid.number if rid else None,
        "title": row.get("title", _text(50)),
        "title_date": row.get("title_date", validate.parse_date),
        "employment_start": row.get("employment_start", validate.parse_date),
    }
    for field, kind in _PERSON_VOCAB.items():
        given[field] = row.get(field, _vocab(kind))
    unit = row.get("unit", lambda f, v: _unit_code(batch, f, v))
    return given, unit, has_id, rid


def _validate_person(batch: Batch, row: RowCheck) -> Change | None:
    quick = _person_cells_quickly(batch, row)
    given, unit, has_id, rid = quick or _person_cells(batch, row)
    if rid is not None:  # blank gender or birth date: the ID number's
        given["gender"] = given["gender"] or rid.gender
        given["birth_date"] = given["birth_date"] or rid.birth_date
    name, birth, id_number = given["name"], given["birth_date"], given["id_number"]
    if name is None or birth is None or given["gender"] is None or (has_id and rid is None):
        return None  # who the row is cannot be told; the problems are recorded
    # Everything else is checked even when a cell already failed, so that one dry run
    # shows every problem of the row.
    matched, stored = _match_person(batch, row, name, birth, id_number)
    current = {f: stored[f] for f in PERSON_FIELDS} if stored else {}
    cleaned = (quick and not stored and _checked_quickly(given, batch.today)) or _clean_person(
        row, current | {k: v for k, v in given.items() if v is not None}, batch.today
    )
    stored_unit = _units(batch)["code_of"].get(stored["unit"]) if stored else None
    if stored and unit and unit != stored_unit:
        row.problem(
            "unit",
            f"the person is recorded in unit {stored_unit or '(none)'}; import does not move "
            "people between units (所在机构与已登记的不同)",
        )
    if row.failed or cleaned is None or not matched:
        return None
    key = cleaned["id_number"] or f"{name} {birth.isoformat()}"
    if stored is None:
        values = {k: v for k, v in cleaned.items() if v is not None}
        if unit:
            values["unit"] = unit
        return Change(row.number, "add", key, values)
    changed = {f: cleaned[f] for f in PERSON_FIELDS if cleaned[f] != current[f]}
    if not changed:
        return Change(row.number, "unchanged", key, target=stored["id"])
    before = {f: current[f] for f in changed}
    return Change(row.number, "update", key, changed, target=stored["id"], before=before)


def _adding(service: str) -> Callable[[Batch, Sequence[Change]], None]:
    """An apply step that adds each checked row through ``service`` ("module:function",
    imported when the import runs: the services import this module's users)."""

    def apply_rows(batch: Batch, changes: Sequence[Change]) -> None:
        from core.records import load_target

        add = load_target(service)
        for change in changes:
            add(batch.ctx, batch.org.code, **change.values)
            batch.advance()

    return apply_rows


def _apply_people(batch: Batch, changes: Sequence[Change]) -> None:
    """New people go in with one bulk insert, recorded in the import's own audit entry
    (id and key of each); updates go through the service, each audited."""
    from core.services.people import update_person

    added = [c for c in changes if c.status == "add"]
    if added:
        by_code = _units(batch)["by_code"]
        names = ("org", "unit", *PERSON_FIELDS)
        rows = [
            (
                batch.org.id,
                by_code[c.values["unit"]] if c.values.get("unit") else None,
                *map(c.values.get, PERSON_FIELDS),
            )
            for c in added
        ]
        ids = sql.insert_many_returning(models.Person, names, rows)
        batch.recorded["added"] = [[i, c.key] for i, c in zip(ids, added, strict=True)]
        batch.advance(len(added))
    for change in changes:
        if change.status == "update":
            assert change.target is not None
            update_person(batch.ctx, batch.org.code, change.target, **change.values)
            batch.advance()


PEOPLE = ImportKind(
    name="people",
    title_zh="人员",
    title_en="People",
    columns=PEOPLE_COLUMNS,
    natural_key=("id_number",),
    action=Action.EDIT_PEOPLE,
    validate=_validate_person,
    apply=_apply_people,
    prepare=_prepare_people,
    updates=True,
    notes=(
        "A row is matched to a recorded person by the ID number, or by name and birth date "
        "when it has none. A matched row with different values updates the person (blank "
        "cells leave what is recorded); an ID number recorded under another name, or "
        "another unit, is a conflict."
    ),
)


# --- units --------------------------------------------------------------------------

UNIT_COLUMNS = (
    Column("code", "机构代码", "The unit's code, unique in the organization.",
           aliases=("代码",), type="code", required=True,
           allowed="1–40 lower-case letters, digits, - or _", example="zzb"),
    Column("name", "机构名称", "The unit's name.", aliases=("名称",), required=True,
           allowed="1–100 characters", example="组织部"),
    Column("kind", "机构类别", "What kind of unit it is.", aliases=("类别", "类型"),
           required=True, allowed="1–20 characters: 处/科/学院/系/所站/村民小组/部门 …",
           example="处"),
    Column("parent", "上级机构", "The unit above it, by code or name: a recorded unit or "
           "one in an earlier row; blank for a top-level unit.",
           aliases=("上级机构代码", "parent_code"),
           allowed="a unit of the organization, or one listed above", example=None),
)  # fmt: skip


def _validate_unit(batch: Batch, row: RowCheck) -> Change | None:
    units = _units(batch)
    code = row.get("code", validate.code, required=True)
    name = row.get("name", _text(100), required=True)
    kind = row.get("kind", _text(20), required=True)
    planned: dict[str, str] = batch.state.setdefault("planned_units", {})  # name → code

    def parent_code(field: str, value: Any) -> str:
        text = validate.text(field, value, max_length=100)
        if text in planned.values() or text == code:
            return text
        if text in planned and text not in units["by_name"]:
            return planned[text]
        return _unit_code(batch, field, value, parent=True)

    parent = row.get("parent", parent_code)
    if code is None:
        return None
    if parent == code:
        row.problem("parent", "a unit is not its own parent (上级机构不能是自己)")
    if not batch.claim(("unit", code), row, "code", "unit code"):
        return None
    if code in units["by_code"]:
        stored = models.Unit.get_by_id(units["by_code"][code])
        recorded = {
            "name": stored.name,
            "kind": stored.kind,
            "parent": units["code_of"].get(stored.parent_id),
        }
        differences = _differences(recorded, {"name": name, "kind": kind, "parent": parent})
        if differences:
            _conflict(row, "code", "unit", differences)
        return None if row.failed else Change(row.number, "unchanged", code, target=stored.id)
    if row.failed:
        return None
    planned[name] = code
    values = {"code": code, "name": name, "kind": kind, "parent_code": parent}
    return Change(row.number, "add", code, values)


_apply_units = _adding("core.services.orgs:add_unit")


UNITS = ImportKind(
    name="units",
    title_zh="内设机构",
    title_en="Units",
    columns=UNIT_COLUMNS,
    natural_key=("code",),
    action=Action.MANAGE_UNITS,
    validate=_validate_unit,
    apply=_apply_units,
    notes=(
        "A row is matched to a recorded unit by its code. A unit recorded with other values "
        "is a conflict: import does not change units. List a parent before its units."
    ),
)


# --- posts --------------------------------------------------------------------------

POST_COLUMNS = (
    Column("code", "职位代码", "The post's code, unique in the organization.",
           aliases=("岗位代码",), type="code", required=True,
           allowed="1–40 lower-case letters, digits, - or _", example="zzb-bz"),
    Column("title", "职位名称", "The post's title.", aliases=("岗位名称", "职位", "岗位"),
           required=True, allowed="1–50 characters", example="部长"),
    Column("unit", "所在机构", "The unit the post belongs to, by code or name.",
           aliases=("机构代码", "机构", "unit_code"), required=True,
           allowed="a unit of the organization", example="zzb"),
    Column("rank", "职级", "The post's rank.", aliases=("级别",), required=True,
           allowed="1–20 characters: 副科级 … 正处级, or the organization's own",
           example="正处级"),
    Column("headcount", "职数", "How many may hold the post at once.", type="number",
           required=True, allowed="a whole number, at least 1", example=1),
    Column("category", "职位类别", "The post's category.", aliases=("类别",), required=True,
           allowed="1–20 characters: 党务/行政/教学/科研/教辅/群团 …", example="党务"),
    Column("term_years", "每届任期（年）", "Years in one term; blank if none.",
           aliases=("每届任期", "任期"), type="number", allowed="1–10", example=5),
    Column("max_consecutive_terms", "连续任职届数上限", "Consecutive terms allowed; blank "
           "if no limit.", aliases=("连续任职届数",), type="number",
           allowed="a whole number, at least 1", example=2),
)  # fmt: skip

_POST_FIELDS = ("title", "unit", "rank", "headcount", "category", "term_years",
                "max_consecutive_terms")  # fmt: skip


def _validate_post(batch: Batch, row: RowCheck) -> Change | None:
    if "posts" not in batch.state:
        batch.state["posts"] = {
            p.code: p for p in models.Post.select().where(models.Post.org == batch.org.id)
        }
    values = {
        "code": row.get("code", validate.code, required=True),
        "title": row.get("title", _text(50), required=True),
        "unit": row.get("unit", lambda f, v: _unit_code(batch, f, v), required=True),
        "rank": row.get("rank", _text(20), required=True),
        "headcount": row.get("headcount", _whole(1), required=True),
        "category": row.get("category", _text(20), required=True),
        "term_years": row.get("term_years", _whole(1, 10)),
        "max_consecutive_terms": row.get("max_consecutive_terms", _whole(1)),
    }
    code = values["code"]
    if code is None or not batch.claim(("post", code), row, "code", "post code"):
        return None
    stored = batch.state["posts"].get(code)
    if stored is not None:
        recorded = {f: getattr(stored, f) for f in _POST_FIELDS if f != "unit"}
        recorded["unit"] = _units(batch)["code_of"].get(stored.unit_id)
        differences = _differences(recorded, {f: values[f] for f in _POST_FIELDS})
        if differences:
            _conflict(
                row, "code", "post", differences,
                "change the headcount with `zhidu post headcount`",
            )  # fmt: skip
        return None if row.failed else Change(row.number, "unchanged", code, target=stored.id)
    if row.failed:
        return None
    values["unit_code"] = values.pop("unit")
    return Change(row.number, "add", code, values)


_apply_posts = _adding("core.services.posts:add_post")


POSTS = ImportKind(
    name="posts",
    title_zh="职位",
    title_en="Posts",
    columns=POST_COLUMNS,
    natural_key=("code",),
    action=Action.EDIT_POSTS,
    validate=_validate_post,
    apply=_apply_posts,
    notes=(
        "A row is matched to a recorded post by its code. A post recorded with other values "
        "is a conflict: import does not change posts (the headcount changes with "
        "`zhidu post headcount`)."
    ),
)


# --- terms --------------------------------------------------------------------------

TERM_COLUMNS = (
    Column("post", "职位代码", "The post, by code (or by title when no other post has it).",
           aliases=("岗位代码", "职位", "post_code"), required=True,
           allowed="a post of the organization", example="zzb-bz"),
    Column("name", "姓名", "The person's name; with the ID number, it must agree with it.",
           allowed="a person of the organization", example="张丽"),
    Column("id_number", "公民身份号码", "The person's ID number (needed when two people "
           "share the name).", aliases=("身份证号码", "身份证号"), type="id_number",
           allowed="18 characters; format the column as text", example="11010519491231002X"),
    Column("birth_date", "出生日期", "Tells apart people of the same name without an ID "
           "number.", type="date", allowed="a date", example=None),
    Column("start", "任职时间", "First day in the post.", aliases=("任职日期", "起始日期"),
           type="date", required=True, allowed="a date after the person's birth",
           example=date(2024, 3, 1)),
    Column("appointed_by", "任用方式", "How the person was appointed.",
           required=True, allowed="/".join(AppointedBy.choices()), example="委任"),
    Column("end", "离任时间", "Last day in the post; blank while serving.",
           aliases=("离任日期", "终止日期"), type="date",
           allowed="a date not before the start; with the reason", example=None),
    Column("end_reason", "离任原因", "Why the term ended; given with the end date.",
           allowed="/".join(EndReason.choices()), example=None),
    Column("probation_end", "试用期满", "End of the probation period, if any.",
           aliases=("试用期满时间",), type="date", allowed="a date after the start",
           example=date(2025, 3, 1)),
    Column("note", "备注", "A note.", aliases=("说明",), allowed="text", example=None),
)  # fmt: skip


def _prepare_terms(batch: Batch) -> None:
    batch.state["posts"] = {
        p.code: Post.from_row(p)
        for p in models.Post.select().where(models.Post.org == batch.org.id)
    }
    by_post: dict[int, list[Term]] = defaultdict(list)
    for record in models.Term.select().where(models.Term.org == batch.org.id):
        by_post[record.post_id].append(Term.from_row(record))
    batch.state["terms"] = by_post
    batch.state["planned"] = defaultdict(list)  # post id → [(row, Term)]
    _people_index(batch)


def _post(batch: Batch, field: str, value: Any) -> Post:
    posts: dict[str, Post] = batch.state["posts"]
    text = validate.text(field, value, max_length=100)
    folded = unicodedata.normalize("NFKC", text)
    if folded in posts:
        return posts[folded]
    titled = [p for p in posts.values() if p.title == text]
    if len(titled) == 1:
        return titled[0]
    if titled:
        raise InvalidInput(field, value, f"{len(titled)} posts have this title: give the code")
    raise InvalidInput(field, value, f"no such post in {batch.org.code} (职位不存在)")


def _validate_term(batch: Batch, row: RowCheck) -> Change | None:
    post: Post | None = row.get("post", lambda f, v: _post(batch, f, v), required=True)
    person = _person(batch, row, "name", "id_number", "birth_date")
    first: date | None = row.get("start", validate.parse_date, required=True)
    how = row.get("appointed_by", _vocab(AppointedBy), required=True)
    last: date | None = row.get("end", validate.parse_date)
    reason = row.get("end_reason", _vocab(EndReason))
    probation: date | None = row.get("probation_end", validate.parse_date)
    note = row.get("note", _text(500))
    # add_term's own checks, in its words, on whichever cells are valid
    if first is not None and last is not None and last < first:
        row.problem("end", f"is before start {first.isoformat()}")
    if row.given("end") != row.given("end_reason"):
        row.problem(
            "end_reason" if row.given("end") else "end",
            "an end date and the reason for leaving go together (离任日期与原因须同时填写)",
        )
    if first is not None and probation is not None and probation <= first:
        row.problem("probation_end", "must fall after start")
    if first is not None and person is not None and person[1] >= first:
        row.problem("start", "is before the person was born")
    if post is None or person is None or first is None:
        return None
    person_id = person[0]
    if not batch.claim(("term", post.id, person_id, first), row, "start", "post, person and start"):
        return None
    key = f"{post.code} #{person_id} {first.isoformat()}"
    stored = batch.state["terms"][post.id]
    same = [t for t in stored if t.person_id == person_id and t.start == first]
    if same:
        given = {"end": last, "end_reason": reason, "appointed_by": how,
                 "probation_end": probation, "note": note}  # fmt: skip
        recorded = jsonable(same[0])
        differences = _differences(
            {k: recorded[k] for k in given}, {k: jsonable(v) for k, v in given.items()}
        )
        if differences:
            _conflict(row, "start", "term", differences, "end a term with `zhidu term end`")
        return None if row.failed else Change(row.number, "unchanged", key, target=same[0].id)
    # the invariants, with the stored terms and the terms of the file's earlier rows
    # (an overlap with the person's own term is the problem; the headcount is then moot)
    planned: list[tuple[int, Term]] = batch.state["planned"][post.id]
    try:
        check_no_overlap([t for t in stored if t.person_id == person_id], first, last)
        for number, other in planned:
            if other.person_id == person_id and overlaps(other.start, other.end, first, last):
                raise InvalidInput(
                    "start",
                    first.isoformat(),
                    f"overlaps this person's term in row {number} in the same post "
                    "(同一职位任职期间不得重叠)",
                )
        check_headcount(post, [*stored, *(t for _, t in planned)], first, last)
    except InvalidInput as error:
        row.problem(error.field, error.rule)
    if row.failed:
        return None
    planned.append((row.number, Term(0, batch.org.id, post.id, person_id, first, last,
                                     AppointedBy(how))))  # fmt: skip
    values = {"post_code": post.code, "person_id": person_id, "start": first,
              "appointed_by": how, "end": last, "probation_end": probation,
              "end_reason": reason, "note": note or ""}  # fmt: skip
    return Change(row.number, "add", key, values)


_apply_terms = _adding("core.services.posts:add_term")


TERMS = ImportKind(
    name="terms",
    title_zh="任职",
    title_en="Terms of office",
    columns=TERM_COLUMNS,
    natural_key=("post", "person", "start"),
    action=Action.EDIT_TERMS,
    validate=_validate_term,
    apply=_apply_terms,
    prepare=_prepare_terms,
    notes=(
        "The person is found by ID number, or by name (and birth date). A row is matched to "
        "a recorded term by post, person and start. A term recorded with other values is a "
        "conflict: import does not change terms (end one with `zhidu term end`). The "
        "headcount (职数) and non-overlapping terms are checked with the file's earlier rows."
    ),
)


# --- kinship ------------------------------------------------------------------------

KINSHIP_COLUMNS = (
    Column("name", "姓名", "One of the two people.", allowed="a person of the organization",
           example="张丽"),
    Column("id_number", "公民身份号码", "Their ID number (needed when two people share the "
           "name).", aliases=("身份证号码", "身份证号"), type="id_number",
           allowed="18 characters; format the column as text", example="11010519491231002X"),
    Column("relative_name", "亲属姓名", "The other person.", aliases=("亲属",),
           allowed="a person of the organization", example="张强"),
    Column("relative_id_number", "亲属公民身份号码", "The other person's ID number.",
           aliases=("亲属身份证号码", "亲属身份证号"), type="id_number",
           allowed="18 characters; format the column as text", example=None),
    Column("relation", "关系", "Their kinship.", aliases=("亲属关系",), required=True,
           allowed="/".join(Relation.choices()), example="直系血亲"),
    Column("note", "备注", "A note.", aliases=("说明",), allowed="text", example=None),
)  # fmt: skip


def _prepare_kinship(batch: Batch) -> None:
    batch.state["kin"] = {
        (k.person_a_id, k.person_b_id): k
        for k in models.Kinship.select().where(models.Kinship.org == batch.org.id)
    }
    _people_index(batch)


def _validate_kinship(batch: Batch, row: RowCheck) -> Change | None:
    one = _person(batch, row, "name", "id_number")
    other = _person(batch, row, "relative_name", "relative_id_number")
    relation = row.get("relation", _vocab(Relation), required=True)
    note = row.get("note", _text(500))
    if one is None or other is None:
        return None
    if one[0] == other[0]:
        row.problem("relative_name", "a person is not their own relative")
        return None
    a, b = sorted((one[0], other[0]))
    if not batch.claim(("kin", a, b), row, "relative_name", "pair of people"):
        return None
    key = f"#{a} #{b}"
    stored = batch.state["kin"].get((a, b))
    if stored is not None:
        recorded = {"relation": stored.relation, "note": stored.note}
        differences = _differences(recorded, {"relation": relation, "note": note})
        if differences:
            _conflict(row, "relation", "kinship", differences)
        return None if row.failed else Change(row.number, "unchanged", key, target=stored.id)
    if row.failed:
        return None
    values = {"person_a": one[0], "person_b": other[0], "relation": relation, "note": note or ""}
    return Change(row.number, "add", key, values)


_apply_kinship = _adding("core.services.people:add_kinship")


KINSHIP = ImportKind(
    name="kinship",
    title_zh="亲属关系",
    title_en="Kinship",
    columns=KINSHIP_COLUMNS,
    natural_key=("person", "relative"),
    action=Action.EDIT_PEOPLE,
    validate=_validate_kinship,
    apply=_apply_kinship,
    prepare=_prepare_kinship,
    notes=(
        "Both people are found by ID number, or by name. A row is matched to recorded "
        "kinship by the pair (in either order); other values recorded for the pair are a "
        "conflict: import does not change kinship."
    ),
)

CORE_KINDS = (PEOPLE, UNITS, POSTS, TERMS, KINSHIP)
