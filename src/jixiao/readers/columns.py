"""Tables without ruling lines (无框线表格): columns found from the text positions alone.

A table printed without its grid — a workbook printed without gridlines, a 三线表 with only
its horizontal rules — is still a table to the eye: its lines break into pieces at the same
places, leaving white “rivers” that run down the rows. This module finds them:

* a line breaks into **pieces** where the gap between two glyphs is wider than a space;
* lines that lie closer together than rows do (a cell's wrapped lines, a one-line cell centred
  beside them) make one row; a run of rows with pieces side by side (**anchor** rows), no
  blank line between them, is a table candidate;
* the **rivers** are the x ranges no anchor covers, or that few anchors only cross from side
  to side (one in eight: a header cell or a wide text cell spanning columns); the columns lie
  between them, and each piece goes to the column it overlaps most;
* a candidate is a table only with three anchor rows or more and either figures in its
  columns (a pure number in a third of its rows), or two rows of three cells and a row of
  figures (an empty table's 栏次 1 2 3), so a signature block or an address line stays prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .layout import Grid, join_lines

_TOTAL = re.compile(r"^(合计|总计|小计|\d+)$")
_FIGURE = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")


@dataclass
class Piece:
    """A run of glyphs on one line, between wide gaps."""

    text: str
    x0: float
    x1: float


@dataclass
class Row:
    """One printed line: its pieces and its box."""

    pieces: list[Piece]
    top: float
    bottom: float
    size: float
    chars: list[dict]


def pieces(chars: list[dict]) -> list[Piece]:
    """A line's glyphs split where a gap is wider than a space (0.6 of the character size) and
    than the line's usual spacing (a justified line spreads its glyphs)."""
    seen = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    if not seen:
        return []
    size = max(c["size"] for c in seen) or 10.0
    small = sorted(g for g in (b["x0"] - a["x1"] for a, b in zip(seen, seen[1:])) if g < 1.5 * size)
    usual = max(median(small), 0.0) if len(small) >= 4 else 0.0
    wide = max(0.6 * size, usual + 0.4 * size)
    out: list[list[dict]] = [[seen[0]]]
    for a, b in zip(seen, seen[1:]):
        if b["x0"] - a["x1"] > wide:
            out.append([])
        out[-1].append(b)
    return [Piece(_spaced(run, size), run[0]["x0"], run[-1]["x1"]) for run in out]


def _spaced(run: list[dict], size: float) -> str:
    text = run[0]["text"]
    for a, b in zip(run, run[1:]):
        if b["x0"] - a["x1"] > 0.2 * size and b["text"].isascii() and a["text"].isascii():
            text += " "
        text += b["text"]
    return text


def find_tables(rows: list[Row], page: int) -> tuple[list[Grid], set[int]]:
    """The borderless tables among a page's free lines (in top order), and the indices of the
    lines they take."""
    if not any(len(r.pieces) >= 2 for r in rows):
        return [], set()
    size = median(r.size for r in rows)
    grids, used = [], set()
    for run in _runs(rows, size):
        for part in _fitting(rows, _groups(rows, run, size), size):
            grid = _grid(rows, part, page, size)
            if grid is not None:
                grids.append(grid)
                used.update(k for g in part for k in g)
    return grids, used


def _runs(rows: list[Row], size: float) -> list[list[int]]:
    """Runs of lines without a blank line's gap (2.5 characters) between them."""
    runs: list[list[int]] = [[]]
    for k, r in enumerate(rows):
        if runs[-1] and r.top - rows[runs[-1][-1]].bottom > 2.5 * size:
            runs.append([])
        runs[-1].append(k)
    return runs


def _groups(rows: list[Row], run: list[int], size: float) -> list[list[int]]:
    """The run's lines grouped into table rows. A cell's wrapped lines, and a one-line cell
    centred beside them, lie closer together than two rows do. The gaps are taken next to lines
    with pieces side by side (a paragraph's leading says nothing of a table's); where they jump
    by 0.4 of a character or more above a small gap (0.6 of a character), the highest such
    jump splits them, and lines closer than that share a row. Without one (a workbook's even
    rows) each line is a row."""
    gaps = sorted(rows[b].top - rows[a].bottom for a, b in zip(run, run[1:])
                  if len(rows[a].pieces) >= 2 or len(rows[b].pieces) >= 2)
    splits = [(a + b) / 2 for a, b in zip(gaps, gaps[1:]) if a <= 0.6 * size and b - a >= 0.4 * size]
    split = splits[-1] if splits else None
    groups: list[list[int]] = []
    for k in run:
        if groups and split is not None and rows[k].top - rows[groups[-1][-1]].bottom < split:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _pieces(rows: list[Row], group: list[int]) -> list[Piece]:
    return sorted((p for k in group for p in rows[k].pieces), key=lambda p: p.x0)


def _anchor(rows: list[Row], group: list[int], size: float) -> bool:
    """A row with two pieces side by side, not one above the other."""
    ps = _pieces(rows, group)
    return any(b.x0 > a.x1 + 0.5 * size for a in ps for b in ps)


