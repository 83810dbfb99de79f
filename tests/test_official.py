"""jixiao render: the official tables (官方表样) rendered from the typed forms and read back."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jixiao.cli import app

from jixiao.blocks import Document
from jixiao.pipeline import check_forms, check_path
from jixiao.official.layout import layouts
from jixiao.official.render import forms_of, render_forms

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
FIELD = SHARED / "field"
FORMATS = ("xlsx", "docx", "pdf")
# findings drawn from the report's prose, which the official tables do not carry: its numeric
# claims (JX5xx), the staff numbers it states (JX704), the annex tables it names (JX802), texts
# compared with the prose forms of the report (JX902)
PROSE = re.compile(r"^JX(5\d\d|704|802|902)$")


def _essence(form) -> dict:
    """What must survive the round trip: kind, names, year, budget rows, indicators, totals, grade,
    texts, people, and for disclosure tables the table number and every row's amounts."""
    b = form.budget
    return dict(
        kind=form.kind, project=form.project, code=form.project_code, department=form.department, unit=form.unit,
        year=form.year,
        budget=[(r.label, r.declared, r.initial, r.adjusted, r.executed, r.balance, r.rate, r.weight, r.score,
                 r.is_total) for r in b.rows] if b else None,
        indicators=[(i.level1, i.level2, i.name, i.target, i.target_initial, i.actual, i.weight, i.score, i.note)
                    for i in form.indicators],
        declared=form.declared_weights, total=(form.total_weight, form.total_score), grade=form.grade,
        people=form.people, dates=form.dates,
        texts={k: v for k, v in form.texts.items() if k in ("goal", "goal_actual", "process", "conclusion",
                                                            "problems", "measures")},
        table=form.data.get("table"), name=form.data.get("name"), money=form.data.get("unit"),
        rows=[r["values"] for r in form.data.get("rows", [])],
        staff=form.data.get("staff"),
        # the basic data table's sub-grids share one width when rendered: a blank column reads as ""
        expenses=[(e["label"], {k: v for k, v in e["values"].items() if k or v is not None})
                  for e in form.data.get("expenses", [])])


def _keys(result) -> list[tuple]:
    """Findings without their places (fingerprints exclude places too)."""
    return sorted((f.code, f.subject, f.expected, f.found) for f in result.findings)


@pytest.fixture(scope="module")
def originals():
    """Each seed and example read once for the whole module."""
    return {p: check_path(p) for p in SEEDS + EXAMPLES}


@pytest.fixture(scope="module")
def rendered(originals, tmp_path_factory):
    """(source, format) → (the rendered file, what jixiao reads in it): each made and read once."""
    base, made = tmp_path_factory.mktemp("rendered"), {}

    def get(path: Path, to: str):
        if (path, to) not in made:
            out = base / f"{path.stem}.{to}"
            out.write_bytes(render_forms(originals[path].forms, to))
            made[path, to] = (out, check_path(out))
        return made[path, to]
    return get


@pytest.mark.parametrize("to", FORMATS)
@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.name)
def test_round_trip(path, to, originals, rendered):
    """Rendered, then read back by jixiao: the same forms and the same findings."""
    before = originals[path]
    assert before.forms, path
    _, after = rendered(path, to)
    assert after.error is None
    assert [_essence(f) for f in after.forms] == [_essence(f) for f in before.forms]
    # the same findings, but for those the prose gave: the forms checked alone tell which
    alone = _keys(check_forms(Document(str(path), []), before.forms))
    got, orig = _keys(after), _keys(before)
    assert [k for k in alone if k not in got] == []
    assert [k for k in got if k not in orig and k not in alone] == []
    assert {k[0] for k in orig if k not in got} <= {c for c in {k[0] for k in orig} if PROSE.match(c)}
    for f in after.findings:   # every finding placed in the rendered file: cell, paragraph or page
        if f.ref is not None:
            assert f.ref.cell or f.ref.paragraph or f.ref.page or f.ref.line, f


