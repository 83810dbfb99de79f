"""Lists that add up (分项之和): “支出合计758.48万元，其中：基本支出…；项目支出…。”

A list opens with a total and “其中/主要用于以下方面/包括”, then gives its items, in the same
sentence or in the paragraphs that follow. Two shapes:

- simple: one amount per item. The items may not exceed the total; a list whose items carry
  shares adding up to 100% claims to be complete, so it must also not fall short.
- parallel: each item paragraph states several kinds of amount (年初预算, 决算, 较上年增减). Where
  the items' 决算 add up to the total's 决算 the list is complete, and then its 预算 and its
  changes must add up too — to the total's 预算 and to the change stated for that total.

Differences within the rounding of the printed figures are not claims about the text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..precision import fmt, is_tail
from . import Claim, quote
from .changes import Change
from .mentions import Mention, Passage, is_budget

_OPEN = re.compile(r"(其中|以下方面|以下几个方面|具体如下|包括)[:：]?")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")
_ANOTHER = re.compile(r"^(此外|另外|另有|同时|按(支出)?(经济|功能)?(分类|性质|用途)分)")
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2}[.．、]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]是|[①②③④⑤⑥⑦⑧⑨⑩])")
_KINDS = (("change", re.compile(r"(减少|下降|降低|节约|增加|增长|上升|提高)了?$")),
          ("budget", re.compile(r"预算")),
          ("spent", re.compile(r"决算|执行|实际支出|支出|收入|使用|拨付")))
_NAMES = {"change": "较上年增减", "budget": "预算", "spent": "决算（支出）"}


def kind_of(m: Mention) -> str | None:
    for k, pat in _KINDS:
        if k == "budget" and is_budget(m.label) or k != "budget" and pat.search(m.label):
            return k
    return None


def _amounts(p: Passage, a: int = 0, b: int | None = None) -> list[Mention]:
    return [m for m in p.mentions() if m.money and a <= m.start and (b is None or m.start < b)]


def inline_end(text: str, after: int, colon: bool) -> int:
    """Where a list opened at ``after`` ends: 。, a bracket closing, or ； when no colon opened it."""
    depth = 0
    for k in range(after, len(text)):
        ch = text[k]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                return k
            depth -= 1
        elif depth == 0 and (ch in "。\n" or ch in "；;" and not colon):
            return k
    return len(text)


def _depth(text: str, a: int, k: int) -> int:
    """How many brackets are open at ``k`` since ``a``: “21万元（购置费0万元、运行维护费21万元）”
    is one item with its own breakdown, not three items."""
    depth = 0
    for ch in text[a:k]:
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
    return depth


def _other_side(total: Mention, item: Mention) -> bool:
    """An item about spending under a total about income, or the other way round: the list ended."""
    def side(label: str) -> str | None:
        has_in, has_out = "收入" in label, "支出" in label
        return "in" if has_in and not has_out else "out" if has_out and not has_in else None
    a, b = side(total.label), side(item.label)
    return a is not None and b is not None and a != b


def _items(ps: list[Passage], i: int, after: int) -> list[tuple[Passage, list[Mention]]]:
    """The item groups of a list opened in ``ps[i]`` at offset ``after``."""
    p = ps[i]
    rest = p.text[after:].strip("：:，, \n")
    if rest:   # items in the same paragraph, up to the end of the sentence or of the bracket opened before
        end = inline_end(p.text, after, colon=p.text[after - 1:after] in "：:")
        cuts = [after] + [k + 1 for k in range(after, end) if p.text[k] in "；;、，," and _depth(p.text, after, k) == 0] + [end]
        groups = [_amounts(p, a, b)[:1] for a, b in zip(cuts, cuts[1:])]
        return [(p, g) for g in groups if g]
    out = []
    numbered = False
    for q in ps[i + 1:i + 40]:
        amounts = _amounts(q)
        if not amounts or _HEADING.match(q.text) or _OPEN.search(q.text) and len(out) > 0:
            break
        if _ANOTHER.match(q.text) or numbered and not _ITEM_NUMBER.match(q.text):
            break   # “此外，基本支出…”: a second breakdown of the same total, not one more item
        numbered = numbered or not out and bool(_ITEM_NUMBER.match(q.text))
        out.append((q, amounts))
        signature = {kind_of(m) for m in out[0][1]} - {None}
        if q.text.rstrip().endswith("。") and not (len(signature) >= 2 or len(out) == 1 and len(amounts) >= 2):
            break
    return out


def _kinds(ms: list[Mention]) -> dict[str, Mention]:
    out: dict[str, Mention] = {}
    for m in ms:
        k = kind_of(m)
        if k and k not in out:
            out[k] = m
    return out


def _span(groups) -> str:
    a, b = groups[0][1][0].ref.line, groups[-1][1][0].ref.line
    return f"第{a}行" if a == b else f"第{a}–{b}行"


def _signed(x: Decimal, unit: str, signed: bool) -> str:
    if not signed:
        return f"{fmt(x)}{unit}"
    return f"{'减少' if x < 0 else '增加'}{fmt(abs(x))}{unit}"


def _claim(p: Passage, opener: int, total: Decimal, unit: str, parts: list[Decimal], what: str, where,
           stated_at, signed: bool = False) -> Claim | None:
    s = sum(parts, Decimal(0))
    if s == total or is_tail(total, parts):
        return None
    terms = "、".join(_signed(x, "", signed) for x in parts)
    return Claim("sum", quote(p, p.sentence_span(opener)[0], opener + 4), stated_at, _signed(total, unit, signed),
                 _signed(s, unit, signed), False,
                 f"{what}（{terms}）合计{_signed(s, unit, signed)}，与所述总数{_signed(total, unit, signed)}（{where}）"
                 f"相差{fmt(abs(s - total))}{unit}")


def read(ps: list[Passage], changes: list[tuple[Passage, Change]]) -> list[Claim]:
    out: list[Claim] = []
    for i, p in enumerate(ps):
        for o in _OPEN.finditer(p.text):
            a = p.sentence_span(o.start())[0]
            if not _amounts(p, a, o.start()) and a > 0:   # “…758.48万元。其中：” opens on the sentence before
                a = p.sentence_span(a - 1)[0]
            lead = _amounts(p, a, o.start())
            groups = _items(ps, i, o.end())
            if not lead or not groups:
                continue
            total = p.main_mentions(lead, a)[-1]
            cut = next((n for n, (_, g) in enumerate(groups) if _other_side(total, g[0])), len(groups))
            groups = groups[:cut]
            if not groups:
                continue
            parallel = len(groups) >= 2 and all(len(_kinds(g)) >= 2 for _, g in groups)
            if not parallel and (kind_of(total) == "change" or any(kind_of(g[0]) == "change" for _, g in groups)):
                continue   # “比上年减少1106.89万元，其中：财政拨款减少…，事业收入增加…”: signed, maybe partial
            if not parallel:
                parts = [g[0].in_unit(total.unit) for _, g in groups]
                shares = [m.value for q, g in groups for m in q.mentions()
                          if m.unit == "%" and "占" in m.label and g[0].start < m.start]
                complete = len(shares) == len(parts) and abs(sum(shares, Decimal(0)) - 100) <= Decimal("0.1")
                if sum(parts, Decimal(0)) > total.value or complete:
                    c = _claim(p, o.start(), total.value, total.unit, parts, f"“{total.name}”的分项",
                               total.ref.where, total.ref)
                    out += [c] if c else []
                continue
            heads = _kinds(lead)
            items = [_kinds(g) for _, g in groups]
            spent = heads.get("spent")
            if spent is None or any("spent" not in it for it in items):
                continue
            spent_parts = [it["spent"].in_unit(spent.unit) for it in items]
            if not is_tail(spent.value, spent_parts) and sum(spent_parts) != spent.value:
                continue   # not the whole of the total: nothing to add up
            for kind in ("budget", "change"):
                if any(kind not in it for it in items):
                    continue
                if kind == "budget" and "budget" in heads:
                    head = heads["budget"]
                    where = head.ref.where
                else:
                    match = [ch for _, ch in changes if ch.current is not None and ch.current.value == spent.value
                             and ch.current.unit == spent.unit and ch.ref.line < groups[0][0].line]
                    if kind != "change" or not match:
                        continue
                    ch = match[-1]
                    head = Mention(ch.amount, ch.unit, ch.subject, ch.start, ch.start, ch.ref)
                    where = f"{ch.ref.where}所述{ch.subject}的增减"
                parts = [it[kind].in_unit(head.unit) * (-1 if kind == "change" and re.search(
                    r"(减少|下降|降低|节约)了?$", it[kind].label) else 1) for it in items]
                c = _claim(p, o.start(), head.value, head.unit, parts,
                           f"{_span(groups)}所列各项的{_NAMES[kind]}", where, head.ref, signed=kind == "change")
                out += [c] if c else []
    return out
