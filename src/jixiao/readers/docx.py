"""Word documents (DOCX 读取): paragraphs and tables in body order, merged cells on the grid.

Every block gets a line number in a text rendition of the document — one line per paragraph,
one per table row with its cells joined by tabs — which ``Document.lines`` keeps, so findings
quote their place as they do for text files. Table cells also carry their address
(“表2!C5”: table 2, column C, row 5). A horizontally merged cell (gridSpan) holds its text in
its first grid column and leaves the others blank; a vertically merged one (vMerge) holds it in
its first row: the shape text renditions of such tables have. A table nested in a cell is read
as that cell's text.
"""

from __future__ import annotations

import io
import zipfile

from ..blocks import Document
from ..errors import ReadError
from .rendition import add_paragraph, add_table, column_letters

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(el) -> str:
    """The text of a paragraph or cell, with tabs and breaks kept as spaces and line breaks."""
    parts = []
    for node in el.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append(" ")
        elif node.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif node.tag == _W + "p" and parts and parts[-1] != "\n":
            parts.append("\n")
    return "".join(parts).strip()


def _grid(tbl) -> list[list[str]]:
    """The table's rows on its grid: merged cells' text in their first column and row only."""
    rows: list[list[str]] = []
    for tr in tbl.findall(_W + "tr"):
        row: list[str] = []
        for tc in tr.findall(_W + "tc"):
            pr = tc.find(_W + "tcPr")
            span = 1
            vmerge = None
            if pr is not None:
                gs = pr.find(_W + "gridSpan")
                span = int(gs.get(_W + "val", "1")) if gs is not None else 1
                vm = pr.find(_W + "vMerge")
                vmerge = None if vm is None else (vm.get(_W + "val") or "continue")
            text = "" if vmerge == "continue" else _text(tc)
            row += [text] + [""] * (span - 1)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def read_docx(data: bytes, path: str) -> Document:
    """Read a .docx file's bytes into a Document."""
    try:
        from docx import Document as open_docx
        body = open_docx(io.BytesIO(data)).element.body
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError("JX001", f"Word 文件已损坏或无法打开（{type(exc).__name__}）",
                        f"the Word file is damaged or cannot be opened ({type(exc).__name__})", path) from None
    doc = Document(path=path, blocks=[], encoding=None)
    tables = 0
    for el in body.iterchildren():
        if el.tag == _W + "p":
            text = _text(el)
            if text:
                add_paragraph(doc, text)
        elif el.tag == _W + "tbl":
            tables += 1
            add_table(doc, _grid(el), lambda r, k, n=tables: f"表{n}!{column_letters(k)}{r + 1}")
    return doc
