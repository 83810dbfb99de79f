"""Rates and shares (比率与占比) stated in the prose, recomputed from the figures they name.

- written division: “政府采购执行率=（8.84/15）×100%=58.93%”;
- execution and completion: a sentence giving a budget, the amount spent and the rate
  (“年初预算72.64万元，支出决算78.18万元，完成年初预算的107.63%”);
- shares: “基本支出578.41万元，占比76.26%” against the total the list opened with (“支出合计
  758.48万元，其中：”), or “占本年支出合计的100.00%” against the amount of that name stated before
  or printed in a final-accounts table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from decimal import Decimal

from ..precision import Range, fmt, ratio_percent
from . import Claim, quote
from .lists import inline_end
from .mentions import Mention, Passage, is_budget

_N = r"(\d+(?:\.\d+)?)"
_QUOTIENT = re.compile(rf"(?<![\d.(（])[(（]?(?<![\d.]){_N}[/÷]{_N}[)）]?(?:[×*xX]100%)?={_N}%")   # from a number's start only
_RATE_LABEL = re.compile(r"(执行率|完成率|完成(?:年初|全年|调整后)?预算(?:数)?的?)(?:为|达|达到|是)?$")
_SPENT = re.compile(r"(决算|执行|实际支出|支出|使用|拨付|完成)")
_SHARE = re.compile(r"占(.*?)(?:的比重|的比例|比重|的)?(?:为|达|约)?$")
_LEAD = re.compile(r"(其中|以下方面|以下几个方面|具体如下|包括)[:：]?$")
_CORE_DROP = re.compile(r"^(?:\d{4}年度?|本年度?|当年|全年|本单位|本部门|部门|单位|[,，])+|"
                        r"(?:总额|总数|金额|决算数|决算|数|为|是|达|共计|合计为)$")


def _claim(kind, p: Passage, m: Mention, num: Decimal, den: Decimal, rule: str, firm: bool = True,
           span: tuple[int, int] | None = None) -> Claim | None:
    got = ratio_percent(num, den)
    if got is None:
        return None
    point, rng = got
    ok = Range.printed(m.value).overlaps(rng)
    a, b = span or p.sentence_span(m.start)
    return Claim(kind, quote(p, a, b), m.ref, f"{fmt(m.value)}%", f"{fmt(point, 2)}%", ok,
                 f"{rule}：{fmt(num)} ÷ {fmt(den)} = {fmt(point, 2)}%", firm=firm)


def _written_division(p: Passage) -> list[Claim]:
    out = []
    for q in _QUOTIENT.finditer(p.text):
        num, den, stated = (Decimal(g) for g in q.groups())
        m = Mention(stated, "%", "", q.start(3), q.end(3), p.ref(q.start(3)))
        c = _claim("rate", p, m, num, den, "文中写出的除法", span=(q.start(), q.end()))
        if c:
            out.append(c)
    return out


def _same_unit(a: Mention, b: Mention) -> tuple[Decimal, Decimal]:
    return (a.value, b.value) if a.unit == b.unit else (a.yuan(), b.yuan())


def _execution(p: Passage, ms: list[Mention]) -> list[Claim]:
    """Rates whose budget and spent amount stand in the same sentence before them."""
    out = []
    starts = [x.start for x in ms]
    for k, m in enumerate(ms):
        if m.unit != "%" or not _RATE_LABEL.search(m.label):
            continue
        a, _ = p.sentence_span(m.start)
        before = [x for x in ms[bisect_left(starts, a, 0, k):k] if x.money]   # this sentence's, not the whole line's
        budget = next((x for x in reversed(before) if is_budget(x.label)), None)
        spent = next((x for x in reversed(before) if x is not budget and _SPENT.search(x.label)
                      and not is_budget(x.label) and (budget is None or x.start > budget.start)), None)
        if budget and spent:
            num, den = _same_unit(spent, budget)
            c = _claim("rate", p, m, num, den, f"{spent.name}÷{budget.name}")
            if c:
                out.append(c)
    return out


def core(name: str) -> str:
    """What a total is called, without year, owner and 总额: 本年支出合计 → 支出合计."""
    s = re.sub(r"[（(][^）)]*[）)]", "", name)
    for _ in range(2):
        s = _CORE_DROP.sub("", s)
    return s


def _lead_total(ps: list[Passage], i: int, m: Mention) -> Mention | None:
    """The total a list opened with: “…合计758.48万元，其中：” in this passage or the ones before."""
    p = ps[i]
    here = p.text[:m.start]
    k = max(here.rfind("其中"), here.rfind("以下方面"), here.rfind("包括"))
    if k >= 0:
        a = p.sentence_span(k)[0]
        head = p.main_mentions([x for x in p.mentions() if x.money and x.end <= k and x.start >= a], a) or \
            [x for x in p.mentions() if x.money and x.end <= k]
        return head[-1] if head else None
    for j in range(i - 1, max(-1, i - 8), -1):
        prev = ps[j]
        if _LEAD.search(prev.text.rstrip("：: \n")) or _LEAD.search(prev.text.rstrip()):
            head = [x for x in prev.mentions() if x.money]
            return head[-1] if head else None
        if not prev.text.rstrip().endswith(("；", ";", "，", ",")):
            return None
    return None


def _named_total(name: str, ps: list[Passage], i: int, before: int, ledger) -> tuple[Decimal, str] | None:
    """The amount called ``name`` stated earlier in the prose, else printed in a table."""
    want = core(name)
    if not want:
        return None
    for j in range(i, -1, -1):
        for x in reversed(ps[j].mentions()):
            if x.money and (j < i or x.start < before) and core(x.label) == want:
                return x.value, f"文中“{x.label}{x.printed()}”（{x.ref.where}）"
    if ledger is not None:
        for e in ledger.entries:
            if e.value is not None and e.first and core(e.label) == want:
                return e.value, f"{e.table}“{e.label}”{fmt(e.value)}（{e.ref.where}）"
    return None


def _in_closed_aside(text: str, after: int, before: int) -> bool:
    """Whether an amount ending at ``after`` sits in brackets that close before ``before``: “财政拨款
    收入4352.47万元(其中,…国有资本经营预算0万元),占收入合计100%” — the share is the 财政拨款's,
    not the last item of its aside's."""
    k = inline_end(text, after, colon=True)
    return k < before and text[k] in ")）"


