"""Indicator levels (指标层级): first- and second-level names carried down spanned cells.

A first-level (一级) or second-level (二级) cell spans many rows. Text renditions print it in
the first row it covers, or split it over the rows it spans ("经济效" / "益指标",
"产出指标" / "(50分)"). The vocabulary below is the common taxonomy of 财政部 indicator
frameworks (产出/效益/满意度 with 数量/质量/时效/成本 …, plus the 101号 成本 split); names
outside it are kept as printed but never joined with a neighbour.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..values import clean, norm

LEVEL1_WORDS = ("产出", "效益", "满意度", "成本", "投入", "过程", "决策", "管理",
                "履职", "效果", "影响", "产出效益", "社会满意度")
LEVEL2_WORDS = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "环境效益",
                "生态环境效益", "可持续影响", "可持续性影响", "可持续发展", "服务对象满意度", "满意度",
                "社会公众满意度", "帮扶对象满意度", "受益对象满意度", "经济成本", "社会成本",
                "生态环境成本", "效率", "公平", "效果")

_ANNOTATION = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_SUFFIX = "指标"


def _strip(s: str) -> str:
    return _ANNOTATION.sub("", norm(clean(s)))


def _is_word(s: str, words: tuple[str, ...]) -> bool:
    t = _strip(s)
    if t.endswith(_SUFFIX) and t != _SUFFIX:
        t = t[: -len(_SUFFIX)]
    return bool(t) and any(t == w for w in words)


def is_level1_word(s: str) -> bool:
    """'产出指标', '效益指标(30分)', '满意度' …"""
    return _is_word(s, LEVEL1_WORDS)


def is_level2_word(s: str) -> bool:
    """'数量指标', '社会效益', '可持续影响指标', '经济成本指标' …"""
    return _is_word(s, LEVEL2_WORDS)


def weight_annotation(s: str) -> Decimal | None:
    """The block weight a level cell declares: '产出指标 (50分)' → 50."""
    m = _ANNOTATION.search(norm(s))
    return Decimal(m.group(1)) if m else None


def level_name(s: str | None) -> str | None:
    """A level cell's name: annotation removed, line breaks and spaces removed."""
    if not s:
        return None
    t = _ANNOTATION.sub("", clean(s))
    t = re.sub(r"\s+", "", t)
    return t or None


def could_start(s: str, words: tuple[str, ...]) -> bool:
    t = _strip(s)
    return any(w.startswith(t) or (w + _SUFFIX).startswith(t) for w in words) or _is_word(s, words)


def continues(prev: str | None, cur: str, words: tuple[str, ...]) -> bool:
    """True when ``cur`` is the rest of a merged cell whose first part was ``prev``."""
    if not prev:
        return False
    joined = prev + _strip(cur)
    if could_start(cur, words) and not _strip(cur) == _SUFFIX:
        return False
    return _is_word(joined, words) or any((w + _SUFFIX).startswith(_strip(joined)) for w in words)


class LevelTracker:
    """Carries level1/level2 down a table and joins split merged cells.

    ``update`` takes the level cells of one row; ``current`` gives the names for that row.
    Names joined later (a fragment arriving on a following row) are written back to the
    indicators already read under the first fragment.
    """

    def __init__(self) -> None:
        self.names: dict[str, str | None] = {"level1": None, "level2": None}
        self.members: dict[str, list] = {"level1": [], "level2": []}
        self.declared: dict[str, Decimal] = {}

    def update(self, level: str, text: str | None) -> None:
        if not text or not text.strip():
            return
        words = LEVEL1_WORDS if level == "level1" else LEVEL2_WORDS
        w = weight_annotation(text)
        name = level_name(text)
        cur = self.names[level]
        if name and continues(cur, name, words):
            joined = cur + name
            self.names[level] = joined
            for ind in self.members[level]:
                setattr(ind, level, joined)
            if level == "level1" and cur in self.declared:
                self.declared[joined] = self.declared.pop(cur)
        elif name:
            self.names[level] = name
            self.members[level] = []
            if level == "level1":
                self.names["level2"] = None
                self.members["level2"] = []
        if w is not None and level == "level1" and self.names["level1"]:
            self.declared[self.names["level1"]] = w

    def attach(self, indicator) -> None:
        """Give an indicator the current levels and remember it for late joins."""
        indicator.level1 = self.names["level1"]
        indicator.level2 = self.names["level2"]
        self.members["level1"].append(indicator)
        self.members["level2"].append(indicator)
