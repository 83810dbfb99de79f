"""Text rendition (文本版式): how the structured readers (DOCX, XLSX, HTML) lay out their blocks.

Each paragraph is one line and each table row one tab-joined line of ``Document.lines``, so a
finding in any format quotes its place as it does for a text file; each cell keeps an address.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import limits
from ..blocks import Cell, Document, Paragraph, SourceRef, Table


def column_letters(k: int) -> str:
    """Spreadsheet column name of the 0-based column ``k``: 0 → A, 26 → AA."""
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


def add_paragraph(doc: Document, text: str, cell: str | None = None, page: int | None = None,
                  paragraph: int | None = None) -> None:
    doc.lines.append(text.replace("\n", " "))
    doc.blocks.append(Paragraph(text, SourceRef(doc.path, len(doc.lines), page=page, cell=cell, paragraph=paragraph)))


def add_table(doc: Document, grid: list[list[str]], address: Callable[[int, int], str],
              page: Callable[[int], int | None] = lambda r: None,
              confidence: Callable[[int, int], float | None] = lambda r, k: None,
              stored: Callable[[int, int], str | None] = lambda r, k: None) -> None:
    """A table from its rows of cell texts; ``address(row, col)`` names each cell, ``page(row)``
    gives a row's page where the file has pages, ``confidence(row, col)`` an OCR cell's score,
    ``stored(row, col)`` a spreadsheet number's stored value."""
    rows, first = [], len(doc.lines) + 1
    grid = _bounded(doc, grid)
    for r, texts in enumerate(grid):
        doc.lines.append("\t".join(t.replace("\n", " ") for t in texts))
        rows.append([Cell(t, SourceRef(doc.path, len(doc.lines), page=page(r), row=r, col=k, cell=address(r, k)),
                          confidence(r, k), stored(r, k)) for k, t in enumerate(texts)])
    if rows:
        doc.blocks.append(Table(rows, SourceRef(doc.path, first, page=page(0))))


def _bounded(doc: Document, grid: list[list[str]]) -> list[list[str]]:
    """The grid within the limits of one table and of the document's cells; what is cut is
    said in ``doc.left_out`` (JX013)."""
    n = len(doc.lines)
    if len(grid) > limits.TABLE_ROWS:
        doc.left_out.append(f"第{n + 1}行起的表格超过{limits.TABLE_ROWS}行，其后{len(grid) - limits.TABLE_ROWS}行")
        grid = grid[:limits.TABLE_ROWS]
    if any(len(r) > limits.TABLE_COLUMNS for r in grid):
        doc.left_out.append(f"第{n + 1}行起的表格超过{limits.TABLE_COLUMNS}列的部分")
        grid = [r[:limits.TABLE_COLUMNS] for r in grid]
    cells = sum(len(r) for r in grid)
    doc.cells += cells
    if doc.cells > limits.DOCUMENT_CELLS:
        doc.left_out.append(f"第{n + 1}行起的表格（全文单元格超过{limits.DOCUMENT_CELLS}个）")
        return []
    return grid
