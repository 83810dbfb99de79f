"""Plain-text reader (文本读取): text renditions of Word/PDF documents.

Two table styles occur in the text renditions bureaus and converters produce:

* **cell per line** — every cell on its own line led by a tab, a blank line between rows; a
  line *not* led by a tab continues the cell above it (also across a single blank line, when
  the row goes on right after it). Two blank lines end the table.
* **row per line** — a row per line, cells separated by tabs; a single blank line (a page
  break) may fall between two rows of one table.
* **pipe tables** — markdown and portal converters (pandoc, docling, MinerU, 优知文库 …) print
  a row as ``| a | b |`` or ``a | b | ||``: read as a row per line, the ``|---|`` rule left out.

Everything else is running text: one paragraph per line, except that a sentence cut by a
page break (no closing punctuation, the next line no heading) is joined again.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from ..blocks import Cell, Document, Paragraph, SourceRef, Table
from ..errors import ReadError
from .noise import delatex, is_noise_line, strip_debris

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def utf16_order(data: bytes) -> str | None:
    """“utf-16-le” or “utf-16-be” for UTF-16 text without a BOM — a zero in every other byte,
    and almost none in the others — else None (other binaries have zeros in both)."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file: BOM first, then strict UTF-8, UTF-16 without BOM, then detection.

    Chinese government files come as UTF-8 (with or without BOM), GB18030/GBK and UTF-16.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    order = utf16_order(data)
    if order:
        return _strict(data, order, path), order
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError("JX001", "无法识别文件编码", "cannot determine the text encoding", path)
    return str(best), best.encoding


def _strict(data: bytes, enc: str, path: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise ReadError("JX001", f"文件不是有效的 {enc} 文本（字节 {exc.start}）",
                        f"not valid {enc} text (byte {exc.start})", path) from exc


def read_text(data: bytes, path: str) -> Document:
    """Read a text file's bytes into a Document."""
    text, encoding = decode(data, path)
    if "\x00" in text:
        raise ReadError("JX001", "文件含有二进制内容，不是文本文件", "file holds binary data, not text", path)
    lines = re.split(r"\r\n|\r|\n", text)
    doc = Document(path=path, blocks=[], encoding=encoding, lines=lines)
    _Segmenter(path, lines, doc).run()
    return doc


# --- segmentation -----------------------------------------------------------------------

def _is_blank(line: str) -> bool:
    # A line of full-width spaces is content (a cell continuation), not a row break.
    return not line.strip(" \r\x0b\x0c")


def _is_tab(line: str) -> bool:
    return "\t" in line


_PIPE_RULE = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$")


def pipe_row(line: str) -> str:
    """A pipe-table row (``| a | b |``, ``a | b | ||``) as the tab-separated row the segmenter
    reads; any other line as it is. Two bars at least: one bar is punctuation in running text."""
    s = line.strip()
    if s.count("|") < 2 or "\t" in s:
        return line
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") else s
    return "\t".join(c.strip() for c in s.split("|"))


@dataclass
class _Line:
    no: int  # 1-based line number in the file
    text: str


_TERMINAL = "。；;！!？?：:”」』)）"
HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+部分|附件|附表|注[:：]|说明[:：])")


