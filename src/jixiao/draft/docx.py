"""The draft as a Word file (文稿DOCX): A4, 黑体 headings, 仿宋_GB2312 body, tables appended.

A final-accounts draft carries the tables it was written from (第二部分 决算表, rebuilt from the
forms' cells as read) before its 情况说明: that is the official order of a 部门决算公开, and it
lets ``jixiao check`` tie each amount of the prose to its table row.
"""

from __future__ import annotations

import io

from ..forms.model import FINAL_ACCOUNTS, Form
from .figures import Draft

BODY_FONT, HEADING_FONT = "仿宋_GB2312", "黑体"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(key), name)


def _para(doc, text: str, font: str = BODY_FONT, size: float = 16, bold: bool = False, center: bool = False,
          indent: bool = True):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), font, size, bold)
    return p


def _table(doc, form: Form) -> None:
    """One disclosure table: its name, number, department and unit, then header and data rows."""
    data = form.data
    name = data.get("name") or form.title or ""
    _para(doc, name, HEADING_FONT, 14, center=True)
    if data.get("table"):
        _para(doc, f"{data['table']}表", size=10.5, indent=False)
    if form.department:
        _para(doc, f"部门名称：{form.department}", size=10.5, indent=False)
    _para(doc, f"金额单位：{data.get('unit') or '万元'}", size=10.5, indent=False)
    rows = [list(h) for h in data.get("header") or []] + [list(r["cells"]) for r in data.get("rows", [])]
    width = max((len(r) for r in rows), default=0)
    if not width:
        return
    t = doc.add_table(rows=len(rows), cols=width)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for k, text in enumerate(row):
            cell = t.cell(i, k)
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text or ""), BODY_FONT, 9)


def to_docx(draft: Draft, forms: list[Form] = (), part_title: str | None = None) -> bytes:
    """The draft as DOCX bytes; ``forms`` (final-accounts tables) are printed before it."""
    from docx import Document as new_docx
    from docx.shared import Cm
    doc = new_docx()
    for s in doc.sections:
        s.page_width, s.page_height = Cm(21), Cm(29.7)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    _para(doc, draft.title, HEADING_FONT, 22, center=True)
    tables = [f for f in forms if f.kind == FINAL_ACCOUNTS]
    if tables:
        year = next((f.year for f in tables if f.year), "")
        _para(doc, f"第二部分 {year}年度部门决算表", HEADING_FONT, 16, indent=False)
        for f in tables:
            _table(doc, f)
        _para(doc, part_title or "第三部分 情况说明", HEADING_FONT, 16, indent=False)
    for s in draft.sections:
        _para(doc, s.heading, HEADING_FONT if s.level == 1 else "楷体_GB2312", 16, indent=True)
        for p in s.paragraphs:
            _para(doc, p)
    if draft.notes:
        _para(doc, "核对提示（提交前删除）", HEADING_FONT, 16, indent=False)
        for n in draft.notes:
            _para(doc, n, size=12)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
