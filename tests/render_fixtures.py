"""Fixtures rendered by us (测试样件): our own documents saved as DOCX, to read them back.

``to_docx`` writes a Document's blocks — the same paragraphs and table rows — into a Word
file, merging a header cell with the blank cells to its right as Word users do, so that the
reader meets gridSpan and vMerge as in real files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from jixiao.blocks import Document, Paragraph, Table


def to_docx(doc: Document, merge_headers: bool = True) -> bytes:
    from docx import Document as new_docx
    out = new_docx()
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out.add_paragraph(b.text)
            continue
        assert isinstance(b, Table)
        width = max(len(r) for r in b.rows)
        t = out.add_table(rows=len(b.rows), cols=width)
        grid = t._cells   # once: Table.cell(i, k) walks the whole table each call (quadratic on big tables)
        for i, row in enumerate(b.rows):
            for k, c in enumerate(row):
                grid[i * width + k].text = c.text
        if merge_headers:
            _merge_first_row(t, [c.text for c in b.rows[0]], width)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _merge_first_row(t, texts: list[str], width: int) -> None:
    """“收入 | | | 支出 | |” → 收入 spanning three columns, 支出 two: a merged header row."""
    k = 0
    while k < width:
        end = k + 1
        while end < width and not (texts[end] if end < len(texts) else "").strip():
            end += 1
        if (texts[k] if k < len(texts) else "").strip() and end - k > 1:
            t.cell(0, k).merge(t.cell(0, end - 1))
            t.cell(0, k).text = texts[k]
        k = end


_NUMBER = re.compile(r"^-?\d+(\.\d+)?%?$")


def _typed(ws_cell, text: str) -> None:
    """Write a figure as a number with the format that prints it as it was (89.68% → 0.8968, 0.00%)."""
    if not _NUMBER.match(text) or (text.startswith("0") and len(text) > 1 and text[1] != "."):
        ws_cell.value = text
        if text.startswith("="):   # “=317360人” is text, as a user types it with a leading apostrophe
            ws_cell.data_type = "s"
        return
    percent = text.endswith("%")
    digits = text.rstrip("%")
    places = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits) / (100 if percent else 1)
    ws_cell.value = int(digits) if not percent and places == 0 else value
    zeros = "0." + "0" * places if places else "0"
    ws_cell.number_format = zeros + ("%" if percent else "")


def to_xlsx(doc: Document, sheets: int = 1) -> bytes:
    """The blocks on worksheet rows: paragraphs on one merged row, a blank row after each table,
    figures as typed numbers; ``sheets`` > 1 spreads the tables over several sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side
    thin = Side(style="thin")
    RULED = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    ws = wb.active
    tables = sum(isinstance(b, Table) for b in doc.blocks)
    per_sheet = max(1, -(-tables // sheets))
    r, done = 1, 0
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            ws.cell(r, 1).value = b.text
            r += 1
            continue
        if done and done % per_sheet == 0:
            ws, r = wb.create_sheet(f"表{done // per_sheet + 1}"), 1
        width = max(len(row) for row in b.rows)
        for row in b.rows:
            for k in range(width):
                cell = ws.cell(r, k + 1)
                cell.border = RULED   # a form's grid, blank rows included
                if k < len(row) and row[k].text:
                    _typed(cell, row[k].text)
            r += 1
        r += 1   # a blank row closes the table
        done += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_html(doc: Document, encoding: str = "utf-8") -> bytes:
    """A portal-style page: paragraphs as <p>, tables with the first row's blank runs as colspan."""
    from html import escape
    out = [f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>公开</title>'
           "<style>td{border:1px solid}</style></head><body><div class=\"content\">"]
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out.append(f"<p>{escape(b.text).replace(chr(10), '<br>')}</p>")
            continue
        out.append("<table>")
        width = max(len(r) for r in b.rows)
        for i, row in enumerate(b.rows):
            texts = [c.text for c in row] + [""] * (width - len(row))
            cells, k = [], 0
            while k < width:
                end = k + 1
                if i == 0 and texts[k].strip():
                    while end < width and not texts[end].strip():
                        end += 1
                span = f' colspan="{end - k}"' if end - k > 1 else ""
                cells.append(f"<td{span}>{escape(texts[k]).replace(chr(10), '<br>')}</td>")
                k = end
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append("</div><script>var x = '<table>';</script></body></html>")
    return "\n".join(out).encode(encoding)


def checked_both(text_path: Path, tmp_path: Path, render: Callable[[Document], bytes], suffix: str):
    """(text result, result of the same document rendered by ``render`` and read back)."""
    from jixiao.pipeline import check_path
    from jixiao.readers import read_path
    saved = tmp_path / (text_path.stem + suffix)
    saved.write_bytes(render(read_path(text_path)))
    return check_path(text_path), check_path(saved)


def without_place(result, page: bool = False) -> list:
    """Findings with no place a user can find: a page for a PDF, else a cell or paragraph."""
    return [(f.code, f.subject) for f in result.findings
            if f.ref is None or (page and not f.ref.page) or (not page and not (f.ref.cell or f.ref.paragraph))]


def essence(result):
    """What must not depend on the file format: the forms' key fields and the findings."""
    forms = [(f.kind, f.project, f.department, f.year, len(f.indicators),
              f.budget.main.executed if f.budget and f.budget.main else None,
              len(f.data.get("rows", []))) for f in result.forms]

    def unplaced(s):   # line numbers differ between renditions; the finding does not
        return re.sub(r"第\d+行", "第N行", s or "")
    findings = sorted((f.code, f.severity, unplaced(f.expected), unplaced(f.found)) for f in result.findings)
    return forms, findings
