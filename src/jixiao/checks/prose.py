"""Units and prose (单位与文字): amounts and dates in the text against the tables."""

from __future__ import annotations

import re
from datetime import date
from difflib import SequenceMatcher
from itertools import combinations
from decimal import Decimal

from ..blocks import Paragraph, SourceRef, Table
from ..classification import as_code
from ..precision import fmt
from ..values import clean, norm, parse_number
from . import Context, check, hit
from .completeness import free_texts

_YUAN = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})*\.\d{1,2}|\d+\.\d{1,2})元")
_WANYUAN_TABLE = re.compile(r"单位[:：]?万元|[(（]万元[)）]")
_SLIP_MAX = 100000   # a 万元 figure written as 元 is small: 10万 and above is read as real 元
_ASOF = re.compile(r"截[止至](?:到)?(\d{2}|20\d{2})年(?:(\d{1,2})月)?(底|末|(\d{1,2})日)?")
_DATE = re.compile(r"(20\d{2})\s*[./年-]\s*(\d{1,2})\s*[./月-]\s*(\d{1,2})")
_BAD_YEAR = re.compile(r"(?<![\d.])(20\d)年(?!\d)")


def _zh(d: date) -> str:
    """A date as a review opinion writes it: 2025年3月10日."""
    return f"{d.year}年{d.month}月{d.day}日"


def _text_places(ctx: Context) -> list[tuple[Paragraph | SourceRef, str]]:
    """(place, text) of every paragraph and every free-text cell of the forms, in line order."""
    out: list = [(b, b.text) for b in ctx.doc.blocks if isinstance(b, Paragraph)]
    out += [(ref, text) for ev in ctx.evals for ref, _, text in free_texts(ev)]
    return sorted(out, key=lambda pt: pt[0].ref.line if isinstance(pt[0], Paragraph) else pt[0].line)


def _line(place, offset: int) -> SourceRef:
    if isinstance(place, Paragraph):
        return place.ref_at(offset)
    return place


def _wanyuan_figures(ctx: Context) -> set[Decimal]:
    """Non-whole figures of the tables kept in 万元 (40.90 and 40.9 are one figure)."""
    figures: set[Decimal] = set()
    for ev in ctx.evals:
        b = ev.form.budget
        if b and b.unit == "万元":
            for row in b.rows:
                figures |= {v.normalize() for v in (row.initial, row.adjusted, row.executed, row.balance)
                            if v is not None}
    before: list[str] = []
    for b in ctx.doc.blocks:
        if isinstance(b, Paragraph):
            before = (before + [norm(b.text)])[-3:]
            continue
        head = " ".join(norm(c.text) for row in b.rows[:2] for c in row)
        if any(_WANYUAN_TABLE.search(t) for t in before + [head]):
            figures |= {Decimal(norm(c.text).replace(",", "")).normalize() for row in b.rows for c in row
                        if re.fullmatch(r"[\d,]+\.\d{1,2}", norm(c.text))}
        before = []
    return {f for f in figures if f != f.to_integral_value()}


@check("JX501", "warning", "prose", scope="document")
def money_unit_slip(ctx: Context):
    """金额单位疑似写错（万元写成元） — a 万元 figure written with 元 in the text.

    **What it checks.** An amount written “N元” in the prose or a text cell, where the same
    printed figure N (with its decimals) stands in one of the document's tables kept in 万元.

    **Why it matters.** “拨付金额为40.9元” beside a table whose 全年执行数 is 40.9 (万元)
    understates the money ten-thousandfold; such slips are published as they stand.

    Also a non-whole amount in 元 a few paragraphs from the same quantity in 万元 (“涉及资金178.46万元”
    … “涉及资金69.62元”), where no table holds the figure.

    **Fires:** table in 万元 with 全年执行数 40.9; reason text “截止24年底拨付金额为40.9元”.

    **Does not fire:** “拨付金额为40.9万元”; “人均财政补助640元” (no such 万元 figure).
    """
    figures = _wanyuan_figures(ctx)
    seen = set()
    for place, text in _text_places(ctx) if figures else []:
        for m in _YUAN.finditer(text):
            value = m.group(1).replace(",", "")
            if Decimal(value).normalize() not in figures or Decimal(value) >= _SLIP_MAX:
                continue
            ref = _line(place, m.start())
            if (ref.line, value) in seen:
                continue
            seen.add((ref.line, value))
            yield hit(ref, f"{value}元", f"文中“{_around(text, m)}”写作{value}元，表中同一数字{value}以万元为单位，"
                      f"请核实是否应为{value}万元。", f"{value}万元", f"{value}元")
    yield from _slips_in_context(ctx, seen)


