"""Disclosure tables laid out (公开表表样): 部门决算公开 公开01–10 and 部门预算公开 tables.

The title, the table number (公开NN表), 部门名称 and 金额单位 above the grid; the header rows as
``Form.data['header']`` holds them, a header cell merged over the blanks to its right (收入 over
项目 | 行次 | 金额) and down over the blanks below it (本年支出合计); then every row as printed.
"""

from __future__ import annotations

from decimal import Decimal

from ..forms.model import Form
from .layout import KIND_TITLES, Cell, Sheet, sheet_name


def _cell(text: str, value) -> Cell:
    """A row's cell: a figure keeps its Decimal where the text prints exactly that figure."""
    if isinstance(value, Decimal) and format(value, "f") == text:
        return Cell(text, number=value)
    return Cell(text)


def _header(rows: list[list[str]], width: int) -> list[list[Cell | None]]:
    grid: list[list[Cell | None]] = [[Cell(t, head=True) for t in r] + [Cell(head=True) for _ in range(width - len(r))]
                                     for r in rows]
    for r, row in enumerate(grid):   # across: a group over the blank cells to its right
        k = 0
        while k < width:
            end = k + 1
            while end < width and row[end] is not None and not row[end].text:
                end += 1
            if row[k] is not None and row[k].text and end - k > 1:
                row[k].across = end - k
                for j in range(k + 1, end):
                    row[j] = None
            k = end
    for r, row in enumerate(grid):   # down: a column's name over the blank cells below it
        for k, c in enumerate(row):
            if c is None or not c.text or c.across > 1:
                continue
            last = r
            while last + 1 < len(grid) and grid[last + 1][k] is not None and not grid[last + 1][k].text \
                    and grid[last + 1][k].across == 1:
                last += 1
            if last > r:
                c.down = last - r + 1
                for q in range(r + 1, last + 1):
                    grid[q][k] = None
    return grid


def disclosure_sheet(form: Form, index: int) -> Sheet:
    """A 部门决算/预算公开表 from ``Form.data`` (header rows, rows of cells and values)."""
    data = form.data
    name = data.get("name") or form.title or KIND_TITLES[form.kind]
    header = [list(r) for r in data.get("header") or []]
    body = data.get("rows") or []
    width = max([len(r) for r in header] + [len(r["cells"]) for r in body] + [1])
    above = []
    if data.get("table"):
        above.append(f"{data['table']}表")
    if form.year:
        above.append(f"（{form.year}年度）")
    if form.department:
        above.append(f"部门名称：{form.department}")
    if data.get("unit"):
        above.append(f"金额单位：{data['unit']}")
    rows = _header(header, width)
    for r in body:
        values = list(r.get("values") or []) + [None] * width
        cells = [_cell(t, values[k]) for k, t in enumerate(r["cells"])]
        rows.append(cells + [Cell() for _ in range(width - len(cells))])
    return Sheet(sheet_name(index, form), name, above, rows, [], header_rows=len(header))
