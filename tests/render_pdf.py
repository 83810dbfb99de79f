"""PDF fixtures rendered by us (PDF 测试样件): our own documents typeset as a bureau's PDF.

``to_pdf`` typesets a Document's blocks on A4 pages with a CJK font from Debian
(WenQuanYi Micro Hei, fonts-wqy-microhei): paragraphs wrapped at the margin with a
two-character first-line indent, tables ruled on every side with their header row repeated
when they run over a page, the first row's blank runs merged into the cell on their left, and
a page number in the footer — the furniture a reader must see through. ``to_scan`` then
rasterises such a PDF and makes it look scanned: tilted, noisy, stamped and watermarked.
"""

from __future__ import annotations

import io
import random
from functools import lru_cache
from pathlib import Path

from jixiao.blocks import Document, Paragraph, Table

FONTS = (   # both draw Latin letters and digits too (Droid Sans Fallback does not)
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


def cjk_font() -> Path | None:
    """The first CJK font from Debian that is installed (.ci/run installs them)."""
    return next((f for f in FONTS if f.exists()), None)


@lru_cache(maxsize=1)
def _font_name() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    font = cjk_font()
    if font is None:
        raise RuntimeError("no CJK font: apt-get install fonts-wqy-microhei")
    pdfmetrics.registerFont(TTFont("CJK", str(font), subfontIndex=0))
    return "CJK"


def _widths(rows: list[list[str]], width: int, total: float) -> list[float]:
    """Column widths in proportion to the longest text, each between 4 % and 45 % of the page."""
    longest = [max((len(r[k]) if k < len(r) else 0) for r in rows) for k in range(width)]
    weights = [min(max(n, 3), 40) for n in longest]
    raw = [total * w / sum(weights) for w in weights]
    raw = [min(max(w, total * 0.04), total * 0.45) for w in raw]
    return [w * total / sum(raw) for w in raw]


def to_pdf(doc: Document, font_size: float = 8.0, landscape: bool = True, rules: str = "grid") -> bytes:
    """The blocks typeset on A4 pages (landscape by default, as wide tables are printed); tables
    ruled on every side (``rules="grid"``), as a 三线表 with horizontal rules only (``"lines"``),
    or without any rule, as a workbook printed without gridlines (``"none"``)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turn
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as Grid

    font = _font_name()
    size = turn(A4) if landscape else A4
    body = ParagraphStyle("body", fontName=font, fontSize=font_size, leading=font_size * 1.5,
                          firstLineIndent=font_size * 2, wordWrap="CJK", spaceAfter=font_size * 0.4)
    cell = ParagraphStyle("cell", parent=body, firstLineIndent=0, spaceAfter=0, leading=font_size * 1.3)
    story = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            story.append(Para(escape(b.text).replace("\n", "<br/>"), body))
            continue
        assert isinstance(b, Table)
        width = max(len(r) for r in b.rows)
        texts = [[c.text for c in r] + [""] * (width - len(r)) for r in b.rows]
        grid = [[Para(escape(t).replace("\n", "<br/>"), cell) for t in row] for row in texts]
        style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + {
            "grid": [("GRID", (0, 0), (-1, -1), 0.5, colors.black)],
            "lines": [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                      ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)],
            "none": []}[rules]
        k = 0
        while k < width:   # “收入 | | | 支出 | |”: a header cell spanning the blanks on its right
            end = k + 1
            while end < width and not texts[0][end].strip():
                end += 1
            if texts[0][k].strip() and end - k > 1:
                style.append(("SPAN", (k, 0), (end - 1, 0)))
            k = end
        usable = size[0] - 30 * mm
        story.append(Grid(grid, colWidths=_widths(texts, width, usable), repeatRows=1, style=TableStyle(style)))
        story.append(Para("", body))

    def footer(canvas, _doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(size[0] / 2, 8 * mm, f"- {canvas.getPageNumber()} -")

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title="jixiao fixture").build(story, onFirstPage=footer,
                                                                           onLaterPages=footer)
    return buf.getvalue()


def to_scan(pdf: bytes, dpi: int = 200, tilt: float = 0.6, noise: float = 0.003, seed: int = 7,
            stamp: bool = True, watermark: str | None = "CS 扫描全能王") -> bytes:
    """A scanned-looking PDF of ``pdf``: each page rasterised at ``dpi``, turned by ``tilt``
    degrees, sprinkled with ``noise`` (share of pixels), a red round stamp and a grey watermark
    line, then saved as an image-only PDF — what a bureau's scanner makes of a printout."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFont

    rnd = random.Random(seed)
    pages = []
    src = pdfium.PdfDocument(pdf)
    for i in range(len(src)):
        img = src[i].render(scale=dpi / 72).to_pil().convert("RGB")
        draw = ImageDraw.Draw(img)
        w, h = img.size
        if watermark and cjk_font():
            draw.text((w * 0.62, h * 0.95), watermark, fill=(170, 170, 170),
                      font=ImageFont.truetype(str(cjk_font()), int(dpi / 7)))
        if stamp:
            r = int(dpi * 0.7)
            cx, cy = int(w * 0.7), int(h * 0.25)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(220, 40, 40), width=max(2, dpi // 40))
        pixels = img.load()
        for _ in range(int(w * h * noise / 2)):   # specks of 1–2 px, as a scanner's glass leaves
            x, y, s = rnd.randrange(w - 3), rnd.randrange(h - 3), rnd.randint(1, 2)
            shade = rnd.randint(0, 120)
            for dx in range(s):
                for dy in range(s):
                    pixels[x + dx, y + dy] = (shade, shade, shade)
        img = img.rotate(tilt, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
        pages.append(img)
        src[i].close()
    src.close()
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()
