"""Workbooks annotated (Excel 批注): each flagged cell filled and given a comment by “jixiao”.

The department's workbook is loaded with its formulas and styles; a flagged cell (``Sheet!C7``)
gets a fill by the worst severity found there and a comment (批注) with every finding of that
cell — code, message, expected and found. A cell inside a merged range is marked at the range's
first cell (where its value is kept). Findings without a cell, or whose cell the workbook does
not have, are listed on a new sheet 复核意见 with their places. No value is changed; the cached
results of formulas, which openpyxl does not write, are put back (``_keep_cached``) so that a
program that does not recalculate still shows the department's figures.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

from ..readers.xlsx import repack
from .marks import AUTHOR, Mark, Outcome, worst

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}   # Excel's own light red / yellow / blue
LIST_SHEET = "复核意见"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _split(address: str) -> tuple[str, str] | None:
    """“Sheet!C7” → (“Sheet”, “C7”); None for anything else."""
    sheet, _, coord = address.rpartition("!")
    return (sheet.strip("'"), coord) if sheet and coord else None


def _anchor(ws, coord: str):
    """The cell that holds ``coord``'s value: itself, or the first cell of its merged range."""
    for rng in ws.merged_cells.ranges:
        if coord in rng:
            return ws.cell(rng.min_row, rng.min_col)
    return ws[coord]


def annotate_xlsx(src: Path, out: Path, marks: list[Mark]) -> Outcome:
    """Write ``out``: ``src`` with every mark's cells filled and commented, the rest listed apart."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils.cell import coordinate_from_string

    data = src.read_bytes()
    wb = load_workbook(io.BytesIO(data))
    result = Outcome(out, total=len(marks))
    at: dict[tuple[str, str], list[Mark]] = defaultdict(list)
    for m in marks:
        for p in m.places:
            parts = _split(p.cell) if p.cell else None
            if parts is None:
                continue
            try:
                coordinate_from_string(parts[1])
                cell = _anchor(wb[parts[0]], parts[1])
            except (KeyError, ValueError):   # a sheet or address the workbook does not have
                result.missed.append(p.cell)
                continue
            key = (parts[0], cell.coordinate)
            if m not in at[key]:
                at[key].append(m)
    for (sheet, coord), here in at.items():
        cell = wb[sheet][coord]
        fill = FILLS.get(worst(here), FILLS["info"])
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        text = "\n\n".join(f"[{m.number}] {m.note()}" for m in here)
        if cell.comment is not None:   # the department's own comment stays, ours follows it
            text = f"{cell.comment.text}\n\n— {AUTHOR} —\n{text}"
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 360, min(60 + 18 * text.count("\n") + len(text) // 2, 600)
        cell.comment = comment
        result.places += 1
        result.marked.update(m.number for m in here)
    _list_sheet(wb, marks, result)
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(_keep_cached(buf.getvalue(), data))
    return result


def _list_sheet(wb, marks: list[Mark], result: Outcome) -> None:
    """The sheet 复核意见: every finding not marked at a cell, with its places (none: no sheet)."""
    apart = [m for m in marks if m.number not in result.marked]
    if not apart:
        return
    from openpyxl.styles import Alignment, Font
    name = LIST_SHEET
    while name in wb.sheetnames:
        name += "_"
    ws = wb.create_sheet(name)
    ws.append(["序号 / No.", "代码 / code", "级别 / severity", "位置 / place", "问题 / finding",
               "应为 / expected", "实为 / found"])
    for m in apart:
        f = m.finding
        ws.append([m.number, f.code, f.severity, m.where(), f.message, f.expected, f.found])
    for col, width in zip("ABCDEFG", (10, 10, 10, 24, 80, 20, 20)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for c in ws[1]:
        c.font = Font(bold=True)


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package (xl/worksheets/sheetN.xml)."""
    book = etree.fromstring(z.read("xl/workbook.xml"))
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for s in book.iter(_S + "sheet"):
        t = target.get(s.get(_R + "id"), "")
        out[s.get("name")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    return out


def _cached(z: zipfile.ZipFile, part: str) -> dict[str, etree._Element]:
    """A sheet's formula cells that keep a cached result: address → the cell element."""
    try:
        root = etree.fromstring(z.read(part))
    except KeyError:
        return {}
    return {c.get("r"): c for c in root.iter(_S + "c")
            if c.find(_S + "f") is not None and (c.findtext(_S + "v") or "") != ""}


def _keep_cached(saved: bytes, original: bytes) -> bytes:
    """``saved`` with the cached results of the original's formula cells put back (openpyxl
    writes a formula without its value: a reader that does not recalculate would see blanks)."""
    with zipfile.ZipFile(io.BytesIO(original)) as z0, zipfile.ZipFile(io.BytesIO(saved)) as z1:
        before, after = _sheet_parts(z0), _sheet_parts(z1)
        changed: dict[str, bytes] = {}
        for name, part in after.items():
            cached = _cached(z0, before[name]) if name in before else {}
            if not cached:
                continue
            root = etree.fromstring(z1.read(part))
            touched = False
            for c in root.iter(_S + "c"):
                old = cached.get(c.get("r"))
                if old is None or c.find(_S + "f") is None or (c.findtext(_S + "v") or "") != "":
                    continue
                for v in c.findall(_S + "v"):
                    c.remove(v)
                etree.SubElement(c, _S + "v").text = old.findtext(_S + "v")
                if old.get("t") in ("str", "b", "e"):
                    c.set("t", old.get("t"))
                touched = True
            if touched:
                changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return repack(z1, changed) if changed else saved
