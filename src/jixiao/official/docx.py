"""DOCX writer (Word 官方表样): one section per form, a page break between.

Each section is A4, landscape where the table is wide; the title in 宋体 (East Asian font set
on every run), the lines above, the grid in 仿宋 with the Table Grid rules and merged cells
(gridSpan across, vMerge down), then the signature lines.
"""

from __future__ import annotations

import io

from .layout import BODY_FONT, TITLE_FONT, Sheet


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, font: str, size: float, bold: bool = False, center: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), font, size, bold)
    return p


def _page(section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _table(doc, sheet: Sheet, rows: list, page_width_mm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm
    width = sheet.width
    t = doc.add_table(rows=len(rows), cols=width)
    t.style = "Table Grid"
    widths = sheet.widths()
    scale = (page_width_mm - 30) / sum(widths)
    # every cell taken once: python-docx's ``table.cell(i, k)`` walks the whole table on each call
    cells = t._cells
    for k, w in enumerate(widths):
        for i in range(len(rows)):
            cells[i * width + k].width = Mm(w * scale)
    align = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}
    for i, row in enumerate(rows):
        for k, c in enumerate(row):
            if c is None:
                continue
            cell = cells[i * width + k]
            if c.across > 1 or c.down > 1:
                cell = cell.merge(cells[(i + c.down - 1) * width + k + c.across - 1])
            p = cell.paragraphs[0]
            p.alignment = align[c.align]
            if c.text:
                _font(p.add_run(c.text), BODY_FONT, 10.5, c.head)
    if sheet.header_rows:   # the header rows repeat on every page
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        for r in t.rows[:sheet.header_rows]:
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            r._tr.get_or_add_trPr().append(el)


def write_docx(sheets: list[Sheet]) -> bytes:
    """The sheets as one Word document's bytes."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    doc = Document()
    for n, sheet in enumerate(sheets):
        section = doc.sections[0] if n == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        _page(section, sheet.landscape)
        _paragraph(doc, sheet.title, TITLE_FONT, 16, bold=True, center=True)
        for line in sheet.above:
            _paragraph(doc, line, BODY_FONT, 11)
        cuts = [0] + list(sheet.tables) + [len(sheet.rows)]
        for a, b in zip(cuts, cuts[1:]):
            if a > 0:
                doc.add_paragraph()
            _table(doc, sheet, sheet.rows[a:b], 297 if sheet.landscape else 210)
        for line in sheet.below:
            _paragraph(doc, line, BODY_FONT, 11)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
