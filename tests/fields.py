"""Field accuracy (字段准确率): how many table cells a reader got right against the source.

Used by the scan tests and by ``bench/``: the source Document and the one read back from a
rendering are compared cell by cell, each source table against the table read for it (matched
by content, see ``_align``); figures (cells holding a number) are
counted apart — a figure cell is right when its numbers are — since for scans every figure must
be right while text may differ in punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.blocks import Document, Table

FIGURE = re.compile(r"\d")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def numbers(text: str) -> list[str]:
    """The figures in a text, as printed (“降至0.6%。” → ["0.6%"])."""
    return NUMBER.findall(text)


_PUNCT = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "　": " "})


def norm(text: str) -> str:
    """Text as compared: half-width punctuation, no spaces."""
    return re.sub(r"\s+", "", text.translate(_PUNCT))


@dataclass
class Miss:
    table: int
    row: int
    col: int
    want: str
    got: str
    confidence: float | None


@dataclass
class Accuracy:
    cells: int = 0
    right: int = 0
    figures: int = 0
    figures_right: int = 0
    misses: list[Miss] = field(default_factory=list)

    def add(self, other: Accuracy) -> None:
        self.cells += other.cells
        self.right += other.right
        self.figures += other.figures
        self.figures_right += other.figures_right
        self.misses += other.misses



def _score(want: Table, rows: list, shift: int = 0) -> int:
    """Source cells equal to the read cell ``shift`` rows up (a read table missing its first
    rows) or down."""
    return sum(1 for i, row in enumerate(want.rows) for k, c in enumerate(row)
               if not c.blank and 0 <= i - shift < len(rows) and k < len(rows[i - shift])
               and norm(rows[i - shift][k].text) == norm(c.text))


def _align(want_tables: list[Table], got_tables: list[Table]) -> list[tuple[list | None, int]]:
    """For each source table, the rows read for it and their row shift: the read table (or two
    in a row, when one stayed split over a page) among the next three that matches most cells
    in place, rows shifted by up to two — so one table split, missed or missing a title row
    does not shift every later one."""
    out, j = [], 0
    for want in want_tables:
        best, rows, shift, after = 0, None, 0, j
        for start in range(j, min(j + 3, len(got_tables))):
            for span in (1, 2):
                if start + span > len(got_tables):
                    continue
                cand = [r for t in got_tables[start:start + span] for r in t.rows]
                for s in (0, 1, -1, 2, -2):
                    score = _score(want, cand, s)
                    if score > best:
                        best, rows, shift, after = score, cand, s, start + span
        out.append((rows, shift))
        j = after
    return out


def compare(source: Document, read: Document) -> Accuracy:
    """Every non-blank source cell against the cell at the same place in the table read for it."""
    acc = Accuracy()
    want_tables = [b for b in source.blocks if isinstance(b, Table)]
    got_tables = [b for b in read.blocks if isinstance(b, Table)]
    for n, (want, (got, shift)) in enumerate(zip(want_tables, _align(want_tables, got_tables))):
        for i, row in enumerate(want.rows):
            for k, cell in enumerate(row):
                if cell.blank:
                    continue
                at = i - shift
                other = got[at][k] if got and 0 <= at < len(got) and k < len(got[at]) else None
                text = other.text if other else ""
                ok = norm(text) == norm(cell.text)
                figure = bool(FIGURE.search(cell.text))
                acc.cells += 1
                acc.right += ok
                acc.figures += figure
                acc.figures_right += figure and numbers(text) == numbers(cell.text)
                if not ok:
                    acc.misses.append(Miss(n + 1, i + 1, k + 1, cell.text, text, other.confidence if other else None))
    return acc
