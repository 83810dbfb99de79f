"""Cell alignment (单元格对位): which cell of a row holds which column's value.

Scans and converters shift cells: a merged cell swallows its neighbour, an empty cell is
dropped, a name lands in the 一级指标 column. Instead of trusting positions, every filled
cell of a row is matched to a header role, in order, by how well its text fits the role
(a weight is a number, a unit is a short word, an operator is ``≥``) plus a bonus for
standing in the role's own column. The best order-keeping match wins (dynamic programming
over cells × roles).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..blocks import Cell
from ..values import is_blank_mark, norm, parse_number, parse_percent, parse_points
from . import roles as R
from .levels import LEVEL1_WORDS, LEVEL2_WORDS, could_start, is_level1_word, is_level2_word, weight_annotation

NEVER = float("-inf")
_POSITION_BONUS = 0.75
_DROP = -3.0
_DROP_NUMBER = -5.0
_OP_WORDS = {"≥", "≤", "=", ">", "<", "定性", "正向", "反向", "≠"}
_GRADES = {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "一等", "二等", "三等", "四等"}
_TARGET_LIKE = re.compile(r"^(≥|≤|>|<|=)|^\d[\d,.]*\s*[^\d\s]{0,4}$")


def _numeric(s: str) -> bool:
    return parse_number(s) is not None


def fit(role: str, text: str) -> float:
    """How well a cell's text fits a role; ``NEVER`` where it cannot stand there."""
    s = norm(text)
    blank_mark = is_blank_mark(text)
    if role in (R.WEIGHT, R.SCORE, R.INITIAL, R.DECLARED, R.ADJUSTED, R.EXECUTED, R.BALANCE):
        if blank_mark:
            return 1.0
        n = parse_points(s) if role in (R.WEIGHT, R.SCORE) else parse_number(s)   # “10分” is a score
        if n is None:
            return NEVER
        if role == R.WEIGHT and n > 100:
            return NEVER
        return 2.5 if role in (R.WEIGHT, R.SCORE) else 2.0
    if role == R.RATE:
        if blank_mark:
            return 1.0
        if s.endswith("%") and parse_percent(s) is not None:
            return 3.0
        return 2.0 if _numeric(s) else NEVER
    if role == R.OP:
        return 3.0 if s in _OP_WORDS else NEVER
    if role == R.TUNIT:
        if s in _OP_WORDS or _numeric(s) or re.search(r"\d", s) or len(s) > 8:
            return NEVER
        return 2.0
    if role == R.LABEL:
        return NEVER if _numeric(s) or s.endswith("%") else 2.0
    if role in (R.REASON, R.NOTE):
        return NEVER if _numeric(s) else 1.0
    if role == R.QNOTE:
        return NEVER if looks_like_target(s) else 0.2
    if role == R.IGNORE:
        return 0.0
    if role == R.L1:
        if weight_annotation(s) is not None or is_level1_word(s):
            return 2.5 if is_level2_word(s) else 3.0
        if could_start(s, LEVEL1_WORDS) or _fragment(s):
            return 1.0
        return NEVER if _numeric(s) else -2.0
    if role == R.L2:
        if is_level2_word(s):
            return 3.0
        if could_start(s, LEVEL2_WORDS) or _fragment(s):
            return 1.0
        return NEVER if _numeric(s) else -2.0
    if role == R.NAME:
        if _numeric(s) or s in _OP_WORDS:
            return NEVER
        if _fragment(s):
            return -1.0
        if is_level1_word(s) or is_level2_word(s):
            return 1.2
        return -3.0 if looks_like_target(s) else 2.0
    if role in (R.TARGET, R.TARGET0):
        if s in _OP_WORDS - {"定性"}:
            return -0.5
        # a lone target value is the operative one (调整后), not the 年初 one
        lean = -0.3 if role == R.TARGET0 else 0.0
        return lean + (2.0 if looks_like_target(s) or s == "定性" else 1.0)
    if role == R.ACTUAL:
        return 2.3 if looks_like_target(s) else 1.5
    return 0.0


def looks_like_target(s: str) -> bool:
    """'≥95%', '=100%', '17.64万元', '98' — but not '2024年参保人数' (a name)."""
    return bool(_TARGET_LIKE.match(s))


def _fragment(s: str) -> bool:
    """The tail of a level name split over rows: '益指标', '指标', '(50分)'."""
    return (s.endswith("指标") and len(s) <= 4) or weight_annotation(s) is not None


_RUN_TOGETHER = re.compile(r"^(.*[\u4e00-\u9fff)）])([=≥≤<>]\d[\d.,]*[^\d]{0,4})$")


def split_run_together(cells: list[Cell]) -> list[tuple[int, Cell]]:
    """Cells a scan ran together, such as '2024年参保人数=1人' (name and target), split in two."""
    out: list[tuple[int, Cell]] = []
    for i, c in enumerate(cells):
        m = _RUN_TOGETHER.match(norm(c.text)) if not c.blank else None
        if m and len(m.group(1)) >= 2:
            out += [(i, Cell(m.group(1), c.ref)), (i, Cell(m.group(2), c.ref))]
        elif not c.blank:
            out.append((i, c))
    return out


def align(cells: list[Cell], columns: dict[int, str]) -> dict[str, Cell]:
    """Match a row's filled cells to the header's roles; returns role → cell."""
    items = split_run_together(cells)
    slots = sorted(columns.items())
    if slots:  # columns the header names no role for can hold debris (a vertical label)
        known = {c for c, _ in slots}
        slots = sorted(slots + [(c, R.IGNORE) for c in range(max(known) + 1) if c not in known])
    if not items or not slots:
        return {}
    texts = tuple(c.text for _, c in items)
    cols = tuple(i for i, _ in items)
    chosen = _solve(texts, cols, tuple(slots))
    return {slots[j][1]: items[k][1] for k, j in chosen if slots[j][1] != R.IGNORE}


@lru_cache(maxsize=4096)
def _solve(texts: tuple[str, ...], cols: tuple[int, ...], slots: tuple[tuple[int, str], ...]) -> tuple[tuple[int, int], ...]:
    n, m = len(texts), len(slots)
    # best[k][j]: best total for items k.. using slots j..
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    drop = [(_DROP_NUMBER if _numeric(norm(t)) else _DROP) for t in texts]
    for k in range(n - 1, -1, -1):
        best[k][m] = best[k + 1][m] + drop[k]
        move[k][m] = 2
    for k in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            col, role = slots[j]
            skip_slot = best[k][j + 1]
            drop_item = best[k + 1][j] + drop[k]
            f = fit(role, texts[k])
            take = NEVER if f == NEVER else best[k + 1][j + 1] + f + (_POSITION_BONUS if cols[k] == col else 0.0)
            options = (take, skip_slot, drop_item)
            pick = max(range(3), key=lambda x: options[x])
            best[k][j], move[k][j] = options[pick], pick
    out = []
    k = j = 0
    while k < n and j <= m:
        if j == m:
            k += 1
            continue
        mv = move[k][j]
        if mv == 0:
            out.append((k, j))
            k, j = k + 1, j + 1
        elif mv == 1:
            j += 1
        else:
            k += 1
    return tuple(out)


def is_grade(text: str) -> bool:
    """A grade word (等级): 优 / 良 / 中 / 差, 一等 … 四等."""
    return norm(text) in _GRADES
