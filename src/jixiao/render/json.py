"""JSON rendering (JSON 输出): the public contract, with exact decimal literals.

``json`` cannot write a ``Decimal`` as a number, and floats would lose "0.00". ``dumps``
writes Decimals as their exact literal; ``loads`` reads numbers with a fraction back as
``Decimal``.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ..blocks import Document
from ..classify import DocumentInfo
from ..contract import FileRecord
from ..forms.model import Form


# A Decimal goes through the C encoder as a marked string and comes out as its bare literal.
_MARK, _END = "\ue000\ue001jixiao-decimal:", "\ue001\ue000"
_MARKED = re.compile('"' + _MARK + r'([^"\ue001]*)' + _END + '"')


def _decimal(o: Any) -> str:
    if isinstance(o, Decimal):
        return _MARK + (format(o, "f") if o.is_finite() else "null") + _END
    raise TypeError(f"{type(o).__name__} 不属于数据契约 / is not part of the contract")


def dumps(obj: Any, indent: int | None = 2) -> str:
    """Serialise with Decimals as exact JSON numbers ("61.04", "0.00", "10"), never through a
    float; by the standard library's encoder (three times the speed of a walk in Python)."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent, default=_decimal)
    return _MARKED.sub(lambda m: m.group(1), text) if _MARK in text else text


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
