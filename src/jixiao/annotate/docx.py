"""Word files annotated (Word 批注): flagged paragraphs highlighted, flagged cells shaded, and a real
Word comment (批注, ``word/comments.xml``) anchored on each with its findings.

Places are found as the reader numbers them (``readers/docx.py``): 第N段 counts the paragraphs
with text in reading order — headers first, then the body with its text boxes, then footers and
notes — and “表N!C5” is table N in the same order, column C on the table's grid (a cell spanning
columns covers them all), row 5. ``_Locator`` walks the file that way and keeps the elements.
Word keeps comments in the body only: a place in a header, footer or note, and a finding without
a place, are listed in a section 复核意见 added at the end of the document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..blocks import Document as Blocks
from ..readers.docx import _CONTAINERS, _W, _Walker, _cells, _text, walk_story
from .marks import AUTHOR, Mark, Outcome, worst

HIGHLIGHT = {"error": "RED", "warning": "YELLOW", "info": "TURQUOISE"}      # WD_COLOR_INDEX names
SHADE = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_ADDRESS = re.compile(r"^表(\d+)!([A-Z]+)(\d+)$")


class _Locator(_Walker):
    """The reader's walk (``readers.docx._Walker``), keeping each numbered paragraph's and table's
    element and whether it lies in the body (where a comment may be anchored)."""

    def __init__(self) -> None:
        super().__init__(Blocks(path="", blocks=[]))
        self.live = False
        self.found_paragraphs: dict[int, tuple[object, bool]] = {}
        self.found_tables: dict[int, tuple[object, bool]] = {}

    def blocks(self, parent) -> None:
        for el in parent:
            if el.tag == _W + "p":
                self.paragraph(el)
            elif el.tag == _W + "tbl":
                self.tables += 1
                self.found_tables[self.tables] = (el, self.live)
            elif el.tag in _CONTAINERS or el.tag in (_W + "ins", _W + "moveTo"):
                self.blocks(el)

    def paragraph(self, p) -> None:
        if _text(p):
            self.found_paragraphs[self.paragraphs + 1] = (p, self.live)
        super().paragraph(p)


def _locate(path: Path, body) -> _Locator:
    """Walk the file as ``read_docx`` does; ``body`` is the live body of the opened document."""
    import zipfile
    loc = _Locator()

    def live(root) -> None:   # only the body takes comments
        loc.live = True
        loc.blocks(root)
        loc.live = False
    with zipfile.ZipFile(path) as zf:
        walk_story(zf, body, loc.blocks, live)
    return loc   # footnotes and endnotes come after: never in the body


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell_at(tbl, row: int, col: int):
    """The ``w:tc`` covering grid column ``col`` of row ``row`` (0-based), as the reader lays the grid."""
    rows = tbl.findall(_W + "tr")
    if row >= len(rows):
        return None
    k = 0
    for tc in _cells(rows[row]):
        pr = tc.find(_W + "tcPr")
        gs = pr.find(_W + "gridSpan") if pr is not None else None
        try:
            span = max(1, int(gs.get(_W + "val"))) if gs is not None else 1
        except (TypeError, ValueError):
            span = 1
        if k <= col < k + span:
            return tc
        k += span
    return None


def _runs(el) -> list:
    """The runs that show text in ``el`` (a paragraph or cell), text boxes and deletions aside."""
    out = []
    for r in el.iter(_W + "r"):
        anc = r.getparent()
        hidden = False
        while anc is not None and anc is not el:
            if anc.tag in (_W + "del", _W + "moveFrom", _W + "txbxContent"):
                hidden = True
                break
            anc = anc.getparent()
        if not hidden and r.find(_W + "t") is not None:
            out.append(r)
    return out


def annotate_docx(src: Path, out: Path, marks: list[Mark]) -> Outcome:
    """Write ``out``: ``src`` with every mark's paragraphs and cells marked and commented."""
    from docx import Document as open_docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.run import Run

    document = open_docx(str(src))
    loc = _locate(src, document.element.body)
    result = Outcome(out, total=len(marks))
    at: dict[int, list[Mark]] = defaultdict(list)   # id(element) → marks
    elements: dict[int, tuple[object, str]] = {}
    for m in marks:
        for p in m.places:
            el, kind = _element(loc, p)
            if el is None:
                if p.cell or p.paragraph:
                    result.missed.append(p.where)
                continue
            if m not in at[id(el)]:
                at[id(el)].append(m)
            elements[id(el)] = (el, kind)
    for key, here in at.items():
        el, kind = elements[key]
        level = worst(here)
        if kind == "cell":
            pr = el.get_or_add_tcPr()
            for old in pr.findall(qn("w:shd")):
                pr.remove(old)
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), SHADE.get(level, SHADE["info"]))
            pr.append(shd)
            _order_tcpr(pr)
        runs = _runs(el)
        if not runs:   # a blank cell or paragraph: an empty run to hang the comment on
            p = el if kind == "paragraph" else el.findall(qn("w:p"))[0]
            runs = [p.add_r()]
        if kind == "paragraph":
            for r in runs:
                Run(r, None).font.highlight_color = getattr(WD_COLOR_INDEX, HIGHLIGHT.get(level, "TURQUOISE"))
        text = "\n\n".join(f"[{m.number}] {m.note()}" for m in here)
        document.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=text, author=AUTHOR, initials="JX")
        result.places += 1
        result.marked.update(m.number for m in here)
    _list_apart(document, marks, result)
    document.save(str(out))
    return result


_TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
               "tcPrChange"]


def _order_tcpr(pr) -> None:
    """The children of ``w:tcPr`` in the schema's order (Word refuses a file otherwise)."""
    rank = {_W + name: k for k, name in enumerate(_TCPR_ORDER)}
    kids = sorted(pr, key=lambda e: rank.get(e.tag, len(rank)))
    for e in kids:
        pr.append(e)


def _element(loc: _Locator, p) -> tuple[object | None, str]:
    """The body element of a place: (the ``w:tc``, "cell") or (the ``w:p``, "paragraph")."""
    if p.cell:
        m = _ADDRESS.match(p.cell)
        found = loc.found_tables.get(int(m.group(1))) if m else None
        if found is None or not found[1]:
            return None, ""
        tc = _cell_at(found[0], int(m.group(3)) - 1, _column(m.group(2)))
        return (tc, "cell") if tc is not None else (None, "")
    if p.paragraph:
        found = loc.found_paragraphs.get(p.paragraph)
        if found is not None and found[1]:
            return found[0], "paragraph"
    return None, ""


def _list_apart(document, marks: list[Mark], result: Outcome) -> None:
    """A section 复核意见 at the end: the findings no comment could be anchored for."""
    apart = [m for m in marks if m.number not in result.marked]
    if not apart:
        return
    document.add_paragraph(f"复核意见（jixiao，{len(apart)}条未能标在原处） / Review findings not marked in place")
    for m in apart:
        document.add_paragraph(f"[{m.number}] {m.where()}：{m.note()}")
