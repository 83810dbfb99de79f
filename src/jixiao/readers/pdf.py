"""PDF files (PDF 读取): the text layer through pdfplumber, scanned pages through OCR.

On each page, tables are found from their ruling lines (pdfplumber's ``lines`` strategy) and
read cell by cell; the text outside them is read line by line from the characters' positions,
a line split where a wide gap parts two captions (“部门名称：…      金额单位：万元”). A page with
no text layer but an image — a scan — goes to the OCR reader (``ocr.py``). ``layout.py`` then
joins wrapped lines into paragraphs and tables into one over page breaks. Every block keeps its
page; table cells keep their address (“表3!C5”).
"""

from __future__ import annotations

import io
import logging
import re
import zlib

from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from .. import limits
from ..blocks import Document
from ..errors import ReadError
from .columns import Row, find_tables, pieces
from .layout import Grid, Line, assemble, cell_text

_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
          "join_tolerance": 3, "intersection_tolerance": 3}


def _inside(obj: dict, boxes: list[tuple]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _split_line(chars: list[dict], page: int) -> list[Line]:
    """One printed line → Lines, split at gaps wider than three characters; spaces kept."""
    out: list[Line] = []
    chars = sorted(chars, key=lambda c: c["x0"])
    size = max((c["size"] for c in chars), default=10.0) or 10.0
    run: list[dict] = []

    def close() -> None:
        gaps = sorted(b["x0"] - a["x1"] for a, b in zip(run, run[1:]))
        usual = max(gaps[len(gaps) // 2], 0.0) if len(gaps) >= 4 else 0.0   # justified lines spread glyphs
        text = ""
        for a, b in zip([None] + run[:-1], run):
            if (a is not None and b["x0"] - a["x1"] > usual + 0.2 * size and not text.endswith(" ")
                    and b["text"] != " "):
                text += " "
            text += b["text"]
        if text.strip():
            seen = [c for c in run if c["text"].strip()]
            out.append(Line(text.strip(), seen[0]["x0"], seen[-1]["x1"], min(c["top"] for c in seen),
                            max(c["bottom"] for c in seen), page))

    last = None
    for c in chars:
        if c["text"].strip() and last is not None and c["x0"] - last["x1"] > 3 * size:
            close()
            run = []
        run.append(c)
        if c["text"].strip():
            last = c
    if run:
        close()
    for ln in out if len(out) > 1 else []:
        ln.part = True
    return out


_VALUE = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(%|万元|元|亿元|人|个|次)?$")   # one figure


def field_values(page) -> list[list[dict]]:
    """The values of a filled form's text fields (AcroForm widgets), which live in annotations,
    not in the page's text: each as a line of glyphs spread over its field's box."""
    out = []
    for a in page.annots or []:
        data = a.get("data") or {}
        value = resolve1(data.get("V"))
        if isinstance(value, bytes):
            value = decode_text(value)
        if not isinstance(value, str) or not value.strip() or a.get("x0") is None:
            continue
        value = value.strip()
        appearance = resolve1(data.get("DA"))
        m = re.search(rb"([\d.]+)\s+Tf", appearance) if isinstance(appearance, bytes) else None
        size = float(m.group(1)) if m and float(m.group(1)) > 0 else (a["bottom"] - a["top"]) * 0.7
        step = min((a["x1"] - a["x0"] - 2) / len(value), 0.55 * size)   # a figure's glyphs are about half an em
        out.append([{"text": ch, "x0": a["x0"] + 2 + k * step, "x1": a["x0"] + 2 + (k + 1) * step, "top": a["top"],
                     "bottom": a["bottom"], "size": size, "upright": True} for k, ch in enumerate(value)])
    return out


def _figures(line: list[dict]) -> list[list[dict]] | None:
    """A line holding only figures, cut where a gap wider than a character parts them (two values
    of one form line drawn at one height): its figures, else None."""
    seen = sorted((c for c in line if c["text"].strip()), key=lambda c: c["x0"])
    if not seen:
        return None
    size = max(c.get("size", 10.0) for c in seen) or 10.0
    runs: list[list[dict]] = [[seen[0]]]
    for a, b in zip(seen, seen[1:]):
        if b["x0"] - a["x1"] > size:
            runs.append([])
        runs[-1].append(b)
    return runs if all(_VALUE.match("".join(c["text"] for c in r)) for r in runs) else None


def _box(chars: list[dict]) -> tuple[float, float, float, float]:
    return (min(c["x0"] for c in chars), min(c["top"] for c in chars), max(c["x1"] for c in chars),
            max(c["bottom"] for c in chars))


def rejoin_values(lines: list[list[dict]]) -> list[list[dict]]:
    """Figures drawn apart from their words — a filled form's values, set a few points off the
    line in its blanks — put back into the line whose blank they fill, so that “收入支出总计
    2995.39 万元” reads as one sentence. A figure joins the nearest line above or below whose band
    it overlaps or nearly touches, inside (or just after) its text, where the line has a blank."""
    split = {k: _figures(ln) for k, ln in enumerate(lines)}
    if not any(split.values()):
        return lines
    words = {k: list(ln) for k, ln in enumerate(lines) if not split[k]}
    leftover: list[list[dict]] = []
    for k, runs in split.items():
        for v in runs or []:
            x0, top, x1, bottom = _box(v)
            size = max(c.get("size", 10.0) for c in v) or 10.0
            best = None
            for j, ln in words.items():
                lx0, ltop, lx1, lbottom = _box(ln)
                if max(ltop - bottom, top - lbottom, 0.0) > 0.6 * size or not (lx0 < x0 and x1 < lx1 + 4 * size):
                    continue
                head = x0 + 0.5 * (x1 - x0)
                if any(c["x0"] < head and x0 < c["x1"] and c["text"].strip() for c in ln):
                    continue   # no blank there: the figure is not this line's
                overlap = min(bottom, lbottom) - max(top, ltop)
                if best is None or overlap > best[0]:
                    best = (overlap, j)
            if best is None:
                leftover.append(v)
                continue
            _, ltop, _, lbottom = _box(words[best[1]])
            words[best[1]] += [dict(c, top=ltop, bottom=lbottom) for c in v]
    out = [sorted(ln, key=lambda c: c["x0"]) for ln in words.values()] + leftover
    return sorted(out, key=lambda ln: (round(_box(ln)[1]), _box(ln)[0]))


def _grid(table, page: int) -> Grid:
    rows = [[cell_text(c or "") for c in row] for row in table.extract()]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    edges = sorted({round(c[0], 1) for c in table.cells}) + [round(table.bbox[2], 1)]
    return Grid(rows, edges, table.bbox[1], page)


def page_items(page, number: int) -> list[Line | Grid]:
    """The text lines and tables of one page with a text layer, top to bottom: ruled tables
    from their lines, then borderless ones from the text positions of the lines left."""
    tables = [t for t in page.find_tables(_RULED) if len(t.rows) >= 1 and len(t.columns) >= 2]
    boxes = [t.bbox for t in tables]
    free = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) if boxes else page
    lines = [ln["chars"] for ln in free.extract_text_lines(return_chars=True, strip=True)]
    lines = rejoin_values(lines + field_values(page))
    rows = [Row(pieces(cs), min(c["top"] for c in cs), max(c["bottom"] for c in cs),
                max(c["size"] for c in cs) or 10.0, cs) for cs in lines if cs]
    items: list[Line | Grid] = [_grid(t, number) for t in tables]
    for run in _between(rows, boxes):
        grids, used = find_tables(run, number)
        items += grids
        for k, r in enumerate(run):
            if k not in used:
                items += _split_line(r.chars, number)
    items.sort(key=lambda it: (round(it.top), it.x0 if isinstance(it, Line) else 0))
    return items


def _between(rows: list[Row], boxes: list[tuple]) -> list[list[Row]]:
    """The free lines in runs that no ruled table interrupts."""
    runs: list[list[Row]] = [[]]
    for r in sorted(rows, key=lambda r: r.top):
        if runs[-1] and any(runs[-1][-1].bottom <= b[1] and b[3] <= r.top for b in boxes):
            runs.append([])
        runs[-1].append(r)
    return runs


def _open(data: bytes, path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages   # parses the page tree: a truncated file fails here
    except Exception as exc:  # pdfminer raises many kinds on broken files; pdfplumber wraps some
        wrapped = isinstance(exc, PdfminerException)
        cause = exc.args[0] if wrapped and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or wrapped and "password" in repr(cause).lower():
            raise ReadError("JX001", "PDF 文件已加密，需先用密码打开并另存", "the PDF is encrypted; open it with "
                            "its password and save an unprotected copy", path) from None
        raise ReadError("JX001", f"PDF 文件已损坏或不完整（{type(cause).__name__}）",
                        f"the PDF is damaged or truncated ({type(cause).__name__})", path) from None
    return pdf


_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def _stream_bomb(data: bytes) -> bool:
    """Whether a compressed stream unpacks beyond :data:`limits.STREAM_BYTES` (pdfminer would
    unpack it whole); only streams large enough to get there are tried, each stopped at the limit.
    A stream compressed twice over is left to the worker's memory budget."""
    view, pos = memoryview(data), 0
    while (m := _STREAM.search(data, pos)) is not None:
        end = data.find(b"endstream", m.end())
        if end < 0:
            return False
        pos = end + 9   # each stream once: the scan is linear in the file
        if (end - m.end()) * 1032 <= limits.STREAM_BYTES:   # deflate packs at most about 1032 to 1
            continue
        try:
            out = zlib.decompressobj().decompress(view[m.end():end], limits.STREAM_BYTES + 1)
        except zlib.error:
            continue   # not a Flate stream (an image), or a damaged one pdfminer will judge
        if len(out) > limits.STREAM_BYTES:
            return True
    return False


def _content_bytes(page) -> int:
    """The size of a page's drawing instructions, unpacked (0 when they cannot be read here)."""
    total = 0
    try:
        for stream in page.page_obj.contents or []:
            total += len(resolve1(stream).get_data())
    except Exception:  # pdfminer on a damaged stream: let the page's own reading judge it
        return 0
    return total


def read_pdf(data: bytes, path: str) -> Document:
    """Read a PDF's bytes into a Document; scanned pages are read by OCR."""
    if _stream_bomb(data):
        raise ReadError("JX001", f"PDF 中有解压后超过{limits.STREAM_BYTES // limits.MiB} MB 的内容流（疑似压缩炸弹），未读取",
                        f"a stream of the PDF unpacks beyond {limits.STREAM_BYTES // limits.MiB} MB (a bomb?); not read", path)
    pdf = _open(data, path)
    doc = Document(path=path, blocks=[], encoding=None)
    pages: list[list[Line | Grid]] = []
    scans: list[int] = []
    broken: list[int] = []
    with pdf:
        count = len(pdf.pages)
        if count > limits.PAGES:
            doc.left_out.append(f"第{limits.PAGES + 1}至{count}页（超过{limits.PAGES}页的上限）")
        for number, page in enumerate(pdf.pages[:limits.PAGES], 1):
            try:
                if _content_bytes(page) > limits.PAGE_CONTENT_BYTES:
                    doc.left_out.append(f"第{number}页（绘图指令过多，超过{limits.PAGE_CONTENT_BYTES // limits.MiB} MB）")
                    pages.append([])
                    continue
                items = page_items(page, number)
                if not items and page.images:
                    from .ocr import DPI, read_picture
                    if float(page.width) * float(page.height) * (DPI / 72) ** 2 > limits.IMAGE_PIXELS:
                        doc.left_out.append(f"第{number}页（页面过大，未作 OCR 识别）")
                        pages.append([])
                        continue
                    items = read_picture(page.to_image(resolution=DPI).original, number, DPI)
                    scans.append(number)
            except (ReadError, MemoryError):
                raise
            except Exception:  # one bad page: say so, read the rest
                logging.getLogger("jixiao").debug("page %d of %s failed", number, path, exc_info=True)
                items = []
                broken.append(number)
            pages.append(items)
    if broken and len(broken) == len(pages):
        raise ReadError("JX001", "PDF 各页均无法读取", "no page of the PDF could be read", path)
    if broken:
        doc.notes.append(f"第{'、'.join(map(str, broken))}页无法读取 / page(s) {broken} could not be read")
        doc.left_out.append(f"第{'、'.join(map(str, broken))}页（无法读取）")
    if scans:
        doc.notes.append(f"第{'、'.join(map(str, scans))}页为扫描件，已经 OCR 识别 / page(s) {scans} read by OCR")
    assemble(doc, pages)
    if not doc.blocks:
        cut = f"（未读取：{'；'.join(doc.left_out)}）" if doc.left_out else ""
        raise ReadError("JX001", f"PDF 中没有可读的文字{cut}", "the PDF holds no readable text"
                        + (" (parts were not read: over the limits)" if cut else ""), path)
    return doc
