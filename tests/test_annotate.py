"""jixiao annotate (在原文件上批注): the seeds saved as XLSX, DOCX and PDF, annotated, read back."""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from jixiao.annotate.marks import AUTHOR
from jixiao.annotate.pdf import targets
from jixiao.annotate.write import CannotAnnotate, annotate_file
from jixiao.cli import app
from jixiao.readers import read_path
from jixiao.readers.rendition import column_letters
from render_fixtures import to_docx, to_xlsx
from render_pdf import to_pdf

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
# python-docx's table.cell() makes saving the large seeds 002 and 004 as DOCX take 15–30 s (render_fixtures),
# and typesetting 004 as a PDF as long: those formats use the seeds that save fast, with cells and paragraphs
DOCX_SEEDS = SEEDS
PDF_SEEDS = [SEEDS[0]]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FILLS = {"FFC7CE", "FFEB9C", "DDEBF7"}


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("annotate")


def _saved(work: Path, seed: Path, render, suffix: str) -> Path:
    path = work / (seed.stem[:3] + suffix)
    if not path.exists():
        path.write_bytes(render(read_path(seed)))
    return path


_DONE: dict = {}


def _annotated(work: Path, seed: Path, render, suffix: str):
    """The seed saved as ``suffix`` and annotated once (cached for the module)."""
    if (seed, suffix) in _DONE:
        return _DONE[seed, suffix]
    src = _saved(work, seed, render, suffix)
    before = sha(src)
    done = annotate_file(src)
    assert sha(src) == before, "the original is never modified"
    assert done.outcome.out == src.with_name(f"{src.stem}.批注{suffix}")
    _DONE[seed, suffix] = src, done
    return src, done


# --- XLSX -------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_xlsx_marks_exactly_the_flagged_cells(work, seed):
    from openpyxl import load_workbook
    src, done = _annotated(work, seed, to_xlsx, ".xlsx")
    assert done.marks, "every seed has findings"
    expected = {p.cell for m in done.marks for p in m.places if p.cell}
    before, after = load_workbook(src), load_workbook(done.outcome.out)
    filled, commented = set(), {}
    for ws in before.worksheets:
        out = after[ws.title]
        for row in out.iter_rows():
            for c in row:
                address = f"{ws.title}!{c.coordinate}"
                assert c.value == ws[c.coordinate].value, address   # never a value changed
                if c.fill.fill_type == "solid" and c.fill.fgColor.rgb[-6:] in FILLS:
                    filled.add(address)
                if c.comment is not None:
                    assert c.comment.author == AUTHOR
                    commented[address] = c.comment.text
        for row in ws.iter_rows():
            for c in row:
                assert out[c.coordinate].value == c.value
    assert filled == set(commented) == expected
    for m in done.marks:
        for p in m.places:
            assert m.code in commented[p.cell] and m.finding.message in commented[p.cell]
    apart = [m for m in done.marks if not any(p.cell for p in m.places)]
    assert done.outcome.apart == len(apart) and not done.outcome.missed
    assert ("复核意见" in after.sheetnames) == bool(apart)
    if apart:
        listed = [r[1] for r in after["复核意见"].iter_rows(min_row=2, values_only=True)]
        assert listed == [m.code for m in apart]


def test_xlsx_keeps_formulas_and_their_cached_values(work):
    """A workbook saved by LibreOffice (formulas with cached results): the copy keeps both."""
    from openpyxl import Workbook, load_workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["项目", "预算数", "执行数", "执行率"])
    ws.append(["办公经费", 100, 61.04, "=C2/B2"])
    ws.append(["合计", "=SUM(B2)", "=SUM(C2)", "=C3/B3"])
    raw = work / "formulas_raw.xlsx"
    wb.save(raw)
    outdir = work / "calc"
    _soffice(work, "xlsx", outdir, raw)
    src = outdir / "formulas_raw.xlsx"
    from jixiao.annotate.marks import Mark
    from jixiao.annotate.xlsx import annotate_xlsx
    from jixiao.blocks import SourceRef
    from jixiao.checks import Finding
    f = Finding("JX101", "error", "执行率", "执行率应为61.04%", "61.04%", "0.6104", SourceRef(str(src), 2, cell="表1!D2"))
    out = work / "formulas.批注.xlsx"
    done = annotate_xlsx(src, out, [Mark(1, f, (f.ref,))])
    assert done.places == 1
    formulas, values = load_workbook(out), load_workbook(out, data_only=True)
    assert formulas["表1"]["D2"].value == "=C2/B2" and formulas["表1"]["B3"].value == "=SUM(B2)"
    assert values["表1"]["D2"].value == pytest.approx(0.6104) and values["表1"]["C3"].value == pytest.approx(61.04)
    assert "JX101" in formulas["表1"]["D2"].comment.text