def _same_label(a: str, b: str) -> bool:
    a, b = re.sub(r"^(共|合计|总计|共计)", "", a), re.sub(r"^(共|合计|总计|共计)", "", b)
    return min(len(a), len(b)) >= 3 and (a.endswith(b) or b.endswith(a))


def _slips_in_context(ctx: Context, seen: set):
    """“涉及资金69.62元” two paragraphs after “涉及资金178.46万元”: the same quantity in another unit."""
    ps = ctx.passages
    for i, p in enumerate(ps):
        for m in p.mentions():
            if m.unit != "元" or m.value >= _SLIP_MAX or m.value == m.value.to_integral_value() \
                    or (m.ref.line, str(m.value)) in seen:
                continue
            near = [x for q in ps[max(0, i - 3):i + 4] for x in q.mentions()
                    if x.unit == "万元" and _same_label(x.name, m.name)]
            if near:
                seen.add((m.ref.line, str(m.value)))
                yield hit(m.ref, f"{m.value}元", f"文中“{m.name}{m.value}元”，而相邻段落的“{near[0].name}"
                          f"{near[0].value}万元”以万元为单位，请核实是否应为{m.value}万元。", f"{m.value}万元", f"{m.value}元")


def _around(text: str, m: re.Match, width: int = 14) -> str:
    return clean(text[max(0, m.start() - width):m.end()])


def _report_date(ctx: Context) -> date | None:
    found = []
    for form in ctx.forms:
        for value in form.dates.values():
            m = _DATE.search(value)
            if m:
                found.append(m)
    for d in (_valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) for m in found):
        if d:
            return d
    return None


