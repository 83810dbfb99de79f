"""Shared ground of the exports (导出公用): the export error, safe output files, cell text.

Every writer writes to ``NAME.part`` beside the target and renames it when done, so a failed
export never leaves a half-written file under the real name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from ..contract import FileRecord

# what the reviewer's status of a finding (复核状态) may be, and its Chinese name
CLOSED_STATES = frozenset({"dismissed", "fixed"})


class ExportError(ValueError):
    """An export that cannot be written as asked (导出失败), said in Chinese and English."""

    def __init__(self, zh: str, en: str, file: str | None = None, place: str | None = None):
        self.zh, self.en, self.file, self.place = zh, en, file, place
        where = ":".join(x for x in (file, place) if x)
        super().__init__(f"{where + ': ' if where else ''}{zh} / {en}")


@contextmanager
def output(path: str | Path) -> Iterator[Path]:
    """The file to write, as ``NAME.part``; renamed to ``NAME`` when the block ends without error."""
    path = Path(path)
    if path.parent and not path.parent.is_dir():
        raise ExportError(f"输出目录不存在：{path.parent}", f"no such folder: {path.parent}", str(path))
    part = path.with_name(path.name + ".part")
    try:
        yield part
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()


def folder_of(folder: str | Path) -> Path:
    """The output folder, made if missing (导出目录)."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ExportError(f"不是目录：{out}", f"not a folder: {out}", str(out)) from None
    return out


def unit_of(record: FileRecord) -> str | None:
    """The unit a file is by (单位): ``FileRecord.unit``."""
    return record.unit


def kind_of(record: FileRecord) -> str:
    """The file's kind in Chinese (类型), as ``classify`` names it; empty for an unread file."""
    return record.document.kind_name if record.document is not None else ""


def place_of(record: FileRecord) -> str:
    """Province, city and county as one name (地区: 湖南省岳阳市君山区); empty when unknown."""
    if record.document is None or not record.document.place.known:
        return ""
    return "".join(record.document.place.names())


def decimals_of(value: Decimal) -> int:
    """How many decimals a number was printed with (98 → 0, 99.02 → 2, 1E+2 → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def plain(value: Decimal) -> str:
    """A Decimal as printed, never in exponent notation ("1E+2" → "100")."""
    return format(value, "f")


# characters XML 1.0 (and so an .xlsx cell) cannot hold
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text an .xlsx cell can hold: control characters XML forbids become U+FFFD (�)."""
    return _XML_ILLEGAL.sub("\ufffd", text)