class _Segmenter:
    def __init__(self, path: str, raw: list[str], doc: Document):
        self.path = path
        self.doc = doc
        kept: list[_Line] = []
        self.noise: set[int] = set()
        for i, t in enumerate(raw, 1):
            if is_noise_line(t) or _PIPE_RULE.match(t):
                self.noise.add(i)
                continue
            kept.append(_Line(i, pipe_row(delatex(strip_debris(t)))))
        removed = len(self.noise)
        if removed:
            doc.notes.append(f"removed {removed} watermark/page-number lines")
        self.lines = kept
        self.i = 0

    def ref(self, ln: _Line, row: int | None = None, col: int | None = None) -> SourceRef:
        return SourceRef(self.path, ln.no, row=row, col=col)

    def run(self) -> None:
        n = len(self.lines)
        while self.i < n:
            ln = self.lines[self.i]
            if _is_blank(ln.text):
                self.i += 1
            elif _is_tab(ln.text):
                self._table()
            else:
                self._paragraph()

    # paragraphs ------------------------------------------------------------------------
    def _paragraph(self) -> None:
        ln = self.lines[self.i]
        self.i += 1
        text = ln.text.strip()
        prev = self.doc.blocks[-1] if self.doc.blocks else None
        if isinstance(prev, Paragraph) and self._continues(prev, text):
            prev.line_starts.append((len(prev.text), ln.no))
            prev.text += text
            return
        self.doc.blocks.append(Paragraph(text, self.ref(ln), [(0, ln.no)]))

    def _continues(self, prev: Paragraph, text: str) -> bool:
        """A sentence cut by a page break: long line, no closing mark, next is no heading."""
        j = self.i - 2
        while j >= 0 and _is_blank(self.lines[j].text):
            j -= 1
        if j < 0 or j == self.i - 2 or self.lines[j].no != prev.line_starts[-1][1]:
            return False  # consecutive lines are separate paragraphs in these renditions
        here = self.lines[self.i - 1].no
        removed = sum(1 for n in range(self.lines[j].no + 1, here) if n in self.noise)
        if removed == 0 and here - self.lines[j].no - 1 > 3:
            return False  # a wide gap with no page furniture: a cover page or a new section
        tail = prev.text.rstrip()
        return (len(tail) - prev.line_starts[-1][0] >= 30 and tail[-1] not in _TERMINAL
                and not HEADING.match(text))

    # tables ----------------------------------------------------------------------------
    def _table(self) -> None:
        first = self.lines[self.i]
        cell_per_line = first.text.startswith("\t") and first.text.count("\t") == 1
        rows = self._cell_per_line() if cell_per_line else self._row_per_line()
        rows = [r for r in rows if r]
        if rows:
            self.doc.blocks.append(Table(rows, self.ref(first)))

    def _next_nonblank(self, j: int) -> int:
        while j < len(self.lines) and _is_blank(self.lines[j].text):
            j += 1
        return j

    def _cell_per_line(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        row: list[Cell] = []
        n = len(self.lines)
        while self.i < n:
            ln = self.lines[self.i]
            if _is_tab(ln.text):
                for part in ln.text.split("\t")[1:] if ln.text.startswith("\t") else ln.text.split("\t"):
                    row.append(Cell(part.strip(), self.ref(ln, len(rows), len(row))))
                self.i += 1
                continue
            if not _is_blank(ln.text):  # text right after a cell: continues it
                if row:
                    self._extend(row[-1], ln.text)
                    self.i += 1
                    continue
                break
            # a run of blank lines
            j = self._next_nonblank(self.i)
            blanks = j - self.i
            if j >= n or blanks >= 2:
                break
            nxt = self.lines[j]
            if _is_tab(nxt.text):  # row break
                if row:
                    rows.append(row)
                row = []
                self.i = j
                continue
            # blank, then text: a cell holding an empty line if the row goes on right after
            k = j
            while k < n and not _is_blank(self.lines[k].text) and not _is_tab(self.lines[k].text):
                k += 1
            if row and k < n and _is_tab(self.lines[k].text):
                for m in range(j, k):
                    self._extend(row[-1], self.lines[m].text, gap=True)
                self.i = k
                continue
            break
        if row:
            rows.append(row)
        return rows

    def _row_per_line(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        n = len(self.lines)
        while self.i < n:
            ln = self.lines[self.i]
            if _is_tab(ln.text):
                parts = ln.text.split("\t")
                rows.append([Cell(p.strip(), self.ref(ln, len(rows), c)) for c, p in enumerate(parts)])
                self.i += 1
                continue
            if _is_blank(ln.text):
                j = self._next_nonblank(self.i)
                if j - self.i == 1 and j < n and _is_tab(self.lines[j].text) and rows:
                    width = len(rows[-1])
                    if abs(self.lines[j].text.count("\t") + 1 - width) <= 3:
                        self.i = j  # a page break inside the table
                        continue
            break
        return rows

    @staticmethod
    def _extend(cell: Cell, text: str, gap: bool = False) -> None:
        t = text.strip()
        if not t:
            return
        cell.text = f"{cell.text}\n\n{t}" if gap and cell.text else (f"{cell.text}\n{t}" if cell.text else t)
