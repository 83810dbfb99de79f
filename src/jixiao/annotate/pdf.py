"""PDF files annotated (PDF 批注): a red box and a numbered marker on each flagged place, and pages
at the end listing the findings by number.

A place is a page and the text read there (``SourceRef.page`` with the line's or cell's text, as
the PDF reader gave them). On that page pdfplumber finds it: a table cell through the page's
ruled tables (the row whose cells best match the row read, the cell in the reader's column),
else by searching its text near the row's other cells; a paragraph by its text, or the start of
it when it runs over a page. The boxes are drawn with reportlab on an overlay merged into the
page by pypdf, so the original text stays as it was (and can still be selected and extracted).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..blocks import Document, Paragraph, Table
from .marks import Mark, Outcome, worst

_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
          "join_tolerance": 3, "intersection_tolerance": 3}   # the PDF reader's own (readers/pdf.py)
COLOURS = {"error": (0.85, 0.1, 0.1), "warning": (0.9, 0.45, 0.0), "info": (0.1, 0.4, 0.85)}
FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Target:
    """What to look for on a page (待标位置): the text, and for a cell its row and column."""

    page: int
    text: str
    row: tuple[str, ...] = ()
    col: int | None = None


def _flat(s: str) -> str:
    return _SPACE.sub("", s or "")


def targets(doc: Document) -> tuple[dict[tuple[str, int], Target], dict[int, Target]]:
    """The read document's cells by (address, page) and paragraphs by line, as Targets."""
    cells: dict[tuple[str, int], Target] = {}
    lines: dict[int, Target] = {}
    for b in doc.blocks:
        if isinstance(b, Paragraph) and b.ref.page:
            lines.setdefault(b.ref.line, Target(b.ref.page, b.text))
        elif isinstance(b, Table):
            for row in b.rows:
                texts = tuple(c.text for c in row)
                for k, c in enumerate(row):
                    if c.ref.cell and c.ref.page:
                        cells[(c.ref.cell, c.ref.page)] = Target(c.ref.page, c.text, texts, k)
    return cells, lines


def _pattern(text: str) -> str:
    """A regex for ``text`` that lets the page break lines (or put spaces) between any two characters."""
    return r"\s*".join(re.escape(ch) for ch in _flat(text))


def _search(page, text: str) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) where ``text`` stands on ``page``; for a long text that the page
    does not hold whole (it runs over the page), where its start stands."""
    flat = _flat(text)
    for n in dict.fromkeys((len(flat), 60, 30, 15, 8)):
        if not flat or n > len(flat) or (n < len(flat) and n < 8):
            continue
        found = page.search(_pattern(flat[:n]), regex=True, return_chars=False)
        if found:
            return [(f["x0"], f["top"], f["x1"], f["bottom"]) for f in found]
    return []


def _in_tables(page, t: Target, tables: list) -> tuple[float, float, float, float] | None:
    """The box of ``t``'s cell in the page's ruled tables: the best-matching row, the cell in its
    column (else the nearest cell with its text)."""
    want = [_flat(x) for x in t.row if _flat(x)]
    best, best_score = None, 0
    for table in tables:
        texts = table.extract()
        for i, row in enumerate(table.rows):
            got = [_flat(x or "") for x in texts[i]]
            pool = list(got)
            score = 0
            for w in want:
                if w in pool:
                    pool.remove(w)
                    score += 1
            if score > best_score:
                best, best_score = (row, got), score
    if best is None or best_score < max(1, len(want) // 2):
        return None
    row, got = best
    flat = _flat(t.text)
    hits = [k for k, x in enumerate(got) if x == flat and k < len(row.cells) and row.cells[k] is not None]
    if not hits:
        return None
    k = min(hits, key=lambda k: abs(k - (t.col or 0)))
    return tuple(row.cells[k])


def _near_row(page, t: Target) -> tuple[float, float, float, float] | None:
    """A cell found by its text alone: of its matches, the one on the line of its row's other cells."""
    boxes = _search(page, t.text) if _flat(t.text) else []
    if len(boxes) <= 1:
        return boxes[0] if boxes else None
    others = sorted((x for x in t.row if _flat(x) and _flat(x) != _flat(t.text)), key=len, reverse=True)[:3]
    tops = [b[1] for o in others for b in _search(page, o)]
    if not tops:
        return boxes[0]
    return min(boxes, key=lambda b: min(abs(b[1] - y) for y in tops))


def locate(page, t: Target, tables: list) -> tuple[float, float, float, float] | None:
    """The box of a Target on its pdfplumber page, or None when the page does not show it."""
    if t.col is not None:
        return _in_tables(page, t, tables) or _near_row(page, t)
    boxes = _search(page, t.text)
    return boxes[0] if boxes else None


