"""Amounts the prose states that a table prints (文中金额与表中数): “使用非财政拨款结余18,953.73万元”
against the 收支预算总表's row of that very name.

Only exact names are compared, and only against a 总表 (收支预算总表, 收入支出决算总表 …) row
whose name occurs once there: the prose of a 说明 restates the 总表 line by line. A clause about
another year (上年, 2023年, 比上年) or a change is not a statement of this year's amount.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..forms.ledger import label_of
from ..precision import Range, fmt
from . import Claim, quote
from .mentions import CLAUSE_END, Passage

_SUMMARY_TABLE = re.compile(r"总表$")
_OTHER_TIME = re.compile(r"上年|去年|上一年|同期|比|较|增加|减少|增长|下降|年初|调整")
_LEAD = re.compile(r"^(其中[:：]?|包括[:：]?|[一二三四五六七八九十\d]+[、.．])")
_GENERIC = {"合计", "总计", "小计", "收入", "支出", "金额", "预算数", "决算数"}


def _rows(ledger) -> dict[tuple[str, str], list]:
    """(table, label) → its entries, for the 总表s, first amount of each label only."""
    rows: dict[tuple[str, str], list] = {}
    for e in ledger.entries:
        if e.first and e.value is not None and e.unit and _SUMMARY_TABLE.search(e.table):
            rows.setdefault((e.table, e.label), []).append(e)
    return rows


def _anywhere(ledger, label: str, m) -> bool:
    """Whether any table prints ``m``'s amount under this label, in any column: a 说明 section
    about 财政拨款 restates the 财政拨款 table, not the 总表."""
    for e in ledger.entries:
        if e.label == label and e.value is not None and e.unit:
            if abs(m.in_unit(e.unit) - e.value) <= Range.printed(m.value).hi - Range.printed(m.value).lo:
                return True
    return False


def read(ps: list[Passage], ledger, year: int | None = None) -> list[Claim]:
    if ledger is None or not ledger.entries:
        return []
    rows = _rows(ledger)
    by_label: dict[str, list] = {}
    for (table, label), entries in rows.items():
        if len(entries) == 1 and len(label) >= 4 and label not in _GENERIC:
            by_label.setdefault(label, []).append(entries[0])
    out = []
    for p in ps:
        for m in p.mentions():
            if not m.money:
                continue
            name = label_of(_LEAD.sub("", m.name))
            sentence = p.text[p.sentence_span(m.start)[0]:m.start]
            if name not in by_label or _OTHER_TIME.search(m.label) or re.search(r"20\d{2}年", m.label):
                continue
            if year is not None and any(int(y) != year for y in re.findall(r"(20\d{2})年", sentence)):
                continue
            for e in by_label[name]:
                stated = m.in_unit(e.unit)
                ok = Range.printed(m.value).overlaps(Range.printed(e.value)) if m.unit == e.unit else \
                    abs(stated - e.value) <= Decimal("0.01")
                ok = ok or _anywhere(ledger, name, m)
                end = next((k for k in range(m.end, len(p.text)) if p.text[k] in CLAUSE_END), len(p.text))
                out.append(Claim("table", quote(p, p.clause_start(m.start), end), m.ref,
                                 f"{m.printed()}", f"{fmt(e.value)}{e.unit}", ok,
                                 f"{e.table}“{e.label}”（{e.ref.where}）为{fmt(e.value)}{e.unit}"))
    return out
