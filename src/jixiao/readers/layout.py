"""Page layout to blocks (版面还原): positioned lines and table grids → paragraphs and tables.

The PDF reader and the OCR reader both see pages as text lines with their boxes and as table
grids with their column edges. This module turns them into the Document every reader makes:

* **paragraphs**: a line that runs to the right margin goes on in the next line when that one
  starts at the left margin (not indented as a new paragraph is), also across a page break;
  CJK text is joined without a space, Latin words with one;
* **tables over pages**: a table that ends a page and one that opens the next with the same
  column edges are one table; the header rows printed again on the new page are dropped;
* page numbers and scanner watermarks are left out (``data/noise.toml``) and counted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..blocks import Document
from .noise import is_noise_line
from .rendition import add_paragraph, add_table, column_letters
from .text import HEADING

_CLOSING = re.compile(r"[。；;：:！!？?]$")
_PAGE_NUMBER = re.compile(r"^[-－—–~·.\s]*\d{1,3}[-－—–~·.\s]*$")
_FIRST_WORD = re.compile(r"[!-~]+|.")   # a run of Latin letters, digits and signs, or one CJK character


@dataclass
class Line:
    """A text line on a page, with its box in points (top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    confidence: float | None = None
    part: bool = False   # one of several captions printed on one line, parted by wide gaps


@dataclass
class Grid:
    """A table found on one page: its rows of cell texts and the x of its column edges."""

    rows: list[list[str]]
    edges: list[float]
    top: float
    page: int
    confidence: list[list[float | None]] | None = None
    pages: list[int] = field(default_factory=list)   # a page per row, once joined over pages
    ruled: bool = True                                 # False: columns found from text positions

    def __post_init__(self) -> None:
        if not self.pages:
            self.pages = [self.page] * len(self.rows)
        if self.confidence is None:
            self.confidence = [[None] * len(r) for r in self.rows]


def join_lines(first: str, second: str) -> str:
    """Two pieces of one wrapped text: no space in CJK text or inside a number, one between words."""
    if first[-1:].isascii() and first[-1:].isalpha() and second[:1].isascii() and second[:1].isalpha():
        return first + " " + second
    return first + second


def cell_text(text: str) -> str:
    """A cell's wrapped lines joined again (a PDF cell wraps where its column ends)."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for p in parts:
        out = join_lines(out, p) if out else p
    return out


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    return Counter(round(v) for v in values).most_common(1)[0][0]


class _Margins:
    """The body's left and right margins (text lines and tables) and its character size.

    A page whose text is set in a block (two lines or more ending at one right edge) has its own
    margins: a document whose tables are printed on wide (landscape) pages sets its prose on
    narrower ones, and a prose line is full against its own page's margin, not the widest table's."""

    def __init__(self, lines: list[Line], grids: list[Grid]) -> None:
        self.size = _mode([ln.bottom - ln.top for ln in lines], 10.0) or 10.0
        self.left = min((ln.x0 for ln in lines), default=0.0)
        self.right = max([ln.x1 for ln in lines] + [g.edges[-1] for g in grids if g.edges], default=0.0)
        by_page: dict[int | None, list[Line]] = {}
        for ln in lines:
            by_page.setdefault(ln.page, []).append(ln)
        self.pages = {}
        for p, page in by_page.items():
            right = max(ln.x1 for ln in page)
            if sum(ln.x1 >= right - 2 for ln in page) >= 2:   # set lines ending together: its text block
                self.pages[p] = (min(ln.x0 for ln in page), right)

    def _of(self, ln: Line) -> tuple[float, float]:
        return self.pages.get(ln.page, (self.left, self.right))

    def full(self, ln: Line, after: str = "") -> bool:
        """The line runs so near the right margin that ``after`` — the next line's first word,
        which a line is never broken inside — would not have fitted: its sentence goes on."""
        word = _FIRST_WORD.match(after)
        width = sum(0.6 if ch.isascii() else 1.0 for ch in word.group(0)) if word else 1.0
        return ln.x1 >= self._of(ln)[1] - (width + 1.5) * self.size

    def flush(self, ln: Line) -> bool:
        """The line starts at the left margin: not indented as a paragraph's first line is."""
        return ln.x0 <= self._of(ln)[0] + 0.5 * self.size


def _continues(prev: Line, cur: Line, m: _Margins) -> bool:
    if prev.part or cur.part or not (m.full(prev, cur.text) and m.flush(cur)):
        return False
    if cur.page == prev.page and cur.top - prev.bottom > 1.2 * m.size:
        return False   # a blank line's gap between them
    return not (_CLOSING.search(prev.text) and HEADING.match(cur.text))


def _same_columns(a: Grid, b: Grid) -> bool:
    """Ruled columns within 3 pt; columns found from text positions, whose edges move with each
    page's texts (a column empty on one page has no river), when each of ``b``'s columns falls
    mostly in one column of ``a`` (``b`` is then laid on ``a``'s columns, see ``_on_columns``)."""
    if a.ruled != b.ruled:
        return False
    if a.ruled:
        return len(a.edges) == len(b.edges) and all(abs(x - y) <= 3 for x, y in zip(a.edges, b.edges))
    return _column_map(a.edges, b.edges) is not None


def _column_map(edges: list[float], other: list[float]) -> list[int] | None:
    """For each column of ``other``, the column of ``edges`` holding most of it (over half)."""
    out = []
    for x0, x1 in zip(other, other[1:]):
        share = [(min(x1, b) - max(x0, a), k) for k, (a, b) in enumerate(zip(edges, edges[1:]))]
        best, k = max(share)
        if best <= 0.5 * (x1 - x0):
            return None
        out.append(k)
    return out


def _on_columns(a: Grid, b: Grid) -> None:
    """Lay a borderless ``b``'s rows on ``a``'s columns (``_same_columns`` found them to map)."""
    if b.ruled or b.edges == a.edges:
        return
    where = _column_map(a.edges, b.edges)
    width = len(a.edges) - 1
    rows, scores = [], []
    for row, conf in zip(b.rows, b.confidence):
        texts, marks = [""] * width, [None] * width
        for k, t in enumerate(row):
            j = where[k]
            if t:
                texts[j] = join_lines(texts[j], t) if texts[j] else t
                marks[j] = conf[k]
        rows.append(texts)
        scores.append(marks)
    b.rows, b.confidence, b.edges = rows, scores, list(a.edges)


def _same_row(a: list[str], b: list[str]) -> bool:
    """The same header row, printed again — read by OCR perhaps with a stray mark or two."""
    if a == b:
        return True
    x, y = (re.sub(r"[\W_]+", "", "".join(r)) for r in (a, b))
    return bool(x) and SequenceMatcher(None, x, y).ratio() >= 0.85


def _join_tables(a: Grid, b: Grid) -> None:
    """Append ``b``'s rows to ``a``, leaving out the header rows ``b`` repeats."""
    _on_columns(a, b)
    k = 0
    while k < min(len(a.rows), len(b.rows) - 1) and _same_row(b.rows[k], a.rows[k]):
        k += 1
    a.rows += b.rows[k:]
    a.confidence += b.confidence[k:]
    a.pages += b.pages[k:]


def assemble(doc: Document, pages: list[list[Line | Grid]]) -> None:
    """Lay the pages' items (each page sorted top to bottom) out as blocks on ``doc``."""
    noise = 0
    items: list[Line | Grid] = []
    for page in pages:
        furniture = _furniture(page)
        held: list[Line] = []   # lines opening the page that repeat the last table's header
        for it in page:
            if id(it) in furniture:
                noise += 1
                continue
            prev = items[-1] if items else None
            if not isinstance(prev, Grid) or prev.pages[-1] != it.page - 1:
                pass
            elif isinstance(it, Line) and _repeats_header(prev, held + [it], items[-2] if len(items) > 1 else None):
                held.append(it)
                continue
            elif (isinstance(it, Grid) and _opens_page(page, it, furniture | {id(h) for h in held})
                    and _same_columns(prev, it)):
                _join_tables(prev, it)
                held = []
                continue
            items += held + [it]
            held = []
        items += held
    if noise:
        doc.notes.append(f"已略去页码和扫描水印 {noise} 行 / {noise} page-number or watermark lines left out")
    margins = _Margins([it for it in items if isinstance(it, Line)], [it for it in items if isinstance(it, Grid)])
    tables = 0
    para: list[Line] = []

    def flush() -> None:
        if para:
            text = para[0].text.strip()
            for ln in para[1:]:
                text = join_lines(text, ln.text.strip())
            add_paragraph(doc, text, page=para[0].page)
            low = [ln for ln in para if ln.confidence is not None and ln.confidence < 0.8]
            if low:
                doc.notes.append(f"第{len(doc.lines)}行 OCR 置信度低（{min(ln.confidence for ln in low):.2f}）"
                                 f" / low OCR confidence on line {len(doc.lines)}")
            para.clear()

    for it in items:
        if isinstance(it, Line):
            if para and not _continues(para[-1], it, margins):
                flush()
            para.append(it)
            continue
        flush()
        tables += 1
        g = it
        add_table(doc, g.rows, lambda r, k, n=tables: f"表{n}!{column_letters(k)}{r + 1}",
                  page=lambda r, g=g: g.pages[r], confidence=lambda r, k, g=g: g.confidence[r][k])
    flush()


def _furniture(page: list[Line | Grid]) -> set[int]:
    """Ids of the page's furniture: watermark lines anywhere (``data/noise.toml``), and a page
    number as its first or last line however its dashes were printed or read (“- 3 -”, “--10 -”,
    a bare “3” at the foot of a scanned page)."""
    out = {id(it) for it in page if isinstance(it, Line) and is_noise_line(it.text)}
    body = [it for it in page if id(it) not in out]
    for it in (body[:1] + body[-1:]):
        if isinstance(it, Line) and _PAGE_NUMBER.match(it.text):
            out.add(id(it))
    return out


def _repeats_header(grid: Grid, lines: list[Line], before: Line | Grid | None) -> bool:
    """Whether the lines repeat the borderless table's first rows, one line a row, or the
    one-cell row printed right above it: a header row with one cell (“一、政府采购情况”) is a
    line of its own, and may stand above the table's columns on the first page."""
    heads = ["".join(r) for r in grid.rows]
    if isinstance(before, Line):
        heads = [before.text.replace(" ", "")] + heads
    return not grid.ruled and len(lines) < len(heads) and all(
        _same_row([ln.text.replace(" ", "")], [heads[k]]) for k, ln in enumerate(lines))


def _opens_page(page: list[Line | Grid], it: Grid, furniture: set[int]) -> bool:
    """Whether ``it`` opens its page, page furniture aside."""
    return next((other for other in page if id(other) not in furniture), None) is it
