"""审核意见 (review opinion) as a Word document: numbered findings grouped by form, in a finance
bureau's language, with the reviewer's notes and the quality score of the self-evaluation work."""

from __future__ import annotations

import io
from datetime import date

from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..classify import kind_name
from .assessment import Sheet
from .document import Page, Shown, by_form
from .ledger import STATUS_ZH

SEVERITY = {"error": "错误", "warning": "疑点", "info": "提示"}


def _finding_text(n: int, s: Shown) -> str:
    f = s.finding
    where = f"（{f.place}）" if f.place else ""
    text = f"{n}. 【{SEVERITY.get(f.severity, f.severity)}·{f.code}】{f.subject}{where}：{f.message}"
    if f.expected or f.found:
        text += f"（填报为{f.found or '空白'}，经复核应为{f.expected or '—'}）"
    if s.status == "confirmed":
        text += "审核确认。"
    if s.note:
        text += f" 审核意见：{s.note}"
    return text


def opinion_docx(p: Page, sheet: Sheet | None, reviewer: str, status: str) -> bytes:
    """The opinion's bytes (.docx)."""
    doc = Docx()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    unit = p.run.unit or "你单位"
    year = f"{p.run.year}年度" if p.run.year else ""
    kind = kind_name(p.run.kind) if p.run.kind else "绩效自评材料"
    title = doc.add_heading(f"关于{unit}{year}{kind}的审核意见", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"{unit}：")
    doc.add_paragraph(f"你单位报送的《{p.document.name.rsplit('/', 1)[-1]}》已收悉。我局依据预算绩效管理有关规定，"
                      f"对其中的表格数据、计分和文字表述进行了复核，现将审核意见反馈如下。")
    kept = [s for s in p.findings if s.status != "dismissed" and s.finding.severity in ("error", "warning")]
    doc.add_heading("一、审核发现的问题", level=2)
    if not kept:
        doc.add_paragraph("经复核，未发现需要更正的问题。")
    n = 0
    for group, items in by_form(kept, p.record).items():
        doc.add_paragraph(group, style="Heading 3")
        for s in items:
            n += 1
            doc.add_paragraph(_finding_text(n, s))
    dismissed = [s for s in p.findings if s.status == "dismissed"]
    if dismissed:   # what the reviewer looked into and set aside, with the reason, so the unit sees it too
        doc.add_paragraph("以下事项经审核核实，不作为问题：", style="Heading 3")
        for k, s in enumerate(dismissed, 1):
            f = s.finding
            where = f"（{f.place}）" if f.place else ""
            doc.add_paragraph(f"{k}. 【已排除·{f.code}】{f.subject}{where}：{f.message}"
                              f" 排除理由：{s.note or '未说明'}")
    doc.add_heading("二、自评工作质量评分", level=2)
    if sheet is None:
        doc.add_paragraph("本次未进行自评工作考核评分。")
    else:
        a = sheet.assessment
        state = "" if sheet.complete else "（尚有评审项未评分）"
        doc.add_paragraph(f"按《{a.table.title}》，自评工作质量得分{format(sheet.total, 'f')}分"
                          f"（满分{format(sheet.points, 'f')}分）{state}。其中客观项得分"
                          f"{format(a.objective_score, 'f')}分（满分{format(a.objective_points, 'f')}分）。")
    doc.add_heading("三、整改要求", level=2)
    doc.add_paragraph("请你单位对上述问题逐项核实更正，于收到本意见之日起15个工作日内将整改后的自评材料重新报送，"
                      "并在自评报告中说明整改情况。" if kept else "请你单位按规定公开自评结果。")
    doc.add_paragraph(f"审核状态：{status}　　审核人：{reviewer}")
    end = doc.add_paragraph(f"财政局预算绩效管理科\n{date.today():%Y年%m月%d日}".replace("年0", "年").replace("月0", "月"))
    end.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["opinion_docx", "STATUS_ZH"]
