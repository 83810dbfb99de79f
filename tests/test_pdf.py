"""PDF input with a text layer: our documents typeset as PDF read back to the same forms and findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_compare import SEEDS, seed_path
from render_fixtures import checked_both, essence, without_place
from render_pdf import cjk_font, to_pdf

from jixiao.blocks import Paragraph, Table
from jixiao.pipeline import check_path
from jixiao.readers import read_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

pytestmark = pytest.mark.skipif(cjk_font() is None, reason="no CJK font; .ci/run installs fonts-wqy-microhei")


def _rows(table: Table) -> list[list[str]]:
    """Rows without their trailing blank cells (a PDF grid has as many columns as its widest row)."""
    out = []
    for r in table.rows:
        t = [c.text for c in r]
        while t and not t[-1].strip():
            t.pop()
        out.append(t)
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.txt")))
@pytest.mark.parametrize("landscape", [True, False])
def test_examples_as_pdf_read_to_the_same_forms_and_findings(tmp_path, name, landscape):
    text, pdf = checked_both(EXAMPLES / name, tmp_path, lambda d: to_pdf(d, landscape=landscape), ".pdf")
    assert pdf.error is None and pdf.forms
    assert essence(pdf) == essence(text)


@pytest.mark.parametrize("name", ["qinghe_final_accounts_2024.txt", "qinghe_dept_2024.txt"])
@pytest.mark.parametrize("rules", ["none", "lines"])
def test_tables_without_ruling_lines_are_found_from_text_positions(tmp_path, name, rules):
    """A workbook printed without gridlines (``none``), a 三线表 (``lines``): columns from the
    text positions, wrapped cells joined, the table rejoined over pages — the same findings."""
    text, pdf = checked_both(EXAMPLES / name, tmp_path, lambda d: to_pdf(d, rules=rules), ".pdf")
    assert pdf.error is None and pdf.forms
    assert essence(pdf) == essence(text)
    if name.startswith("qinghe_final"):
        want = [_rows(b) for b in text.doc.blocks if isinstance(b, Table)]
        assert [_rows(b) for b in pdf.doc.blocks if isinstance(b, Table)] == want


def test_aligned_prose_stays_prose(tmp_path):
    """A signature block — three lines of three captions in aligned columns — has no figures
    in its columns: it stays text, each caption apart, not a table."""
    import io

    from reportlab.pdfgen.canvas import Canvas
    from render_pdf import _font_name
    buf = io.BytesIO()
    pdf = Canvas(buf)
    pdf.setFont(_font_name(), 10)
    pdf.drawString(60, 760, "关于2024年度绩效自评工作的说明")
    block = [["单位负责人：张三", "财务负责人：李四", "填表人：王五"],
             ["联系电话：0731-1234567", "填报日期：2025年3月1日", "审核人：赵六"],
             ["单位（盖章）：青禾县医保局", "经办人：钱七", "复核人：孙八"]]
    for k, row in enumerate(block):
        for x, text in zip((60, 250, 420), row):
            pdf.drawString(x, 730 - 22 * k, text)
    pdf.save()
    path = tmp_path / "sign.pdf"
    path.write_bytes(buf.getvalue())
    doc = read_path(path)
    assert not any(isinstance(b, Table) for b in doc.blocks)
    texts = [b.text for b in doc.blocks]
    assert "填表人：王五" in texts and "联系电话：0731-1234567" in texts   # captions apart, not run together


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seeds_as_pdf(tmp_path, seed):
    text, pdf = checked_both(seed_path(seed), tmp_path, to_pdf, ".pdf")
    assert essence(pdf) == essence(text)
    assert without_place(pdf, page=True) == []   # every finding at a page the user can open


def test_tables_are_exact_and_rejoined_over_pages(tmp_path):
    """Every table reads back cell for cell; one run over a page break is one table again,
    without the header row the new page repeats, and each row knows its page."""
    source = read_path(EXAMPLES / "qinghe_project_2024.txt")
    path = tmp_path / "p.pdf"
    path.write_bytes(to_pdf(source, landscape=False))
    doc = read_path(path)
    want = [_rows(b) for b in source.blocks if isinstance(b, Table)]
    got = [_rows(b) for b in doc.blocks if isinstance(b, Table)]
    assert got == want
    table = next(b for b in doc.blocks if isinstance(b, Table))
    pages = [r[0].ref.page for r in table.rows]
    assert pages[0] == 1 and pages[-1] > 1 and pages == sorted(pages)
    assert table.rows[-1][0].ref.cell == f"表1!A{len(table.rows)}"
    assert any("页码" in n for n in doc.notes)   # the “- 2 -” footers were seen and left out
    assert not any(isinstance(b, Paragraph) and b.text.strip("- ").isdigit() for b in doc.blocks)


def test_wrapped_paragraphs_are_joined_and_keep_their_page(tmp_path):
    source = read_path(EXAMPLES / "qinghe_final_accounts_2024.txt")
    path = tmp_path / "fa.pdf"
    path.write_bytes(to_pdf(source, font_size=11, landscape=False))
    doc = read_path(path)
    want = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    got = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert got == want
    assert max(b.ref.page for b in doc.blocks) > 1
    finding = next(f for f in check_path(path).findings if f.code == "JX503")
    assert finding.ref.page is not None and "96.74%" in (doc.quote(finding.ref.line) or "")


def _broken(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return check_path(path)


def test_truncated_encrypted_and_empty_pdfs_are_findings(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas
    whole = to_pdf(read_path(EXAMPLES / "qinghe_dept_2024.txt"))
    cut = _broken(tmp_path, "cut.pdf", whole[: len(whole) // 3])
    locked = tmp_path / "locked.pdf"
    c = Canvas(str(locked), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "budget")
    c.save()
    blank = tmp_path / "blank.pdf"
    Canvas(str(blank)).save()
    garbage = _broken(tmp_path, "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    results = {"cut": cut, "locked": check_path(locked), "blank": check_path(blank), "junk": garbage}
    for name, r in results.items():
        assert r.error is not None and r.findings[0].code == "JX001", name
        assert r.error.file and r.error.zh and r.error.en, name
    assert "加密" in results["locked"].error.zh and "encrypted" in results["locked"].error.en
