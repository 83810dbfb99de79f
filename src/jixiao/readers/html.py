"""Web pages (HTML 读取): government portals' disclosures, text and tables in page order.

Paragraph-like elements (p, h1–h6, li, and divs holding text directly) become paragraphs;
tables become tables on their grid: a cell spanning columns (colspan) or rows (rowspan) keeps its
text in its first column and row and leaves the others blank, the shape text renditions of such
tables have. A table nested in a cell is read as that cell's text. Scripts and styles are
dropped. Each block gets a line in a text rendition (``Document.lines``); each cell its address
(“表2!C5”).
"""

from __future__ import annotations

import re

from .. import limits
from ..blocks import Document
from ..errors import ReadError
from .rendition import add_paragraph, add_table, column_letters

_TEXT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "pre", "blockquote", "dt", "dd"}
_SKIP = {"script", "style", "noscript", "head", "template"}


def _clean(text: str) -> str:
    return re.sub(r"[ \t\r\f\v\u00a0]+", " ", text).strip()


def _cell_text(td) -> str:
    parts = []
    for node in td.iter():
        if node.tag in ("br", "p", "div", "tr") and parts and parts[-1] != "\n":
            parts.append("\n")
        elif node.tag in ("td", "th") and node is not td and parts:
            parts.append(" ")   # cells of a nested table
        if isinstance(node.tag, str) and node.tag not in _SKIP and node.text:
            parts.append(node.text)
        if node is not td and node.tail:
            parts.append(node.tail)
    return "\n".join(_clean(s) for s in "".join(parts).split("\n") if _clean(s))


def _grid(table) -> list[list[str]]:
    """Rows of a table with rowspan and colspan laid out on the grid."""
    rows: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}   # (row, col) cells covered by a rowspan above
    trs = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owner(tr) is table][:limits.TABLE_ROWS + 1]
    for r, tr in enumerate(trs):
        row: list[str] = []
        k = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, k) in pending:
                row.append(pending.pop((r, k)))
                k += 1
            if k >= limits.TABLE_COLUMNS:
                break
            span = min(limits.clamp_span(td.get("colspan")), limits.TABLE_COLUMNS - k)
            down = min(limits.clamp_span(td.get("rowspan")), len(trs) - r)
            row += [_cell_text(td)] + [""] * (span - 1)
            for dr in range(1, down):
                for dk in range(span):
                    pending[(r + dr, k + dk)] = ""
            k += span
        while (r, k) in pending:
            row.append(pending.pop((r, k)))
            k += 1
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _owner(tr):
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def read_html(data: bytes, path: str, text: str) -> Document:
    """Read an HTML page (already decoded to ``text``) into a Document."""
    from lxml import etree, html
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("JX001", f"网页无法解析（{exc}）", f"the web page cannot be parsed ({exc})", path) from None
    doc = Document(path=path, blocks=[], encoding=None)
    tables = 0

    def walk(el, depth: int = 0) -> None:
        nonlocal tables
        if depth > limits.NESTING:
            doc.left_out.append(f"嵌套超过{limits.NESTING}层的网页元素")
            return
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP:
                continue
            if tag == "table":
                tables += 1
                add_table(doc, _grid(child), lambda r, k, n=tables: f"表{n}!{column_letters(k)}{r + 1}")
            elif tag in _TEXT_TAGS or (tag == "div" and not any(isinstance(c.tag, str) and c.tag in (
                    "div", "table", "p", "ul", "ol") for c in child)):
                for line in _cell_text(child).split("\n"):
                    if line:
                        add_paragraph(doc, line)
            else:
                walk(child, depth + 1)

    body = root.find("body")
    walk(body if body is not None else root)
    return doc
