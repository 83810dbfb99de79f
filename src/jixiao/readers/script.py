"""Traditional characters (繁体字): a document printed in them is read in simplified ones.

Portals offer a 繁體 view, and a page saved from it says 決算 for 决算 and 說明 for 说明; the
recognisers know the simplified words. A document whose text is mostly traditional is converted
character by character — OpenCC's table of traditional characters (TSCharacters, shipped by
opencc-python-reimplemented), one character for one, so that every offset and line stays where
it was — and the reader says so in the document's notes. Some portals' converters also print the
pinyin of a character that has two readings after it (政務(wù)服務(wù)中心): in such a document these
are removed, and a paragraph's line marks moved with them. A simplified document is left as it is.
"""

from __future__ import annotations

import bisect
import logging
import re
from functools import lru_cache
from importlib.resources import files

from ..blocks import Document, Paragraph, Table

SAMPLE = 20_000        # characters of the text looked at to decide
SHARE = 0.05           # traditional characters, as a share of the sample's CJK characters, that decide
AT_LEAST = 8           # … and never fewer than this many (a simplified text holds a few: 著, 乾, 於)
NOTE = ("原文为繁体字，已逐字转为简体识别（引文以简体显示） / the text is in traditional characters; read "
        "converted to simplified, character by character (quotes are shown simplified)")


# a reading in brackets right after a character: (wù), (jīng), (lǜ)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


@lru_cache(maxsize=1)
def table() -> dict[int, str]:
    """Traditional character → its first simplified form, where the two differ."""
    try:
        text = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):   # another “opencc” package, or none
        logging.getLogger("jixiao").debug("no OpenCC character table: traditional text is read as it is")
        return {}
    out: dict[int, str] = {}
    for line in text.splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0]
        if len(trad) == 1 and len(first) == 1 and trad != first:
            out[ord(trad)] = first
    return out


def is_traditional(text: str) -> bool:
    """Whether the text is written in traditional characters (see SHARE and AT_LEAST)."""
    sample = text[:SAMPLE]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    t = table()
    found = sum(1 for ch in sample if ord(ch) in t)
    return bool(t) and found >= max(AT_LEAST, SHARE * cjk)


def _text(doc: Document) -> str:
    if doc.lines:
        return "\n".join(doc.lines[:2000])
    parts: list[str] = []
    for b in doc.blocks[:400]:
        parts.append(b.text if isinstance(b, Paragraph) else " ".join(c.text for row in b.rows for c in row))
    return "\n".join(parts)


def _unannotated(text: str) -> tuple[str, list[int]]:
    """The text without pinyin readings, and the offsets (in the old text) where each removal began."""
    cuts, out, at = [], [], 0
    for m in _PINYIN.finditer(text):
        out.append(text[at:m.start()])
        cuts.extend([m.start()] * (m.end() - m.start()))
        at = m.end()
    out.append(text[at:])
    return "".join(out), cuts


def _paragraph(p: Paragraph, t: dict[int, str]) -> None:
    text, cuts = _unannotated(p.text.translate(t))
    if cuts:   # a mark at old offset k moves back by the characters removed before it
        p.line_starts = [(k - bisect.bisect_left(cuts, k), line) for k, line in p.line_starts]
    p.text = text


def simplify(doc: Document) -> Document:
    """The document in simplified characters, if it was written in traditional ones (in place)."""
    if not is_traditional(_text(doc)):
        return doc
    t = table()
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            _paragraph(b, t)
        elif isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    cell.text = _unannotated(cell.text.translate(t))[0]
    doc.lines = [_unannotated(line.translate(t))[0] for line in doc.lines]
    doc.notes.append(NOTE)
    return doc
