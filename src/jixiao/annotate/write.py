"""Annotating one file (批注一个文件): check it, then write the copy by the format it was read as.

``annotate_file`` is what ``jixiao annotate`` runs; a file that cannot be annotated (unreadable,
a legacy or web format, an output that would overwrite it) raises ``CannotAnnotate`` with a
bilingual message naming the file.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..checks import Check
from ..errors import JixiaoError
from ..pipeline import Checked, check_path
from .marks import Mark, Outcome, marks_of

SUFFIX = {"xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf"}
LEGACY = {"ole": ("旧版 Office 格式（.xls/.doc/.wps/.et）或加密文件无法批注，请用 Excel/Word/WPS 另存为 .xlsx 或 .docx 后再试",
                  "a legacy Office file (.xls/.doc/.wps) or an encrypted one cannot be annotated: save it as .xlsx or "
                  ".docx and try again"),
          "html": ("网页文件无法批注，请另存为 .docx 或 .xlsx 后再试",
                   "a web page cannot be annotated: save it as .docx or .xlsx and try again"),
          "image": ("图片无法批注，请提供 PDF、.docx 或 .xlsx 文件", "an image cannot be annotated: give a PDF, .docx or .xlsx")}


class CannotAnnotate(JixiaoError):
    """A file jixiao cannot annotate (无法批注)."""


@dataclass
class Annotated:
    """One file annotated (批注结果): the check's result, the marks and what was written."""

    checked: Checked
    marks: list[Mark]
    outcome: Outcome


def output_path(src: Path, fmt: str) -> Path:
    """名字.批注.xlsx next to the file (a text file keeps its own suffix)."""
    return src.with_name(f"{src.stem}.批注{SUFFIX.get(fmt, src.suffix or '.txt')}")


def _write(src: Path, out: Path, fmt: str, marks: list[Mark], checked: Checked) -> Outcome:
    if fmt == "xlsx":
        from .xlsx import annotate_xlsx
        return annotate_xlsx(src, out, marks)
    if fmt == "docx":
        from .docx import annotate_docx
        return annotate_docx(src, out, marks)
    if fmt == "pdf":
        from .pdf import annotate_pdf
        return annotate_pdf(src, out, marks, checked.doc)
    from .text import annotate_text
    return annotate_text(src, out, marks)


def annotate_file(src: Path, out: Path | None = None, min_severity: str = "info", checks: list[Check] | None = None,
                  profile: str | None = None) -> Annotated:
    """Check ``src`` and write its annotated copy to ``out`` (default: 名字.批注.xlsx beside it)."""
    from pypdf.errors import PyPdfError
    checked = check_path(src, profile, checks)
    if checked.error is not None or checked.doc is None:
        why = checked.error.message if checked.error is not None else checked.findings[0].message
        raise CannotAnnotate("JX001", f"无法复核，未写出批注（{why}）", "not checked, nothing written", str(src))
    fmt = checked.doc.format or ""
    if fmt in LEGACY:
        raise CannotAnnotate("JX002", *LEGACY[fmt], str(src))
    target = out or output_path(src, fmt)
    if target.resolve() == src.resolve():
        raise CannotAnnotate("JX004", "批注副本不能覆盖原文件，请用 -o 另选位置",
                             "the annotated copy may not overwrite the original: choose another -o", str(src))
    marks = marks_of(checked.findings, min_severity)
    try:
        done = _write(src, target, fmt, marks, checked)
    except OSError as exc:
        raise CannotAnnotate("JX001", f"无法写出批注副本（{exc.strerror or type(exc).__name__}）",
                             "cannot write the annotated copy", str(target)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, PyPdfError) as exc:
        raise CannotAnnotate("JX001", f"文件结构异常，无法批注（{type(exc).__name__}）",
                             "the file's structure is unusual and cannot be annotated", str(src)) from None
    return Annotated(checked, marks, done)
