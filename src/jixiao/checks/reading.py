"""Reading quality (读取质量): what the reader itself is unsure of, for the reviewer to verify."""

from __future__ import annotations

import re
from decimal import Decimal

from ..blocks import Table
from . import Context, check, hit

_FIGURE = re.compile(r"\d")
SURE = 0.9   # an OCR score below this on a figure is shown to the reviewer


@check("JX010", "info", "reading", scope="document")
def unsure_figures(ctx: Context):
    """扫描件数字识别置信度低 — a figure read from a scan with low OCR confidence.

    **What it checks.** Every table cell read by OCR (扫描件) that holds a figure keeps the
    engine's confidence (0–1). A figure read below 0.9 is listed with its page, cell address
    and score. Text cells are not listed: a slip in a label rarely changes a finding.

    **Why it matters.** Every later check trusts the figures it is given. A 3 read as 8 on a
    stamped, tilted scan would become a false error; the reviewer compares these few cells
    with the paper before signing.

    **Fires:** a cell “1121.00” read with confidence 0.78.
    **Does not fire:** the same cell read at 0.99, or any cell of a Word, Excel, text or text-PDF file.
    """
    for block in ctx.doc.blocks:
        if not isinstance(block, Table):
            continue
        for row in block.rows:
            for cell in row:
                if cell.confidence is None or cell.confidence >= SURE or not _FIGURE.search(cell.text):
                    continue
                where = f"第{cell.ref.page}页" if cell.ref.page else ""
                yield hit(cell.ref, f"OCR 识别 {where}{cell.ref.cell or cell.ref.line}", f"{where}{cell.ref.cell or ''}的数字“{cell.text}”由 OCR 识别，"
                          f"置信度{cell.confidence:.2f}，请对照原件核对。", None, cell.text)


NOT_CHECKED = "JX011"


@check(NOT_CHECKED, "info", "reading", scope="document")
def not_checked(ctx: Context):
    """未能复核 — nothing in the file could be checked.

    **What it checks.** A file in which jixiao recognised no form (自评表, 目标表, 预算或决算公开表)
    and no figure of the prose that it could recompute. It is named, with what the file was
    taken for (a policy text, a letter, a web page of links, a layout jixiao does not know), and
    counted apart in the summary.

    **Why it matters.** "未发现问题" on such a file would read as a clean bill of health. A
    reviewer must know that nothing was checked, and open the file herself.

    **Fires:** a 预算绩效管理办法 (a rule, no tables), a cover letter, a portal page that only links
    to the PDF, or a table layout no recogniser knows.
    **Does not fire:** any file with at least one recognised form or one recomputed claim, even
    when all of them hold.
    """
    if ctx.forms or ctx.claims:
        return
    from ..classify import kind_name
    taken = kind_name(ctx.kind) if ctx.kind else "无法判别的文件"
    yield hit(None, "全文", f"本文件判为“{taken}”，未识别出可复核的表格或文中数字论断，未经复核，"
              "不能视为没有问题，请人工审阅。")


_SHOWN = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def shown_value(text: str) -> Decimal | None:
    """The number a cell shows, as the reviewer reads it: “1,234.57万” → 1234.57, “5.7%” → 0.057."""
    m = _SHOWN.search(text or "")
    if m is None or len(_SHOWN.findall(text)) != 1:
        return None
    value = Decimal(m.group(0).replace(",", ""))
    return value / 100 if text.strip().endswith("%") else value


@check("JX012", "info", "reading", scope="document")
def shown_is_not_stored(ctx: Context):
    """显示值与存储值不是同一数 — a spreadsheet cell shows another number than it holds.

    **What it checks.** Every numeric cell of an XLSX/XLS workbook keeps the value it stores and
    the text Excel, WPS and LibreOffice show under its number format. jixiao judges the figure
    the reviewer sees, at its displayed precision. Where the shown figure is not the stored value
    rounded to the digits shown — a format that scales (``#,##0.00,"万"`` shows 1234567.891 as
    1,234.57万), a zero section printing “—” for a value that is not zero — the cell is named with
    both, so the reviewer knows which of the two the document's other figures were computed from.

    **Why it matters.** A table whose amounts are shown in 万 but stored in 元 adds up in the
    display and not in the file (or the other way round); a figure copied out of the workbook
    then carries the wrong unit.

    **Fires:** a cell storing 1234567.891 shown as “1,234.57万”.
    **Does not fire:** 0.125 shown as “0.13” under ``0.00`` (the same number, rounded to two
    decimals); 0.0565 shown as “5.7%”.
    """
    for block in ctx.doc.blocks:
        if not isinstance(block, Table):
            continue
        for row in block.rows:
            for cell in row:
                if cell.stored is None or not cell.text:
                    continue
                value, shown = Decimal(cell.stored), shown_value(cell.text)
                if shown is None:
                    continue
                digits = -shown.as_tuple().exponent if shown.as_tuple().exponent < 0 else 0
                if abs(value - shown) <= Decimal(1).scaleb(-digits) / 2 + Decimal("1e-9"):
                    continue
                yield hit(cell.ref, "显示值", f"{cell.ref.cell or ''}显示为“{cell.text}”，单元格中存储的数为"
                          f"{cell.stored}，两者不是同一数的舍入；请核对文件中其他数字依据的是显示值还是存储值。",
                          cell.stored, cell.text)


@check("JX013", "warning", "reading", scope="document")
def content_left_out(ctx: Context):
    """文件中有未读取的内容 — part of the file was not read.

    **What it checks.** What the reader left out and said so: hidden worksheets and hidden rows,
    PDF pages that could not be read, formula cells whose file keeps no computed value (a workbook
    saved by a program that does not calculate), text deleted in tracked changes. One finding per
    file lists them.

    **Why it matters.** A total printed in the file can depend on a hidden row or an uncalculated
    formula; every check of that total then judges a sum of what was visible, not of what the
    file holds. The reviewer opens those places before signing.

    **Fires:** a workbook with 3 hidden rows in 表2; a formula cell B12 saved without its value.

    **Does not fire:** a file read whole.
    """
    if ctx.doc.left_out:
        yield hit(None, "未读取的内容", f"文件中有未读取的内容：{'；'.join(ctx.doc.left_out)}。相关合计可能依赖这些内容，"
                  "请打开原文件核对。", None, "；".join(ctx.doc.left_out))
