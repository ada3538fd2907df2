"""Reading import files: formats, encodings, sheets, headers — and every kind of bad
input, each with its own clear problem or one-line error."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from core import imports, models
from core.errors import InvalidInput
from core.imports.kinds import PEOPLE
from core.imports.reading import clean_cell, read_rows
from core.services.context import Context
from tests.conftest import make_org
from tests.core.imports.helpers import counts, csv_bytes, rid, with_cached_value, xlsx

ID_ZHANG = "11010519491231002X"
ROWS = [("姓名", "性别", "出生日期", "公民身份号码"), ("张丽", "女", "1949-12-31", ID_ZHANG)]


def where(report: imports.ImportReport) -> list[tuple[int, str, str, str]]:
    return [(p.row, p.column, p.value, p.rule) for p in report.problems]


# --- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (csv_bytes(ROWS, "utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + csv_bytes(ROWS, "utf-8"), "utf-8-sig"),
        (csv_bytes(ROWS, "gb18030"), "gb18030"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030"],
)
def test_csv_in_each_encoding_reads_the_same(
    ctx: Context, tmp_path: Path, data: bytes, encoding: str
) -> None:
    make_org(ctx)
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    table = read_rows(path)
    assert table.encoding == encoding and table.format == "csv"
    assert table.rows[0] == (1, ROWS[0]) and table.rows[1] == (2, ROWS[1])
    report = imports.apply(ctx, "gdpu", "people", path)
    assert report.applied and report.counts["added"] == 1
    assert models.Person.get().name == "张丽"


def test_a_csv_that_is_neither_utf8_nor_gb18030_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,gender\nJosé,男\n".encode("latin-1", errors="replace")[:-4] + b"\xe9,\n")
    with pytest.raises(InvalidInput) as error:
        read_rows(path)
    assert error.value.line() == (
        "file = 'latin1.csv': is neither UTF-8 nor GB18030 text: save it as 'CSV UTF-8' or "
        ".xlsx, or name its encoding with --encoding (无法识别文件编码)"
    )


def test_an_encoding_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(csv_bytes(ROWS, "gbk"))
    assert read_rows(path, encoding="gbk").rows[1][1][0] == "张丽"
    with pytest.raises(InvalidInput, match="is not utf-8 text"):
        read_rows(path, encoding="utf-8")
    with pytest.raises(InvalidInput, match="no such text encoding"):
        read_rows(path, encoding="klingon")


# --- not a spreadsheet, empty, header only ------------------------------------------


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "is empty (文件为空)"),
        (b"\n \r\n", "is empty (文件为空)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a spreadsheet: neither an .xlsx "
         "workbook nor CSV text (不是电子表格)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "is an old .xls (Excel 97–2003) "
         "or a password-protected workbook: save it as .xlsx without a password (请另存为 .xlsx)"),
        (b"\xff\xfe" + "姓名".encode("utf-16-le"), "is UTF-16 text (Excel's 'Unicode text'): "
         "save it as 'CSV UTF-8' or .xlsx"),
        (b"PK\x03\x04 not really a zip", "is a damaged ZIP file, not a readable .xlsx"),
    ],
    ids=["empty", "blank", "png", "xls", "utf-16", "broken zip"],
)  # fmt: skip
def test_what_is_not_a_spreadsheet_is_one_line(tmp_path: Path, data: bytes, rule: str) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(data)
    with pytest.raises(InvalidInput) as error:
        read_rows(path)
    assert error.value.line() == f"file = 'input.xlsx': {rule}"
    assert "\n" not in error.value.line()


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InvalidInput, match=r"is a ZIP archive, not an \.xlsx workbook"):
        read_rows(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        read_rows(tmp_path / "nowhere.csv")


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_header_only_file_has_no_rows(ctx: Context, tmp_path: Path, suffix: str) -> None:
    make_org(ctx)
    path = tmp_path / f"people.{suffix}"
    if suffix == "xlsx":
        xlsx(path, [ROWS[0]])
    else:
        path.write_bytes(csv_bytes([ROWS[0], ("", "", "", "")]))
    with pytest.raises(InvalidInput) as error:
        imports.dry_run(ctx, "gdpu", "people", path)
    assert error.value.rule == "has a header in row 1 but no rows below it (只有表头，没有数据)"


# --- sheets and headers -------------------------------------------------------------


def test_a_wrong_sheet_names_the_sheets_there_are(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    book = Workbook()
    book.active.title = "说明"
    data = book.create_sheet("教职工")
    for row in ROWS:
        data.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    with pytest.raises(InvalidInput) as error:
        read_rows(path, sheet="人员")
    assert error.value.line() == (
        "sheet = '人员': no such sheet; book.xlsx has: 说明, 教职工 (工作表不存在)"
    )
    report = imports.dry_run(ctx, "gdpu", "people", path, sheet="教职工")
    assert report.sheet == "教职工" and report.errors == () and report.counts["added"] == 1
    with pytest.raises(InvalidInput, match="a CSV file has no sheets"):
        (tmp_path / "p.csv").write_bytes(csv_bytes(ROWS))
        read_rows(tmp_path / "p.csv", sheet="人员")


def test_headers_in_english_with_title_rows_above_and_unknown_columns(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            ("2026年教职工名册",),
            (),
            ("序号", " Name ", "Gender", "birth-date", "身份证号码", "ID_Number"),
            (1, "张丽", "女", "1949-12-31", ID_ZHANG, ID_ZHANG),
        ],
        merge=["A1:F1"],  # a title above the header is not a problem
    )
    report = imports.dry_run(ctx, "gdpu", "people", path)
    assert report.header_row == 3
    assert [(p.row, p.column, p.rule, p.severity) for p in report.problems] == [
        (3, "序号", "not a column of this kind; ignored (未识别的列，已忽略)", "warning"),
        (3, "ID_Number", "the same column as '身份证号码' (重复的列)", "error"),
    ]


def test_a_missing_required_column_is_reported_once_not_per_row(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    path = xlsx(tmp_path / "p.xlsx", [("性别", "出生日期"), ("男", "1990-01-01")] * 1)
    report = imports.dry_run(ctx, "gdpu", "people", path)
    assert where(report) == [
        (1, "姓名", "", "the required column 姓名 (name) is missing (缺少必填列)"),
    ]


# --- cells ----------------------------------------------------------------------------


def test_merged_cells_are_problems_not_read_as_blank(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            ("姓名", "性别", "出生日期"),
            ("王五", "男", "1990-01-01"),
            ("王六", "男", "1991-01-01"),
            ("王七", "女", "1992-01-01"),
        ],
        merge=["B2:B4"],
    )
    before = counts()
    report = imports.apply(ctx, "gdpu", "people", path)
    rule = (
        "merged cells B2:B4: each row must hold its own values; unmerge and fill every cell "
        "(请取消合并单元格并逐行填写)"
    )
    assert where(report) == [
        (2, "性别", "男", rule),
        (3, "性别", "男", rule),
        (4, "性别", "男", rule),
    ]
    assert not report.applied and counts() == before


def test_formulas_give_their_saved_value_and_a_formula_without_one_is_a_problem(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            ("姓名", "性别", "出生日期", "参加工作时间"),
            ("王五", "男", "1990-01-01", "=DATE(2012,7,1)"),
            ("王六", "男", "1991-01-01", "=DATE(2013,7,1)"),
        ],
    )
    with_cached_value(path, "D2", "41091")  # what Excel saves: the date's serial number
    report = imports.dry_run(ctx, "gdpu", "people", path)
    assert where(report) == [
        (3, "参加工作时间", "=DATE(2013,7,1)", "a formula without a saved value: open and save "
         "the file in Excel or WPS, or paste the values (公式没有计算结果)"),
    ]  # fmt: skip
    (good,) = report.changes
    assert good.values["employment_start"] == date(2012, 7, 1)


def test_dates_as_text_as_date_cells_and_as_serial_numbers(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    forms: list[object] = [
        "2024-03-05", "2024/3/5", "2024年3月5日", "２０２４－０３－０５", "20240305",
        "2024.3.5", " 2024-03-05 00:00:00 ", datetime(2024, 3, 5), date(2024, 3, 5), 45356,
        45356.0,
    ]  # fmt: skip
    rows = [("姓名", "性别", "出生日期", "取得职称时间", "职称", "职称级别")]
    rows += [(f"王{n}", "男", "1980-01-01", when, "讲师", "中级") for n, when in enumerate(forms)]
    rows += [
        ("错一", "男", "1980-01-01", "2024-13-01", "讲师", "中级"),
        ("错二", "男", "1980-01-01", "昨天", "讲师", "中级"),
        ("错三", "男", "1980-01-01", datetime(2024, 3, 5, 14, 30), "讲师", "中级"),
        ("错四", "男", "1980-01-01", "2027-01-01", "讲师", "中级"),
    ]
    report = imports.dry_run(ctx, "gdpu", "people", xlsx(tmp_path / "d.xlsx", rows))
    assert {c.values["title_date"] for c in report.changes} == {date(2024, 3, 5)}
    assert len(report.changes) == len(forms)
    n = len(forms) + 2
    assert where(report) == [
        (n, "取得职称时间", "2024-13-01", "no such day in the calendar (日期不存在)"),
        (n + 1, "取得职称时间", "昨天", "must be a date such as 2024-03-05 "
         "(日期格式应为 年-月-日)"),
        (n + 2, "取得职称时间", "2024-03-05 14:30:00", "has a time of day; give a date only "
         "(应为日期)"),
        (n + 3, "取得职称时间", "2027-01-01", "must fall after the birth date and not in the "
         "future (日期有误)"),
    ]  # fmt: skip


def test_full_width_digits_and_spaces_and_trailing_spaces_are_not_problems(
    ctx: Context, tmp_path: Path
) -> None:
    from core.services.orgs import add_unit

    make_org(ctx)
    add_unit(ctx, "gdpu", "rsc", "人事处（人才办）", "处")
    path = tmp_path / "p.csv"
    wang = rid(date(1980, 1, 2), 3)
    path.write_bytes(
        csv_bytes(
            [
                ("姓名\u3000", "公民身份号码", "所在机构", "学历 "),
                ("\u3000张丽  ", " １１０１０５ １９４９１２３１ ００２ｘ ", "ｏｆｆｉｃｅ",
                 "大学本科\u3000"),
                ("王五", wang, " 人事处（人才办） ", None),
            ]
        )
    )  # fmt: skip
    report = imports.dry_run(ctx, "gdpu", "people", path)
    assert report.problems == ()
    assert [c.values for c in report.changes] == [
        {"name": "张丽", "gender": "女", "birth_date": date(1949, 12, 31), "id_number": ID_ZHANG,
         "education": "大学本科", "unit": "office"},
        {"name": "王五", "gender": "男", "birth_date": date(1980, 1, 2), "id_number": wang,
         "unit": "rsc"},  # by its name, as written
    ]  # fmt: skip


def test_an_id_number_stored_as_a_number_is_refused_not_misread(
    ctx: Context, tmp_path: Path
) -> None:
    make_org(ctx)
    exact = rid(date(1980, 1, 2), 3)
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            ("姓名", "公民身份号码"),
            ("王五", 1.10105194912310e17),  # as Excel keeps an 18-digit number: 15 digits
            ("李四", int(exact)),  # openpyxl, too, writes it with 15 significant digits
            ("赵六", exact),  # as text it is whole
        ],
    )
    report = imports.dry_run(ctx, "gdpu", "people", path)
    rule = (
        "stored as a number, so its last digits are lost: format the column as text and type "
        "the number again (身份证号码被存为数字，请将该列设为文本格式)"
    )
    assert where(report) == [
        (2, "公民身份号码", "110105194912310000", rule),
        (3, "公民身份号码", "440106198001020000", rule),
    ]
    assert [c.values["id_number"] for c in report.changes] == [exact]
    # a whole integer (as some writers keep it) is read as its digits
    assert clean_cell(PEOPLE.column("id_number"), int(exact)) == exact


def test_excel_error_values_are_problems(ctx: Context, tmp_path: Path) -> None:
    make_org(ctx)
    path = xlsx(tmp_path / "p.xlsx", [("姓名", "性别", "出生日期"), ("王五", "#N/A", "1990-01-01")])
    assert where(imports.dry_run(ctx, "gdpu", "people", path)) == [
        (
            2,
            "性别",
            "#N/A",
            "an Excel error value: correct the formula or the value (单元格为错误值)",
        ),
    ]


def test_a_csv_is_imported_without_openpyxl(tmp_path: Path, db_url: str) -> None:
    """openpyxl is a workbook's: importing it took a tenth of a second of a CSV import."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(ROWS))
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from core import imports
        from core.services.orgs import create_org
        from core.shell import initialize
        ctx, _, _ = initialize("{db_url}", key_file=Path("{tmp_path / "k"}"))
        create_org(ctx, "gdpu", "大学", "university")
        report = imports.apply(ctx, "gdpu", "people", Path("{path}"))
        assert report.applied and report.counts["added"] == 1, report
        print("openpyxl" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
