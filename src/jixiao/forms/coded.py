"""Coded rows (科目行): rows of any table that start with a classification code.

Final-accounts tables print ``code | name | amount …`` rows (公开02/03/05), sometimes several
such groups side by side (公开06: four ``code | name | 决算数`` groups per line). This reader
finds every group, whatever the table, so that code checks work before — and beside — the
recognisers of the individual tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..blocks import Cell, Document, SourceRef, Table
from ..classification import as_code
from ..values import clean, is_blank_mark, parse_number


@dataclass
class CodedRow:
    code: str
    name: str
    values: list[Decimal | None]
    ref: SourceRef
    value_refs: list[SourceRef] = field(default_factory=list)


@dataclass
class CodedTable:
    table: Table
    rows: list[CodedRow]

    @property
    def by_code(self) -> dict[str, CodedRow]:
        out: dict[str, CodedRow] = {}
        for r in self.rows:
            out.setdefault(r.code, r)
        return out


def _value(c: Cell) -> Decimal | None:
    return None if is_blank_mark(c.text) else parse_number(c.text)


def coded_rows(row: list[Cell]) -> list[CodedRow]:
    """Every ``code | name | values…`` group in one table row."""
    starts = [i for i, c in enumerate(row[:-1])
              if as_code(c.text) and not is_blank_mark(row[i + 1].text) and parse_number(row[i + 1].text) is None]
    out = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(row)
        cells = row[i + 2:end]
        out.append(CodedRow(as_code(row[i].text), clean(row[i + 1].text), [_value(c) for c in cells], row[i].ref,
                            [c.ref for c in cells]))
    return out


def coded_tables(doc: Document, least: int = 2) -> list[CodedTable]:
    """Tables with at least ``least`` coded rows."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Table):
            rows = [r for row in b.rows for r in coded_rows(row)]
            if len(rows) >= least:
                out.append(CodedTable(b, rows))
    return out