def _rivers(rows: list[Row], groups: list[list[int]], size: float) -> list[tuple[float, float]]:
    """White x ranges inside the rows that no anchor row covers, or that few only cross from
    side to side (one in eight: a header or a wide text cell spanning columns)."""
    heads = [_pieces(rows, g) for g in groups if _anchor(rows, g, size)]
    if len(heads) < 3:
        return []
    left = min(p.x0 for ps in heads for p in ps)
    right = max(p.x1 for ps in heads for p in ps)
    step = 0.5
    cover = [0] * (int((right - left) / step) + 2)
    for ps in heads:
        hit = {i for p in ps for i in range(int((p.x0 - left) / step), int((p.x1 - left) / step) + 1)}
        for i in hit:
            cover[i] += 1
    allowed = max(1, len(heads) // 8) if len(heads) >= 4 else 0

    def spans(low: int) -> list[tuple[int, int]]:   # index ranges where the cover is ≤ low
        out, start = [], None
        for i, n in enumerate(cover + [99]):
            if n <= low and start is None:
                start = i
            elif n > low and start is not None:
                out.append((start, i))
                start = None
        return out

    out = []
    for a, b in spans(allowed):
        bare = [(x, y) for x, y in spans(0) if a <= x and y <= b]
        if allowed and not bare and a > 0 and b < len(cover):
            bare = [(a, b)]   # crossed from side to side only
        for x, y in bare:     # a lone cell of a sparse column does not make its column a river
            if (y - x) * step >= 0.5 * size and x > 0 and y < len(cover):
                out.append((left + x * step, left + y * step))
    return out


def _crossed(piece: Piece, rivers: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in rivers if piece.x0 < a and piece.x1 > b)


def _label_row(rows: list[Row], group: list[int], rivers: list[tuple[float, float]]) -> bool:
    """A one-piece row in the first column holding 合计 or a code: the last row of a table left
    empty (本表无数据). A heading after the table is not one."""
    ps = _pieces(rows, group)
    return len(ps) == 1 and ps[0].x1 <= rivers[0][1] and bool(_TOTAL.match(ps[0].text.replace(" ", "")))


def _fitting(rows: list[Row], groups: list[list[int]], size: float) -> list[list[list[int]]]:
    """The rows cut at those that are not table rows — a title or a paragraph line across a
    river, a row whose first piece crosses two, a heading between two tables — and the parts
    tried again; each part without
    the rows before its first anchor row and after its last. A row's later pieces may cross
    rivers: a wide cell spans the columns on its right."""
    heads = [i for i, g in enumerate(groups) if _anchor(rows, g, size)]
    if len(heads) < 3:
        return []
    rivers = _rivers(rows, groups[heads[0]:heads[-1] + 1], size)
    if not rivers:
        return []
    last = heads[-1]
    while last + 1 < len(groups) and _label_row(rows, groups[last + 1], rivers):
        last += 1   # “合计” closing a table left empty is still its row
    groups = groups[heads[0]:last + 1]
    bad = {i for i, g in enumerate(groups)
           if _crossed(_pieces(rows, g)[0], rivers) >= (2 if _anchor(rows, g, size) else 1)}
    if not bad:
        cut = _between_tables(rows, groups, rivers, size)
        if cut is None:
            return [groups]
        bad = {cut}
    out: list[list[list[int]]] = []
    cur: list[list[int]] = []
    for i, g in enumerate(groups + [None]):
        if g is None or i in bad:
            if len(cur) < len(groups):
                out += _fitting(rows, cur, size)
            cur = []
        else:
            cur.append(g)
    return out


def _between_tables(rows: list[Row], groups: list[list[int]], rivers: list[tuple[float, float]],
                    size: float) -> int | None:
    """A one-piece row (a heading such as “(二)绩效指标完成情况”) parting two tables whose
    columns differ: cut there, the rows above and below each have rivers the whole lacks."""
    anchors = [_anchor(rows, g, size) for g in groups]
    best, where = 0, None
    for i, g in enumerate(groups):
        if anchors[i] or sum(anchors[:i]) < 3 or sum(anchors[i + 1:]) < 3:
            continue
        above, below = groups[:i], groups[i + 1:]
        gain = min(len(_rivers(rows, above, size)), len(_rivers(rows, below, size))) - len(rivers)
        if gain > best:
            best, where = gain, i
    return where


def _grid(rows: list[Row], groups: list[list[int]], page: int, size: float) -> Grid | None:
    """The table of these rows, if it is one: columns between the rivers, each piece in the
    column it overlaps most; three rows or more with two cells, and figures in a third of the
    rows, or two rows with three cells and one row of figures (a table left empty: its headers,
    栏次 and 合计)."""
    rivers = _rivers(rows, groups, size)
    if not rivers:
        return None
    heads = [_pieces(rows, g) for g in groups if _anchor(rows, g, size)]
    bounds = [min(p.x0 for ps in heads for p in ps)] + [(a + b) / 2 for a, b in rivers] \
        + [max(p.x1 for ps in heads for p in ps)]
    width = len(bounds) - 1
    grid = []
    for g in groups:
        texts = [""] * width
        for k in g:
            for p in rows[k].pieces:
                col = max(range(width), key=lambda c: (min(p.x1, bounds[c + 1]) - max(p.x0, bounds[c]), -c))
                texts[col] = join_lines(texts[col], p.text) if texts[col] else p.text
        grid.append(texts)
    filled = [sum(1 for t in r if t) for r in grid]
    figures = sum(1 for r in grid if any(_FIGURE.match(t.replace(" ", "")) for t in r[1:]))
    if sum(1 for n in filled if n >= 2) < 3:
        return None
    if not (figures >= 2 and figures * 3 >= len(grid)
            or figures and width >= 3 and sum(1 for n in filled if n >= 3) >= 2):
        return None   # two columns of words: a signature block, a list of names
    return Grid(grid, bounds, rows[groups[0][0]].top, page, ruled=False)