def test_contract_json_renders_the_same(tmp_path, originals):
    """A contract record (jixiao check -f json) renders as the file itself does."""
    src = ROOT / "examples" / "qinghe_project_2024.txt"
    js = tmp_path / "c.json"
    js.write_text(CliRunner().invoke(app, ["check", str(src), "-f", "json"]).stdout, encoding="utf-8")
    forms = forms_of(js)
    assert [_essence(f) for f in forms] == [_essence(f) for f in originals[src].forms]
    out = tmp_path / "c.xlsx"
    out.write_bytes(render_forms(forms, "xlsx"))
    assert [_essence(f) for f in check_path(out).forms] == [_essence(f) for f in forms]


def test_xlsx_figures_are_numbers_at_their_precision(rendered):
    """40.00 is the number 40 shown with two places, 82.50% a percent; fonts 仿宋/宋体; A4 landscape."""
    from openpyxl import load_workbook
    wb = load_workbook(rendered(ROOT / "examples" / "qinghe_project_2024.txt", "xlsx")[0])
    ws = wb.worksheets[0]
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row if c.value is not None}
    rate = next(c for c in cells.values() if c.number_format == "0.00%")
    assert rate.value == pytest.approx(0.825)
    total = next(c for c in cells.values() if c.number_format == "0.00" and c.value == 40)
    assert total.font.name == "仿宋"
    assert ws["A1"].font.name == "宋体" and ws["A1"].value.startswith("部门预算项目支出绩效自评表")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    merged = [str(m) for m in ws.merged_cells.ranges]
    assert any(m.startswith("B") and int(re.findall(r"\d+", m)[1]) > int(re.findall(r"\d+", m)[0]) for m in merged)


def test_sheet_per_form_and_merged_levels(originals, rendered):
    """One sheet per form; the level cells merged down over their indicators; Decimal, never float."""
    forms = originals[SEEDS[2]].forms
    sheets = layouts(forms)
    assert len(sheets) == len(forms) == 6
    for s in sheets:
        downs = [c for row in s.rows for c in row if c is not None and c.down > 1]
        assert downs, s.name
        assert all(not isinstance(c.number, float) for row in s.rows for c in row if c is not None)
    from openpyxl import load_workbook
    wb = load_workbook(rendered(SEEDS[2], "xlsx")[0])
    assert len(wb.worksheets) == 6


def test_docx_sections_and_fonts(originals, rendered):
    from docx import Document as open_docx
    from docx.oxml.ns import qn
    forms = originals[SEEDS[4]].forms
    doc = open_docx(rendered(SEEDS[4], "docx")[0])
    assert len(doc.sections) == len(forms) == len(doc.tables)
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in doc.paragraphs for r in p.runs}
    assert fonts == {"仿宋", "宋体"}


def test_pdf_is_text_with_the_cjk_font(rendered):
    """The PDF's text is extractable, with the Debian CJK font embedded for 仿宋/宋体."""
    from pypdf import PdfReader
    reader = PdfReader(rendered(EXAMPLES[0], "pdf")[0])
    text = reader.pages[0].extract_text()
    assert "部门整体支出绩效目标自评表" in text and "89.68%" in text
    fonts = {str(f.get("/BaseFont")) for f in reader.pages[0]["/Resources"]["/Font"].values()
             for f in [f.get_object()]}
    assert any("wqy" in f.lower() or "microhei" in f.lower() for f in fonts), fonts


@pytest.mark.parametrize("name", ["016_chongqing_swu_2023_final.pdf", "018_chongqing_swu_2024_budget.pdf",
                                  "023_shenzhen_songgang_targets_a.xlsx"])
def test_field_files_amounts(name, tmp_path):
    """Field files: the tables' amounts row by row (and the indicators' targets) survive."""
    path = FIELD / name
    if not path.exists():
        pytest.fail(f"field file missing: {path}")
    before = check_path(path).forms
    assert before
    out = tmp_path / f"{path.stem}.xlsx"
    out.write_bytes(render_forms(before, "xlsx"))
    after = check_path(out).forms
    assert [(f.kind, f.data.get("table"), [r["values"] for r in f.data.get("rows", [])],
             [(i.name, i.target) for i in f.indicators]) for f in after] == \
           [(f.kind, f.data.get("table"), [r["values"] for r in f.data.get("rows", [])],
             [(i.name, i.target) for i in f.indicators]) for f in before]