# --- DOCX -------------------------------------------------------------------------------------

def _docx_marked(path: Path):
    """(shaded cells, highlighted paragraphs, {comment id: (place, anchored text)}, {id: text})
    read from the XML of a file whose tables and paragraphs are all in the body."""
    z = zipfile.ZipFile(path)
    body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    places: dict = {}   # element → its place (the keys keep lxml's proxies, hence their identity, alive)
    shaded, lit = set(), set()
    paragraphs = 0
    for n, tbl in enumerate(body.findall(W + "tbl"), 1):
        for r, tr in enumerate(tbl.findall(W + "tr")):
            k = 0
            for tc in tr.findall(W + "tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                address = f"表{n}!{column_letters(k)}{r + 1}"
                places[tc] = address
                if tc.find(f"{W}tcPr/{W}shd") is not None and tc.find(f"{W}tcPr/{W}shd").get(W + "fill") in FILLS:
                    shaded.add(address)
                k += int(span.get(W + "val")) if span is not None else 1
    for p in body.findall(W + "p"):
        if "".join(t.text or "" for t in p.iter(W + "t")).strip():
            paragraphs += 1
            places[p] = f"第{paragraphs}段"
            if p.find(f".//{W}rPr/{W}highlight") is not None:
                lit.add(f"第{paragraphs}段")
    anchored, inside, texts = {}, {}, {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            cid = el.get(W + "id")
            holder = el.getparent()
            while holder not in places or (holder.tag == W + "p" and holder.getparent().tag == W + "tc"):
                holder = holder.getparent()
            anchored[cid], inside[cid] = places[holder], []
            texts[cid] = "".join(t.text or "" for t in holder.iter(W + "t"))
        elif el.tag == W + "commentRangeEnd":
            inside[el.get(W + "id")] = "".join(inside[el.get(W + "id")])
        elif el.tag == W + "t":
            for cid, got in inside.items():
                if isinstance(got, list):
                    got.append(el.text or "")
    comments = etree.fromstring(z.read("word/comments.xml"))
    said = {c.get(W + "id"): ("".join(t.text or "" for t in c.iter(W + "t")), c.get(W + "author"))
            for c in comments.findall(W + "comment")}
    for cid in anchored:
        assert inside[cid] == texts[cid], f"comment {cid} anchored on its whole cell or paragraph"
    return shaded, lit, anchored, said


@pytest.mark.parametrize("seed", DOCX_SEEDS, ids=lambda p: p.stem[:3])
def test_docx_comments_anchored_on_the_flagged_cells_and_paragraphs(work, seed):
    src, done = _annotated(work, seed, to_docx, ".docx")
    cells = {p.cell for m in done.marks for p in m.places if p.cell}
    paragraphs = {f"第{p.paragraph}段" for m in done.marks for p in m.places if p.paragraph and not p.cell}
    shaded, lit, anchored, said = _docx_marked(done.outcome.out)
    assert shaded == cells and lit == paragraphs
    assert set(anchored.values()) == cells | paragraphs and len(anchored) == len(cells | paragraphs)
    assert set(said) == set(anchored) and all(author == AUTHOR for _, author in said.values())
    by_place = {anchored[cid]: said[cid][0] for cid in anchored}
    for m in done.marks:
        for p in m.places:
            text = by_place[p.cell or f"第{p.paragraph}段"]
            assert m.code in text and m.finding.message in text
    assert not done.outcome.missed and done.outcome.apart == 0
    before, after = read_path(src), read_path(done.outcome.out)   # the text is the department's, untouched
    assert after.lines == before.lines


# --- LibreOffice opens them -------------------------------------------------------------------

def _soffice(work: Path, to: str, outdir: Path, *files: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless",
                    "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                   check=True, timeout=180, capture_output=True)


def test_libreoffice_opens_the_annotated_copies(work):
    import pdfplumber
    copies = [_annotated(work, SEEDS[0], to_xlsx, ".xlsx")[1].outcome.out,
              _annotated(work, SEEDS[0], to_docx, ".docx")[1].outcome.out]
    outdir = work / "lo"
    _soffice(work, "pdf", outdir, *copies)
    for c in copies:
        pdf = outdir / (c.stem + ".pdf")
        with pdfplumber.open(pdf) as doc:
            text = re.sub(r"[,\s]", "", "".join((p.extract_text() or "") for p in doc.pages))
        assert "自评" in text and "医疗保障" in text, c


# --- PDF --------------------------------------------------------------------------------------

def _red(obj) -> bool:
    colour = obj.get("stroking_color")
    return isinstance(colour, (tuple, list)) and len(colour) == 3 and colour[0] > 0.05 and \
        tuple(round(v, 2) for v in colour) in {(0.85, 0.1, 0.1), (0.9, 0.45, 0.0), (0.1, 0.4, 0.85)}


@pytest.mark.parametrize("seed", PDF_SEEDS, ids=lambda p: p.stem[:3])
def test_pdf_boxes_on_the_findings_pages(work, seed):
    import pdfplumber
    src, done = _annotated(work, seed, to_pdf, ".pdf")
    assert not done.outcome.missed and done.outcome.apart == 0
    doc = read_path(src)
    cells, lines = targets(doc)
    pages = {p.page for m in done.marks for p in m.places}
    with pdfplumber.open(src) as before, pdfplumber.open(done.outcome.out) as after:
        assert len(after.pages) > len(before.pages)   # the list of findings at the end
        boxed = {}
        for n, page in enumerate(after.pages[:len(before.pages)], 1):
            rects = [r for r in page.rects if _red(r)]
            if rects:
                boxed[n] = rects
            original = before.pages[n - 1].extract_text()
            kept = page.filter(lambda o: o.get("object_type") != "char" or "Helvetica" not in o.get("fontname", ""))
            assert kept.extract_text() == original, f"page {n}: the original text is still there"
        assert set(boxed) == pages
        for m in done.marks:
            for p in m.places:
                t = cells.get((p.cell, p.page)) if p.cell else lines.get(p.line)
                want = re.sub(r"\s", "", t.text)[:8]
                page = after.pages[p.page - 1]
                inside = [re.sub(r"\s", "", page.within_bbox((r["x0"], r["top"], r["x1"], r["bottom"]),
                                                             strict=False).extract_text()) for r in boxed[p.page]]
                assert any(want in s for s in inside), (m.code, p.where, want)
        listing = "".join(p.extract_text() or "" for p in after.pages[len(before.pages):])
        assert "复核意见" in listing and all(m.code in listing for m in done.marks)


# --- text, the command line, what cannot be annotated -----------------------------------------

def test_text_copy_with_markers_after_the_flagged_lines(work):
    src = work / "003.txt"
    src.write_bytes(SEEDS[3].read_bytes())
    done = annotate_file(src)
    original = src.read_text(encoding="utf-8").split("\n")
    copy = done.outcome.out.read_text(encoding="utf-8").split("\n")
    assert [ln for ln in copy if not ln.startswith("【")] == original
    flagged = {p.line for m in done.marks for p in m.places}
    after = {}
    n = 0
    for ln in copy:
        if ln.startswith("【"):
            after.setdefault(n, []).append(ln)
        else:
            n += 1
    assert set(after) == flagged
    for m in done.marks:
        for p in m.places:
            assert any(f"[{m.number}] {m.code}" in x and m.finding.message in x for x in after[p.line])


def test_cli_writes_next_to_the_file_or_to_out(work):
    src = _saved(work, SEEDS[2], to_xlsx, ".xlsx")
    out = work / "cli" / "批注.xlsx"
    out.parent.mkdir()
    r = CliRunner().invoke(app, ["annotate", str(src), "-o", str(out), "--min-severity", "error",
                                 "--ignore", "JX6"])
    assert r.exit_code == 0, r.output
    assert re.search(r"已写出 .*：\d+ 条问题标在原处（\d+ 处），0 条另列 / wrote .* listed apart", r.output)
    from openpyxl import load_workbook
    notes = [c.comment.text for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row
             if c.comment is not None]
    assert notes and all(" error：" in n and "JX6" not in n for n in notes)


def test_what_cannot_be_annotated_says_so(work):
    runner = CliRunner()
    legacy = (SHARED / "field" / "026_central_pku_xmk_export_2019.xls")
    r = runner.invoke(app, ["annotate", str(legacy), "-o", str(work / "x.xlsx")])
    assert r.exit_code == 2 and ".xlsx" in r.output and "另存为" in r.output and "Traceback" not in r.output
    with pytest.raises(CannotAnnotate, match="另存为"):
        annotate_file(legacy, work / "x.xlsx")
    src = _saved(work, SEEDS[1], to_xlsx, ".xlsx")
    r = runner.invoke(app, ["annotate", str(src), "-o", str(src)])
    assert r.exit_code == 2 and "覆盖原文件" in r.output
    r = runner.invoke(app, ["annotate", str(work / "missing.docx")])
    assert r.exit_code == 2 and "文件不存在" in r.output
    r = runner.invoke(app, ["annotate", str(src), "--select", "JX999"])
    assert r.exit_code == 2 and "JX999" in r.output and "Traceback" not in r.output
