"""Column roles (列角色): what a header cell says its column holds.

Headers differ by province and year (年度指标值 / 指标值 / 目标值; 分值 / 权重; 全年预算数 /
调整后预算数 …) and are often split over two header rows (年初 / 预算数). A role is found from
the header text by patterns, most specific first.
"""

from __future__ import annotations

import re

from .vocab import match_key

# Indicator block roles (绩效指标).
L1, L2, NAME, OP, TARGET, TARGET0, TUNIT, ACTUAL, QNOTE, WEIGHT, SCORE, NOTE = (
    "level1", "level2", "name", "op", "target", "target_initial", "tunit", "actual", "qual_note",
    "weight", "score", "note")
IGNORE = "_"  # a header column with no role (a vertical block label)
# Funding block roles (预算执行).
LABEL, DECLARED, INITIAL, ADJUSTED, EXECUTED, BALANCE, RATE, REASON = (
    "label", "declared", "initial", "adjusted", "executed", "balance", "rate", "reason")

_INDICATOR_RULES: list[tuple[str, str]] = [
    (r"定性值?(情况)?(指标)?说明", QNOTE),
    (r"偏差原因|未完成原因|原因分析|改进措施|备注", NOTE),
    (r"一级指标", L1),
    (r"二级指标", L2),
    (r"三级指标|指标名称|绩效指标名称|具体指标", NAME),
    (r"指标性质|指标方向|计算符号", OP),
    (r"度量单位|计量单位|^单位$", TUNIT),
    (r"年初指标", TARGET0),
    (r"调整后指标|年度指标值?|全年指标值?|指标值|目标值|预期(指标)?值|年度目标", TARGET),
    (r"实际完成值?|完成值|实际值|实际完成情况|完成情况", ACTUAL),
    (r"^(指标)?分值|权重|^标准分|满分", WEIGHT),
    (r"得分|自评分", SCORE),
]

_BUDGET_RULES: list[tuple[str, str]] = [
    (r"偏差原因|原因|说明", REASON),
    (r"目标申报", DECLARED),
    (r"预算编制|年初预算|年初数", INITIAL),
    (r"全年预算|调整后预算|调整后|预算数[(（]?A", ADJUSTED),
    (r"全年执行|预算执行数|执行数|实际支出|决算数", EXECUTED),
    (r"结[(（]?转[)）]?余|结余", BALANCE),
    (r"执行率", RATE),
    (r"分值|权重", WEIGHT),
    (r"得分", SCORE),
    (r"资金来源|资金类别|项目资金|资金性质|^项目$", LABEL),
]


def indicator_role(text: str) -> str | None:
    """Role of an indicator-block header cell: ``"年度指标值(A)"`` → ``target``."""
    return match_key(text, _INDICATOR_RULES)


def budget_role(text: str) -> str | None:
    """Role of a funding-block header cell: ``"全年预算数(A)"`` → ``adjusted``."""
    return match_key(text, _BUDGET_RULES)


def header_roles(cells: list[str], family: str) -> dict[int, str]:
    """Column → role for one header row; each role is kept at its first column."""
    fn = indicator_role if family == "indicator" else budget_role
    out: dict[int, str] = {}
    seen: set[str] = set()
    for i, t in enumerate(cells):
        role = fn(t)
        if role and role not in seen:
            out[i] = role
            seen.add(role)
    return out


def is_indicator_header(cells: list[str]) -> bool:
    """A header row of an indicator block: 一级/三级指标 beside a target or a weight column."""
    roles = set(header_roles(cells, "indicator").values())
    return bool({L1, NAME} & roles) and bool({TARGET, TARGET0, WEIGHT, SCORE, ACTUAL} & roles) and len(roles) >= 3


def is_budget_header(cells: list[str]) -> bool:
    """A header row of a funding block: budget and execution columns side by side."""
    roles = set(header_roles(cells, "budget").values())
    return bool({EXECUTED, RATE} & roles) and bool({INITIAL, ADJUSTED} & roles)


def merged_header(rows: list[list[str]], family: str) -> tuple[list[str], int]:
    """Join a header split over several rows column by column (年初 / 预算数 → 年初预算数).

    Returns the joined header and how many rows it took; a following row joins while it adds
    roles and holds no figures.
    """
    head = list(rows[0])
    used = 1
    best = len(header_roles(head, family))
    if best < 2:
        return head, used  # a header's first row already names some columns
    for nxt in rows[1:3]:
        if any(re.search(r"\d", c) and not re.search(r"[(（]\d+分[)）]|[(（][AB][)）]", c) for c in nxt):
            break
        width = max(len(head), len(nxt))
        joined = [(head[i] if i < len(head) else "") + (nxt[i] if i < len(nxt) else "") for i in range(width)]
        n = len(header_roles(joined, family))
        if n <= best:
            break
        head, best, used = joined, n, used + 1
    return head, used