def _cli(*args):
    return CliRunner().invoke(app, ["render", *map(str, args)])


def test_cli(tmp_path):
    src = SEEDS[4]
    out = tmp_path / "one.docx"
    r = _cli(src, "--to", "docx", "-o", out, "--form", 3)
    assert r.exit_code == 0 and "已输出 1 个表" in r.output and "1 tables rendered" in r.output
    assert [f.data.get("table") for f in check_path(out).forms] == ["公开03"]
    empty = tmp_path / "empty.txt"
    empty.write_text("没有表格的文字。\n", encoding="utf-8")
    r = _cli(empty)
    assert r.exit_code == 2 and "未识别到表单" in r.output and "no forms" in r.output
    assert "Traceback" not in r.output
    r = _cli(src, "--form", 99)
    assert r.exit_code == 2 and "没有第 99 个" in r.output
    r = _cli(tmp_path / "missing.txt")
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_pictures_not_blank(tmp_path, originals):
    """One rendered file per layout kind, converted headless in one soffice call, is not blank."""
    from jixiao.official.pictures import first_page_png, is_blank, to_pdf
    files = []
    for src, to in ((EXAMPLES[2], "docx"), (EXAMPLES[0], "xlsx"), (EXAMPLES[1], "xlsx"), (SEEDS[3], "xlsx"),
                    (SEEDS[0], "docx")):
        forms = originals[src].forms
        out = tmp_path / f"{src.stem}.{to}"
        out.write_bytes(render_forms(forms[:1], to))
        files.append(out)
    for pdf in to_pdf(files, tmp_path):
        png = first_page_png(pdf, pdf.with_suffix(".png"))
        assert png.stat().st_size <= 200_000
        assert not is_blank(png), png
    for png in (ROOT / "docs" / "official").glob("*.png"):   # the committed pictures stay small
        assert png.stat().st_size <= 200_000 and not is_blank(png)


def test_decimal_figures_keep_their_digits():
    from jixiao.official.layout import figure
    assert figure(Decimal("40.00")).text == "40.00"
    assert figure(Decimal("82.50"), percent=True).text == "82.50%"
    assert figure(Decimal("1E+1")).text == "10"
    assert figure(None).text == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中文指标1209.%=≥ abcXY（）,", min_size=1, max_size=80).map(str.strip).filter(bool),
       st.integers(min_value=6, max_value=30))
def test_pdf_line_breaks_read_back(text, room):
    """A PDF cell's lines, joined as the PDF reader joins them, give the text back — whenever
    each figure or word fits the line; and no line is wider than the cell."""
    from jixiao.official.pdfwrap import restores, wrap
    from jixiao.readers.layout import cell_text
    text = re.sub(r"\s+", " ", text)
    lines = wrap(text, room, len)
    assert all(len(ln) <= room for ln in lines)
    cuts = [0] + [k for k in range(1, len(text)) if restores(text[:k], text[k:])] + [len(text)]
    if all(b - a <= room for a, b in zip(cuts, cuts[1:])):   # no piece wider than the cell
        assert cell_text("\n".join(lines)) == text, lines
    else:
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_pdf_long_grid_over_pages(originals, tmp_path):
    """A self-evaluation too long for one page: the indicators go on over the page break, the
    level cells and every row read back, the closing rows stay with the grid's columns."""
    from dataclasses import replace

    from pypdf import PdfReader
    form = originals[ROOT / "examples" / "qinghe_project_2024.txt"].forms[0]
    long = replace(form, indicators=[replace(i, name=f"{i.name}{k}") for i in form.indicators for k in range(6)])
    out = tmp_path / "long.pdf"
    out.write_bytes(render_forms([long], "pdf"))
    assert len(PdfReader(out).pages) >= 2
    assert [_essence(f) for f in check_path(out).forms] == [_essence(long)]
