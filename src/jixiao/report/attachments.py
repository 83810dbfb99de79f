"""Attachments (附件): the list a report names, and whether each is in the document.

A report ends with “报告需要以下附件：” or “附件：” and a numbered list (seed 000 lines
904–910), or names them on one line (“附件：1.… 2.…”). An attachment counts as present when a
recognised form has its kind (基础数据表, 部门整体支出绩效自评表, 项目支出绩效自评表 …) or its title,
or when a short title line or a table's first row names it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..blocks import Document, Paragraph, SourceRef, Table
from ..forms.model import Form
from ..forms.vocab import title_kind
from ..values import norm
from .numbering import parse_marker

_LIST_START = re.compile(r"^(?:本?报告)?(?:需要|需|应)?(?:提供|附|报送|包括)?(?:以下|如下)?(?:附件|附表)(?:如下|清单|目录)?[:：]?(.*)$")
_HAS_LEAD = re.compile(r"以下|如下|清单|目录|[:：]")   # "附件：" opens a list, "附件5" labels one
_INLINE_ITEM = re.compile(r"(?:^|(?<=[\s；;，,。]))(\d{1,2})\s*[.、．]\s*")
_NOTE = re.compile(r"[(（][^)）]*[)）]")
_YEAR = re.compile(r"^20\d{2}年度?")
_LABEL = re.compile(r"^附(?:件|表)\s*[\d一二三四五六七八九十]+\s*[:：.、]?")
_REFERENCE = re.compile(r"详见|见附件|参见|如附件")
_NO_SPENDING = "(?:无|没有|未发生|不涉及)[^。；]{0,8}"


@dataclass
class Attachment:
    """One listed attachment (附件) and what was found for it."""

    number: int
    title: str                      # as listed, note included: "项目支出绩效自评表（一个一级项目支出一张表）"
    ref: SourceRef
    found: list[SourceRef] = field(default_factory=list)   # where it appears in the document
    none_stated: SourceRef | None = None  # the report says the unit had no such spending (“无政府性基金预算支出”)

    @property
    def core(self) -> str:
        """The name to look for: note, year and 附件N label removed, NFKC, no spaces."""
        return core_name(self.title)

    @property
    def present(self) -> bool:
        return bool(self.found)

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title, "line": self.ref.line, "present": self.present,
                "found": [r.line for r in self.found],
                "none_stated": self.none_stated.line if self.none_stated else None}


@dataclass
class AttachmentList:
    """A report's list of attachments (附件清单)."""

    ref: SourceRef
    items: list[Attachment] = field(default_factory=list)

    @property
    def missing(self) -> list[Attachment]:
        return [a for a in self.items if not a.present]

    def to_json(self) -> dict:
        return {"line": self.ref.line, "items": [a.to_json() for a in self.items]}


def core_name(title: str) -> str:
    s = norm(title)
    s = _LABEL.sub("", s)
    s = _NOTE.sub("", s)
    return _YEAR.sub("", s).strip("：:。.；;")


def list_start(p: Paragraph) -> AttachmentList | None:
    """The opening line of an attachment list, with any items printed on the same line."""
    s = unicodedata.normalize("NFKC", p.text).strip()   # spaces kept: they separate inline items
    m = _LIST_START.match(s)
    if not m or len(s) > 200 or not _HAS_LEAD.search(s[: len(s) - len(m.group(1))] or s):
        return None
    out = AttachmentList(p.ref)
    rest = m.group(1)
    if rest:
        parts = _INLINE_ITEM.split(rest)
        if len(parts) < 3:   # "附件：基础数据表" — one unnumbered attachment
            out.items.append(Attachment(1, rest, p.ref))
        else:
            for num, title in zip(parts[1::2], parts[2::2]):
                if title.strip():
                    out.items.append(Attachment(int(num), title.strip(" ；;，,"), p.ref))
    return out


def list_item(lst: AttachmentList, p: Paragraph) -> bool:
    """Add ``p`` to the list when it is the list's next numbered item."""
    m = parse_marker(p.text)
    if m is None or m.style not in ("arabic", "cn", "arabic_paren", "cn_paren"):
        return False
    if lst.items and m.number != lst.items[-1].number + 1:
        return False
    if not lst.items and m.number != 1:
        return False
    if len(norm(m.rest)) > 60:
        return False
    lst.items.append(Attachment(m.number, m.rest.strip().rstrip("；;。"), p.ref))
    return True


def _title_like(text: str) -> bool:
    s = norm(text)
    return 0 < len(s) <= 60 and not _REFERENCE.search(s) and not re.search(r"[。；;]", s[:-1])


def _names(b: Paragraph | Table, core: str, listed: set[int]) -> bool:
    """Whether a title line or a table's first row names the attachment ``core``."""
    if isinstance(b, Table):
        return bool(b.rows) and any(core in norm(c.text) for c in b.rows[0])
    return b.ref.line not in listed and _title_like(b.text) and core in norm(b.text)


def locate(lst: AttachmentList, doc: Document, forms: list[Form], report_text: list[Paragraph]) -> None:
    """Fill in where each listed attachment appears, and whether the report says there is none."""
    listed = {a.ref.line for a in lst.items}
    for a in lst.items:
        core = a.core
        if not core:
            continue
        kind = title_kind(core)
        for f in forms:
            if (kind and f.kind == kind) or (f.title and core in norm(f.title)):
                a.found.append(f.ref)
        if not a.found:
            a.found = [b.ref for b in doc.blocks if _names(b, core, listed)]
        stem = re.sub(r"(情况)?(明细)?表$", "", core)
        if len(stem) >= 4:
            pat = re.compile(_NO_SPENDING + re.escape(stem))
            a.none_stated = next((p.ref for p in report_text if pat.search(norm(p.text))), None)
