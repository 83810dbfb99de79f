"""Reading quality (读取质量): what the reader itself is unsure of, for the reviewer to verify."""

from __future__ import annotations

import re

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
                yield hit(cell.ref, "OCR 识别", f"{where}{cell.ref.cell or ''}的数字“{cell.text}”由 OCR 识别，"
                          f"置信度{cell.confidence:.2f}，请对照原件核对。", None, cell.text)
