"""Word documents (DOCX 读取): every part a reader sees, in reading order.

Every block gets a line number in a text rendition of the document — one line per paragraph,
one per table row with its cells joined by tabs — which ``Document.lines`` keeps, so findings
quote their place as they do for text files. Table cells also carry their address
(“表2!C5”: table 2, column C, row 5). A horizontally merged cell (gridSpan) holds its text in
its first grid column and leaves the others blank; a vertically merged one (vMerge) holds it in
its first row: the shape text renditions of such tables have. A table nested in a cell is read
as that cell's text.

What Word shows is read, wherever the file keeps it:
- content controls (``w:sdt``: the fill-in fields of the 一体化 systems' templates), at block
  level, inline and in cells; custom XML and smart tags, by their content;
- text boxes (``w:txbxContent``), as paragraphs after the paragraph that anchors them, once
  (Word's ``mc:AlternateContent`` keeps each twice: the drawing and its VML fallback);
- field results (the page number, a date, a formula's value), not their instructions;
- tracked changes as accepted: insertions read, deletions and moved-away text left out, with a
  reader note;
- headers and footers (a unit's name often stands there), once each, before and after the body;
- footnotes and endnotes, after the body.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from lxml import etree

from .. import limits
from ..blocks import Document
from ..errors import ReadError
from .rendition import add_paragraph, add_table, column_letters

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {_W + "delText", _W + "instrText", _W + "moveFrom", _W + "del", _W + "txbxContent", _MC + "Fallback",
         _W + "footnoteReference", _W + "endnoteReference"}
_CONTAINERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag", _MC + "AlternateContent",
               _MC + "Choice"}


def _text(el, boxes: list | None = None) -> str:
    """The text Word shows for a paragraph or cell: tabs as spaces, breaks as line breaks; deleted
    text, field instructions and a drawing's VML fallback left out; text boxes set aside in
    ``boxes`` (their own paragraphs)."""
    parts: list[str] = []
    stack = [el]   # in document order, without recursion: a cell may nest tables hundreds deep
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == _W + "txbxContent":
            if boxes is not None:
                boxes.append(node)
            continue
        if tag in _SKIP:
            continue
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "p" and parts and parts[-1] != "\n":
            parts.append("\n")
        stack.extend(reversed(node))
    return "".join(parts).strip()


def _grid(tbl) -> list[list[str]]:
    """The table's rows on its grid: merged cells' text in their first column and row only."""
    rows: list[list[str]] = []
    for tr in tbl.findall(_W + "tr")[:limits.TABLE_ROWS + 1]:
        row: list[str] = []
        for tc in _cells(tr):
            if len(row) >= limits.TABLE_COLUMNS:
                break
            pr = tc.find(_W + "tcPr")
            span = 1
            vmerge = None
            if pr is not None:
                gs = pr.find(_W + "gridSpan")
                span = min(limits.clamp_span(gs.get(_W + "val") if gs is not None else None), 64,
                           limits.TABLE_COLUMNS - len(row))
                vm = pr.find(_W + "vMerge")
                vmerge = None if vm is None else (vm.get(_W + "val") or "continue")
            text = "" if vmerge == "continue" else _text(tc)
            row += [text] + [""] * (span - 1)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _cells(tr):
    """A row's cells, also those a content control wraps."""
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _cells(child)


class _Walker:
    def __init__(self, doc: Document):
        self.doc = doc
        self.tables = 0
        self.paragraphs = 0   # paragraphs with text, in reading order: 第N段
        self.changes = 0

    def blocks(self, parent) -> None:
        """Paragraphs and tables of a body, header, footer, note or text box, in order."""
        for el in parent:
            if el.tag == _W + "p":
                self.paragraph(el)
            elif el.tag == _W + "tbl":
                self.tables += 1
                add_table(self.doc, _grid(el), lambda r, k, n=self.tables: f"表{n}!{column_letters(k)}{r + 1}")
            elif el.tag in _CONTAINERS:
                self.blocks(el)
            elif el.tag in (_W + "ins", _W + "moveTo"):
                self.blocks(el)

    def paragraph(self, p) -> None:
        self.changes += sum(1 for _ in p.iter(_W + "del", _W + "moveFrom"))
        boxes: list = []
        text = _text(p, boxes)
        if text:
            self.paragraphs += 1
            add_paragraph(self.doc, text, paragraph=self.paragraphs)
        for box in boxes:
            self.blocks(box)


def _part(zf: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        return None


def _header_footer_names(zf: zipfile.ZipFile) -> tuple[list[str], list[str]]:
    names = sorted(n for n in zf.namelist() if n.startswith("word/") and n.endswith(".xml"))
    return [n for n in names if n.startswith("word/header")], [n for n in names if n.startswith("word/footer")]


def walk_story(zf: zipfile.ZipFile, body, walk: Callable, walk_body: Callable | None = None) -> None:
    """The document as Word shows it, in the reader's order (正文次序): the headers, each text once
    (every section repeats its own), the body, the footers likewise. ``walk`` reads a part;
    ``walk_body``, where given, reads the body instead (the annotator marks what lies there)."""
    headers, footers = _header_footer_names(zf)
    seen: set[str] = set()

    def once(names: list[str]) -> None:
        for name in names:
            root = _part(zf, name)
            text = _text(root) if root is not None else ""
            if root is not None and text and text not in seen:
                seen.add(text)
                walk(root)

    once(headers)
    (walk_body or walk)(body)
    once(footers)


def read_docx(data: bytes, path: str) -> Document:
    """Read a .docx file's bytes into a Document."""
    try:
        from docx import Document as open_docx
        body = open_docx(io.BytesIO(data)).element.body
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError("JX001", f"Word 文件已损坏或无法打开（{type(exc).__name__}）",
                        f"the Word file is damaged or cannot be opened ({type(exc).__name__})", path) from None
    doc = Document(path=path, blocks=[], encoding=None)
    walker = _Walker(doc)
    walk_story(zf, body, walker.blocks)
    for name, tag in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
        root = _part(zf, name)
        for note in root.findall(_W + tag) if root is not None else []:
            if note.get(_W + "type") in (None, "normal"):
                walker.blocks(note)
    if walker.changes:
        doc.left_out.append(f"{walker.changes}处修订中删除的文字")
        doc.notes.append(f"文档含修订：{walker.changes}处删除的文字未读取，插入的文字已读取 / tracked changes: "
                         f"{walker.changes} deletions left out, insertions read")
    return doc
