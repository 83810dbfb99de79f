"""PDF writer (PDF 官方表样), typeset by reportlab — text, not an image, so jixiao reads it back.

仿宋 and 宋体 are used where their font files are installed; elsewhere the Debian CJK font
WenQuanYi Micro Hei (fonts-wqy-microhei) is embedded in their place. One A4 page run per form
(landscape where the table is wide), header rows repeated over page breaks, merged cells drawn
as spans, and a page number in the footer.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from ..errors import JixiaoError
from .layout import Sheet

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


def _story_of(sheet: Sheet, size: tuple[float, float], styles: dict) -> list:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    def para(text: str, style: str):
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style])
    story = [para(sheet.title, "title")] + [para(t, "line") for t in sheet.above]
    widths = sheet.widths()
    usable = size[0] - 30 * mm
    cols = [usable * w / sum(widths) for w in widths]
    cuts = [0] + list(sheet.tables) + [len(sheet.rows)]
    for a, b in zip(cuts, cuts[1:]):
        rows = sheet.rows[a:b]
        grid, style = [], [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for i, row in enumerate(rows):
            line = []
            for k, c in enumerate(row):
                if c is None:
                    line.append("")
                    continue
                line.append(para(c.text, {"center": "head", "right": "number", "left": "cell"}[c.align]) if c.text else "")
                if c.across > 1 or c.down > 1:
                    style.append(("SPAN", (k, i), (k + c.across - 1, i + c.down - 1)))
            grid.append(line)
        if a > 0:
            story.append(Spacer(1, 4 * mm))
        story.append(Table(grid, colWidths=cols, repeatRows=sheet.header_rows if a == 0 else 0,
                           style=TableStyle(style)))
    story += [Spacer(1, 3 * mm)] + [para(t, "line") for t in sheet.below]
    return story


def write_pdf(sheets: list[Sheet]) -> bytes:
    """The sheets as one PDF's bytes."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

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
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=sheets[0].title if sheets else "jixiao", author="jixiao",
                          pageTemplates=templates)
    story: list = []
    for n, sheet in enumerate(sheets):
        turn = "landscape" if sheet.landscape else "portrait"
        if n == 0:
            doc.pageTemplates.sort(key=lambda t: t.id != turn)   # the first page's orientation
        else:
            story += [NextPageTemplate(turn), PageBreak()]
        story += _story_of(sheet, landscape(A4) if sheet.landscape else A4, styles)
    doc.build(story)
    return buf.getvalue()
