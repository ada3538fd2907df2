"""PDF by LibreOffice: a clear message when it is missing.

LibreOffice is not installed where these tests run. The conversion path is tested with
a stand-in ``soffice`` on PATH that records its arguments and writes a file: that tests
how zhidu invokes LibreOffice and handles its outcome, not LibreOffice itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from core.documents import render_docx, to_pdf
from core.documents.samples import sample
from core.errors import ConfigurationError, InvalidInput
from tests.conftest import TODAY

FAKE = """#!{python}
import json, sys
from pathlib import Path
args = sys.argv[1:]
Path({record!r}).write_text(json.dumps(args), encoding="utf-8")
if {fail!r}:
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit(1)
outdir = Path(args[args.index("--outdir") + 1])
(outdir / (Path(args[-1]).stem + ".pdf")).write_bytes(b"%PDF-1.4 stand-in")
"""


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    return render_docx(sample("notice", TODAY), tmp_path / "out" / "通知.docx")


def fake_office(
    folder: Path, monkeypatch: pytest.MonkeyPatch, name: str = "soffice", fail: bool = False
) -> Path:
    folder.mkdir(exist_ok=True)
    record = folder / "args.json"
    program = folder / name
    program.write_text(
        FAKE.format(python=sys.executable, record=str(record), fail=fail), encoding="utf-8"
    )
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return record


def test_without_libreoffice_the_message_says_so_and_where_the_docx_is(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ConfigurationError) as refused:
        to_pdf(docx_file)
    assert str(refused.value) == (
        f"PDF needs LibreOffice (soffice) on this machine; the .docx is at {docx_file.resolve()}"
    )
    assert docx_file.is_file()


def test_the_conversion_runs_soffice_headless_into_the_docx_folder(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = fake_office(tmp_path / "bin", monkeypatch)
    pdf = to_pdf(docx_file)
    assert pdf == docx_file.resolve().with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    args = json.loads(record.read_text(encoding="utf-8"))
    assert args[0].startswith("-env:UserInstallation=file://")  # a private profile
    assert args[1:] == [
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(docx_file.resolve().parent),
        str(docx_file.resolve()),
    ]


def test_libreoffice_under_its_other_name(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_office(tmp_path / "bin", monkeypatch, name="libreoffice")
    assert to_pdf(docx_file).is_file()


def test_a_failed_conversion_is_reported_and_no_stale_pdf_passes(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = docx_file.with_suffix(".pdf")
    stale.write_bytes(b"%PDF old")
    fake_office(tmp_path / "bin", monkeypatch, fail=True)
    with pytest.raises(
        ConfigurationError, match=r"could not convert .*exit status 1: Error: source file"
    ):
        to_pdf(docx_file)
    assert not stale.exists()


def test_a_missing_docx_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        to_pdf(tmp_path / "nothing.docx")
