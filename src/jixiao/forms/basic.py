"""Basic data table (部门整体支出绩效评价基础数据表).

Hunan's 附件1: staff control (编制数 / 实际在职人数 / 控制率), expense control by year
(三公经费, 项目支出, 公用经费 … × 上年决算 / 本年预算 / 本年决算), building control and
thrift measures. Read as small grids: a header row, then the rows under it.
"""

from __future__ import annotations

import re

from ..blocks import Table
from ..values import clean, is_blank_mark, norm, parse_number, parse_percent
from .model import Form

_STAFF = re.compile(r"财政供养人员|人员情况")
_EXPENSE = re.compile(r"经费控制")
_BUILDING = re.compile(r"楼堂馆所")


def is_basic_data_table(table: Table) -> bool:
    head = "".join(norm(c.text) for r in table.rows[:4] for c in r)
    return bool(_STAFF.search(head) and ("编制" in head or "控制率" in head))


def read_basic_data(table: Table, form: Form) -> None:
    """Fill a basic_data form: ``data['staff']``, ``data['expenses']``, ``data['buildings']``."""
    rows = table.rows
    i = 0
    expenses: list[dict] = []
    while i < len(rows):
        texts = [norm(c.text) for c in rows[i]]
        if texts and _STAFF.search(texts[0]) and i + 1 < len(rows):
            vals = rows[i + 1]
            staff = {}
            for h, c in zip(texts[1:], vals[1:]):
                if "编制" in h:
                    staff["authorized"] = parse_number(c.text)
                elif "在职" in h or "实有" in h:
                    staff["actual"] = parse_number(c.text)
                elif "控制率" in h:
                    staff["control_rate"] = parse_percent(c.text)
                form.refs[f"staff.{h}"] = c.ref
            form.data["staff"] = staff
            i += 2
            continue
        if texts and _EXPENSE.search(texts[0]):
            heads = [clean(c.text) for c in rows[i][1:]]
            i += 1
            while i < len(rows) and not _BUILDING.search(norm(rows[i][0].text)) and len(rows[i]) == len(heads) + 1:
                row = rows[i]
                values = {h: (None if is_blank_mark(c.text) else parse_number(c.text)) for h, c in zip(heads, row[1:])}
                if any(v is not None for v in values.values()):
                    expenses.append({"label": re.sub(r"\s+", "", clean(row[0].text)), "values": values,
                                     "line": row[0].ref.line})
                i += 1
            continue
        if texts and _BUILDING.search(texts[0]) and i + 1 < len(rows):
            heads = [clean(c.text) for c in rows[i][1:]]
            values = {h: parse_number(c.text) for h, c in zip(heads, rows[i + 1][1:])}
            form.data["buildings"] = values
            i += 2
            continue
        if len(rows[i]) == 2 and not rows[i][1].blank:
            form.texts[clean(rows[i][0].text)] = clean(rows[i][1].text)
        i += 1
    form.data["expenses"] = expenses
