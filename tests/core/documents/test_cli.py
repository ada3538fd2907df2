"""``zhidu doc``: issuing and listing numbers, and sample documents, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli._state import State
from core.cli.documents import SAMPLE_KINDS, doc
from core.documents.samples import SAMPLES
from core.errors import ConfigurationError, PermissionDenied
from core.services.context import Context
from tests.conftest import make_org
from tests.core.documents.reading import open_docx, texts
from tests.core.services.test_access import member


def run(ctx: Context | None, *args: str) -> tuple[int, str, BaseException | None]:
    state = State(None)
    state._context = ctx
    result = CliRunner().invoke(doc, list(args), obj=state)
    return result.exit_code, result.output, result.exception


def test_issue_and_list_numbers(ctx: Context) -> None:
    make_org(ctx)
    code, out, _ = run(ctx, "number", "--org", "gdpu", "--prefix", "组发", "--title", "公示")
    assert (code, out) == (0, "issued 组发〔2026〕1号 for 公示\n")
    code, out, _ = run(
        ctx, "number", "--org", "gdpu", "--prefix", "组发", "--title", "通知", "--year", "2026",
        "--json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out) == {"text": "组发〔2026〕2号", "prefix": "组发", "year": 2026, "seq": 2}
    code, out, _ = run(ctx, "numbers", "--org", "gdpu", "--json")
    listed = json.loads(out)["numbers"]
    assert [(n["text"], n["title"]) for n in listed] == [
        ("组发〔2026〕1号", "公示"),
        ("组发〔2026〕2号", "通知"),
    ]
    code, out, _ = run(ctx, "numbers", "--org", "gdpu", "--year", "2027")
    assert out.strip().endswith("(none)")
    code, out, _ = run(ctx, "numbers", "--org", "gdpu")
    assert "组发〔2026〕2号  通知" in out


def test_a_viewer_cannot_issue(ctx: Context) -> None:
    make_org(ctx)
    viewer = member(ctx, "viewer1", {"gdpu": "viewer"})
    code, _, error = run(viewer, "number", "--org", "gdpu", "--prefix", "组发", "--title", "x")
    assert code != 0 and isinstance(error, PermissionDenied)


def test_the_sample_kinds_are_the_samples() -> None:
    assert set(SAMPLE_KINDS) == set(SAMPLES)


@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_a_sample_is_written(kind: str, tmp_path: Path) -> None:
    target = tmp_path / f"{kind}.docx"
    code, out, error = run(None, "sample", kind, str(target), "--json")
    assert code == 0, error
    assert json.loads(out) == {"kind": kind, "docx": str(target), "pdf": None}
    assert texts(open_docx(target))


def test_a_sample_as_pdf_without_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    target = tmp_path / "notice.docx"
    code, _, error = run(None, "sample", "notice", str(target), "--pdf")
    assert code != 0 and isinstance(error, ConfigurationError)
    assert "PDF needs LibreOffice (soffice)" in str(error) and str(target) in str(error)
    assert target.is_file()  # the .docx is there, as the message says
