"""Inputs of a comparison (比对的输入): a document run through the pipeline, or a contract JSON.

A file that is JSON with a ``schema`` key is read as ``jixiao check -f json`` (or ``-f jsonl``'s
one line) wrote it; anything else is read, recognised and checked as ``check`` does. Either way
the result is one ``FileRecord``, or a ``JixiaoError`` with a bilingual message naming the file.
"""

from __future__ import annotations

import json
import os
import stat
from decimal import InvalidOperation
from pathlib import Path

from .. import limits
from ..contract import ContractError, FileRecord, load
from ..errors import JixiaoError
from ..pipeline import check_path
from ..render.findings import record_of
from ..render.json import loads

_PEEK = 64


def _json_text(path: Path) -> str | None:
    """The file's text when it is a regular file that opens with ``{`` (after a BOM or spaces), else None."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limits.FILE_BYTES:
            return None   # the pipeline says what is wrong with it
        with open(path, "rb") as f:
            head = f.read(_PEEK)
            if not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
                return None
            data = head + f.read(limits.FILE_BYTES)
    except OSError:
        return None       # the pipeline names the error (missing, unreadable)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def contract_record(obj: dict, name: str) -> FileRecord:
    """The one file record of a parsed contract (``{"schema", "files": [one]}``, or one jsonl line)."""
    if "files" not in obj and "file" in obj:   # one line of check -f jsonl
        obj = {"schema": obj.get("schema"), "files": [obj]}
    try:
        records = load(obj)
    except ContractError as exc:
        zh, _, en = str(exc).partition(" / ")
        raise JixiaoError("JX004", zh, en or zh, name) from None
    except (KeyError, TypeError, AttributeError, ValueError, InvalidOperation) as exc:   # a hand-edited record
        raise JixiaoError("JX004", f"数据契约内容不完整（{exc!r}）", f"the contract is incomplete ({exc!r})", name) from None
    if len(records) != 1:
        raise JixiaoError("JX004", f"数据契约含 {len(records)} 个文件，比对须每方一个文件",
                          f"the contract holds {len(records)} files; diff takes one file on each side", name)
    rec = records[0]
    if rec.error:
        e = rec.error
        raise JixiaoError(e.get("code") or "JX001", e.get("zh") or "文件无法读取",
                          e.get("en") or "the file could not be read", rec.file)
    return rec


def load_record(path: str | Path, profile: str | None = None) -> FileRecord:
    """One side of a comparison as a record: a contract JSON read back, or the document checked.
    Raises ``JixiaoError`` when the file cannot be read (the message names it)."""
    path = Path(path)
    text = _json_text(path)
    if text is not None:
        try:
            obj = loads(text)
        except json.JSONDecodeError:
            obj = None     # not JSON after all: a document that opens with a brace
        if isinstance(obj, dict) and "schema" in obj:
            return contract_record(obj, str(path))
    checked = check_path(path, profile)
    if checked.error is not None:
        raise checked.error
    return record_of(checked)