def _valid(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _asof(m: re.Match) -> date | None:
    y = int(m.group(1))
    y = y + 2000 if y < 100 else y
    month = int(m.group(2)) if m.group(2) else 12
    if not 1 <= month <= 12:
        return None
    if m.group(4):
        return _valid(y, month, int(m.group(4)))
    if m.group(3) or not m.group(2):
        nxt = date(y + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return None


@check("JX502", "warning", "prose", scope="document")
def date_after_report(ctx: Context):
    """文中时点晚于报告自身日期 — a stated date later than the report itself.

    **What it checks.** “截止/截至 <date>” statements in the text and text cells. Where the form
    prints its own date (填报日期), a stated as-of date after it fires. Where it does not, an
    as-of date at or after the end of the year following the evaluated year fires (a 2024
    self-evaluation describing the state “截止25年底” as past). Also a year written with three
    digits (“204年”).

    **Why it matters.** Such dates are typos for the evaluated year (24年底 → 25年底) and make the
    statement — usually about when money was paid — unverifiable.

    **Fires:** a 2024 form saying “截止25年底已经全部拨付完成”; “204年参保人数下降”.

    **Does not fire:** “截止25年3月底已经拨付完成” in a 2024 form; “截至2022年12月31日” in a 2022
    report dated 2023.
    """
    report = _report_date(ctx)
    years = [f.year for f in ctx.forms if f.year]
    year = max(years) if years else None
    seen: set[str] = set()   # the same sentence pasted into several cells is reported once
    for place, text in _text_places(ctx):
        for m in _ASOF.finditer(text):
            d = _asof(m)
            key = _around(text, m, 20) + clean(text[m.end():m.end() + 20])
            if d is None or key in seen:
                continue
            seen.add(key)
            ref = _line(place, m.start())
            quote = _around(text, m, 0) + clean(text[m.end():m.end() + 10])
            if report and d > report:
                yield hit(ref, m.group(0), f"“{quote}”所述时点{_zh(d)}晚于本表填报日期{_zh(report)}，请核实年份或日期。",
                          f"不晚于{_zh(report)}", _zh(d))
            elif report is None and year and d >= date(year + 1, 12, 31):
                yield hit(ref, m.group(0), f"{year}年度自评中“{quote}”所述时点{_zh(d)}已到评价年度次年年末，"
                          f"请核实是否应为{str(d.year - 1)[2:]}年。", f"{year}年或{year + 1}年年中以前", _zh(d))
        for m in _BAD_YEAR.finditer(text):
            yield hit(_line(place, m.start()), m.group(0), f"“{_around(text, m)}”中年份“{m.group(0)}”只有三位数字，请补正为四位年份。",
                      "四位年份", m.group(0))


_WAN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)万元?(?![\d/元]|元/)")   # 0.3万元, 35.92万; not 1.3万元/人/年
_AMOUNT_KEY = re.compile(r"(本年度|年度)?项目(总)?金额|年度资金总额|资金总额")


def _declared_amounts(f) -> list[tuple[Decimal, str, SourceRef]]:
    """(amount, label, place) of a target table's amounts labelled 万元."""
    out = []
    info = f.data.get("info") or {}
    for key, value in info.items():
        k = norm(key)
        if _AMOUNT_KEY.search(k) and "万元" in k and "中期" not in k:
            amount = parse_number(value)
            if amount is not None:
                out.append((amount, k.rstrip(":："), f.ref))
    b = f.budget
    total = b.total_row if b else None
    if total is not None and b.unit == "万元" and total.declared is not None:
        out.append((total.declared, total.name, total.refs.get("declared", total.ref)))
    return out


@check("JX510", "warning", "prose", declarations=True)
def target_amount_in_yuan(ev, ctx: Context):
    """目标表金额疑以元填在万元栏 — a target table's amount labelled 万元 is its own figures in 元.

    **What it checks.** A target table (绩效目标表 / 申报表) states the year's amount under a label
    in 万元 (本年度项目金额（万元）, 年度资金总额 in a 万元 table) and, beside it, what the money
    is for: the 测算依据 and the 成本 indicators, in 万元. When the amount is exactly ten thousand
    times one of those figures, or of their sum (3,000.00 “万元” beside a 测算依据 of 0.3万元;
    241,000.00 beside 4.494 + 2 + 10.886 + 6.72 = 24.1万元), the amount was entered in 元.

    **Why it matters.** The project's money is overstated ten thousand times in every total the
    table feeds, and a reviewer comparing projects reads nonsense.

    **Fires:** 本年度项目金额（万元） 3,000.00 with 测算依据 “党群服务中心租金评估费0.3万元”.

    **Does not fire:** 本年度项目金额（万元） 0.30 with the same 测算依据; an amount whose 测算依据
    and costs give other figures.
    """
    f = ev.form
    amounts = _declared_amounts(f)
    if not amounts:
        return
    basis = [Decimal(x) for x in _WAN.findall(norm(f.texts.get("basis") or (f.data.get("info") or {}).get("测算依据:", "")))]
    costs = [Decimal(x) for i in f.indicators if i.level2 and "成本" in i.level2 and i.target
             for x in _WAN.findall(norm(i.target.text))]
    candidates = [(b, "测算依据") for b in basis] + [(c, "成本指标") for c in costs]
    if 1 < len(basis) <= 8:   # the items the 测算依据 lists, all or some (an item may be explained twice)
        candidates += [(sum(pick, Decimal(0)), "测算依据所列" + "、".join(fmt(x) for x in pick) + "之和")
                       for n in range(2, len(basis) + 1) for pick in combinations(basis, n)]
    for amount, label, ref in amounts:
        hit_ = next(((b, why) for b, why in candidates if b > 0 and b * 10000 == amount), None)
        if hit_ is None:
            continue
        b, why = hit_
        yield hit(ref, label, f"{label}填报{fmt(amount)}，而{why}为{fmt(b)}万元（即{fmt(amount)}元），"
                  f"该金额应是以元填列，请按万元更正为{fmt(b)}。", f"{fmt(b)}万元", f"{fmt(amount)}万元")


_OWN_YEAR = re.compile(r"(本部门|本单位|我部门|我单位)(20\d{2})\s*年度?(部门|单位)?(汇总)?(预算|决算)")


@check("JX512", "warning", "prose", scope="document", documents=("budget_disclosure", "final_accounts"))
def own_year_misstated(ctx: Context):
    """文中本单位预决算年份与文件年度不符 — the text names its own budget by another year.

    **What it checks.** In a 部门预算 or 部门决算 of year Y, a phrase that names the department's
    own budget or accounts by year — “纳入本部门2018年部门汇总预算编制范围” — with a year other than
    Y. Comparisons with other years (“比2018年增加”, “2018年决算数”) are not such phrases.

    **Why it matters.** A year left over from last year's text tells the reader the paragraph was
    copied and not updated; whatever it states (the units included, the scope) may be last year's.

    **Fires:** “纳入本部门2018年部门汇总预算编制范围的预算单位共计一家” in the 2019 budget.

    **Does not fire:** “纳入本部门2019年部门汇总预算编制范围”; “较2018年预算增加”.
    """
    if ctx.year is None:
        return
    for b in ctx.doc.blocks:
        if not isinstance(b, Paragraph):
            continue
        for m in _OWN_YEAR.finditer(re.sub(r"\s+", "", b.text)):
            if int(m.group(2)) != ctx.year:
                yield hit(b.ref, m.group(0), f"“{m.group(0)}”所写年份{m.group(2)}年与本文件年度"
                          f"{ctx.year}年不符，请核实是否沿用了上年文字。", f"{ctx.year}年", f"{m.group(2)}年")


_LEVEL_WORD = {3: "类", 5: "款", 7: "项"}
_NAMED_ITEM = re.compile(r"([^，。；、：:\s（）()]{2,24})[（(](类|款|项)[)）]")
_ITEM_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])")


