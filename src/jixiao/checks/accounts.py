"""Classification-code checks (科目): the 类/款/项 hierarchy and code–name agreement.

They read every table whose rows start with a classification code (``forms/coded.py``), so
they work on any final-accounts table (公开02/03/05/06 and the like) in any document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ..resources import package_file
from ..classification import level_of, lookup, parent_of, same_name
from ..forms.coded import CodedTable
from ..forms.ledger import Entry, Ledger, row_ref
from ..schema import IDENTITIES, load_toml
from ..forms.model import BUDGET_TABLE, DISCLOSURE_KINDS, FINAL_ACCOUNTS
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
    for t in ctx.coded_tables:
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
                          f"{_listing(kids)}）之和为{fmt(s)}，相差{fmt(abs(s - total))}"
                          + ("，在各项金额的尾数误差以内。" if rounding else "。"),
                          fmt(s), fmt(total), "info" if rounding else None)


@check("JX602", "warning", "accounts", scope="document")
def code_name(ctx: Context):
    """科目代码与名称不符 — a classification code printed with another item's name.

    **What it checks.** Each coded row's name against the code table
    (``classification/functional.csv``, ``economic.csv``, each row with its catalogue year and
    source). Width, spacing and bracket style are ignored. Codes the table does not hold are not
    judged, nor are the codes of a document of a year before the table's catalogue, or of no
    stated year: names change
    from one year's 政府收支分类科目 to the next (20805 was 行政事业单位离退休 until 2023).

    **Why it matters.** A wrong code files the spending under another function; a wrong name
    misleads every reader of the disclosure.

    **Fires:** 2101506 printed as “事业运行” (2101506 is 医疗保障经办事务).

    **Does not fire:** 2101506 医疗保障经办事务; 30108 机关事业单位基本养老保险缴费.
    """
    seen = set()
    for t in ctx.coded_tables:
        for r in t.rows:
            known = lookup(r.code)
            if known is None or same_name(r.name, known.name) or (r.code, r.name) in seen:
                continue
            if ctx.year is None or ctx.year < known.year:
                continue   # an older (or unknown) year's catalogue may have named the code so
            seen.add((r.code, r.name))
            yield hit(r.ref, r.code, f"科目代码{r.code}在{known.year}年科目表中为“{known.name}”，表中写作“{r.name}”。",
                      known.name, r.name)


IDENTITY_FILES = {FINAL_ACCOUNTS: "accounts.toml", BUDGET_TABLE: "budget.toml"}


@cache
def identities(kind: str = FINAL_ACCOUNTS) -> dict:
    """The identities of one kind of disclosure table (``data/accounts.toml`` for 决算,
    ``data/budget.toml`` for 预算): ``row_sum`` (along a row) and ``across``."""
    path = package_file("data", IDENTITY_FILES[kind])
    return load_toml(path, IDENTITIES)


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
        unknown = [j for j in range(k + 1, end) if j not in parts and names[j] and "其中" not in names[j]]
        if len(parts) >= 2 and not (identity.get("complete") and unknown):
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
    if f.kind not in DISCLOSURE_KINDS:
        return
    columns = f.data.get("columns") or []
    for identity in identities(f.kind)["row_sum"]:
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
                yield hit(row_ref(f, row, k), f"{f.data.get('table') or ''}·{first}·{columns[k]}",
                          f"{f.data.get('table') or f.data.get('name')}{label}{columns[k]}填报{fmt(total)}，"
                          f"按“{identity['name']}”应为{fmt(s)}，相差{fmt(abs(s - total))}"
                          + ("，在尾数误差以内。" if rounding else "。"), fmt(s), fmt(total), "info" if rounding else None)


_TOTAL_LABEL = re.compile(r"(合计|总计)$")


def _filled(pattern: str, fill: dict) -> str:
    for k, v in fill.items():
        pattern = pattern.replace("{" + k + "}", v)
    return pattern


def _parts(ledger: Ledger, total: Entry, ref: dict, fill: dict) -> list[Entry]:
    """The entries one part reference names, relative to the total it is summed for."""
    table = re.escape(total.table) if ref.get("same") else ref["table"]
    side = ref.get("side", re.escape(total.side) if ref.get("same") else None)
    column = ref.get("column")
    if column == "*":
        column = f"^{re.escape(norm(total.column))}$"
    found = ledger.find(f"^{table}$" if ref.get("same") else table, _filled(ref["item"], fill), column,
                        f"^{side}$" if ref.get("same") and "side" not in ref else side)
    found = [e for e in found if not e.label.startswith("其中")]   # “其中：捐赠收入” is inside the row above
    if ref.get("above"):
        same_side = [e for e in ledger.entries if e.table == total.table and e.side == total.side]
        floor = max((e.ref.line for e in same_side if _TOTAL_LABEL.search(e.label) and e.ref.line < total.ref.line),
                    default=0)
        found = [e for e in found if floor < e.ref.line < total.ref.line]
    if ref.get("first") and found:
        found = [e for e in found if e.ref.line == found[0].ref.line]
    return found


def _where(e: Entry, home: str = "") -> str:
    """“卫生健康支出”·合计, with the table's name when it is not ``home``."""
    column = "" if e.column in ("", "金额", "决算数", "统计数") else "·" + e.column
    return f"{'' if e.table == home else e.table}“{e.item}”{column}"


