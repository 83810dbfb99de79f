"""Reader bench (读取基准): field accuracy and speed per format, against the libraries underneath.

Run: ``.venv/bin/python bench/readers.py [--seeds]``. The documents are the bundled examples
(and, with ``--seeds``, seeds 001 and 004 from ../shared), rendered by the test fixtures into
DOCX, XLSX, HTML, a text PDF and a scanned PDF. For each format it prints the share of table
cells and of figures read right, pages (or files) per second, and beside it the library alone:

* text PDF — pdfplumber's own ``extract_tables`` on every page (no joining over pages);
* text PDF without ruling lines — pdfplumber's ``extract_tables`` with its ``text`` strategy;
* XLS (made by LibreOffice, when installed, from the XLSX) — read by xlrd;
* scanned PDF — RapidOCR alone on the same page images (no cleaning, no table structure);
  the ratio of jixiao's time to the raw engine's is the OCR path's overhead;
* docling — measured where it is installed (it is not a dependency: it needs PyTorch).

Timings are the best of ``--repeat`` runs. Nothing here is asserted; it is a measurement.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fields import Accuracy, compare  # noqa: E402
from render_fixtures import to_docx, to_html, to_xlsx  # noqa: E402
from render_pdf import to_pdf, to_scan  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table as RichTable  # noqa: E402

from jixiao.blocks import Cell, Document, SourceRef, Table  # noqa: E402
from jixiao.readers import read_bytes, read_path  # noqa: E402
from jixiao.readers.office import convert, soffice  # noqa: E402


def _best(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium
    return len(pdfium.PdfDocument(pdf))


_TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def _pdfplumber_alone(pdf: bytes, name: str, settings: dict | None = None) -> Document:
    """pdfplumber's tables, page by page, as a Document to compare like ours."""
    import io

    import pdfplumber
    doc = Document(name, [])
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        for page in p.pages:
            for rows in page.extract_tables(settings):
                doc.blocks.append(Table([[Cell((c or "").replace("\n", ""), SourceRef(name, 0)) for c in r]
                                         for r in rows], SourceRef(name, 0)))
    return doc


def _ocr_alone(scan: bytes) -> int:
    """The raw engine on every page image at the reader's resolution; returns the boxes found."""
    import numpy as np
    import pypdfium2 as pdfium

    from jixiao.readers.ocr import DPI, engine
    n = 0
    for page in pdfium.PdfDocument(scan):
        img = np.asarray(page.render(scale=DPI / 72).to_pil().convert("RGB"))[:, :, ::-1]
        result, _ = engine()(img, use_cls=False)
        n += len(result or [])
    return n


def _docling(pdf: bytes) -> float | None:
    try:
        from docling.document_converter import DocumentConverter  # type: ignore[import-not-found]
    except ImportError:
        return None
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        t = time.perf_counter()
        DocumentConverter().convert(f.name)
        return time.perf_counter() - t


def _checked_vs_extracted(out: Console, sources: dict[str, Document], repeat: int) -> None:
    """A text PDF read, recognised, recomputed and checked (the whole pipeline) against
    pdfplumber's own extraction of the same file (tables and text of every page); target 1.3×."""
    import io

    import pdfplumber

    from jixiao.pipeline import check_path

    def extract(data: bytes) -> None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.extract_text()

    ours = lib = 0.0
    for name, src in sources.items():
        data = to_pdf(src)
        ours += _best(lambda d=data, n=name: check_path(n + ".pdf", data=d), repeat)[0]
        lib += _best(lambda d=data: extract(d), repeat)[0]
    out.print(f"text PDF checked (whole pipeline) {ours:.2f} s vs pdfplumber extract_tables + extract_text "
              f"{lib:.2f} s: {ours / lib:.2f}× (target 1.3×)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", action="store_true", help="also seeds 001 and 004 from ../shared/seeds")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-ocr", action="store_true", help="skip the scanned PDFs (the slow part)")
    args = ap.parse_args()
    paths = sorted((ROOT / "examples").glob("*.txt"))
    if args.seeds:
        paths += sorted((ROOT.parent / "shared" / "seeds").glob("00[14]_*.txt"))
    sources = {p.name: read_path(p) for p in paths}
    renders = {"DOCX": to_docx, "XLSX": to_xlsx, "HTML": to_html, "PDF (text)": to_pdf,
               "PDF (no rules)": lambda d: to_pdf(d, rules="none")}
    if soffice():
        renders["XLS"] = lambda d: convert(to_xlsx(d), "book.xlsx", "xls", "book.xls")
    rows = []
    engine_time = None
    for label, render in list(renders.items()) + ([] if args.no_ocr else [("PDF (scan)", None)]):
        acc, lib_acc = Accuracy(), Accuracy()
        ours = lib = 0.0
        pages = 0
        for name, src in sources.items():
            pdf = to_pdf(src, rules="none" if label == "PDF (no rules)" else "grid") if label.startswith("PDF") else None
            data = to_scan(pdf) if label == "PDF (scan)" else (pdf if pdf else render(src))
            pages += _pages(pdf) if pdf else 1
            repeat = 1 if label == "PDF (scan)" else args.repeat
            t, doc = _best(lambda d=data, n=name: read_bytes(d, n), repeat)
            ours += t
            acc.add(compare(src, doc))
            if label in ("PDF (text)", "PDF (no rules)"):
                settings = _TEXT_STRATEGY if label == "PDF (no rules)" else None
                t, alone = _best(lambda d=data, n=name, s=settings: _pdfplumber_alone(d, n, s), repeat)
                lib += t
                lib_acc.add(compare(src, alone))
            if label == "PDF (scan)":
                t, _ = _best(lambda d=data: _ocr_alone(d), 1)
                lib += t
        unit = "pages" if label.startswith("PDF") else "files"
        rows.append((label, acc, ours, pages, unit, lib, lib_acc if lib_acc.cells else None))
        if label == "PDF (scan)":
            engine_time = lib

    out = Console(width=160)
    t = RichTable(title=f"jixiao readers on {len(sources)} documents (best of {args.repeat}; scans once)")
    for col in ("format", "cells right", "figures right", "per second", "library alone", "library cells right",
                "time ratio jixiao ÷ library"):
        t.add_column(col, justify="right" if col != "format" else "left")
    for label, acc, ours, pages, unit, lib, lib_acc in rows:
        name = {"PDF (text)": "pdfplumber", "PDF (no rules)": "pdfplumber text strategy",
                "PDF (scan)": "RapidOCR"}.get(label, "—")
        t.add_row(label, f"{acc.right}/{acc.cells} ({acc.right / acc.cells:.1%})",
                  f"{acc.figures_right}/{acc.figures} ({acc.figures_right / acc.figures:.1%})",
                  f"{pages / ours:.1f} {unit}/s", name + (f" {pages / lib:.1f} {unit}/s" if lib else ""),
                  f"{lib_acc.right}/{lib_acc.cells} ({lib_acc.right / lib_acc.cells:.1%})" if lib_acc else "—",
                  f"{ours / lib:.2f}×" if lib else "—")
    out.print(t)
    _checked_vs_extracted(out, sources, args.repeat)
    pdf = to_pdf(next(iter(sources.values())))
    took = _docling(pdf)
    out.print(f"docling: {'not installed (needs PyTorch; not a jixiao dependency)' if took is None else f'{took:.1f} s'}")
    if engine_time:
        out.print("OCR overhead target: jixiao's scan path within about 1.2× the raw engine's own time.")


if __name__ == "__main__":
    main()
