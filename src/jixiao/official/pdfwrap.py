"""Line breaks in a PDF cell (单元格折行) that reading back undoes.

A PDF has no cells, only lines of glyphs: jixiao's PDF reader joins a cell's wrapped lines
again (``readers.layout.cell_text``: each line stripped, CJK and figures joined without a
space, two Latin words with one). A cell's text is therefore broken here, not by reportlab,
and only where that joining gives the original back: not beside a space inside CJK text or
figures (“= 330000 人” would come back as “= 330000人”), not inside a Latin word (a space
would be added); at one space between two Latin words.
"""

from __future__ import annotations

from collections.abc import Callable

from ..readers.layout import join_lines


def restores(head: str, tail: str) -> bool:
    """Whether a line ending with ``head`` and one going on with ``tail`` read back as ``head + tail``."""
    h, t = head.rstrip(), tail.lstrip()
    return bool(h) and bool(t) and join_lines(h, t) == h + head[len(h):] + tail[:len(tail) - len(t)] + t


def _cut(line: str, ch: str) -> int:
    """Where to end ``line`` when ``ch`` no longer fits: the last place reading back restores."""
    if restores(line, ch):
        return len(line)
    for k in range(len(line) - 1, 0, -1):
        if restores(line[:k], line[k:] + ch):
            return k
    return len(line.rstrip()) or len(line)   # no such place (a long Latin word): at the edge


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` in lines no wider than ``width`` (``measure``: a string's width), broken where
    :func:`restores` allows; each line stripped, as the reader strips it."""
    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0.0
        for ch in para:
            w = measure(ch)
            if not line or used + w <= width:
                line, used = line + ch, used + w
                continue
            k = _cut(line, ch)
            out.append(line[:k].rstrip())
            line = (line[k:] + ch).lstrip()
            used = sum(measure(c) for c in line)
        out.append(line)
    return out
