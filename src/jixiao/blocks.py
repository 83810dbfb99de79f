"""Blocks: what every reader produces (版面块).

A document is read into a flat sequence of ``Paragraph`` and ``Table`` blocks. Readers know
nothing about budgets; every line of text and every table cell keeps a ``SourceRef`` that says
where in the file it came from, so that a finding can quote its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class SourceRef:
    """Where a value came from (出处): file, line, and page/row/column where known."""

    file: str
    line: int
    page: int | None = None
    # row/col: the cell's index in the reader's table; in-memory hints for the recognisers,
    # not part of the stored record (the JSON keeps line, page and cell address).
    row: int | None = field(default=None, compare=False)
    col: int | None = field(default=None, compare=False)
    cell: str | None = None  # a spreadsheet address such as "B3", where the reader has one
    paragraph: int | None = None  # the paragraph's number in a word-processor file (第N段)

    def to_json(self, grid: bool = False) -> dict:
        """The place as the contract writes it; ``grid`` adds the reader's row/col (for forms that
        are read back and checked again)."""
        out: dict = {"line": self.line, "page": self.page}
        if grid and self.row is not None:
            out["row"] = self.row
        if grid and self.col is not None:
            out["col"] = self.col
        if self.cell:
            out["cell"] = self.cell
        if self.paragraph:
            out["paragraph"] = self.paragraph
        return out

    @property
    def where(self) -> str:
        """The place in the user's terms: 第3页 表2!C5, the cell of a workbook, 第12段 of a Word
        file, else 第N行 of the text (for a text file, its own line)."""
        parts = [f"第{self.page}页"] if self.page else []
        if self.cell:
            parts.append(self.cell)
        elif self.paragraph:
            parts.append(f"第{self.paragraph}段")
        return " ".join(parts) or f"第{self.line}行"

    def describe(self) -> str:
        """Short human place: 'file:line' plus page/cell where known."""
        where = f"{self.file}:{self.line}"
        if self.page is not None:
            where += f" (第{self.page}页)"
        if self.cell:
            where += f" [{self.cell}]"
        elif self.paragraph:
            where += f" [第{self.paragraph}段]"
        return where


@dataclass
class Cell:
    """One table cell (单元格). ``text`` keeps the cell's line breaks as ``\\n`` and is what the
    office application shows; ``stored`` is a spreadsheet number's exact stored value, as a
    decimal string, where the file keeps one; ``confidence`` is the OCR engine's score (0–1) for a
    cell read from a scan, else None; ``formula`` says that the spreadsheet holds a formula there."""

    text: str
    ref: SourceRef
    confidence: float | None = None
    stored: str | None = None
    formula: bool = False   # the file holds a formula here (a spreadsheet's <f>), not a typed value

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Table:
    """A table (表格): rows of cells, in reading order."""

    rows: list[list[Cell]]
    ref: SourceRef

    def row_texts(self, i: int) -> list[str]:
        return [c.text for c in self.rows[i]]


@dataclass
class Paragraph:
    """A paragraph of running text (段落).

    ``line_starts`` maps character offsets to source lines, so that a phrase found inside a
    paragraph joined across a page break still knows its own line.
    """

    text: str
    ref: SourceRef
    line_starts: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """Source line of the character at ``offset``."""
        line = self.ref.line
        for start, ln in self.line_starts:
            if start > offset:
                break
            line = ln
        return line

    def ref_at(self, offset: int) -> SourceRef:
        """The place of the character at ``offset``: its line, with the paragraph's page, cell
        and paragraph number."""
        return replace(self.ref, line=self.line_at(offset))


Block = Paragraph | Table


@dataclass
class Document:
    """A read document: its blocks and what the reader noticed about the file itself."""

    path: str
    blocks: list[Block]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)  # reader remarks, e.g. noise lines removed
    left_out: list[str] = field(default_factory=list)  # content the file holds that was not read (隐藏行、无法读取的页)
    cells: int = field(default=0, repr=False)  # table cells read so far, against limits.DOCUMENT_CELLS
    lines: list[str] = field(default_factory=list, repr=False)  # source text by line, for quoting
    format: str | None = None   # what it was read as: docx, xlsx, pdf, image, ole, html, text
    sha256: str | None = None   # of the file's bytes, as read
    size: int | None = None     # bytes
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties (自定义属性)

    def quote(self, line: int) -> str | None:
        """The source line ``line`` (1-based) as printed, where the reader kept the text."""
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1].strip() or None
        return None
