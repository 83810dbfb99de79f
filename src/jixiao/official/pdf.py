"""PDF writer (PDF 官方表样), typeset by reportlab — text, not an image, so jixiao reads it back.

仿宋 and 宋体 are used where their font files are installed; elsewhere the Debian CJK font
WenQuanYi Micro Hei (fonts-wqy-microhei) is embedded in their place. One A4 page run per form
(landscape where the table is wide), columns fit to content (a smaller font where a long grid
would not fit), each cell's lines broken where reading back joins them again (``pdfwrap``),
rows never split, a page opening only with a row that shows every column (so the reader joins
the table over the break), cells merged down only where they stay on one page, header rows
repeated over page breaks, and a page number in the footer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.doctemplate import LayoutError

from ..errors import JixiaoError
from .layout import Cell, Sheet
from .pdfwrap import wrap

# font files by the names an official table asks for; the Debian fallback last
FONT_FILES = {
    "仿宋": ("/usr/share/fonts/truetype/fangsong/simfang.ttf", "/usr/share/fonts/truetype/windows/simfang.ttf"),
    "宋体": ("/usr/share/fonts/truetype/simsun/simsun.ttc", "/usr/share/fonts/truetype/windows/simsun.ttc"),
}
FALLBACK = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@lru_cache(maxsize=4)
def font(name: str) -> str:
    """The reportlab name of a registered font for 仿宋 / 宋体 (WenQuanYi Micro Hei where absent)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for path in FONT_FILES.get(name, ()) + FALLBACK:
        if Path(path).exists():
            alias = "CJK-" + Path(path).stem
            if alias not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(alias, path, subfontIndex=0))
            return alias
    raise JixiaoError("JX001", "没有可用的中文字体：请安装 fonts-wqy-microhei",
                      "no CJK font installed: apt-get install fonts-wqy-microhei", name)


PAD = 4.0            # a cell's left and right padding, in points
SIZES = (9.0, 8.0, 7.0)   # the grid's font size: smaller where the columns would not fit


@dataclass
class Plan:
    """One table as drawn (表格排版): font size, column widths, each cell's lines, row heights."""

    size: float
    cols: list[float]
    lines: dict[tuple[int, int], list[str]]
    heights: list[float]


def _measure(size: float):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    body = font("仿宋")
    cache: dict[str, float] = {}

    def width(s: str) -> float:
        if s not in cache:
            cache[s] = stringWidth(s, body, size)
        return cache[s] if len(s) == 1 else sum(width(c) for c in s)
    return width


def _unbreakable(text: str, measure) -> float:
    """The widest piece of ``text`` kept on one line: a figure or a Latin word (“100.00%”)."""
    return max((measure(w) for w in re.findall(r"[!-~]+", text)), default=0.0)


def _columns(rows: list[list[Cell | None]], usable: float, measure) -> list[float] | None:
    """Column widths fit to content (按内容定列宽): each column at least its widest figure or
    word, and as much of what its longest line needs as the page gives, the same cap for all,
    so that short texts (三级指标, 指标值) stay on one line and the long ones (偏差原因) wrap;
    None when even the figures do not fit."""
    width = max(len(r) for r in rows)
    least, need = [2 * PAD + 2 * measure("中")] * width, [0.0] * width
    for row in rows:
        for k, c in enumerate(row):
            if c is None or not c.text or c.across > 1:
                continue
            least[k] = max(least[k], _unbreakable(c.text, measure) + 2 * PAD + 1)
            need[k] = max(need[k], max(measure(ln) for ln in c.text.split("\n")) + 2 * PAD + 1)
    need = [max(n, m) for n, m in zip(need, least)]
    if sum(least) > usable:
        return None
    if sum(need) <= usable:
        return [n * usable / sum(need) for n in need]
    low, high = 0.0, max(need)
    for _ in range(40):   # the cap at which the columns fill the page
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(n, max(m, cap)) for n, m in zip(need, least)) < usable else (low, cap)
    return [min(n, max(m, low)) for n, m in zip(need, least)]


def plan(rows: list[list[Cell | None]], usable: float) -> Plan:
    """Font size, widths and line breaks of one table (breaks that reading back undoes)."""
    for size in SIZES:
        measure = _measure(size)
        cols = _columns(rows, usable, measure)
        if cols is not None:
            break
    else:
        cols = [usable / max(len(r) for r in rows)] * max(len(r) for r in rows)
    lines = {}
    heights = [0.0] * len(rows)
    leading = size * 4 / 3
    for i, row in enumerate(rows):
        for k, c in enumerate(row):
            if c is None:
                continue
            room = sum(cols[k:k + c.across]) - 2 * PAD - 1
            lines[i, k] = wrap(c.text, room, measure) if c.text else []
            if c.down == 1:
                heights[i] = max(heights[i], len(lines[i, k]) * leading)
    return Plan(size, cols, lines, [max(h, leading) + 2 * PAD for h in heights])


