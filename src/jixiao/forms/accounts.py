"""Disclosure tables (公开表): 部门决算公开表 (公开01–10 and the other sets in use) and 部门预算公开表.

A table is a final-accounts table when the paragraphs above it carry its number ("公开02表")
or its printed name (收入决算表, 财政拨款"三公"经费支出决算表 …); a budget table when its printed
name is a 预算表 (收支预算总表, 财政拨款支出预算表（功能科目）, “三公”经费支出预算表 …), whatever
number it carries — the budget sets are numbered 公开01–10 too. Every row is kept: its cells
as printed, its classification code and name where it has one, and its amounts. The identities
between and within the tables are checks (``checks/accounts.py``), not part of reading.
"""

from __future__ import annotations

import re

from ..blocks import Paragraph, Table
from ..classification import as_code
from ..values import clean, is_blank_mark, money_unit, norm, parse_number
from .coded import coded_rows
from .model import Form

# printed name → the 2024 number (公开NN); names first, longest first, so that
# 一般公共预算财政拨款基本支出决算明细表 is not taken for 一般公共预算财政拨款支出决算表
TABLE_NAMES = {
    "收入支出决算总表": "公开01", "收入决算表": "公开02", "支出决算表": "公开03",
    "财政拨款收入支出决算总表": "公开04", "一般公共预算财政拨款支出决算表": "公开05",
    "一般公共预算财政拨款基本支出决算明细表": "公开06", "一般公共预算财政拨款基本支出决算表": "公开06",
    "政府性基金预算财政拨款收入支出决算表": "公开07", "国有资本经营预算财政拨款支出决算表": "公开08",
    "国有资本经营预算财政拨款收入支出决算表": "公开08", "财政拨款三公经费支出决算表": "公开09",
    "一般公共预算财政拨款三公经费支出决算表": "公开09", "部门决算公开相关信息统计表": "公开10",
    "项目支出决算表": None, "财政拨款支出决算明细表": None, "一般公共预算财政拨款项目支出决算表": None,
}
_NUMBER = re.compile(r"公开0?(\d{1,2})表?")
_FINAL_NAME = re.compile(r"决算(总|明细)?表(\(.{1,12}\))?$")
# a budget table's printed name: “…预算表”, “…预算总表”, “…预算表（功能科目）”, never a 决算表
_BUDGET_NAME = re.compile(r"预算(总|明细|情况)?表(\(.{1,12}\))?$")
_CN_NUMBER = re.compile(r"公开表?([一二三四五六七八九十]{1,3}|\d{1,2})$|^表?([一二三四五六七八九十]{1,3}|\d{1,2})$")
_DEPT = re.compile(r"(?:部门|单位|编制部门|预算单位)(?:名称)?[:：](.+)")


def _key(text: str) -> str:
    return re.sub(r"[\"“”'‘’]", "", norm(text))


# the 财政部 budget template's own names carry no 预算/决算 of their own (部门收支总表,
# 一般公共预算支出表): in a document whose title says 预算 they are budget tables
_TEMPLATE_NAME = re.compile(r"((收支|收入|支出)总表|(一般公共预算|政府性基金预算|国有资本经营预算|财政拨款).{0,14}"
                            r"(支出|收入|收支)(总)?表|三公.?经费支出表)$")


def budget_name(text: str, budget_document: bool = False) -> str | None:
    """The printed name of a budget table (收支预算总表 …), its 公开NN / 公开表一 suffix removed;
    in a budget document (``budget_document``) the template's plain names count too."""
    s = re.sub(r"公开(表)?([一二三四五六七八九十]{1,3}|\d{1,2})表?$", "", _key(text))
    s = re.sub(r"^([一二三四五六七八九十]{1,3}|\d{1,2})[、.．]", "", s)
    if "决算" in s or len(s) > 45:
        return None
    if _BUDGET_NAME.search(s) or budget_document and _TEMPLATE_NAME.search(s):
        return s
    return None


