"""Outline (提纲): the tree of numbered headings over a run of blocks.

Every numbered paragraph takes part in the numbering, headings and list items alike, so that
a sequence is followed even where its items are sentences ("1.负责…经办事务。" … "7.…"). Only
items with a short title become ``Heading``s; the text of the others counts under the heading
above them. Where an item goes:

1. beside the nearest open item of the same style whose number it continues (exactly the same
   style first, then the same family: "（二）" continues "(一)");
2. else, when it is number 1, under the item open at the top: a new, deeper list — also when
   a report quotes a work summary with its own "一、" inside "（一）" (seed 003);
3. else, beside the nearest open item of the same style (a skipped or repeated number);
4. else, after closing the open items whose conventional rank is not above its own: "（二）"
   after "1.…7." without a "（一）" (seed 000) lands under "一、", not under "7.".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..blocks import Block, Paragraph, SourceRef, Table
from ..values import norm
from .numbering import FAMILY, RANKS, Marker, parse_marker, split_title


@dataclass
class Heading:
    """A numbered heading (标题): its depth, number, title, place and how much text it holds."""

    level: int            # depth among headings, 1 = top
    style: str            # part | cn | cn_paren | arabic | arabic_paren | circled
    number: int
    marker: str           # as printed: "一、", "（二）", "1."
    title: str
    ref: SourceRef
    text_len: int = 0     # characters of text directly under it (run-in text, paragraphs, list items)
    tables: int = 0       # tables directly under it
    children: list[Heading] = field(default_factory=list)

    @property
    def total_len(self) -> int:
        """Characters of text under it, its sub-headings' included."""
        return self.text_len + sum(c.total_len for c in self.children)

    def walk(self) -> Iterator[Heading]:
        yield self
        for c in self.children:
            yield from c.walk()

    def to_json(self) -> dict:
        return {"level": self.level, "number": self.number, "marker": self.marker, "title": self.title,
                "line": self.ref.line, "page": self.ref.page, "text_len": self.text_len,
                "total_len": self.total_len, "tables": self.tables,
                "children": [c.to_json() for c in self.children]}


@dataclass
class _Open:
    """An open numbering level: the last item read at that level."""

    style: str
    wide: bool
    last: int
    node: Heading | None   # None for a list item that is not a heading


_PLAIN_END = re.compile(r"[。；;，,]$")


def _plain_heading(text: str) -> bool:
    """An unnumbered line short enough to be a heading ("存在的问题：")."""
    s = norm(text)
    return 2 <= len(s) <= 25 and not _PLAIN_END.search(s) and not re.search(r"\d{3,}|%", s)


class OutlineBuilder:
    """Feed blocks in order; read ``roots`` and ``plain`` at the end."""

    def __init__(self) -> None:
        self.roots: list[Heading] = []
        self.plain: list[tuple[str, SourceRef]] = []
        self.stack: list[_Open] = []

    def _current(self) -> Heading | None:
        return next((o.node for o in reversed(self.stack) if o.node is not None), None)

    def feed(self, block: Block) -> None:
        if isinstance(block, Table):
            cur = self._current()
            if cur is not None:
                cur.tables += 1
            return
        marker = parse_marker(block.text)
        if marker is None:
            cur = self._current()
            if cur is not None:
                cur.text_len += len(norm(block.text))
            if _plain_heading(block.text):
                self.plain.append((norm(block.text).rstrip("：:"), block.ref))
            return
        self._item(marker, block)

    def _item(self, m: Marker, p: Paragraph) -> None:
        split = split_title(m.rest)
        node = None
        before = self._place(m)
        if before is not None and before.node is None and split and not split[1] and m.rest.rstrip().endswith("。"):
            split = None   # a short sentence in a list of sentences ("7.承担…其他事项。") is an item too
        parent = self._current()
        if split is not None:
            title, tail = split
            node = Heading((parent.level + 1) if parent else 1, m.style, m.number, m.printed, title, p.ref,
                           text_len=len(norm(tail)))
            (parent.children if parent else self.roots).append(node)
        elif parent is not None:
            parent.text_len += len(norm(m.rest))
        self.stack.append(_Open(m.style, m.wide, m.number, node))

    def _place(self, m: Marker) -> _Open | None:
        """Close the open levels the item does not belong under (rules 1–4 of the module doc);
        return the item it follows at its own level, if any."""
        for exact in (True, False):
            for i in range(len(self.stack) - 1, -1, -1):
                o = self.stack[i]
                same = o.style == m.style and o.wide == m.wide if exact else FAMILY[o.style] == FAMILY[m.style]
                if same and o.last + 1 == m.number:
                    del self.stack[i:]
                    return o
        if m.number == 1:
            return None
        for i in range(len(self.stack) - 1, -1, -1):
            o = self.stack[i]
            if FAMILY[o.style] == FAMILY[m.style]:
                del self.stack[i:]
                return o
        while self.stack and RANKS[self.stack[-1].style] >= m.rank:
            self.stack.pop()
        return None


def build_outline(blocks: Iterable[Block]) -> tuple[list[Heading], list[tuple[str, SourceRef]]]:
    """The heading tree of ``blocks`` and the short unnumbered lines that may be headings."""
    b = OutlineBuilder()
    for block in blocks:
        b.feed(block)
    return b.roots, b.plain


def walk(roots: list[Heading]) -> Iterator[Heading]:
    for r in roots:
        yield from r.walk()