def _shares(ps: list[Passage], i: int, ms: list[Mention], ledger, pending: list) -> list[Claim]:
    out = []
    p = ps[i]
    for k, m in enumerate(ms):
        s = _SHARE.search(m.label) if m.unit == "%" else None
        if not s:
            continue
        part = next((x for x in reversed(ms[:k]) if x.money and x.start >= p.sentence_span(m.start)[0]
                     and not _in_closed_aside(p.text, x.end, m.start)), None)
        if part is None:
            continue
        named = s.group(1).strip()
        if named in ("", "比", "总", "总额", "总数"):
            lead = _lead_total(ps, i, part)
            if lead is None:
                continue
            num, den = _same_unit(part, lead)
            c = _claim("share", p, m, num, den, f"{part.name}占{lead.name}")
        else:
            base = _named_total(named, ps, i, part.start, ledger)
            if base is None:
                pending.append((p, m, part, named))
                continue
            c = _claim("share", p, m, part.value, base[0], f"{part.name}占{named}（取{base[1]}）", firm=False)
        if c:
            out.append(c)
    return out


def _complementary(pending: list) -> list[Claim]:
    """Shares of one unnamed total whose percentages add up to 100%: the total is their parts' sum.

    “基本支出265.46万元，占本年支出的14.85%” … “项目支出1521.579万元，占本年支出的85.15%”.
    """
    out = []
    groups: dict[str, list] = {}
    for entry in pending:
        groups.setdefault(core(entry[3]), []).append(entry)
    for name, group in groups.items():
        units = {part.unit for _, _, part, _ in group}
        shares = sum((m.value for _, m, _, _ in group), Decimal(0))
        if len(group) < 2 or len(units) != 1 or abs(shares - 100) > Decimal("0.011") * len(group):
            continue
        total = sum((part.value for _, _, part, _ in group), Decimal(0))
        for p, m, part, named in group:
            c = _claim("share", p, m, part.value, total,
                       f"{part.name}占{named}（{named}取各部分之和{fmt(total)}{part.unit}，其占比合计{fmt(shares)}%）",
                       firm=False)
            if c:
                out.append(c)
    return out


def _adjusted_to_100(shares: list[Claim]) -> list[Claim]:
    """Shares of one total whose printed percentages add up to exactly 100: one of them was moved
    by a unit of its last digit so that they do (尾差调整, as 89.97 + 0.71 + 6.16 + 3.12 + 0.04).
    A share off by just that unit is rounding, not a wrong figure."""
    out = list(shares)
    groups: dict[tuple, list[int]] = {}
    for n, c in enumerate(shares):
        groups.setdefault((c.rule.split("：")[-1].split("÷")[-1].split("=")[0].strip(), c.ref.line), []).append(n)
    for members in groups.values():
        stated = [Decimal(shares[n].stated.rstrip("%")) for n in members]
        if len(members) < 2 or sum(stated) != 100:
            continue
        for n in members:
            c = shares[n]
            off = abs(Decimal(c.stated.rstrip("%")) - Decimal(c.expected.rstrip("%")))
            unit = Decimal(1).scaleb(Decimal(c.stated.rstrip("%")).as_tuple().exponent)
            if not c.ok and off <= unit:
                out[n] = replace(c, tail=True, rule=c.rule + "（各项占比合计恰为100%，差一个末位单位，系尾差调整）")
    return out


def read(ps: list[Passage], ledger=None) -> list[Claim]:
    out: list[Claim] = []
    shares: list[Claim] = []
    pending: list = []
    for i, p in enumerate(ps):
        ms = p.mentions()
        out += _written_division(p) + _execution(p, ms)
        shares += _shares(ps, i, ms, ledger, pending)
    return out + _adjusted_to_100(shares + _complementary(pending))
