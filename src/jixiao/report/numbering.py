"""Heading numbers (标题序号): 第一部分 / 一、 / （一） / 1. / （1） / ①.

Chinese official writing numbers its levels in a conventional order (党政机关公文格式:
一、→（一）→ 1. →（1）), with 第X部分 above them in longer documents. Real reports break the
order often, so the rank here is only a tie-breaker for the outline builder; the sequence of
numbers decides first (see ``outline.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# style → conventional rank (smaller = outer)
RANKS = {"part": 0, "cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4, "circled": 5}
# styles whose members may stand in for one another within one sequence ("1." and "1、")
FAMILY = {"part": "part", "cn": "cn", "cn_paren": "cn_paren", "arabic": "arabic", "arabic_paren": "arabic_paren",
          "circled": "circled"}

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(rf"^第\s*([{_CN}]+|\d{{1,2}})\s*(?:部分|章|篇)\s*[、.:：]?\s*")),
    ("cn_paren", re.compile(rf"^[(（]\s*([{_CN}]+)\s*[)）]\s*[、.，,]?\s*")),
    ("arabic_paren", re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*[、.，,]?\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*[、.．]\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[、.．](?![\d.．])\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),   # matched on the raw text: NFKC turns ① into 1
]
_TOC_ENTRY = re.compile(r"(\.{4,}|…{2,}|·{4,})\s*\d*\s*$")


def cn_number(s: str) -> int | None:
    """'三' → 3, '十二' → 12, '二十' → 20, '二十一' → 21; None for anything else."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "百" in s:
        return None
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = 1 if not head else _CN_DIGITS.get(head)
        ones = 0 if not tail else _CN_DIGITS.get(tail)
        if tens is None or ones is None or len(head) > 1 or len(tail) > 1:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


@dataclass(frozen=True)
class Marker:
    """A heading number as printed (序号): its style, value and the text after it."""

    style: str      # part | cn | cn_paren | arabic | arabic_paren | circled
    number: int
    printed: str    # "一、", "（二）", "1."
    wide: bool      # full-width parenthesis （ rather than (
    rest: str       # the text after the marker

    @property
    def rank(self) -> int:
        return RANKS[self.style]


def parse_marker(text: str) -> Marker | None:
    """The heading number a paragraph starts with, if any."""
    raw = text.lstrip(" \t\u3000\n")
    if not raw or _TOC_ENTRY.search(raw):
        return None
    head = unicodedata.normalize("NFKC", raw[:12])
    if len(head) != len(raw[:12]):   # a character NFKC expands (㈠): match the raw text instead
        head = raw[:12]
    for style, pat in _PATTERNS:
        m = pat.match(raw[:12] if style == "circled" else head)
        if not m:
            continue
        g = m.group(1)
        number = _CIRCLED.index(g) + 1 if style == "circled" else (int(g) if g.isdigit() else cn_number(g))
        if number is None or number == 0:
            return None
        # map the match length back onto the raw text (NFKC keeps the length of these characters)
        cut = len(m.group(0))
        printed = raw[:cut].strip()
        rest = raw[cut:].strip()
        if not rest and style != "part":
            return None
        if style == "cn" and rest[:1] in "是要则":   # "一是…" is prose, not a number (the pattern needs 、 anyway)
            return None
        return Marker(style, number, printed, raw[:1] == "（", rest)
    return None


_TERMINATORS = re.compile(r"[。；;！!？?：:]|\s+(?=\S)")


def split_title(rest: str, limit: int = 30) -> tuple[str, str] | None:
    """A heading's title and the run-in text after it, or None when the item is a sentence.

    "履职完成情况：从数量、质量…" → ("履职完成情况", "从数量、质量…");
    "项目决策情况 根据《…》" → ("项目决策情况", "根据《…》"); a long sentence → None. A space
    ends the title only after four characters and before a real sentence, so that a scan's
    "部门 基本情况" stays one title.
    """
    s = rest.strip()
    title, tail = s, ""
    for m in _TERMINATORS.finditer(s):
        if m.group(0).isspace() and (len(s[:m.start()].strip()) < 4 or len(s[m.end():]) < 10):
            continue
        title, tail = s[:m.start()], s[m.end():]
        break
    title = re.sub(r"\s+", "", title).rstrip("，,、")
    if not title or len(title) > limit:
        return None
    return title, tail.strip()
