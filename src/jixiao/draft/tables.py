"""The figures of a final-accounts document (决算表数据), read from its ledger for the 情况说明.

Every amount comes from one table cell (``forms/ledger.py``) and is kept in 万元 unrounded; where
two tables print one figure differently, the note says which one the draft used. The rows are
found as ``checks/accounts.py`` finds them: by table name, row label or code, and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..forms.ledger import Entry, Ledger
from ..forms.model import FINAL_ACCOUNTS, Form
from ..values import norm
from .figures import to_wan

SUMMARY = r"^收入支出决算总表$"
INCOME = r"^收入决算表$"
SPENDING = r"^支出决算表$"
FISCAL = r"^财政拨款收入支出决算总表$"
GENERAL = r"^一般公共预算财政拨款支出决算表$"
BASIC = r"^一般公共预算财政拨款基本支出决算(明细)?表$"
FUND = r"政府性基金预算财政拨款收入支出决算表$"
CAPITAL = r"国有资本经营预算财政拨款(收入)?支出决算表$"
OTHER_INFO = r"相关信息统计表$"
_NOT_SOURCE = re.compile(r"合计|总计|结转|结余|其中")


@dataclass(frozen=True)
class Line:
    """One named amount (科目或项目金额) in 万元, with where it was printed."""

    name: str
    amount: Decimal
    code: str | None = None
    where: str = ""
    basic: Decimal | None = None     # 基本支出 column of a coded row
    project: Decimal | None = None   # 项目支出 column
    budget: Decimal | None = None    # 年初预算 column, where the table has one


@dataclass
class ThreePublic:
    """“三公”经费 (公开09): 预算数 and 决算数 for the total and each item."""

    budget: dict[str, Decimal | None]
    actual: dict[str, Decimal | None]


@dataclass
class AccountsTables:
    """What the 情况说明 restates, table by table (情况说明所需数据)."""

    department: str | None = None
    year: int | None = None
    numbers: set[str] = field(default_factory=set)        # 公开NN present
    income_total: Decimal | None = None                    # 公开01 收入总计
    spend_total: Decimal | None = None                     # 公开01 支出总计
    income_sum: Decimal | None = None                      # 本年收入合计
    spend_sum: Decimal | None = None                       # 本年支出合计
    incomes: list[Line] = field(default_factory=list)      # each source of income
    spend_parts: list[Line] = field(default_factory=list)  # 基本支出, 项目支出 …
    fiscal_in: Decimal | None = None                       # 公开04 收入总计
    fiscal_out: Decimal | None = None                      # 公开04 支出总计
    general: Decimal | None = None                         # 一般公共预算财政拨款支出 合计
    general_budget: Decimal | None = None                  # its 年初预算, where the table prints one
    general_basic: Decimal | None = None                   # its 基本支出
    general_table: str = ""                                # the table the classes come from
    classes: list[Line] = field(default_factory=list)      # 类
    items: list[Line] = field(default_factory=list)        # 项 (款 where no 项 is printed)
    names: dict[str, str] = field(default_factory=dict)    # code → name, every coded row
    personnel: Decimal | None = None                       # 人员经费合计
    public: Decimal | None = None                          # 公用经费合计
    basic_classes: list[Line] = field(default_factory=list)
    fund: dict[str, Decimal] | None = None                 # 政府性基金: None = table blank or absent
    fund_present: bool = False
    capital: dict[str, Decimal] | None = None
    capital_present: bool = False
    three: ThreePublic | None = None
    procurement: dict[str, Decimal | None] | None = None   # 合计, 货物, 工程, 服务
    running: Decimal | None = None                         # 机关运行经费
    running_present: bool = False
    vehicles: list[tuple[str, Decimal | None]] = field(default_factory=list)
    equipment: Decimal | None = None
    notes: list[str] = field(default_factory=list)


def _wan(e: Entry | None) -> Decimal | None:
    return None if e is None or e.value is None else to_wan(e.value, e.unit)


def _one(ledger: Ledger, table: str, item: str, column: str | None = None, side: str | None = None) -> Entry | None:
    found = ledger.find(table, item, column, side)
    return found[0] if found else None


def _has(ledger: Ledger, table: str) -> bool:
    return any(re.search(table, e.table) for e in ledger.entries)


def _row_columns(ledger: Ledger, table: str, item: str) -> list[Entry]:
    """All amount cells of the first row labelled ``item`` in ``table``."""
    first = _one(ledger, table, item)
    if first is None:
        return []
    return [e for e in ledger.entries if e.table == first.table and e.ref.line == first.ref.line
            and e.label == first.label]


def _column(cells: list[Entry], pattern: str) -> Entry | None:
    return next((e for e in cells if re.search(pattern, norm(e.column))), None)


def _sources(ledger: Ledger) -> list[Line]:
    """Each source of income: the 收入决算表's 合计 row by column, else the 总表's 收入 rows."""
    cells = _row_columns(ledger, INCOME, r"^合计$")
    if cells:
        return [Line(norm(e.column), _wan(e), where=e.ref.where) for e in cells
                if e.value and not re.search(r"合计|其中", e.column)]
    return [Line(e.label, _wan(e), where=e.ref.where) for e in ledger.find(SUMMARY, r"收入$", None, r"收入")
            if e.value and not _NOT_SOURCE.search(e.label)]


def _parts(ledger: Ledger, table: str) -> list[Line]:
    cells = _row_columns(ledger, table, r"^合计$")
    return [Line(norm(e.column), _wan(e), where=e.ref.where) for e in cells
            if e.value is not None and not re.search(r"合计|小计|其中", e.column)]


def _coded(ledger: Ledger, table: str) -> list[Line]:
    """Coded rows of ``table`` with their total, 基本支出, 项目支出 and 年初预算 columns."""
    out = []
    rows: dict[tuple[str, int], list[Entry]] = {}
    for e in ledger.entries:
        if re.search(table, e.table) and e.code:
            rows.setdefault((e.code, e.ref.line), []).append(e)
    for (code, _), cells in rows.items():
        total = next((e for e in cells if e.first), cells[0])
        if total.value is None and not any(e.value for e in cells):
            continue
        budget = _column(cells, r"年初预算|预算数")
        if budget is total:
            total = next((e for e in cells if e is not budget and e.value is not None), total)
        basic, project = _column(cells, r"^基本支出$"), _column(cells, r"^项目支出$")
        out.append(Line(total.label, _wan(total) or Decimal(0), code, total.ref.where,
                        _wan(basic), _wan(project), _wan(budget)))
    return out


def _first(forms: list[Form], table: str) -> Ledger:
    """The entries of the first form whose table is ``table`` with coded rows (one table, not every
    table printed under that name)."""
    for form in forms:
        one = Ledger.of([form])
        if any(e.code and re.search(table, e.table) for e in one.entries):
            return one
    return Ledger([])


def _three_public(forms: list[Form]) -> ThreePublic | None:
    """预算数 and 决算数 of 公开09 laid out as one row of twelve columns."""
    form = next((f for f in forms if f.kind == FINAL_ACCOUNTS and "三公" in (f.data.get("name") or "")), None)
    if form is None:
        return None
    columns = [norm(c) for c in form.data.get("columns") or []]
    rows = [r for r in form.data.get("rows", []) if any(v is not None for v in r["values"])]
    split = next((k for k, c in enumerate(columns) if c.startswith("决算数")), None)
    if split is None:
        return None
    unit = form.data.get("unit")
    keys = {"total": r"合计$", "abroad": r"因公出国", "cars": r"公务用车购置及运行维护费(·小计)?$",
            "purchase": r"公务用车购置费$", "running": r"运行维护费$", "reception": r"公务接待"}
    values = rows[0]["values"] if rows else [None] * len(columns)

    def side(lo: int, hi: int) -> dict[str, Decimal | None]:
        out = {}
        for key, pat in keys.items():
            k = next((k for k in range(lo, hi) if re.search(pat, columns[k])
                      and not (key == "running" and "购置及" in columns[k])), None)
            out[key] = to_wan(values[k], unit) if k is not None and k < len(values) and values[k] is not None \
                else (Decimal(0) if k is not None else None)
        return out
    return ThreePublic(side(0, split), side(split, len(columns)))


def _blank_or(ledger: Ledger, table: str, keys: dict[str, str]) -> tuple[bool, dict[str, Decimal] | None]:
    """(table present, its 合计 amounts by key, or None when every amount is blank or 0)."""
    if not _has(ledger, table):
        return False, None
    cells = _row_columns(ledger, table, r"^合计$")
    out = {k: _wan(_column(cells, p)) or Decimal(0) for k, p in keys.items()}
    return True, (out if any(out.values()) else None)


def read_tables(forms: list[Form]) -> AccountsTables:
    """The figures of the document's final-accounts tables (决算表数据)."""
    ledger = Ledger.of([f for f in forms if f.kind == FINAL_ACCOUNTS])
    acc = AccountsTables()
    own = [f for f in forms if f.kind == FINAL_ACCOUNTS]
    acc.department = next((f.department for f in own if f.department), None)
    acc.year = next((f.year for f in own if f.year), None)
    acc.numbers = {e.number for e in ledger.entries if e.number}
    acc.income_total = _wan(_one(ledger, SUMMARY, r"^总计$", None, "收入"))
    acc.spend_total = _wan(_one(ledger, SUMMARY, r"^总计$", None, "支出"))
    acc.income_sum = _wan(_one(ledger, SUMMARY, r"^本年收入合计$", None, "收入"))
    acc.spend_sum = _wan(_one(ledger, SUMMARY, r"^本年支出合计$", None, "支出"))
    acc.incomes = _sources(ledger)
    spend_table = SPENDING if _has(ledger, SPENDING) else GENERAL
    acc.spend_parts = _parts(ledger, spend_table)
    if acc.spend_sum is None:
        acc.spend_sum = _wan(_one(ledger, spend_table, r"^合计$"))
    if acc.income_sum is None:
        acc.income_sum = _wan(_one(ledger, INCOME, r"^合计$"))
    acc.fiscal_in = _wan(_one(ledger, FISCAL, r"^总计$", None, "收入"))
    acc.fiscal_out = _wan(_one(ledger, FISCAL, r"^总计$", None, "支出"))
    table = GENERAL if _has(ledger, GENERAL) else spend_table
    acc.general_table = next((e.table for e in ledger.entries if re.search(table, e.table)), "")
    if table != GENERAL:
        acc.notes.append(f"文件中无一般公共预算财政拨款支出决算表，第五部分按{acc.general_table or '支出决算表'}填写，"
                         "请核实其支出是否全部为一般公共预算财政拨款。")
    acc.general = _wan(_one(ledger, table, r"^合计$"))
    acc.general_budget = _wan(_column(_row_columns(ledger, table, r"^合计$"), r"年初预算|预算数"))
    if acc.general_budget is not None:
        acc.general = _wan(next((e for e in _row_columns(ledger, table, r"^合计$") if e.value is not None
                                 and not re.search(r"年初预算|预算数", norm(e.column))), None))
    acc.general_basic = _wan(_column(_row_columns(ledger, table, r"^合计$"), r"^基本支出$"))
    coded = _coded(_first(own, table), table)   # a second table of that name (016) would count each class twice
    acc.names = {c.code: c.name for c in coded}
    acc.classes = [c for c in coded if len(c.code) == 3]
    acc.items = [c for c in coded if len(c.code) == 7] or [c for c in coded if len(c.code) == 5]
    acc.personnel = _wan(_one(ledger, BASIC, r"^人员经费(合计)?$"))
    acc.public = _wan(_one(ledger, BASIC, r"^公用经费(合计)?$"))
    acc.basic_classes = [c for c in _coded(ledger, BASIC) if len(c.code) == 3 and c.amount]
    acc.fund_present, acc.fund = _blank_or(ledger, FUND, {"income": r"本年收入", "spend": r"本年支出"})
    acc.capital_present, acc.capital = _blank_or(ledger, CAPITAL, {"spend": r"合计|本年支出"})
    acc.three = _three_public(forms)
    _other_info(ledger, acc)
    _compare(ledger, acc)
    unmarked = sorted({e.table for e in ledger.entries if e.value is not None and e.unit is None})
    if unmarked:
        acc.notes.append(f"{'、'.join(unmarked)}未注明金额单位，文稿按万元列示，请核对（如为元，各数应除以10000）。")
    return acc


