"""PDF from a rendered ``.docx``, by LibreOffice when the machine has it.

zhidu does not lay out PDF itself: LibreOffice (``soffice --headless --convert-to pdf``)
converts the Word file, with the fonts the machine has. Without LibreOffice the
``.docx`` is still there and the error says where.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from core.errors import ConfigurationError, InvalidInput

__all__ = ["find_soffice", "to_pdf"]


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (``soffice``, else ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path | str, *, timeout: float = 120) -> Path:
    """Convert ``docx_path`` to a PDF beside it (same name, ``.pdf``); return its path."""
    source = Path(docx_path).resolve()
    if not source.is_file():
        raise InvalidInput("docx", str(source), "no such file")
    program = find_soffice()
    if program is None:
        raise ConfigurationError(
            f"PDF needs LibreOffice (soffice) on this machine; the .docx is at {source}"
        )
    target = source.with_suffix(".pdf")
    target.unlink(missing_ok=True)  # LibreOffice would overwrite it; a stale one must not pass
    # A private profile: a LibreOffice the user has open would otherwise take the job
    # (or refuse it) instead of this headless one.
    with tempfile.TemporaryDirectory(prefix="zhidu-soffice-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(source.parent),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise ConfigurationError(
                f"LibreOffice did not finish converting {source} within {timeout:g} s"
            ) from None
        except OSError as error:
            raise ConfigurationError(f"cannot run {program}: {error.strerror}") from None
    if done.returncode != 0 or not target.is_file():
        said = (done.stderr or done.stdout).strip().splitlines()
        raise ConfigurationError(
            f"LibreOffice could not convert {source} (exit status {done.returncode}"
            + (f": {said[-1]}" if said else "")
            + ")"
        )
    return target