def _font() -> str:
    """A CJK font for the list of findings: WenQuanYi from Debian, else reportlab's STSong."""
    from reportlab.pdfbase import pdfmetrics
    if "JXCJK" in pdfmetrics.getRegisteredFontNames():
        return "JXCJK"
    from reportlab.pdfbase.ttfonts import TTFont
    for f in FONTS:
        if f.exists():
            pdfmetrics.registerFont(TTFont("JXCJK", str(f), subfontIndex=0))
            return "JXCJK"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _overlay(width: float, height: float, boxes: list[tuple[tuple, str, str]]) -> bytes:
    """One page of red boxes, each with its number in a small filled tag at its top left."""
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    for (x0, top, x1, bottom), label, level in boxes:
        r, g, b = COLOURS.get(level, COLOURS["error"])
        c.setStrokeColorRGB(r, g, b)
        c.setLineWidth(1.2)
        c.rect(x0 - 1.5, height - bottom - 1.5, x1 - x0 + 3, bottom - top + 3, stroke=1, fill=0)
        w = 4 + 4.2 * len(label)
        c.setFillColorRGB(r, g, b)
        c.rect(max(x0 - 1.5 - w, 0), height - top - 8.5, w, 8, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont("Helvetica-Bold", 6.5)
        c.drawCentredString(max(x0 - 1.5 - w, 0) + w / 2, height - top - 6.8, label)
    c.save()
    return buf.getvalue()


def _listing(marks: list[Mark], placed: set[int]) -> bytes:
    """Pages listing every finding by number (问题清单), with its places."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate
    font = _font()
    head = ParagraphStyle("head", fontName=font, fontSize=13, leading=18, spaceAfter=8)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK", spaceAfter=5)
    story = [Para(f"复核意见 / Findings（jixiao，共{len(marks)}条，{len(placed)}条已在原处标注）", head)]
    for m in marks:
        where = m.where() + ("" if m.number in placed else "（未能在页面上标出 / not marked on the page）")
        story.append(Para(escape(f"[{m.number}] {where}：{m.note()}").replace("\n", "<br/>"), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title="jixiao 复核意见").build(story)
    return buf.getvalue()


def annotate_pdf(src: Path, out: Path, marks: list[Mark], doc: Document) -> Outcome:
    """Write ``out``: ``src`` with a box on every place of every mark, and the list of findings."""
    import pdfplumber
    from pypdf import PdfReader, PdfWriter
    cells, lines = targets(doc)
    result = Outcome(out, total=len(marks))
    wanted: dict[int, list[tuple[Mark, Target, str]]] = defaultdict(list)
    for m in marks:
        for p in m.places:
            t = cells.get((p.cell, p.page)) if p.cell else None
            t = t or (lines.get(p.line) if p.page else None)
            if t is None and p.page and 1 <= p.line <= len(doc.lines):
                t = Target(p.page, doc.lines[p.line - 1])
            if t is None or not _flat(t.text):
                if p.page or p.cell:
                    result.missed.append(p.where)
                continue
            wanted[t.page].append((m, t, p.where))
    drawn: dict[int, dict[tuple, list[Mark]]] = defaultdict(lambda: defaultdict(list))
    with pdfplumber.open(src) as pdf:
        for number, items in wanted.items():
            if not 1 <= number <= len(pdf.pages):
                result.missed += [w for _, _, w in items]
                continue
            page = pdf.pages[number - 1]
            tables = page.find_tables(_RULED) if any(t.col is not None for _, t, _ in items) else []
            for m, t, where in items:
                box = locate(page, t, tables)
                if box is None:
                    result.missed.append(where)
                    continue
                box = tuple(round(v, 2) for v in box)
                if m not in drawn[number][box]:
                    drawn[number][box].append(m)
    reader = PdfReader(src)
    writer = PdfWriter(clone_from=reader)
    for number, boxes in drawn.items():
        page = writer.pages[number - 1]
        mb = page.mediabox
        flat = [(box, ",".join(str(m.number) for m in here), worst(here)) for box, here in boxes.items()]
        overlay = PdfReader(io.BytesIO(_overlay(float(mb.width), float(mb.height), flat))).pages[0]
        if float(mb.left) or float(mb.bottom):
            from pypdf import Transformation
            page.merge_transformed_page(overlay, Transformation().translate(float(mb.left), float(mb.bottom)))
        else:
            page.merge_page(overlay)
        result.places += len(boxes)
        result.marked.update(m.number for here in boxes.values() for m in here)
    for p in PdfReader(io.BytesIO(_listing(marks, result.marked))).pages:
        writer.add_page(p)
    with open(out, "wb") as f:
        writer.write(f)
    return result
