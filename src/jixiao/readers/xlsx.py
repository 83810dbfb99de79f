"""Excel workbooks (XLSX 读取): every visible sheet, as the text rendition of a form would read.

A sheet holds a form: title lines, then a grid, then signature lines. Rows with a single filled
cell before and after the grid are paragraphs (the title, 单位：万元, 填表人); the rows between are
table rows, one cell per column. A merged range keeps its value in its top-left cell and leaves
the others blank. A cell is shown as Excel shows it: a formula by its cached value, ``0.00%`` as a
percent, ``0.00`` with two decimals rounded half away from zero, ``#,##0.00,"万"`` scaled, a date
in its own format (``readers/numfmt.py``). Hidden rows and sheets are left out and
noted. Each cell keeps its address (“Sheet1!C5”); ``Document.lines`` keeps the rendition.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

from .. import limits
from ..blocks import Document
from ..errors import ReadError
from .numfmt import render
from .rendition import add_paragraph, add_table


def cell_text(value, number_format: str = "General") -> str:
    """A cell's value as the spreadsheet displays it, through its number format (``numfmt``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal | dt.date):
        return render(value, number_format or "General").strip()
    return str(value).strip()


def stored(value) -> str | None:
    """A numeric cell's stored value, exactly (dates, text and booleans have none)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return repr(value) if isinstance(value, float) else str(value)


def _sheet_rows(ws, doc: Document) -> list[tuple[int, list[str], list[str], list[str | None]]]:
    """(position, texts, addresses, stored values) of the visible, non-empty rows; the position
    counts visible rows only, so a hidden row does not split a table. Only the cells the sheet
    holds are visited (one cell at XFD1048576 is not a grid of 17 billion), within the limits of
    rows and columns."""
    by_row: dict[int, dict[int, object]] = {}
    for (r, c), cell in ws._cells.items():
        by_row.setdefault(r, {})[c] = cell
    hidden = sorted(r for r, d in ws.row_dimensions.items() if d.hidden)
    present = sorted(by_row)
    if len(present) > limits.TABLE_ROWS:
        doc.left_out.append(f"工作表“{ws.title}”第{limits.TABLE_ROWS}个非空行之后的{len(present) - limits.TABLE_ROWS}行")
        present = present[:limits.TABLE_ROWS]
    width = min(max((max(cols) for cols in by_row.values()), default=0), limits.TABLE_COLUMNS)
    if any(max(cols) > limits.TABLE_COLUMNS for cols in by_row.values()):
        doc.left_out.append(f"工作表“{ws.title}”第{limits.TABLE_COLUMNS}列之后的单元格")
    out = []
    from bisect import bisect_left
    from openpyxl.utils import get_column_letter
    ragged = len(present) * width > limits.DOCUMENT_CELLS   # a sparse far cell would make every row that wide
    for r in present:
        if ws.row_dimensions[r].hidden if r in ws.row_dimensions else False:
            continue
        cells = by_row[r]
        row = [cells.get(c) for c in range(1, (min(max(cells), width) if ragged else width) + 1)]
        texts = [cell_text(c.value, c.number_format) if c is not None else "" for c in row]
        if any(texts) or _ruled([c for c in row if c is not None]):
            seen = r - bisect_left(hidden, r)   # visible rows up to here
            out.append((seen, texts, [f"{ws.title}!{get_column_letter(k)}{r}" for k in range(1, len(row) + 1)],
                        [stored(c.value) if c is not None else None for c in row]))
    return out


def _ruled(row) -> bool:
    """A blank row drawn with cell borders: an empty row of a ruled form, not a gap between tables."""
    return sum(1 for c in row if c.has_style and c.border is not None
               and any(getattr(c.border, side).style for side in ("left", "right", "top", "bottom"))) >= 2


_NOTE = re.compile(r"^(注|说明|备注|填表|填报|负责人|单位负责人|联系|日期|审核)")


def _row_label_only(texts: list[str]) -> bool:
    """A row with only a short label in its first column, such as 合计 or a code."""
    return bool(texts) and bool(texts[0]) and not any(texts[1:]) and len(texts[0]) <= 12 \
        and not _NOTE.match(texts[0])


def read_xlsx(data: bytes, path: str) -> Document:
    """Read an .xlsx file's bytes into a Document."""
    data = _within_limits(data, path)
    try:
        from openpyxl import load_workbook
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ReadError("JX001", f"Excel 文件已损坏或无法打开（{type(exc).__name__}）",
                        f"the Excel file is damaged or cannot be opened ({type(exc).__name__})", path) from None
    doc = Document(path=path, blocks=[], encoding=None)
    formulas = load_workbook(io.BytesIO(data), data_only=False)
    uncached = _uncached_formulas(data, wb, formulas)
    doc.properties = _custom_properties(wb)
    if uncached:
        shown = "、".join(uncached[:8]) + ("等" if len(uncached) > 8 else "")
        doc.notes.append(f"{len(uncached)}个公式单元格没有缓存的计算结果，读作空白：{shown} / {len(uncached)} formula "
                         "cells without a cached value, read as blank")
        doc.left_out.append(f"{len(uncached)}个未计算的公式单元格（{shown}，保存文件的程序未计算公式）")
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            doc.notes.append(f"隐藏工作表“{ws.title}”未读取 / hidden sheet {ws.title!r} not read")
            doc.left_out.append(f"隐藏工作表“{ws.title}”")
            continue
        hidden = sum(1 for d in ws.row_dimensions.values() if d.hidden)
        if hidden:
            doc.notes.append(f"工作表“{ws.title}”有{hidden}行隐藏，未读取 / {hidden} hidden rows not read")
            doc.left_out.append(f"工作表“{ws.title}”的{hidden}个隐藏行")
        read_sheet(doc, _sheet_rows(ws, doc))
    _mark_formulas(doc, formulas)
    return doc


