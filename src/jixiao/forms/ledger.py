"""Ledger (决算数据账): every amount of a document's final-accounts tables, by table, row and column.

A final-accounts table prints labels and amounts in many layouts: one label per row (收入决算表),
two sides (收入支出决算总表: 收入 | 行次 | 金额 | 支出 | 行次 | 金额), four code groups side by side
(基本支出决算明细表), or a total whose amount sits in the last column (公用经费合计). Reading a
row left to right, each label owns the amounts after it up to the next label; 行次/栏次 columns
are row numbers, not amounts. The identities between tables (``data/accounts.toml``) address the
entries by table name, side, row label or code, and column name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..blocks import SourceRef
from ..classification import as_code
from ..values import is_blank_mark, norm, parse_number
from .accounts import TABLE_NAMES
from .model import DISCLOSURE_KINDS, Form

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))")
_ROW_NUMBER_COLUMN = re.compile(r"(行次|栏次)$")
_CODE_COLUMN = re.compile(r"(代码|编码)$")
_LABEL_COLUMN = re.compile(r"(代码|编码|名称|项目)$")
_BARE_DIGITS = re.compile(r"\d[\d ]*")   # a code outside a code column is printed as bare digits (109.50 is an amount)


@dataclass(frozen=True)
class Entry:
    """One amount cell (金额) with the row label that owns it."""

    table: str             # printed table name (收入决算表 …), else its number
    number: str | None     # 公开NN as printed or implied
    side: str              # the header over the label column (收入 / 支出 / 人员经费 …), else ""
    label: str             # row label without its numbering (一、 / （一） / 1.)
    code: str | None       # classification code of the row, when it has one
    column: str            # column name (header rows joined with "·")
    first: bool            # the first amount column of its label
    value: Decimal | None  # None for a blank cell
    unit: str | None
    ref: SourceRef

    @property
    def item(self) -> str:
        return f"{self.code}{self.label}" if self.code else self.label


def label_of(text: str) -> str:
    """Row label for matching: no spaces, no numbering, no quotes."""
    s = re.sub(r"[\"“”'‘’]", "", norm(text))
    return _NUMBERING.sub("", s)


def _table_name(form: Form) -> str:
    name = form.data.get("name")
    if name:
        return name
    number = form.data.get("table")
    return next((n for n, k in TABLE_NAMES.items() if k and k == number), number or "")


def entries(form: Form) -> list[Entry]:
    """The ledger entries of one final-accounts form."""
    if form.kind not in DISCLOSURE_KINDS:
        return []
    columns = form.data.get("columns") or []
    table, number, unit = _table_name(form), form.data.get("table"), form.data.get("unit")
    out: list[Entry] = []
    for row in form.data.get("rows", []):
        for side, label, code, cells in _labelled(row["cells"], columns):
            filled = [k for k, _ in cells if _ is not None]
            first = filled[0] if filled else (cells[0][0] if cells else None)
            out.extend(Entry(table, number, side, label, code, columns[k] if k < len(columns) else "",
                             k == first, value, unit, row_ref(form, row, k)) for k, value in cells)
    return out


def row_ref(form, row: dict, k: int | None = None) -> SourceRef:
    """The place of a data row of a table form (or of its ``k``-th cell): line, page and the
    cell's own address where the reader gave one."""
    addresses = row.get("addresses") or []
    cell = addresses[k] if k is not None and k < len(addresses) else (addresses[0] if addresses else None)
    return SourceRef(form.ref.file, row["line"], row.get("page"), col=k, cell=cell)


def _labelled(cells: list[str], columns: list[str]):
    """(side, label, code, [(column index, amount)]) for each label of a row, left to right."""
    groups: list = []
    for k, text in enumerate(cells):
        col = columns[k] if k < len(columns) else ""
        if _ROW_NUMBER_COLUMN.search(col):
            continue
        value = None if is_blank_mark(text) else parse_number(text)
        if value is None and groups and not groups[-1][1] and not groups[-1][3] and (
                not col or _CODE_COLUMN.search(col)):
            continue   # 类 | 款 | 项 printed apart: the blank 款/项 cells between a code and its name
        code = as_code(text) if (_CODE_COLUMN.search(col) or (
            _BARE_DIGITS.fullmatch(text.strip()) and k + 1 < len(cells) and parse_number(cells[k + 1]) is None
            and not is_blank_mark(cells[k + 1]))) else None
        if code or (value is None and not is_blank_mark(text)):
            if code or not groups or groups[-1][3]:
                groups.append([col.split("·")[0] if "·" in col else "", "", None, []])
            if code:
                groups[-1][2] = code
            else:
                groups[-1][1] += label_of(text)
        elif groups and not _LABEL_COLUMN.search(col):
            groups[-1][3].append((k, value))
    return [tuple(g) for g in groups]


@dataclass
class Ledger:
    """All entries of a document, searchable by regular expressions."""

    entries: list[Entry]

    @classmethod
    def of(cls, forms: list[Form]) -> Ledger:
        return cls([e for f in forms for e in entries(f)])

    def find(self, table: str, item: str, column: str | None = None, side: str | None = None) -> list[Entry]:
        """Entries whose table, label or code, column (default: the label's first amount) and side match."""
        out = []
        for e in self.entries:
            if not re.search(table, e.table) or (side is not None and not re.search(side, e.side)):
                continue
            if not (re.search(item, e.label) or (e.code and re.search(item, e.code))):
                continue
            if (column is None and not e.first) or (column is not None and not re.search(column, norm(e.column))):
                continue
            out.append(e)
        return out