def table_identity(pending: list[Paragraph], budget_document: bool = False
                   ) -> tuple[str | None, str | None, Paragraph | None, bool]:
    """(公开NN, printed name, title paragraph, is a budget table) from the paragraphs just above a table."""
    for p in reversed(pending[-8:]):
        name = budget_name(p.text, budget_document)
        if name:
            m = _NUMBER.search(_key(p.text))
            near = [_NUMBER.fullmatch(_key(q.text)) for q in pending[-8:]]
            number = m or next((x for x in reversed(near) if x), None)
            return (f"公开{int(number.group(1)):02d}" if number else None), name, p, True
    number = name = None
    title = None
    for p in reversed(pending[-8:]):
        s = _key(p.text)
        m = _NUMBER.fullmatch(s) or (_NUMBER.search(s) if len(s) <= 12 else None)
        if m and number is None:
            number = f"公开{int(m.group(1)):02d}"
        hit = next((n for n in sorted(TABLE_NAMES, key=len, reverse=True) if s.endswith(n) and len(s) <= len(n) + 12),
                   None)
        if hit and name is None:
            name, title = hit, p
    if name is None:   # a set of its own (高等学校收支决算总表 …): its printed name, without “表1：”
        for p in reversed(pending[-8:]):
            s = re.sub(r"^(表\s*\d{1,2}|[(（]?[一二三四五六七八九十]{1,3}[)）、]?)[:：]?", "", _key(p.text))
            if len(s) <= 45 and _FINAL_NAME.search(s):
                return number, s, p, False
    if name and number is None:
        number = TABLE_NAMES[name]
    return number, name, title, False


def _column_numbers(row: list) -> bool:
    """A row that only numbers the columns: 1 2 3 … (the 栏次 row without its label)."""
    nums = [norm(c.text) for c in row if norm(c.text)]
    return len(nums) >= 3 and nums == [str(k) for k in range(1, len(nums) + 1)]


def _header_end(rows: list[list]) -> int:
    """Index of the first data row: after a 栏次 row, else the first row with an amount."""
    for i, row in enumerate(rows[:6]):
        if row and norm(row[0].text).startswith("栏次") or _column_numbers(row):
            return i + 1
    for i, row in enumerate(rows):
        if any(parse_number(c.text) is not None and not as_code(c.text) for c in row[1:]):
            return i
        if row and (norm(row[0].text) in ("合计", "总计") or as_code(row[0].text)):
            return i   # a table left empty (本表无数据) still has its 合计 row
    return len(rows)


def read_final_accounts(table: Table, form: Form, pending: list[Paragraph]) -> None:
    """Fill a final-accounts form from its table and the paragraphs above it."""
    for p in pending:
        m = _DEPT.match(norm(p.text))
        if m and form.department is None:
            form.department = re.sub(r"\d{4}年度?$", "", clean(m.group(1))).strip()
            form.refs["department"] = p.ref
    unit = next((money_unit(p.text) for p in reversed(pending) if money_unit(p.text)), None)
    start = _header_end(table.rows)
    header = [[clean(c.text) for c in row] for row in table.rows[:start]]
    rows = []
    for row in table.rows[start:]:
        cells = [clean(c.text) for c in row]
        if not any(cells):
            continue
        entry = {"line": row[0].ref.line, "page": row[0].ref.page, "cells": cells,
                 "values": [None if is_blank_mark(c) else parse_number(c) for c in cells]}
        if any(c.ref.cell for c in row):
            entry["addresses"] = [c.ref.cell for c in row]   # Sheet1!C7, 表3!B5: the user's own place
        groups = coded_rows(row)
        if groups:
            entry["codes"] = [{"code": g.code, "name": g.name, "values": g.values} for g in groups]
        rows.append(entry)
    form.data.update(unit=unit, header=header, columns=_columns(header), rows=rows)


def _columns(header: list[list[str]]) -> list[str]:
    """One name per column from the header rows ("支出" + "项目" → "支出·项目"), numbers left out.

    A column group printed once over its columns (事业收入 over 金额 | 其中：教育收费) names them
    all: its 金额 column is the group itself ("事业收入"), and an 其中 column under it is a part
    of that column, not of the row's total ("事业收入·其中：教育收费")."""
    width = max((len(h) for h in header), default=0)
    rows = [list(h) + [""] * (width - len(h)) for h in header]
    for upper, lower in zip(rows, rows[1:]):
        for k in range(1, width):
            if not upper[k] and upper[k - 1] and norm(lower[k]).startswith("其中"):
                upper[k] = upper[k - 1]
    out = []
    for k in range(width):
        parts: list[str] = []
        for h in rows:
            t = h[k]
            if t and t not in parts and not t.isdigit() and t != "栏次":
                parts.append(t)
        if len(parts) > 1 and norm(parts[-1]) == "金额":
            parts.pop()
        out.append("·".join(parts))
    return out
