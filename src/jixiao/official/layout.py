"""Layout (表样): a typed form as one neutral grid — cells with merges, widths and a page turn.

Every writer (``xlsx``, ``docx``, ``pdf``) draws the same :class:`Sheet`: a title, the lines
above the grid (年度, 编制单位/金额单位, 公开NN表), the grid itself (header rows, merged level
cells, totals, grade, 自评结论) and the signature lines below it. Figures keep the precision
they were printed with (``Decimal``), never a float.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from ..forms.model import BASIC, BUDGET_TABLE, DEPT, FINAL_ACCOUNTS, PROJECT, PROJECT_TARGETS, TARGETS, Form

TITLE_FONT = "宋体"      # the title line of an official table
BODY_FONT = "仿宋"       # the grid and the lines around it
KIND_TITLES = {PROJECT: "项目支出绩效自评表", DEPT: "部门整体支出绩效自评表", TARGETS: "部门整体支出绩效目标表",
               PROJECT_TARGETS: "项目支出绩效目标表", BASIC: "部门整体支出绩效评价基础数据表",
               FINAL_ACCOUNTS: "部门决算表", BUDGET_TABLE: "部门预算表"}


@dataclass
class Cell:
    """One cell (单元格): its text as printed; a figure also as a Decimal for the spreadsheet."""

    text: str = ""
    across: int = 1          # columns it spans (横向合并)
    down: int = 1            # rows it spans (纵向合并)
    head: bool = False       # a header cell: bold, centred
    number: Decimal | None = None
    percent: bool = False    # ``number`` is a percent as printed (82.50 → 82.50%)

    @property
    def align(self) -> str:
        return "center" if self.head else ("right" if self.number is not None else "left")


@dataclass
class Sheet:
    """One form laid out (表样): title, lines above, grid (None where a merge covers), lines below."""

    name: str
    title: str
    above: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    below: list[str] = field(default_factory=list)
    header_rows: int = 1
    tables: list[int] = field(default_factory=list)   # rows where a further table starts (a gap above)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=1)

    def widths(self) -> list[float]:
        """Column widths in characters (a CJK character counts two), fit to the longest line."""
        out = [4.0] * self.width
        for row in self.rows:
            for k, c in enumerate(row):
                if c is None or not c.text:
                    continue
                need = max(text_width(line) for line in c.text.split("\n")) / c.across
                out[k] = max(out[k], min(need + 2, 44.0 if c.across == 1 else out[k]))
        return out

    @property
    def landscape(self) -> bool:
        """A4 landscape where the grid is wider than a portrait page holds (about 95 characters)."""
        return sum(self.widths()) > 95 or self.width > 8


def text_width(s: str) -> int:
    """Printed width in half-width units: 中 counts 2, 1 counts 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def figure(x: Decimal | None, percent: bool = False) -> Cell:
    """A figure at its printed precision (``Decimal('40.00')`` → “40.00”), blank when absent."""
    if x is None:
        return Cell()
    text = format(x, "f")
    return Cell(text + ("%" if percent else ""), number=x, percent=percent)


class Grid:
    """Rows built one by one to a fixed width, with merges (合并单元格)."""

    def __init__(self, width: int):
        self.width = width
        self.rows: list[list[Cell | None]] = []

    def add(self, *cells: Cell | str, fill: bool = False) -> int:
        """A row from its cells; ``fill`` stretches the last one to the right edge."""
        row: list[Cell | None] = []
        for c in cells:
            cell = Cell(c) if isinstance(c, str) else c
            row.append(cell)
            row.extend([None] * (cell.across - 1))
        if fill and row:
            last = max(k for k, c in enumerate(row) if c is not None)
            row[last].across = self.width - last
            row = row[:last + 1] + [None] * (self.width - last - 1)
        row += [Cell() for _ in range(self.width - len(row))]
        self.rows.append(row[:self.width])
        return len(self.rows) - 1

    def merge_down(self, col: int, first: int, last: int) -> None:
        """Merge column ``col`` from row ``first`` to ``last`` (a level cell over its indicators)."""
        runs, start = [], None
        for r in range(first, last + 1):
            c = self.rows[r][col]
            if c is not None and c.text:
                if start is not None:
                    runs.append((start, r - 1))
                start = r
        if start is not None:
            runs.append((start, last))
        for a, b in runs:
            if b > a and all(self.rows[r][col] is not None and not self.rows[r][col].text for r in range(a + 1, b + 1)):
                self.rows[a][col].down = b - a + 1
                for r in range(a + 1, b + 1):
                    self.rows[r][col] = None


def sheet_name(index: int, form: Form) -> str:
    """A worksheet name (工作表名): “1 项目支出绩效自评表”, within Excel's 31 characters."""
    base = (form.data.get("table") or "") + (form.data.get("name") or form.project or form.title
                                            or KIND_TITLES.get(form.kind, form.kind))
    for ch in "[]:*?/\\":
        base = base.replace(ch, " ")
    return f"{index + 1} {base}"[:31]


def layout(form: Form, index: int = 0) -> Sheet:
    """The official table of one form (按官方表样)."""
    if form.kind in (FINAL_ACCOUNTS, BUDGET_TABLE):
        from .disclosure import disclosure_sheet
        return disclosure_sheet(form, index)
    if form.kind == BASIC:
        from .basic import basic_sheet
        return basic_sheet(form, index)
    if form.kind == TARGETS and not any(i.weight is not None or i.score is not None for i in form.indicators) \
            and form.budget is None:
        from .selfeval import target_sheet
        return target_sheet(form, index)
    from .selfeval import self_eval_sheet
    return self_eval_sheet(form, index)


def layouts(forms: list[Form]) -> list[Sheet]:
    """One sheet per form, in the file's order."""
    return [layout(f, k) for k, f in enumerate(forms)]
