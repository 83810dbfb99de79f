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
    """The forms of a contract JSON (``check``/``show -f json``) or JSON-lines file; None when the
    file is not one (then it is read as a document)."""
    from decimal import InvalidOperation

    from ..contract import ContractError, load
    from ..render.json import loads
    if path.suffix.lower() not in (".json", ".jsonl"):
        return None
    try:
        text = path.read_text(encoding="utf-8")
        docs = [loads(line) for line in text.splitlines() if line.strip()] if path.suffix.lower() == ".jsonl" \
            else [loads(text)]
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not all(isinstance(d, dict) and "schema" in d for d in docs) or not docs:
        return None
    try:   # a JSON-lines record is one file: read it as a whole output of one file
        records = [r for d in docs for r in load(d if "files" in d else {"schema": d["schema"], "files": [d]})]
    except ContractError as exc:
        raise JixiaoError("JX003", str(exc).split(" / ")[0], str(exc).split(" / ")[-1], str(path)) from None
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise JixiaoError("JX003", f"数据契约文件不完整或已损坏（{type(exc).__name__}: {exc}）",
                          f"the contract file is incomplete or damaged ({type(exc).__name__}: {exc})", str(path)) from None
    return [f for r in records for f in r.forms]


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
