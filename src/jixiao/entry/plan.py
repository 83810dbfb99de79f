"""The sheet's plan (版面): every cell of an entry workbook, placed, before anything is written.

One plan serves both sides: ``workbook.py`` writes it, and JX014 rebuilds it from the layout and
the row count a workbook names, to know which cells should hold formulas. Column A carries the
blocks' side labels (项目资金、绩效指标); the roles' columns start at B.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from ..rules.profile import Profile
from . import formulas as F
from .layout import Layout

SHEET = "自评表"
RULES_SHEET = "评分规则"
OPS = ("≥", "≤", "=", "定性")
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
UNITS = ("%", "人", "人次", "户", "次", "个", "项", "家", "份", "元", "万元", "天", "月", "年", "分", "其他")
AMOUNT, PERCENT, POINTS = "0.00", "0.00%", "0.00"


@dataclass
class Placed:
    """One cell (单元格): a label, a typed input (``key`` names it for ``--from``), a fixed
    value, or a formula with what it computes (``what``)."""

    kind: str                 # "label" | "input" | "fixed" | "formula"
    value: object = None
    key: str | None = None
    what: str = ""
    number_format: str | None = None
    check: str | None = None  # a validation: "op", "level1", "unit", "weight", "amount", "number"


@dataclass
class Plan:
    """All placed cells of the main sheet, its merges, and the indicator rows' first line."""

    layout: Layout
    profile: Profile
    rows: int
    width: int
    cells: dict[str, Placed] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    tall: set[int] = field(default_factory=set)     # rows of long text
    total_score: str | None = None                  # the 总分 cell
    indicator_rows: range = range(0)                # the indicator lines

    def formulas(self) -> dict[str, str]:
        """Address → what the formula there computes, for JX014."""
        return {a: p.what for a, p in self.cells.items() if p.kind == "formula"}

    def inputs(self) -> dict[str, str]:
        """Input key → address."""
        return {p.key: a for a, p in self.cells.items() if p.kind == "input" and p.key}


def col(k: int) -> str:
    return get_column_letter(k)


