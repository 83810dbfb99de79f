"""A PDF whose figures are drawn apart from their words — a filled form: values set a few points
off the line in its blanks, or held in text fields (AcroForm widgets) — reads as sentences, and
the prose claims around the figures are checked (青禾县 is invented)."""

from __future__ import annotations

import io

from render_pdf import _font_name

from jixiao.blocks import Paragraph
from jixiao.pipeline import check_path
from jixiao.readers import read_bytes


def filled_form(total: str = "2995.39") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _font_name()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(font, 11)

    def at(prefix: str) -> float:
        return 72 + stringWidth(prefix + " ", font, 11)

    y = 760
    c.drawString(72, y, "青禾县医疗保障局2024年度部门决算")
    y -= 30
    c.drawString(72, y, "2024年度收入支出总计              万元，其中本年收入              万元，")
    c.drawString(at("2024年度收入支出总计"), y + 4, total)
    c.drawString(at("2024年度收入支出总计              万元，其中本年收入"), y + 4, "2800.00")
    y -= 18
    c.drawString(72, y, "使用非财政拨款结余和年初结转            万元。")
    c.drawString(at("使用非财政拨款结余和年初结转"), y + 4, "195.39")
    y -= 18
    c.drawString(72, y, "本年支出合计              万元，比上年增加100.00万元，增长3.46%。")
    c.acroForm.textfield(name="spent", value="2990.00", x=at("本年支出合计"), y=y - 3, width=40, height=14,
                         borderWidth=0, fontSize=10)
    c.save()
    return out.getvalue()


def test_figures_drawn_apart_read_in_their_sentences():
    doc = read_bytes(filled_form(), "form.pdf")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert any("收入支出总计 2995.39万元，其中本年收入 2800.00万元，使用非财政拨款结余和年初结转 195.39万元。" in t
               for t in texts)
    assert any(t.startswith("本年支出合计 2990.00万元，比上年增加100.00万元") for t in texts)


def test_the_claims_around_drawn_figures_are_checked(tmp_path):
    path = tmp_path / "form.pdf"
    path.write_bytes(filled_form())
    r = check_path(path)
    kinds = {c.kind for c in r.claims}
    assert "change" in kinds and all(c.ok for c in r.claims)
    path.write_bytes(filled_form(total="2895.39"))   # the parts add up to 2995.39
    assert "JX506" in {f.code for f in check_path(path).findings}
