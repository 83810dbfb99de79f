"""Classification-code checks (科目): the 类/款/项 hierarchy and code–name agreement.

They read every table whose rows start with a classification code (``forms/coded.py``), so
they work on any final-accounts table (公开02/03/05/06 and the like) in any document.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from ..blocks import SourceRef
from ..classification import level_of, lookup, parent_of, same_name
from ..forms.coded import CodedTable, coded_tables
from ..forms.model import FINAL_ACCOUNTS
from ..precision import fmt, is_tail
from ..rules.engine import FormEval
from ..values import clean, norm, parse_number
from . import Context, check, hit


def _column_name(t: CodedTable, row_ref, index: int) -> str:
    """The header text above a value cell (本年支出合计, 基本支出 …), else its position."""
    col = row_ref.col
    if col is not None:
        for row in t.table.rows[:4]:
            if col < len(row):
                text = clean(row[col].text)
                if text and parse_number(text) is None and text not in ("栏次",):
                    return text
    return f"第{index + 1}个金额"


def _listing(kids: list) -> str:
    codes = [k.code for k in kids]
    return "、".join(codes) if len(codes) <= 6 else "、".join(codes[:5]) + f"等{len(codes)}项"


@check("JX601", "error", "accounts", scope="document")
def hierarchy_sums(ctx: Context):
    """类不等于其款之和、款不等于其项之和 — a class is not the sum of its items.

    **What it checks.** In every table of classification-coded rows, each 类 (208) against the
    sum of its 款 (20805, 20808 …) and each 款 against the sum of its 项, column by column. Only
    the children the table lists are summed (disclosures omit empty items). A difference inside
    the printed precision of the terms — each amount converted to 万元 may be off by half a unit
    in its last digit, which the documents warn of as 尾数误差 — is reported as info; anything
    larger is an error.

    **Why it matters.** A class that is not the sum of its items means an amount was mistyped
    or an item left out, and every share computed from the table inherits it.

    **Fires:** 208 社会保障和就业支出 78.18 over 2080502 2.58 + 2080505 45.57 + 2080506 20.02.
    As info: 208 printed 78.18 over 2.58 + 45.57 + 30.02 = 78.17 (a 尾数误差).

    **Does not fire:** 21011 行政事业单位医疗 109.43 over 2101102 109.43.
    """
    for t in coded_tables(ctx.doc):
        rows = t.by_code
        children: dict[str, list] = {}
        for code, r in rows.items():
            p = parent_of(code)
            if p in rows:
                children.setdefault(p, []).append(r)
        for code, kids in children.items():
            parent = rows[code]
            for j, total in enumerate(parent.values):
                parts = [k.values[j] for k in kids if j < len(k.values) and k.values[j] is not None]
                if total is None or not parts:
                    continue
                s = sum(parts)
                if s == total:
                    continue
                rounding = is_tail(total, parts)
                ref = parent.value_refs[j] if j < len(parent.value_refs) else parent.ref
                col = _column_name(t, ref, j)
                kid_level = level_of(kids[0].code)
                yield hit(ref, f"{code}{parent.name}·{col}",
                          f"{code}{parent.name}的{col}填报{fmt(total)}，其下各{kid_level}（"
                          f"{_listing(kids)}）之和为{fmt(s)}，相差{fmt(s - total)}"
                          + ("，在各项金额的尾数误差以内。" if rounding else "。"),
                          fmt(s), fmt(total), "info" if rounding else None)


@check("JX602", "warning", "accounts", scope="document")
def code_name(ctx: Context):
    """科目代码与名称不符 — a classification code printed with another item's name.

    **What it checks.** Each coded row's name against the code table
    (``classification/functional.csv``, ``economic.csv``, each row with its catalogue year and
    source). Width, spacing and bracket style are ignored. Codes the table does not hold are not
    judged.

    **Why it matters.** A wrong code files the spending under another function; a wrong name
    misleads every reader of the disclosure.

    **Fires:** 2101506 printed as “事业运行” (2101506 is 医疗保障经办事务).

    **Does not fire:** 2101506 医疗保障经办事务; 30108 机关事业单位基本养老保险缴费.
    """
    seen = set()
    for t in coded_tables(ctx.doc):
        for r in t.rows:
            known = lookup(r.code)
            if known is None or same_name(r.name, known.name) or (r.code, r.name) in seen:
                continue
            seen.add((r.code, r.name))
            yield hit(r.ref, r.code, f"科目代码{r.code}在{known.year}年科目表中为“{known.name}”，表中写作“{r.name}”。",
                      known.name, r.name)


@cache
def row_identities() -> list[dict]:
    path = Path(__file__).resolve().parent.parent / "data" / "accounts.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["row_sum"]


def _identity_columns(columns: list[str], identity: dict) -> list[tuple[int, list[int]]]:
    """(total column, part columns) for every total column an identity names."""
    names = [norm(c) for c in columns]
    totals = [k for k, n in enumerate(names) if re.search(identity["total"], n)]
    out = []
    for n, k in enumerate(totals):
        end = totals[n + 1] if n + 1 < len(totals) else len(names)
        parts = []
        for pat in identity["parts"]:
            j = next((j for j in range(k + 1, end) if re.search(pat, names[j])), None)
            if j is not None:
                parts.append(j)
        if len(parts) >= 2:
            out.append((k, parts))
    return out


@check("JX603", "error", "accounts")
def row_identities_hold(ev: FormEval, ctx: Context):
    """决算表行内合计不等于各分项之和 — a total column is not the sum of its parts.

    **What it checks.** Along each row of a final-accounts table, the identities of
    ``data/accounts.toml``: 本年收入合计 = 各项收入 (公开02); 本年支出合计 = 基本支出 + 项目支出 +
    … (公开03, 05, 07, 08); 财政拨款支出合计 = 一般公共预算 + 政府性基金 + 国有资本经营 (公开04);
    “三公”经费 = 出国 + 公务用车 + 接待, and 公务用车 = 购置 + 运行维护, for 预算数 and 决算数
    (公开09). One unit in the last printed digit (尾数误差) is info.

    **Why it matters.** These identities hold by construction of the tables; a row that breaks one
    has a mistyped amount, which the prose and the other tables then repeat.

    **Fires:** 公开03 row 210: 本年支出合计 639.32, 基本支出 459.24, 项目支出 170.07.

    **Does not fire:** 210: 639.32 = 459.24 + 180.07 (a 0.01 tail is info); 公开09 决算 3.20 = 0 + 3.20 + 0.
    """
    f = ev.form
    if f.kind != FINAL_ACCOUNTS:
        return
    columns = f.data.get("columns") or []
    for identity in row_identities():
        for k, parts in _identity_columns(columns, identity):
            for row in f.data.get("rows", []):
                vals = row["values"]
                total = vals[k] if k < len(vals) else None
                got = [vals[j] for j in parts if j < len(vals) and vals[j] is not None]
                if total is None or not got or sum(got) == total:
                    continue
                s = sum(got)
                rounding = is_tail(total, got)
                first = row["cells"][0] if row["cells"] else ""
                label = f"“{first}”行" if first and parse_number(first) is None else f"第{row['line']}行"
                yield hit(SourceRef(f.ref.file, row["line"]), f"{f.data.get('table') or ''}·{first}·{columns[k]}",
                          f"{f.data.get('table') or f.data.get('name')}{label}{columns[k]}填报{fmt(total)}，"
                          f"按“{identity['name']}”应为{fmt(s)}，相差{fmt(s - total)}"
                          + ("，在尾数误差以内。" if rounding else "。"), fmt(s), fmt(total), "info" if rounding else None)