class _Builder:
    def __init__(self, plan: Plan):
        self.p = plan
        self.r = 0

    def put(self, c: int, r: int, placed: Placed, to: int | None = None, down: int | None = None) -> str:
        addr = f"{col(c)}{r}"
        self.p.cells[addr] = placed
        if (to and to > c) or (down and down > r):
            self.p.merges.append(f"{addr}:{col(to or c)}{down or r}")
        return addr

    def line(self, cells: tuple[str, ...], first: int = 1) -> None:
        """An info or text row: labels and "=key" inputs spread over the width."""
        self.r += 1
        n, w = len(cells), self.p.width
        spans = [(first, first)] if n > 1 else [(first, w)]
        rest = n - 1
        start = first + 1
        for k in range(rest):
            end = w if k == rest - 1 else start + max(1, (w - start + 1) // (rest - k)) - 1
            spans.append((start, end))
            start = end + 1
        for text, (a, b) in zip(cells, spans):
            if text.startswith("="):
                key = text[1:]
                self.put(a, self.r, Placed("input", None, key, check="text"), b)
                if key in ("goal", "achieved", "conclusion", "problems", "measures"):
                    self.p.tall.add(self.r)
            else:
                self.put(a, self.r, Placed("label", text), b)


def plan(layout: Layout, profile: Profile, rows: int | None = None, year: int | None = None) -> Plan:
    """Place every cell of ``layout`` with ``rows`` indicator lines (default: the layout's)."""
    n = rows or layout.rows
    width = 1 + max(len(layout.budget.roles), len(layout.indicators.roles))
    p = Plan(layout, profile, n, width)
    b = _Builder(p)
    b.r = 1
    b.put(1, 1, Placed("label", layout.title.format(year=year or "____")), width)
    if layout.subtitle:
        b.r = 2
        b.put(1, 2, Placed("label", layout.subtitle.format(year=year or "____")), width)
    for cells in layout.info:
        b.line(cells)
    exec_cells = _budget(b, layout, profile)
    if layout.goals:
        b.r += 1
        head = b.r
        half = 2 + (width - 1) // 2
        b.put(2, head, Placed("label", layout.goals[0]), half - 1)
        b.put(half, head, Placed("label", layout.goals[1]), width)
        b.r += 1
        b.put(2, b.r, Placed("input", None, "goal", check="text"), half - 1)
        b.put(half, b.r, Placed("input", None, "achieved", check="text"), width)
        p.tall.add(b.r)
        b.put(1, head, Placed("label", layout.goals_label), None, b.r)
    score_col, weight_col = _indicators(b, layout, profile, n)
    first_ind = b.r - n + 1
    for cells in layout.footer:
        b.r += 1
        if cells[0] and cells[1:] and all(c.startswith("@total") for c in cells[1:]):
            b.put(1, b.r, Placed("label", cells[0]), weight_col - 1 if weight_col else None)
            last = b.r - 1
            if weight_col:
                w = f"{col(weight_col)}{first_ind}:{col(weight_col)}{last}"
                b.put(weight_col, b.r, Placed("formula", F.total_weight(w, exec_cells.get("weight") or F.num(profile.execution_weight)),
                                              what="分值合计（各指标分值之和加预算执行分值）", number_format="General"))
            s = f"{col(score_col)}{first_ind}:{col(score_col)}{last}"
            p.total_score = b.put(score_col, b.r, Placed(
                "formula", F.total_score(s, exec_cells.get("score")),
                what="总分（各指标得分之和加预算执行得分）", number_format=POINTS), width)
        elif "@grade" in cells:
            b.put(1, b.r, Placed("label", cells[0]))
            b.put(2, b.r, Placed("formula", F.grade(p.total_score, profile),
                                 what=f"自评等级（按总分：{F.bands_text(profile)}）"), width)
        else:
            b.r -= 1
            b.line(cells)
    return p


def _budget(b: _Builder, layout: Layout, profile: Profile) -> dict[str, str]:
    """The funding block; returns the addresses of the main row's weight and score."""
    blk, p = layout.budget, b.p
    b.r += 1
    head = b.r
    roles = blk.roles
    cols = {role: 2 + k for k, role in enumerate(roles)}
    for k, text in enumerate(blk.header):
        b.put(2 + k, head, Placed("label", text), p.width if k == len(roles) - 1 else None)
    first = head + 1
    last = head + len(blk.rows)
    out: dict[str, str] = {}
    for k, label in enumerate(blk.rows):
        r = head + 1 + k
        main = k == 0
        for role, c in cols.items():
            end = p.width if c == 1 + len(roles) else None
            if role == "label":
                b.put(c, r, Placed("label", label), end)
            elif role in ("declared", "initial", "adjusted", "executed", "balance"):
                if main and blk.total == "sum" and len(blk.rows) > 1:
                    rng = f"{col(c)}{first + 1}:{col(c)}{last}"
                    b.put(c, r, Placed("formula", F.total_of(rng), what=f"{blk.header[c - 2]}合计（其下各行之和）",
                                       number_format=AMOUNT), end)
                elif role == "balance" and {"adjusted", "executed"} <= cols.keys():
                    adj, exe = f"{col(cols['adjusted'])}{r}", f"{col(cols['executed'])}{r}"
                    b.put(c, r, Placed("formula", F.balance(adj, exe), what=f"{blk.header[c - 2]}（全年预算数−全年执行数）",
                                       number_format=AMOUNT), end)
                else:
                    b.put(c, r, Placed("input", None, f"budget.{k}.{role}", number_format=AMOUNT, check="amount"), end)
            elif role == "reason":
                b.put(c, r, Placed("input", None, f"budget.{k}.reason", check="text"), end)
            elif not main:
                b.put(c, r, Placed("fixed", "—"), end)
            elif role == "weight":
                out["weight"] = b.put(c, r, Placed("fixed", profile.execution_weight, number_format="General"), end)
            elif role == "rate":
                den = "adjusted" if profile.denominator == "adjusted" and "adjusted" in cols else "initial"
                out["rate"] = b.put(c, r, Placed("formula", F.rate(f"{col(cols['executed'])}{r}", f"{col(cols[den])}{r}"),
                                                 what=f"预算执行率（{blk.header[cols['executed'] - 2]}÷"
                                                 f"{blk.header[cols[den] - 2]}）", number_format=PERCENT), end)
            elif role == "score":
                w = f"{col(cols['weight'])}{r}" if "weight" in cols else F.num(profile.execution_weight)
                out["score"] = b.put(c, r, Placed("formula", F.execution_score(out["rate"], w, profile.execution_cap),
                                                  what="预算执行得分（执行率×分值" + ("，不超过分值）" if profile.execution_cap else "）"),
                                                  number_format=POINTS), end)
    b.put(1, head, Placed("label", blk.label), None, last)
    b.r = last
    return out


def _indicators(b: _Builder, layout: Layout, profile: Profile, n: int) -> tuple[int, int | None]:
    """The indicator block; returns the score and weight columns."""
    blk, p = layout.indicators, b.p
    b.r += 1
    head = b.r
    cols = {role: 2 + k for k, role in enumerate(blk.roles)}
    for k, text in enumerate(blk.header):
        b.put(2 + k, head, Placed("label", text), p.width if k == len(blk.roles) - 1 else None)
    for i in range(n):
        r = head + 1 + i
        at = {role: f"{col(c)}{r}" for role, c in cols.items()}
        for role, c in cols.items():
            end = p.width if c == 1 + len(blk.roles) else None
            key = f"ind.{i}.{role}"
            if role == "score":
                b.put(c, r, Placed("formula", F.indicator_score(at, profile), what=F.score_what(profile),
                                   number_format=POINTS), end)
                continue
            check = {"op": "op", "level1": "level1", "unit": "unit", "weight": "weight"}.get(role, "text")
            fmt = "General" if role in ("target", "actual", "weight", "target_initial") else None
            b.put(c, r, Placed("input", None, key, check=check, number_format=fmt), end)
    b.put(1, head, Placed("label", blk.label), None, head + n)
    p.indicator_rows = range(head + 1, head + n + 1)
    b.r = head + n
    return cols.get("score", 0), cols.get("weight")
