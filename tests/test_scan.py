"""Scanned pages (OCR): our documents printed, scanned — tilted, specked, stamped — and read back.

The scans are made in the test run from the typeset PDFs (``render_pdf.to_scan``); each OCR'd
page takes a few seconds, so the set is kept small: the three invented Qinghe documents.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fields import compare
from render_fixtures import essence
from render_pdf import cjk_font, to_pdf, to_scan

from jixiao.blocks import Table
from jixiao.pipeline import check_path
from jixiao.readers import read_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.txt"))

pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra is not installed")
pytestmark = pytest.mark.skipif(cjk_font() is None, reason="no CJK font; .ci/run installs fonts-wqy-microhei")


def _scanned(tmp_path: Path, name: str, **look) -> tuple[Path, Path]:
    source = EXAMPLES / f"{name}.txt"
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(to_scan(to_pdf(read_path(source)), **look))
    return source, path


@pytest.mark.parametrize("name", NAMES)
def test_clean_200_dpi_scans_read_every_figure_right(tmp_path, name):
    source, path = _scanned(tmp_path, name, tilt=0, noise=0, stamp=False, watermark=None)
    doc = read_path(path)
    acc = compare(read_path(source), doc)
    assert acc.figures and acc.figures_right == acc.figures, acc.misses
    assert any("OCR" in n for n in doc.notes)
    cells = [c for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r if not c.blank]
    assert cells and all(c.confidence is not None and c.ref.page for c in cells)


@pytest.mark.parametrize("name", ["qinghe_dept_2024", "qinghe_project_2024", "qinghe_final_accounts_2024"])
def test_tilted_specked_stamped_scans_give_the_same_forms_and_findings(tmp_path, name):
    source, path = _scanned(tmp_path, name)     # 0.6° tilt, specks, a red stamp, a watermark line
    text, scan = check_path(source), check_path(path)
    forms, findings = essence(scan)
    assert (forms, [f for f in findings if f[0] != "JX010"]) == essence(text)   # JX010: the unsure figures
    acc = compare(text.doc, scan.doc)
    assert acc.figures_right == acc.figures, [m for m in acc.misses if any(ch.isdigit() for ch in m.want)]
    assert not any("扫描全能王" in line for line in scan.doc.lines)


def test_a_photo_of_a_page_as_png_is_read(tmp_path):
    """A phone picture: PNG, turned 1.5°, without a resolution in the file."""
    import pypdfium2 as pdfium
    source = read_path(EXAMPLES / "qinghe_dept_2024.txt")
    page = pdfium.PdfDocument(to_pdf(source))[0].render(scale=200 / 72).to_pil().convert("RGB")
    page = page.rotate(-1.5, expand=True, fillcolor="white")
    path = tmp_path / "photo.png"
    page.save(path)
    result = check_path(path)
    assert result.error is None
    form = result.forms[0]
    assert form.kind == "dept_self_eval" and form.budget.main.executed == 1121
    assert all(f.code != "JX001" for f in result.findings)


def test_low_confidence_figures_are_shown_to_the_reviewer(tmp_path):
    source, path = _scanned(tmp_path, "qinghe_dept_2024", noise=0.02, tilt=1.2)
    result = check_path(path)
    unsure = [f for f in result.findings if f.code == "JX010"]
    cells = [c for b in result.doc.blocks if isinstance(b, Table) for r in b.rows for c in r
             if c.confidence is not None and c.confidence < 0.9 and any(ch.isdigit() for ch in c.text)]
    assert len(unsure) == len(cells) > 0
    assert all("置信度" in f.message and f.ref.page and f.ref.cell for f in unsure)
    clean = check_path(EXAMPLES / "qinghe_dept_2024.txt")
    assert not [f for f in clean.findings if f.code == "JX010"]


def test_broken_images_are_findings(tmp_path):
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buf, "PNG")
    whole = buf.getvalue()
    (tmp_path / "cut.png").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "blank.png").write_bytes(whole)
    (tmp_path / "junk.jpg").write_bytes(b"\xff\xd8\xff" + bytes(300))
    for name in ("cut.png", "blank.png", "junk.jpg"):
        r = check_path(tmp_path / name)
        assert r.error is not None and r.findings[0].code == "JX001", name
        assert r.error.file.endswith(name) and r.error.zh and r.error.en


def test_without_the_ocr_extra_the_message_names_the_package(monkeypatch, tmp_path):
    import builtins

    from jixiao.readers import ocr
    real = builtins.__import__

    def no_rapidocr(name, *args, **kwargs):
        if name.startswith("rapidocr_onnxruntime"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_rapidocr)
    ocr.engine.cache_clear()
    try:
        from PIL import Image
        Image.new("RGB", (200, 100), "white").save(tmp_path / "page.png")
        r = check_path(tmp_path / "page.png")
    finally:
        ocr.engine.cache_clear()
    assert r.error is not None and "rapidocr-onnxruntime" in r.error.en and "jixiao[ocr]" in r.error.zh
