"""Mentions (文中数字): the amounts and percentages of the prose, each with its label and place.

A passage is one paragraph or one free-text cell, normalised for matching (NFKC, no spaces, no
thousands separators, OCR's ``$…$`` math marks dropped) while every character keeps its offset in
the original, so each mention points at its source line. A mention's label is the text of its
clause before the number (“基本支出578.41万元” → 基本支出): what the number is said to be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .. import limits
from ..blocks import Document, Paragraph, SourceRef

_NUMBER = r"\d+(?:\.\d+)?"
_MENTION = re.compile(rf"(?<![\d.])({_NUMBER})(亿元|万元|元|%)")
_GROUP = re.compile(r"\d{3}(?!\d)")


@lru_cache(maxsize=4096)
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)
SENTENCE = 2000   # characters a sentence or clause is looked for either way: longer is not one sentence
_SENTENCE_END = "。；;\n"
CLAUSE_END = "，,；;。：:、！!？?\n"
SCALE = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算单位|预算部门|预算绩效")


def is_budget(label: str) -> bool:
    """A label naming a budget (年初预算, 全年预算数), not a fund (一般公共预算财政拨款)."""
    return "预算" in _FUND_NAMES.sub("", label)


@dataclass(frozen=True)
class Mention:
    """A number with a unit stated in the text: 578.41万元, 76.26%."""

    value: Decimal
    unit: str            # 万元 | 元 | 亿元 | %
    label: str           # clause text before the number
    start: int           # offset in the passage's normalised text
    end: int
    ref: SourceRef

    @property
    def name(self) -> str:
        """The label as a name: “执行数为” → 执行数."""
        s = re.sub(r"^[(（]?\d{4}年度?[)）]?", "", self.label)
        return re.sub(r"(为|是|达到|达|共计|约|了)+$", "", s) or self.label

    @property
    def money(self) -> bool:
        return self.unit in SCALE

    def yuan(self) -> Decimal:
        return self.value * SCALE[self.unit]

    def in_unit(self, unit: str) -> Decimal:
        """The amount in another money unit: 69.62万元 in 元 is 696200."""
        return self.value if self.unit == unit else self.yuan() / SCALE[unit]

    def printed(self) -> str:
        return f"{self.value}{self.unit}"


@dataclass
class Passage:
    """One paragraph or text cell, normalised, with offsets back into the original."""

    text: str
    origin: Paragraph | SourceRef
    offsets: list[int] = field(default_factory=list)
    raw: str = ""        # the text as printed, which ``offsets`` point into
    _mentions: list | None = field(default=None, repr=False, compare=False)

    def printed(self, a: int, b: int) -> str:
        """The original text of the normalised span ``a:b``, with its own punctuation."""
        if not self.raw or not self.offsets or a >= b:
            return self.text[a:b]
        return self.raw[self.offsets[min(a, len(self.offsets) - 1)]:self.offsets[min(b, len(self.offsets)) - 1] + 1]

    @classmethod
    def of(cls, origin: Paragraph | SourceRef, raw: str) -> Passage:
        chars, offsets = [], []
        for i, ch in enumerate(raw):
            # ASCII and the common CJK ideographs are their own NFKC form: no call per character
            for c in (ch if ch < "\u00a0" or "\u4e00" <= ch <= "\u9fff" else _nfkc(ch)):
                if c.isspace() and c != "\n" or c == "$":
                    continue
                chars.append(c)
                offsets.append(i)
        text = "".join(chars)
        # thousands separators: 2,433.55 → 2433.55 (a comma between digit groups of three)
        keep = [k for k in range(len(text))
                if not (text[k] == "," and 0 < k and text[k - 1].isdigit() and _GROUP.match(text, k + 1))]
        return cls("".join(text[k] for k in keep), origin, [offsets[k] for k in keep], raw)

    def ref(self, at: int) -> SourceRef:
        if isinstance(self.origin, Paragraph):
            original = self.offsets[min(at, len(self.offsets) - 1)] if self.offsets else 0
            return self.origin.ref_at(original)
        return self.origin

    @property
    def line(self) -> int:
        return self.origin.ref.line if isinstance(self.origin, Paragraph) else self.origin.line

    def clause_start(self, at: int) -> int:
        floor = max(0, at - SENTENCE)
        return max([self.text.rfind(ch, floor, at) + 1 for ch in CLAUSE_END] + [floor])

    def sentence_span(self, at: int) -> tuple[int, int]:
        """Start and end of the sentence (up to 。；) around ``at``."""
        floor, ceiling = max(0, at - SENTENCE), min(len(self.text), at + SENTENCE)
        a = max([self.text.rfind(ch, floor, at) + 1 for ch in _SENTENCE_END] + [floor])
        ends = [k for k in (self.text.find(ch, at, ceiling) for ch in _SENTENCE_END) if k >= 0]
        return a, min(ends, default=ceiling)

    def bracketed(self, m: Mention, since: int = 0) -> bool:
        """Whether ``m`` stands inside brackets opened after ``since``: “490,808.40万元（本年预算收入
        390,140.45万元），其中：” — the bracket's figure is an aside, not the list's total."""
        depth = 0
        for ch in self.text[since:m.start]:
            depth += ch in "(（"
            depth -= ch in ")）" and depth > 0
        return depth > 0

    def main_mentions(self, ms: list[Mention], since: int = 0) -> list[Mention]:
        """``ms`` without the ones in brackets, unless all are."""
        outside = [m for m in ms if not self.bracketed(m, since)]
        return outside or ms

    def mentions(self) -> list[Mention]:
        """The amounts and percentages of the passage (found once, then kept)."""
        if self._mentions is None:
            out = []
            for m in _MENTION.finditer(self.text):
                label = self.text[self.clause_start(m.start()):m.start()]
                out.append(Mention(Decimal(m.group(1)), m.group(2), label, m.start(), m.end(), self.ref(m.start())))
            self._mentions = out
        return list(self._mentions)


def passages(doc: Document, cells: list[tuple[SourceRef, str]] = ()) -> list[Passage]:
    """Every paragraph of the document and the given text cells, in source order; a paragraph
    longer than :data:`limits.PARAGRAPH_CHARS` is not read for claims (and that is said)."""
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    long = [b for b in paragraphs if len(b.text) > limits.PARAGRAPH_CHARS]
    for b in long:
        note = f"第{b.ref.line}行的段落（超过{limits.PARAGRAPH_CHARS}字，未核对其中的数字论断）"
        if note not in doc.left_out:
            doc.left_out.append(note)
    out = [Passage.of(b, b.text) for b in paragraphs if len(b.text) <= limits.PARAGRAPH_CHARS]
    out += [Passage.of(ref, text) for ref, text in cells]
    return sorted(out, key=lambda p: p.line)
