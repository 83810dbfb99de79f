"""Reports (自评报告): find each report in a document, its title, outline and attachment list.

A report starts at a title line such as “2023年度…整体支出绩效自评报告”, “办公经费绩效自评报告” or
“《…绩效自评报告》” (a cover page repeating the title is one report with its body). It ends at
the next report title or at a 第X部分 heading of the surrounding document (seed 004 prints a
report inside 第三部分). An attachment label (“附件5”), the title of a form (“临时工工资项目支出
绩效自评表”) or the end of its attachment list end it too — unless its own numbering goes on
after them (“二、…” after “一、…”), in which case what came between was part of it: a target
table printed under a title inside a section must not cut the report short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import Block, Document, Paragraph, SourceRef, Table
from ..values import clean, norm
from .attachments import AttachmentList, list_item, list_start
from .numbering import Marker, parse_marker
from .outline import Heading, OutlineBuilder, walk

DEPT, PROJECT = "dept", "project"
KIND_NAMES = {DEPT: "部门整体支出绩效自评报告", PROJECT: "项目支出绩效自评报告"}

_TITLE = re.compile(r"(?:绩效)?(?:自评|评价)报告(?:[(（]20\d{2}年度?[)）])?$")
_TITLE_NEEDS = re.compile(r"绩效|支出|项目|资金|经费")
_SENTENCE = re.compile(r"[，,。；;：:！？]")
_QUOTES = "《》〈〉“”\"'「」"
_YEAR_LINE = re.compile(r"^[(（]?20\d{2}年度?[)）]?$")
_BODY_NAME = re.compile(r"(局|中心|院|委员会|委|办公室|办|所|站|队|会|部|厅|处|馆|单位|公司|学校|医院)$")
_LABEL = re.compile(r"^附件\s*[\d一二三四五六七八九十]+\s*[:：、.．]?\s*")
_ATTACH_LABEL = re.compile(r"^附(?:件|表)\s*[\d一二三四五六七八九十]+(?:[:：.、\s].{0,40})?$")
_FORM_TITLE = re.compile(r"^(?:20\d{2}年度?)?[^，,：:。；]{0,40}(?:自评表|数据表|目标表|评分表|考核表)(?:[(（][^)）]*[)）])?$")


@dataclass
class Report:
    """One self-evaluation report (自评报告) found in a document."""

    kind: str                      # "dept" | "project"
    title: str
    ref: SourceRef                 # the title line the body starts under
    end_line: int
    headings: list[Heading] = field(default_factory=list)
    plain: list[tuple[str, SourceRef]] = field(default_factory=list)  # short unnumbered lines
    attachments: AttachmentList | None = None
    cover: SourceRef | None = None  # an earlier title line on a cover page
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)

    @property
    def structured(self) -> bool:
        """Whether the report is divided into numbered parts (at least three at the top)."""
        return len(self.headings) >= 3

    def all_headings(self) -> list[Heading]:
        return list(walk(self.headings))

    def to_json(self) -> dict:
        return {"kind": self.kind, "title": self.title, "line": self.ref.line, "page": self.ref.page,
                "end_line": self.end_line, "cover_line": self.cover.line if self.cover else None,
                "headings": [h.to_json() for h in self.headings],
                "attachments": self.attachments.to_json() if self.attachments else None}


def report_title(p: Paragraph) -> str | None:
    """The report title a paragraph is, as printed (quotes removed), or None."""
    text = _LABEL.sub("", clean(p.text))          # "附件2：2023年度…自评报告" is a report too
    s = norm(text).strip(_QUOTES)
    if not 6 <= len(s) <= 70 or _SENTENCE.search(s) or parse_marker(text) is not None:
        return None
    if not _TITLE.search(s) or not _TITLE_NEEDS.search(s) or s.startswith(("详见", "见", "附")):
        return None
    return text.strip(_QUOTES + " ")


def _kind(title: str) -> str:
    return DEPT if re.search(r"整体|部门绩效自评|单位绩效自评", norm(title)) else PROJECT


def _is_form_title(p: Paragraph) -> bool:
    s = norm(p.text)
    return bool(_FORM_TITLE.match(s)) and not s.startswith(("详见", "见", "附"))


class _Walk:
    def __init__(self, doc: Document):
        self.doc = doc
        self.reports: list[Report] = []
        self.cur: Report | None = None
        self.builder: OutlineBuilder | None = None
        self.items_seen = 0
        self.first_style: str | None = None
        self.listing: AttachmentList | None = None
        self.last_line = 0
        # asleep: stopped at a boundary that may not be the end (a form title, an attachment label,
        # the end of the attachment list); the report wakes if its own numbering goes on
        self.asleep = False
        self.buffer: list[Block] = []
        self.end_at = 0

    def run(self) -> list[Report]:
        for i, b in enumerate(self.doc.blocks):
            if isinstance(b, Paragraph):
                self._paragraph(b, i)
            elif self.cur is not None:
                self._table(b)
            self.last_line = max(self.last_line, b.ref.line)
        self._close()
        return self.reports

    def _close(self) -> None:
        if self.cur is None:
            return
        self.cur.headings, self.cur.plain = self.builder.roots, self.builder.plain
        self.cur.end_line = max(self.end_at if self.asleep else self.last_line, self.cur.ref.line)
        self.cur = self.builder = self.listing = None
        self.asleep, self.buffer = False, []

    def _sleep(self) -> None:
        self.asleep, self.buffer, self.end_at, self.listing = True, [], self.last_line, None

    def _continues(self, marker: Marker | None) -> bool:
        roots = self.builder.roots if self.builder else []
        return bool(marker and roots and marker.style == roots[-1].style and marker.number == roots[-1].number + 1)

    def _open(self, title: str, p: Paragraph, i: int) -> None:
        blocks = self.doc.blocks
        prev = blocks[i - 1] if i > 0 else None
        if isinstance(prev, Paragraph) and re.match(r"^(整体|部门整体|项目)", norm(title)) \
                and _BODY_NAME.search(norm(prev.text)) and len(norm(prev.text)) <= 30:
            title = clean(prev.text) + title
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(nxt, Paragraph) and _YEAR_LINE.match(norm(nxt.text)) and not re.search(r"20\d{2}", title):
            title += clean(nxt.text)
        cur = self.cur
        if cur is not None and not self.asleep and self.items_seen == 0 and norm(title)[-12:] == norm(cur.title)[-12:]:
            cur.cover, cur.ref, cur.title = cur.ref, p.ref, title   # the cover page's title, then the body's
            return
        self._close()
        self.cur = Report(_kind(title), title, p.ref, p.ref.line)
        self.builder = OutlineBuilder()
        self.items_seen, self.first_style = 0, None
        self.reports.append(self.cur)

    def _feed(self, b: Block) -> None:
        if isinstance(b, Paragraph):
            marker = parse_marker(b.text)
            if marker is not None:
                self.items_seen += 1
                self.first_style = self.first_style or marker.style
            self.cur.paragraphs.append(b)
        self.builder.feed(b)

    def _paragraph(self, p: Paragraph, i: int) -> None:
        title = report_title(p)
        if title:
            self._open(title, p, i)
            return
        if self.cur is None:
            return
        if self.listing is not None:
            if list_item(self.listing, p):
                return
            self._sleep()
        marker = parse_marker(p.text)
        if marker is not None and marker.style == "part" and self.first_style not in (None, "part"):
            self._close()   # a 第X部分 of the surrounding document: the report is over
            return
        if self.asleep:
            if not self._continues(marker):
                self.buffer.append(p)
                return
            self.asleep = False   # its numbering goes on: what came between belongs to it
            for b in self.buffer:
                self._feed(b)
            self.buffer = []
        if _ATTACH_LABEL.match(norm(p.text)) or _is_form_title(p):
            self._sleep()
            self.buffer.append(p)
            return
        lst = list_start(p)
        if lst is not None:
            self.cur.attachments = self.listing = lst
            return
        self._feed(p)

    def _table(self, t: Table) -> None:
        if self.listing is not None:
            self._sleep()
        if self.asleep:
            self.buffer.append(t)
        else:
            self._feed(t)


def find_reports(doc: Document) -> list[Report]:
    """The reports in a document, in order (attachment lists parsed, not yet located)."""
    return _Walk(doc).run()
