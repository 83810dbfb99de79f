"""CSV exports (CSV 导出): the register (台账) and the findings list (问题清单).

Both are UTF-8 with a byte-order mark, so that Excel on a Chinese Windows opens them as UTF-8
rather than GBK, with Chinese headers and RFC 4180 quoting (commas, quotes and line breaks
inside a cell are quoted). Text that a spreadsheet would take for a formula — beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return — is written with a leading apostrophe
(``'=SUM(A1)``), as OWASP advises against CSV injection; a plain number such as ``-0.50`` is
left alone, and text that itself begins with an apostrophe gets one more, so
``unescape_formula`` gives back exactly what was written. Amounts are written as printed
(``Decimal`` in plain notation, never through float).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ..contract import FileRecord
from ..checks import SEVERITY_ZH
from ..store.reviews import ZH as REVIEW_STATES
from .base import kind_of, output, plain, unit_of
from .ledger import HEADERS, LedgerRow, Status

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)%?$")

FINDING_HEADERS = ("文件", "sha256", "单位", "类型", "年度", "表", "代码", "级别", "对象", "说明", "应为", "实为",
                   "位置", "指纹", "复核状态")


def escape_formula(text: str) -> str:
    """Text a spreadsheet will show and never execute: ``=SUM(A1)`` → ``'=SUM(A1)``."""
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The text ``escape_formula`` was given (for scripts that read the CSV back)."""
    return text[1:] if text.startswith("'") else text


def cell_text(value: object) -> str:
    """One CSV cell: blank for None, 是/否 for a flag, a Decimal as printed, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, int):
        return str(value)
    return escape_formula(str(value))


def write_ledger_csv(rows: Iterable[LedgerRow], path: str | Path) -> int:
    """Write the register (台账) as CSV; returns the number of files (rows) written."""
    n = 0
    with output(path) as part, part.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADERS)
        for row in rows:
            out.writerow([cell_text(v) for v in row.values()])
            n += 1
    return n


def write_findings_csv(records: Iterable[FileRecord], status: Status | None, path: str | Path) -> int:
    """Write one row per finding (问题清单): the file and what it is, the finding's code, severity
    in Chinese, subject, message, the two values, its place in the user's terms (第3页, 表2!C5,
    第12行), its fingerprint and its review status (待处理 / 已确认 / 已排除 / 已修正). Returns
    the number of findings written."""
    n = 0
    with output(path) as part, part.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(FINDING_HEADERS)
        for record in records:
            states = status(record) if status is not None else {}
            head = [record.file, record.sha256, unit_of(record), kind_of(record),
                    record.document.year if record.document is not None else None]
            for finding in record.findings:
                state = states.get(finding.fingerprint, "open")
                out.writerow([cell_text(v) for v in (
                    *head, None if finding.form is None else finding.form + 1, finding.code,
                    SEVERITY_ZH.get(finding.severity, finding.severity), finding.subject, finding.message,
                    finding.expected, finding.found, finding.place, finding.fingerprint,
                    REVIEW_STATES.get(state, state))])
                n += 1
    return n