def _other_info(ledger: Ledger, acc: AccountsTables) -> None:
    """政府采购, 机关运行经费 and 国有资产占用 from the 相关信息统计表 (公开10)."""
    if not _has(ledger, OTHER_INFO):
        return
    total = _one(ledger, OTHER_INFO, r"^(政府采购(支出)?)?(合计|总额)$")
    if total is not None:
        acc.procurement = {"total": _wan(total)}
        for key, pat in (("goods", r"^货物"), ("works", r"^工程"), ("services", r"^服务")):
            acc.procurement[key] = _wan(_one(ledger, OTHER_INFO, pat))
    running = ledger.find(OTHER_INFO, r"行政单位$|参照公务员法管理|机关运行经费")
    acc.running_present = bool(running)
    values = [_wan(e) for e in running if e.value is not None]
    acc.running = sum(values, Decimal(0)) if values else None
    cars = _one(ledger, OTHER_INFO, r"^车辆数?合计")
    if cars is not None:
        acc.vehicles = [("车辆", cars.value)] + [(e.label, e.value) for e in ledger.find(OTHER_INFO, r"用车$")
                                              if e.value]
    equipment = _one(ledger, OTHER_INFO, r"^单价.*100万元")
    if equipment is not None:
        acc.equipment = equipment.value


def _compare(ledger: Ledger, acc: AccountsTables) -> None:
    """Notes where the 总表's class rows differ from the class table the draft uses."""
    for c in acc.classes:
        e = _one(ledger, SUMMARY, f"^{re.escape(c.name)}$", None, "支出")
        if e is not None and e.value is not None and _wan(e) != c.amount:
            acc.notes.append(f"收入支出决算总表“{c.name}”（{e.ref.where}）与{acc.general_table}类{c.code}的金额不一致，"
                             f"说明按{acc.general_table}填写，请核对两表。")