def _full(rows: list[list[Cell | None]], i: int) -> bool:
    """Whether row ``i`` draws every column's left rule (no cell spans across it), so that a
    page opening with it shows the table's columns and the reader joins it to the page before."""
    for k, c in enumerate(rows[i]):
        if c is not None and c.across > 1:
            return False
        if c is None and not any(rows[r][k] is not None and rows[r][k].down > i - r for r in range(i)):
            return False
    return True


def _style(rows: list[list[Cell | None]], p: Plan, frame: float, glue: bool) -> list:
    """Rules, spans and the rows kept together: a cell merged down over no more than a third of
    a page stays one cell (a taller one keeps its label in its first row, blank below, as its
    split over two pages would read); with ``glue``, a page may open only with a full row."""
    from reportlab.lib import colors
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
             ("TOPPADDING", (0, 0), (-1, -1), PAD), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD)]
    for i, row in enumerate(rows):
        for k, c in enumerate(row):
            if c is None or (c.across == 1 and c.down == 1):
                continue
            down = c.down if sum(p.heights[i:i + c.down]) <= frame / 3 else 1
            if down < c.down:
                style.append(("VALIGN", (k, i), (k, i), "TOP"))
            style.append(("SPAN", (k, i), (k + c.across - 1, i + down - 1)))
    if glue:
        chain = 0.0
        for i in range(1, len(rows)):
            chain = chain + p.heights[i] if not _full(rows, i) else p.heights[i]
            if not _full(rows, i) and chain + p.heights[i - 1] <= 0.8 * frame:
                style.append(("NOSPLIT", (0, i - 1), (-1, i)))
    return style


def _story_of(sheet: Sheet, size: tuple[float, float], styles: dict, glue: bool = True) -> list:
    from xml.sax.saxutils import escape

    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    def para(text: str, style):
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style] if isinstance(style, str) else style)
    story = [para(sheet.title, "title")] + [para(t, "line") for t in sheet.above]
    usable, frame = size[0] - 30 * mm - 12, size[1] - 30 * mm - 12   # the frame's own padding, 6 pt a side
    cuts = [0] + list(sheet.tables) + [len(sheet.rows)]
    for a, b in zip(cuts, cuts[1:]):
        rows = sheet.rows[a:b]
        p = plan(rows, usable)
        look = {name: ParagraphStyle(name, parent=styles[name], fontSize=p.size, leading=p.size * 4 / 3)
                for name in ("head", "number", "cell")}
        grid = [[para("\n".join(p.lines[i, k]), look[{"center": "head", "right": "number", "left": "cell"}[c.align]])
                 if c is not None and c.text else "" for k, c in enumerate(row)] for i, row in enumerate(rows)]
        if a > 0:
            story.append(Spacer(1, 4 * mm))
        story.append(Table(grid, colWidths=p.cols, repeatRows=sheet.header_rows if a == 0 else 0,
                           style=TableStyle(_style(rows, p, frame, glue and not sheet.header_rows))))
    story += [Spacer(1, 3 * mm)] + [para(t, "line") for t in sheet.below]
    return story


def write_pdf(sheets: list[Sheet]) -> bytes:
    """The sheets as one PDF's bytes."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Frame, PageTemplate

    body, title = font("仿宋"), font("宋体")
    base = ParagraphStyle("cell", fontName=body, fontSize=9, leading=12, wordWrap="CJK")
    styles = {"cell": base, "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER),
              "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
              "line": ParagraphStyle("line", parent=base, fontSize=10.5, leading=16, spaceAfter=2),
              "title": ParagraphStyle("title", parent=base, fontName=title, fontSize=16, leading=24,
                                      alignment=TA_CENTER, spaceAfter=6)}

    def footer(canvas, doc):
        canvas.setFont(body, 9)
        canvas.drawCentredString(doc.pagesize[0] / 2, 8 * mm, f"- {canvas.getPageNumber()} -")
    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(15 * mm, 15 * mm, size[0] - 30 * mm, size[1] - 30 * mm, id=name)
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPage=footer))
    try:
        return _build(sheets, templates, styles, glue=True)
    except LayoutError:   # rows kept together taller than a page: let the tables split anywhere
        return _build(sheets, templates, styles, glue=False)


def _build(sheets: list[Sheet], templates: list, styles: dict, glue: bool) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, NextPageTemplate, PageBreak

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=sheets[0].title if sheets else "jixiao", author="jixiao",
                          pageTemplates=list(templates))
    story: list = []
    for n, sheet in enumerate(sheets):
        turn = "landscape" if sheet.landscape else "portrait"
        if n == 0:
            doc.pageTemplates.sort(key=lambda t: t.id != turn)   # the first page's orientation
        else:
            story += [NextPageTemplate(turn), PageBreak()]
        story += _story_of(sheet, landscape(A4) if sheet.landscape else A4, styles, glue)
    doc.build(story)
    return buf.getvalue()