def _named(terms: list[Entry], home: str) -> str:
    shown = [e for e in terms if e.value]
    text = "、".join(f"{_where(e, home)} {fmt(e.value)}" for e in shown[:6]) + ("等" if len(shown) > 6 else "")
    blank = len(terms) - len(shown)
    return text + (f"，其余{blank}项为空或0" if blank and shown else "各项均为空或0" if blank else "")


def _across(ledger: Ledger, identity: dict, fill: dict):
    t = identity["total"]
    totals = ledger.find(t["table"], _filled(t["item"], fill), t.get("column"), t.get("side"))
    for total in totals:
        terms = [e for ref in identity["parts"] for e in _parts(ledger, total, ref, fill) if e is not total]
        values = [e.value for e in terms if e.value is not None]
        if not values and total.value is None or not terms:
            continue
        got = total.value if total.value is not None else Decimal(0)
        s = sum(values, Decimal(0))
        if s == got:
            continue
        rounding = total.value is not None and is_tail(got, values or [Decimal(0)])
        yield hit(total.ref, f"{total.table}·{total.item}·{total.column}",
                  f"{_where(total)}填报{fmt(total.value) if total.value is not None else '空白'}，按“{identity['name']}”"
                  f"应为{fmt(s)}（{_named(terms, total.table)}），相差{fmt(abs(s - got))}" + ("，在尾数误差以内。" if rounding else "。"),
                  fmt(s), fmt(total.value) if total.value is not None else "", "info" if rounding else None)


@check("JX604", "error", "accounts", scope="document")
def tables_agree(ctx: Context):
    """决算表之间或表内上下不符 — the final-accounts tables disagree with each other.

    **What it checks.** The identities between the tables of a 部门决算公开 and down each table,
    listed with their sources in ``data/accounts.toml``: in the 收入支出决算总表, 本年收入合计 =
    the income rows, 本年支出合计 = the function rows, 总计 on each side, 收入总计 = 支出总计; the
    same totals in the 收入决算表 and 支出决算表; 财政拨款收入 against the 财政拨款收入支出决算总表;
    each 类 of the 支出决算表 and of the 一般公共预算财政拨款支出决算表 against the 总表 rows of the
    same name; 合计 = the 类 rows; 基本支出 = 人员经费合计 + 公用经费合计, 人员经费 = 301 + 303; the
    government procurement total and the vehicle count. A table absent from the document is not
    judged. One unit in the last printed digit (尾数误差) is info; larger differences are errors.

    **Why it matters.** The tables restate one set of accounts; a figure that differs between two
    of them was mistyped in one, and the reader cannot tell which.

    **Fires:** 收入支出决算总表 卫生健康支出 639.32 while the 支出决算表 prints 类 210 as 693.32.

    **Does not fire:** 基本支出 578.41 = 人员经费合计 561.21 + 公用经费合计 17.20.
    """
    ledger = ctx.ledger or Ledger.of(ctx.forms)
    if not ledger.entries:
        return
    seen = set()
    for identity in identities(FINAL_ACCOUNTS)["across"] + identities(BUDGET_TABLE)["across"]:
        fills = [{}]
        if identity.get("each") == "class":
            ref = identity["parts"][0]
            fills = [{"code": e.code, "name": re.escape(e.label)}
                     for e in ledger.find(ref["table"], r"^\d{3}$", ref.get("column")) if e.code]
        for fill in fills:
            for f in _across(ledger, identity, fill):
                key = (f.ref.line if f.ref else None, f.found, f.expected)
                if key not in seen:
                    seen.add(key)
                    yield f