def _custom_properties(wb) -> dict[str, str]:
    """The workbook's custom document properties (docProps/custom.xml), as text; a few hundred
    at most, each value cut at 1000 characters."""
    out: dict[str, str] = {}
    for prop in list(getattr(wb, "custom_doc_props", None) or [])[:256]:
        name, value = getattr(prop, "name", None), getattr(prop, "value", None)
        if isinstance(name, str) and value is not None:
            out[name[:200]] = str(value)[:1000]
    return out


def _mark_formulas(doc: Document, formulas) -> None:
    """``Cell.formula`` for every table cell whose sheet holds a formula (``<f>``) there."""
    held: set[str] = set()
    for ws in formulas.worksheets:
        if ws.sheet_state != "visible":
            continue
        for c in ws._cells.values():   # the cells held, not the whole grid
            if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")) \
                    or type(c.value).__name__ in ("ArrayFormula", "DataTableFormula"):
                held.add(f"{ws.title}!{c.coordinate}")
    if not held:
        return
    for block in doc.blocks:
        for row in getattr(block, "rows", ()):
            for cell in row:
                if cell.ref.cell in held:
                    cell.formula = True


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref=["\']([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})["\']\s*'
                    rb'(?:/>|>\s*</(?:\w+:)?mergeCell>)')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _within_limits(data: bytes, path: str) -> bytes:
    """The workbook's bytes with merged ranges over :data:`limits.SPAN` cells either way taken
    out (openpyxl makes an object for every cell a range covers), and a refusal for sheets
    whose XML unpacks beyond :data:`limits.MEMBER_BYTES`."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        sheets = [i for i in z.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    except (zipfile.BadZipFile, OSError, ValueError):
        return data   # openpyxl says it is damaged
    if sum(i.file_size for i in sheets) > limits.MEMBER_BYTES:
        raise ReadError("JX001", "工作表内容过大（解压后超过上限），未读取",
                        "the sheets are too large unpacked; not read", path)
    changed = {}
    for info in sheets:
        try:
            xml = z.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            continue
        area = 0   # cells the kept merges cover, in all

        def keep(m: re.Match) -> bytes:
            nonlocal area
            rows = int(m.group(4)) - int(m.group(2))
            cols = _col(m.group(3)) - _col(m.group(1))
            if not (0 <= rows < limits.SPAN and 0 <= cols < limits.SPAN) or area > limits.DOCUMENT_CELLS:
                return b""
            area += (rows + 1) * (cols + 1)
            return m.group(0)
        fixed = _MERGE.sub(keep, xml)
        if fixed != xml:
            changed[info.filename] = fixed
    return repack(z, changed) if changed else data


def repack(z: zipfile.ZipFile, changed: dict[str, bytes]) -> bytes:
    """The package ``z`` with the parts named in ``changed`` replaced, every other part as it was
    (重新打包)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            w.writestr(info, changed.get(info.filename) or z.read(info))
    return out.getvalue()


