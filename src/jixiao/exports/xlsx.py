"""The register as a workbook (台账 XLSX): what a reviewer at a finance bureau opens in Excel or WPS.

Written with openpyxl's write-only workbook, one row at a time, so thousands of files take
constant memory. Sheet 台账: a title row, the Chinese headers (frozen, with an autofilter),
column widths, numbers as number cells with a format that shows each number's printed
precision (a reported 98 shows 98, a recomputed 99.02 shows 99.02 — recomputed scores carry
two decimals), counts as integers, 是/否 for whether the file was checked. Every text is
written as a string cell, never as a formula: ``=SUM(A1)`` in a file name stays text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import __version__
from .base import decimals_of, output, xml_safe
from .ledger import COLUMNS, LedgerRow

SHEET = "台账"
TITLE = "绩效文件复核台账 / review register"
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TITLE_FONT = Font(bold=True, size=14)


def number_format(value: Decimal | int, kind: str) -> str:
    """The cell format showing the number as printed: ``0`` for counts and years, else as many
    decimals as the number carries (``0.00`` for 99.02)."""
    if kind == "int" or isinstance(value, int):
        return "0"
    places = decimals_of(value)
    return "0." + "0" * places if places else "0"


def _cell(ws, value: object, kind: str) -> WriteOnlyCell:
    if value is None or value == "":
        return WriteOnlyCell(ws, value=None)   # a blank cell, not an empty text
    if kind == "flag":
        return WriteOnlyCell(ws, value="是" if value else "否")
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format(value, kind)
        return cell
    cell = WriteOnlyCell(ws, value=xml_safe(str(value)))
    cell.data_type = "s"   # a text beginning with "=" stays text, never a formula
    return cell


def write_ledger_xlsx(rows: Iterable[LedgerRow], path: str | Path) -> int:
    """Write the register (台账) as an .xlsx workbook; returns the number of files (rows) written."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    for k, col in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(k)].width = col.width
    ws.freeze_panes = "B3"   # the title and the headers, and the file's name, stay in view
    title = WriteOnlyCell(ws, value=f"{TITLE}（jixiao {__version__}，{date.today().isoformat()}）")
    title.font = _TITLE_FONT
    ws.append([title])
    heads = []
    for col in COLUMNS:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        heads.append(cell)
    ws.append(heads)
    n = 0
    for row in rows:
        ws.append([_cell(ws, v, col.kind) for v, col in zip(row.values(), COLUMNS)])
        n += 1
    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{n + 2}"
    with output(path) as part:
        wb.save(part)
    return n
