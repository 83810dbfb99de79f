"""Rendering (输出): typed forms → one XLSX, DOCX or PDF with every form, and where forms come from.

Forms come from any file jixiao reads (``check_path(p).forms``) or from a contract JSON file
(``jixiao check -f json``: its records' forms read back type-exact).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import JixiaoError
from ..forms.model import Form
from .layout import layouts

FORMATS = ("xlsx", "docx", "pdf")


def render_forms(forms: list[Form], to: str) -> bytes:
    """The official tables of ``forms`` as the bytes of one ``to`` file (xlsx, docx or pdf)."""
    sheets = layouts(forms)
    if to == "xlsx":
        from .xlsx import write_xlsx
        return write_xlsx(sheets)
    if to == "docx":
        from .docx import write_docx
        return write_docx(sheets)
    if to == "pdf":
        from .pdf import write_pdf
        return write_pdf(sheets)
    raise JixiaoError("JX002", f"不支持的输出格式：{to}（可用 xlsx、docx、pdf）",
                      f"unsupported output format: {to} (use xlsx, docx or pdf)")


def _contract_forms(path: Path) -> list[Form] | None:
    """The forms of a contract JSON file (jixiao/1 envelope, or one record), else None."""
    if path.suffix.lower() not in (".json", ".jsonl"):
        return None
    from ..contract import FileRecord
    from ..render.json import loads
    try:
        text = path.read_text(encoding="utf-8")
        docs = [loads(line) for line in text.splitlines() if line.strip()] if path.suffix.lower() == ".jsonl" \
            else [loads(text)]
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    records = [r for d in docs if isinstance(d, dict) for r in (d.get("files") if "files" in d else [d])]
    if not records or not all(isinstance(r, dict) and "forms" in r for r in records):
        return None
    return [f for r in records for f in FileRecord.from_json(r).forms]


def forms_of(path: str | Path) -> list[Form]:
    """The typed forms of a file: a contract JSON's records, else what jixiao reads in it."""
    p = Path(path)
    forms = _contract_forms(p)
    if forms is not None:
        return forms
    from ..pipeline import check_path
    checked = check_path(p)
    if checked.error is not None and not checked.forms:
        raise checked.error
    return checked.forms
