"""Fixtures rendered by us (测试样件): our own documents saved as DOCX, to read them back.

``to_docx`` writes a Document's blocks — the same paragraphs and table rows — into a Word
file, merging a header cell with the blank cells to its right as Word users do, so that the
reader meets gridSpan and vMerge as in real files.
"""

from __future__ import annotations

import io

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
        for i, row in enumerate(b.rows):
            for k, c in enumerate(row):
                t.cell(i, k).text = c.text
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
