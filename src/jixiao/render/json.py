"""JSON rendering (JSON 输出): the public contract, with exact decimal literals.

``json`` cannot write a ``Decimal`` as a number, and floats would lose "0.00". ``dumps``
writes Decimals as their exact literal; ``loads`` reads numbers with a fraction back as
``Decimal``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..blocks import Document
from ..classify import DocumentInfo
from ..contract import FileRecord
from ..forms.model import Form


def dumps(obj: Any, indent: int | None = 2) -> str:
    """Serialise with Decimals as exact JSON numbers ("61.04", "0.00", "10")."""
    return _write(obj, indent, 0)


def _write(obj: Any, indent: int | None, depth: int) -> str:
    if isinstance(obj, Decimal):
        s = format(obj, "f")
        return s if obj.is_finite() else "null"
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{json.dumps(str(k), ensure_ascii=False)}: {_write(v, indent, depth + 1)}" for k, v in obj.items()]
        return _wrap("{", "}", items, indent, depth)
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return _wrap("[", "]", [_write(v, indent, depth + 1) for v in obj], indent, depth)
    return json.dumps(obj, ensure_ascii=False)


def _wrap(open_: str, close: str, items: list[str], indent: int | None, depth: int) -> str:
    if indent is None:
        return open_ + ", ".join(items) + close
    pad = " " * (indent * (depth + 1))
    end = " " * (indent * depth)
    return open_ + "\n" + ",\n".join(pad + i for i in items) + "\n" + end + close


def loads(text: str) -> Any:
    """Parse JSON with fractional numbers as Decimal."""
    return json.loads(text, parse_float=Decimal, parse_int=_int)


def _int(s: str) -> int | Decimal:
    """An integer literal; one longer than ``int()`` converts (4,300 digits) as a Decimal."""
    return int(s) if len(s) <= 4000 else Decimal(s)


def document_json(doc: Document, forms: list[Form], info: DocumentInfo | None = None) -> dict:
    """One file's record as ``jixiao show --format json`` prints it: what it is and its forms
    (the contract's file record, not checked)."""
    return FileRecord(doc.path, doc.sha256, doc.size, doc.format, info, forms=list(forms)).to_json()


def forms_from_json(obj: dict) -> list[Form]:
    """Read back the forms of one file object (the inverse of ``document_json``)."""
    return [Form.from_json(f, obj["file"]) for f in obj.get("forms", [])]
