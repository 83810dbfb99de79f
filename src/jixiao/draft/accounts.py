"""The 情况说明 drafted from the final-accounts tables (决算情况说明起草), in the official order.

Every amount, share and completion rate is computed from the tables (``tables.py``) and printed
in 万元 with two decimals; what the tables do not hold — last year's figures, the reasons, the
年初预算 where the table has no such column — is a visible placeholder (``figures.ask``).
Shares are stated as computed, each rounded on its own: their rounding tails are within what
jixiao's own checks accept (尾数误差).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache

from ..forms.model import Form
from ..resources import package_file
from .figures import Draft, ask, explain, known, percent, wan
from .tables import AccountsTables, Line, read_tables

CHANGE = ask("较上年增减额（万元）及增减率（%）")
REASON = explain("增减变化原因")


@cache
def phrases() -> dict:
    """The headings and templates of ``draft/phrases.toml`` (标题与句式)."""
    with open(package_file("draft", "phrases.toml"), "rb") as fh:
        return tomllib.load(fh)


def _share(part: Decimal | None, whole: Decimal | None) -> str:
    return percent(part, whole) or ask("占比")


def _rate(num: Decimal | None, den: Decimal | None) -> str:
    """A completion rate as the sentence states it: “96.15%”, else a placeholder."""
    p = percent(num, den)
    return f"{p}%" if p is not None else ask("完成率＝支出决算÷年初预算（待年初预算填写后计算）")


def _listed(ph: dict, lines: list[Line], whole: Decimal | None) -> list[str]:
    """One paragraph a part, each with its share of the whole; the last ends with 。"""
    out = [ph["part"].format(name=x.name, amount=wan(x.amount), share=_share(x.amount, whole)) for x in lines]
    return [p + ("。" if k == len(out) - 1 else "；") for k, p in enumerate(out)]


def draft_accounts(forms: list[Form], year: int | None = None, department: str | None = None) -> Draft:
    """The 情况说明 of a final-accounts document, from its tables (据决算表起草情况说明)."""
    acc = read_tables(forms)
    conf = phrases()["accounts"]
    h, ph = conf["headings"], conf["phrases"]
    y = str(year or acc.year or ask("年度"))
    dept = department or acc.department or ""
    d = Draft(conf["title"].format(department=dept, year=y))
    d.add(h["overall"], ph["overall"].format(year=y, income=known(acc.income_total, "收入总计"),
                                             spend=known(acc.spend_total, "支出总计"),
                                             change=CHANGE, reason=REASON))
    income_total = acc.income_sum if acc.income_sum is not None else sum((x.amount for x in acc.incomes), Decimal(0))
    d.add(h["income"], ph["income"].format(year=y, total=wan(income_total)), *_listed(ph, acc.incomes, income_total))
    spend_whole = acc.spend_sum if acc.spend_sum is not None else sum((x.amount for x in acc.spend_parts), Decimal(0))
    parts = [x for x in acc.spend_parts if x.amount]
    d.add(h["spending"], ph["spending"].format(year=y, total=wan(spend_whole)), *_listed(ph, parts, spend_whole))
    _fiscal(d, acc, h, ph, y)
    _general(d, acc, h, ph, y)
    _basic(d, acc, h, ph, y)
    d.add(h["fund"], ph["fund"].format(year=y, income=wan(acc.fund["income"]), spend=wan(acc.fund["spend"]),
                                       use=ask("资金用途")) if acc.fund else ph["fund_none"])
    d.add(h["capital"], ph["capital"].format(year=y, spend=wan(acc.capital["spend"]), use=ask("资金用途"))
          if acc.capital else ph["capital_none"])
    _three(d, acc, h, ph, y)
    _other(d, acc, h, ph, y)
    d.notes = [ph["placeholder_note"]] + acc.notes
    return d


def _fiscal(d: Draft, acc: AccountsTables, h: dict, ph: dict, y: str) -> None:
    fiscal_in = acc.fiscal_in if acc.fiscal_in is not None else _fiscal_income(acc)
    fiscal_out = acc.fiscal_out if acc.fiscal_out is not None else acc.general
    if acc.fiscal_in is None:
        acc.notes.append("文件中无财政拨款收入支出决算总表，第四部分的财政拨款收入按收入来源中的财政拨款、支出按一般公共预算"
                         "财政拨款支出填写，请核实。")
    d.add(h["fiscal"], ph["fiscal"].format(year=y, income=known(fiscal_in, "财政拨款收入总计"),
                                           spend=known(fiscal_out, "财政拨款支出总计"), change=CHANGE,
                                           reason=REASON))


def _fiscal_income(acc: AccountsTables) -> Decimal | None:
    found = [x.amount for x in acc.incomes if "财政拨款" in x.name]
    return sum(found, Decimal(0)) if found else None


def _path(acc: AccountsTables, item: Line) -> str:
    """“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”, as the tables name them."""
    code = item.code or ""
    levels = [(code[:3], "类"), (code[:5], "款"), (code, "项")][: {3: 1, 5: 2, 7: 3}.get(len(code), 3)]
    return "".join(f"{acc.names.get(c, item.name if c == code else ask('科目名称'))}（{w}）" for c, w in levels)


def _general(d: Draft, acc: AccountsTables, h: dict, ph: dict, y: str) -> None:
    d.add(h["general"])
    whole = acc.spend_sum if acc.spend_sum is not None else acc.general
    d.add(h["general_overall"], ph["general_overall"].format(year=y, amount=known(acc.general, "一般公共预算财政拨款支出"),
                                                             share=_share(acc.general, whole), change=CHANGE,
                                                             reason=REASON), level=2)
    classes = [c for c in acc.classes if c.amount]
    rows = [ph["general_class"].format(name=c.name, amount=wan(c.amount), share=_share(c.amount, acc.general))
            for c in classes]
    d.add(h["general_structure"], ph["general_structure"].format(year=y, amount=wan(acc.general)),
          *[r + ("。" if k == len(rows) - 1 else "；") for k, r in enumerate(rows)], level=2)
    budget = acc.general_budget
    paragraphs = [ph["general_total"].format(year=y, budget=wan(budget) if budget is not None else ask("年初预算数"),
                                             amount=wan(acc.general), rate=_rate(acc.general, budget))]
    for n, item in enumerate([i for i in acc.items if i.amount or i.budget], 1):
        rate = _rate(item.amount, item.budget)
        same = item.budget is not None and item.budget == item.amount
        paragraphs.append(ph["general_item"].format(
            n=n, path=_path(acc, item), budget=wan(item.budget) if item.budget is not None else ask("年初预算数"),
            amount=wan(item.amount), rate=rate,
            reason="" if same else ph["item_reason"].format(reason=explain("决算数与年初预算数的差异原因"))))
    d.add(h["general_items"], *paragraphs, level=2)


def _basic(d: Draft, acc: AccountsTables, h: dict, ph: dict, y: str) -> None:
    amount = acc.general_basic
    if amount is None:
        amount = next((x.amount for x in acc.spend_parts if x.name == "基本支出"), None)
    paragraphs = [ph["basic"].format(year=y, amount=known(amount, "基本支出"), personnel=known(acc.personnel, "人员经费"),
                                     public=known(acc.public, "公用经费"))]
    personnel = [f"{c.name}{wan(c.amount)}万元" for c in acc.basic_classes if c.code in ("301", "303")]
    public = [f"{c.name}{wan(c.amount)}万元" for c in acc.basic_classes if c.code not in ("301", "303")]
    for kind, names in (("人员经费", personnel), ("公用经费", public)):
        if names:
            paragraphs.append(ph["basic_detail"].format(kind=kind, list="、".join(names)))
    d.add(h["basic"], *paragraphs)


def _three(d: Draft, acc: AccountsTables, h: dict, ph: dict, y: str) -> None:
    t = acc.three
    if t is None:
        d.add(h["three"], ask("“三公”经费预算数、决算数（文件中未见财政拨款“三公”经费支出决算表）"))
        return
    budget, actual = t.budget.get("total"), t.actual.get("total")
    rate = percent(actual, budget)
    paragraphs = [ph["three_total"].format(year=y, budget=wan(budget), amount=wan(actual),
                                           rate=f"完成全年预算的{rate}%，" if rate else "", change=CHANGE,
                                           reason=REASON) + "其中："]
    items = (("abroad", "因公出国（境）费"), ("purchase", "公务用车购置费"), ("running", "公务用车运行维护费"),
             ("reception", "公务接待费"))
    for n, (key, name) in enumerate(items, 1):
        b, a = t.budget.get(key) or Decimal(0), t.actual.get(key) or Decimal(0)
        if not b and not a:
            paragraphs.append(ph["three_none"].format(n=n, name=name))
            continue
        r = percent(a, b)
        paragraphs.append(ph["three_item"].format(
            n=n, name=name, budget=wan(b), amount=wan(a),
            rate=f"完成全年预算的{r}%。" if r else "全年预算为0，不计算完成率。",
            use=f"主要用于{ask(name + '的用途（团组/车辆/批次、人次）')}。"))
    d.add(h["three"], *paragraphs)


def _other(d: Draft, acc: AccountsTables, h: dict, ph: dict, y: str) -> None:
    d.add(h["other"])
    if acc.running:
        d.add(h["running"], ph["running"].format(year=y, amount=wan(acc.running), change=CHANGE, reason=REASON),
              level=2)
    else:
        d.add(h["running"], ph["running_none"], level=2)
    p = acc.procurement
    if p and p.get("total"):
        d.add(h["procurement"], ph["procurement"].format(
            year=y, total=wan(p["total"]), goods=wan(p.get("goods")), works=wan(p.get("works")),
            services=wan(p.get("services")), sme=ask("授予中小企业合同金额（万元）")), level=2)
    elif p is not None:
        d.add(h["procurement"], ph["procurement_none"], level=2)
    else:
        d.add(h["procurement"], ask("政府采购支出总额及货物、工程、服务支出（文件中未见相关信息统计表）"), level=2)
    if acc.vehicles:
        cars = acc.vehicles[0][1] or 0
        detail = "，其中：" + "、".join(f"{label}{n}辆" for label, n in acc.vehicles[1:]) if acc.vehicles[1:] else ""
        d.add(h["assets"], ph["assets"].format(year=y, cars=cars, detail=detail,
                                               equipment=acc.equipment if acc.equipment is not None else 0), level=2)
    else:
        d.add(h["assets"], ask("车辆及单价100万元以上设备占用情况"), level=2)
    d.add(h["performance"], ph["performance"].format(
        work=ask("预算绩效管理工作开展情况：自评项目个数、涉及资金、自评结果及整改措施")), level=2)