@check("JX513", "warning", "prose", scope="document")
def item_named_unlike_its_table(ctx: Context):
    """文中科目名称或层级与表中不符 — the text names a classification item otherwise than its table.

    **What it checks.** The 说明 walks the function classes as “法院（款）一般行政事务管理（项）”. Each
    name followed by （类）, （款） or （项） is compared with the document's own coded tables: a name
    the tables print at another level (a 款 written （类）), or a 项 under that 款 whose name the
    tables print with the same characters in another order or with one or two changed
    (一般行政事务管理 for 一般行政管理事务), is reported. A name the tables do not hold at all is not
    judged.

    **Why it matters.** The public reads the 说明 against the tables; a name or a level that
    differs makes the two look like different items, and a level slip misstates the structure.

    **Fires:** “2．法院（款）一般行政事务管理（项）” where 公开05 prints 2040502 一般行政管理事务.

    **Does not fire:** “法院（款）行政运行（项）”; a name the tables do not print.
    """
    coded = {(r.code, norm(r.name)) for t in ctx.coded_tables for r in t.rows} | _code_name_cells(ctx.doc)
    if not coded:
        return
    names: dict[str, set[int]] = {}
    by_code = {code: name for code, name in coded}
    children: dict[str, set[str]] = {}
    for code, name in coded:
        names.setdefault(name, set()).add(len(code))
        if len(code) == 7 and code[:5] in by_code:
            children.setdefault(by_code[code[:5]], set()).add(name)
    seen: set[tuple[str, str]] = set()
    for b in ctx.doc.blocks:
        if not isinstance(b, Paragraph):
            continue
        parent = None
        for m in _NAMED_ITEM.finditer(b.text):
            name, level = _ITEM_NUMBERING.sub("", norm(m.group(1))), m.group(2)
            key = (name, level)
            if level == "款":
                parent = name
            levels = names.get(name)
            if levels and len(levels) == 1 and _LEVEL_WORD.get(next(iter(levels))) != level and key not in seen:
                seen.add(key)
                shown = _LEVEL_WORD[next(iter(levels))]
                yield hit(b.ref_at(m.start()), name,
                          f"文中“{m.group(0)}”，而表中“{name}”为{shown}级科目，请核实层级。", f"{name}（{shown}）", m.group(0))
            elif level == "项" and levels is None and parent in children and key not in seen:
                near = [c for c in children[parent] if sorted(c) == sorted(name) or
                        SequenceMatcher(None, c, name).ratio() >= 0.8]
                if len(near) == 1:
                    seen.add(key)
                    yield hit(b.ref_at(m.start()), name,
                              f"文中“{parent}（款）{name}（项）”，而表中该款下的科目名称为“{near[0]}”，请核实名称。",
                              near[0], name)


def _code_name_cells(doc) -> set[tuple[str, str]]:
    """(code, name) from any table row: a code cell and the first text cell after it, blank
    spacer columns between them skipped (2040502 │ │ 一般行政管理事务)."""
    out = set()
    for b in doc.blocks:
        if not isinstance(b, Table):
            continue
        for row in b.rows:
            for k, c in enumerate(row):
                code = as_code(c.text)
                if not code:
                    continue
                name = next((norm(x.text) for x in row[k + 1:] if norm(x.text)), "")
                if name and not re.fullmatch(r"[\d,.\-]+", name):
                    out.add((code, name))
                break
    return out
