"""XLSX writer (Excel 官方表样): one worksheet per form.

The title in 宋体 over the grid's width, the lines above it, the grid ruled on every side in 仿宋
with its merges, figures as numbers whose format prints them at their own precision (40.00 as
``0.00``, 82.50% as ``0.00%``), columns fit to their text, A4 (landscape where the table is
wide) fitted to one page across.
"""

from __future__ import annotations

import io
from .layout import BODY_FONT, TITLE_FONT, Cell, Sheet


def _number_format(c: Cell) -> str:
    exp = c.number.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    zeros = "0." + "0" * places if places else "0"
    return zeros + ("%" if c.percent else "")


def _put(ws, r: int, k: int, c: Cell, fonts) -> None:
    from openpyxl.styles import Alignment
    cell = ws.cell(r, k)
    if c.number is not None and c.number.is_finite():
        cell.value = c.number / 100 if c.percent else c.number
        cell.number_format = _number_format(c)
    else:
        cell.value = c.text or None
        if c.text.startswith("="):
            cell.data_type = "s"   # “=100%” is a target as typed, not a formula
    cell.font = fonts["head" if c.head else "body"]
    cell.alignment = Alignment(horizontal=c.align, vertical="center", wrap_text=True)


def write_xlsx(sheets: list[Sheet]) -> bytes:
    """The sheets as one workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    thin = Side(style="thin")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = {"title": Font(name=TITLE_FONT, size=16, bold=True), "line": Font(name=BODY_FONT, size=11),
             "head": Font(name=BODY_FONT, size=11, bold=True), "body": Font(name=BODY_FONT, size=11)}
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        width = sheet.width
        r = 1
        for text, font in [(sheet.title, "title")] + [(t, "line") for t in sheet.above]:
            ws.cell(r, 1).value = text
            ws.cell(r, 1).font = fonts[font]
            ws.cell(r, 1).alignment = Alignment(horizontal="center" if font == "title" else "left")
            if width > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        top = r
        for i, row in enumerate(sheet.rows):
            if i in sheet.tables:
                r += 1   # a blank row: the next table starts
            for k, c in enumerate(row):
                ws.cell(r, k + 1).border = ruled
                if c is None:
                    continue
                _put(ws, r, k + 1, c, fonts)
                if c.across > 1 or c.down > 1:
                    ws.merge_cells(start_row=r, start_column=k + 1, end_row=r + c.down - 1,
                                   end_column=k + c.across)
            r += 1
        r += 1
        for text in sheet.below:
            ws.cell(r, 1).value = text
            ws.cell(r, 1).font = fonts["line"]
            r += 1
        for k, w in enumerate(sheet.widths()):
            ws.column_dimensions[get_column_letter(k + 1)].width = w
        if sheet.header_rows:
            ws.print_title_rows = f"{top}:{top + sheet.header_rows - 1}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