def _uncached_formulas(data: bytes, values, formulas=None) -> list[str]:
    """Cells holding a formula whose file keeps no computed value (a workbook saved by a program
    that does not calculate): they would read as blank, and a total may depend on them."""
    from openpyxl import load_workbook
    if formulas is None:
        formulas = load_workbook(io.BytesIO(data), data_only=False)
    empty = _empty_results(data)
    out = []
    for ws in formulas.worksheets:
        if ws.sheet_state != "visible":
            continue
        shown = values[ws.title]
        for (r, k), c in ws._cells.items():   # the cells held, not the whole grid
            if isinstance(c.value, str) and c.value.startswith("=") and (r, k) in shown._cells \
                    and shown._cells[(r, k)].value is None and f"{ws.title}!{c.coordinate}" not in empty:
                out.append(f"{ws.title}!{c.coordinate}")
    return out


_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_EMPTY = re.compile(rb'<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
                    rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)')
_ADDR = re.compile(rb'\br="([A-Z]{1,3}\d{1,7})"')


def _empty_results(data: bytes) -> set[str]:
    """Formula cells whose cached value is an empty string (``t="str"`` and an empty ``<v>``): a
    formula that computed "" (a row not yet filled) is calculated, not uncached."""
    from html import unescape
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        book, rels = z.read("xl/workbook.xml"), z.read("xl/_rels/workbook.xml.rels")
        targets = {rid: t for rid, t in _REL.findall(rels)}
        out: set[str] = set()
        for name, rid in _SHEET_TAG.findall(book):
            target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
            member = target if target.startswith("xl/") else f"xl/{target}"
            if member not in z.namelist():
                continue
            title = unescape(name.decode("utf-8", "replace"))
            for m in _EMPTY.finditer(z.read(member)):
                attrs = m.group(1)
                addr = _ADDR.search(attrs)
                if addr and (b't="str"' in attrs or b"t='str'" in attrs):
                    out.add(f"{title}!{addr.group(1).decode()}")
        return out
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError):
        return set()


def read_sheet(doc: Document, rows: list) -> None:
    """Blocks of one sheet from its visible non-empty rows, each ``(position, texts, addresses)``:
    runs of rows without a blank row between them, each read on its own."""
    run: list = []
    for entry in rows:
        if run and entry[0] != run[-1][0] + 1:
            _read_run(doc, run)
            run = []
        run.append(entry)
    if run:
        _read_run(doc, run)


def _read_run(doc: Document, rows: list) -> None:
    """Single-cell rows before and after the grid are paragraphs; the rows between, one table."""
    grid = [k for k, entry in enumerate(rows) if sum(1 for t in entry[1] if t) >= 2]
    first, last = (grid[0], grid[-1]) if grid else (len(rows), -1)
    while grid and last + 1 < len(rows) and _row_label_only(rows[last + 1][1]):
        last += 1   # “合计” of a table left empty (本表无数据) is still a table row
    for k, (_, texts, addresses, _) in enumerate(rows):
        if k == first:
            grid_rows = rows[first:last + 1]
            add_table(doc, [entry[1] for entry in grid_rows], lambda r, j: grid_rows[r][2][j],
                      stored=lambda r, j: grid_rows[r][3][j] if j < len(grid_rows[r][3]) else None)
        if first <= k <= last or not any(texts):
            continue
        j = next(j for j, t in enumerate(texts) if t)
        add_paragraph(doc, " ".join(t for t in texts if t), addresses[j])
