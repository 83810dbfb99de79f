"""Classify (判别): what a whole file is, whose it is, where from and for which year.

``classify(doc, forms)`` runs once, after the forms are recognised and before anything is
scored: the kind decides which checks fit, the place decides the rule profile. Each answer
carries its evidence, shown in the terminal header and in ``check``'s JSON ``document``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..blocks import Document, Paragraph
from ..forms.model import Form
from ..values import clean, norm
from .kind import OTHER, KindVerdict, classify_kind, kind_name, table_names, title_lines
from .place import Place, resolve

__all__ = ["DocumentInfo", "classify", "kind_name", "department_of", "OTHER"]

# a body's name ends in what it is (局, 厅, 委员会, 大学 …)
_BODY = (r"(局|厅|委员会|委|办公室|办公厅|办|中心|大学|学院|学校|中学|小学|幼儿园|医院|研究院|研究所|院|所|站|"
         r"办事处|部|会|馆|队|团|社|处|公司|政府|法院|检察院|街道|镇|乡|场|台|协会|联合会|总工会|党校)")
_TITLE_DEPT = re.compile(r"^(?:关于印发)?《?(?:20\d{2}年度?)?([^《》“”:：，,。、]{2,40}?" + _BODY + r")(?:20\d{2}年度?)?"
                         r"(?:部门|单位)?(?:整体支出|项目支出|“?三公”?经费)?(?:预算|决算|绩效)")
_BODY_LINE = re.compile(r"^(?!关于)[^《》“”:：，。；]{2,40}?" + _BODY + r"(?:\(本级\)|本级)?$")
_FIELD = re.compile(r"^(?:部门|单位|编制单位|编制部门|预算单位|部门名称|单位名称|主管部门|申请单位|填报单位|预算部门|"
                    r"一级预算单位|项目单位|实施单位)(?:名称)?(?:及代码)?(?:\(盖章\))?[:：]?(.{2,50})$")
# a field run together with its neighbours (flattened text): “主管部门银川市教育局实施单位…”
_FLAT_FIELD = re.compile(r"(?:主管部门|部门名称|单位名称|预算单位|填报单位|申报单位|编制单位|发布机构)(?:名称)?(?:及代码)?"
                         r"(?:\(盖章\))?[:：]?(?:\d{2,12}[-－])?([^\s|:：，,。；;、]{2,40})")
# a government's own office publishes, on its portal, what its departments wrote: not the author
_PORTAL = re.compile(r"人民政府(办公室|办公厅)?$|政府办(公室)?$")
_NEXT_FIELD = re.compile(r"(财政处室|实施单位|实施|项目名称|项目|联系人|联系电话|填报|自评|负责人|年度|资金|索引号|文号|发布日期|主管)")
_CODE_PREFIX = re.compile(r"^(?:\[\w+\]|【\w+】|\w{2,20}[-－—_])")
_YEAR = re.compile(r"(20\d{2})\s*年度?")


@dataclass(frozen=True)
class DocumentInfo:
    """What the file is (文件判别): kind, department, place and year, each with its evidence."""

    kind: str
    kind_evidence: tuple[str, ...] = ()
    parts: frozenset[str] = frozenset()
    department: str | None = None
    department_evidence: str = ""
    place: Place = field(default_factory=Place)
    year: int | None = None

    @property
    def kind_name(self) -> str:
        return kind_name(self.kind)

    def to_json(self) -> dict:
        return {"kind": self.kind, "kind_name": self.kind_name, "parts": sorted(self.parts),
                "department": self.department, "place": self.place.to_json(), "year": self.year,
                "evidence": {"kind": list(self.kind_evidence), "department": self.department_evidence,
                             "place": self.place.evidence}}


def tidy_body(text: str) -> str:
    """A department as printed in a field, without its code ("[105]教育部", "403-汾阳市…") or
    (本级)/(盖章) marks."""
    s = re.split(r"[:：]", clean(text).strip(" ：:|"))[-1].strip(" -—|")
    s = _CODE_PREFIX.sub("", s) if re.match(r"^(\[|【|\w*\d)", s) else s
    s = re.sub(r"[(（](本级|盖章|公章)[)）]$", "", s)
    s = re.sub(r"\d{4}年度?$", "", s).strip()
    trimmed = re.sub(r"(部门|本级)$", "", s)   # “大英县司法局部门”, “青神县发展和改革局本级”
    return trimmed if trimmed != s and re.search(_BODY + "$", trimmed) else s


def _flat_fields(text: str) -> list[str]:
    """Departments named in a flattened line: the run after the field's name, cut where the next
    field's name begins, ending in what a body's name ends in."""
    out = []
    for m in _FLAT_FIELD.finditer(norm(text)):
        run = m.group(1)
        if _NEXT_FIELD.match(run):   # the template's next label: the field is blank
            continue
        cut = _NEXT_FIELD.search(run, 2)
        run = run[:cut.start()] if cut else run
        end = max((k.end() for k in re.finditer(_BODY, run)), default=0)
        if end >= 3 and not (m.group(0).startswith("发布机构") and _PORTAL.search(run[:end])):
            out.append(tidy_body(run[:end]))
    return out


def _from_title(doc: Document) -> tuple[str | None, str]:
    lines = title_lines(doc)
    texts = [norm(p.text) for p in lines]
    joined = [a + b for a, b in zip(texts, texts[1:]) if not re.search("[:：]", a)]   # a title set on two lines
    opening = next((norm(b.text) for b in doc.blocks[:1] if isinstance(b, Paragraph)), "")
    if re.match(r"(根据|按照|依据|为了?|经)", opening):   # a sentence citing others names no author first
        opening = ""
    for text in texts + joined + [opening]:   # … or the subject of the document's first sentence
        m = _TITLE_DEPT.match(text)
        if m:
            return tidy_body(m.group(1)), f"标题“{text[:40]}”"
    for i, p in enumerate(lines):
        text = texts[i]
        nxt = norm(lines[i + 1].text) if i + 1 < len(lines) else ""
        if _BODY_LINE.match(text) and re.search(r"预算|决算|绩效|自评", nxt):
            return tidy_body(p.text), f"标题“{p.text.strip()}”"
    return None, ""


def _from_fields(doc: Document, forms: list[Form]) -> tuple[str | None, str]:
    """The 单位/部门 most often named by the forms and caption lines."""
    seen: Counter = Counter()
    for f in forms:   # the unit that fills the form in counts before the department over it
        for name, weight in ((f.unit, 2), (f.department, 1)):
            if name and len(tidy_body(name)) >= 2:
                seen[tidy_body(name)] += weight
    paragraphs = [b for b in doc.blocks[:300] if isinstance(b, Paragraph)]
    for b, after in zip(paragraphs, paragraphs[1:] + [None]):
        label = norm(b.text).strip("|:：")
        if after is not None and _FIELD.match(label + "：x") and len(label) <= 12:   # label, then its value
            value = tidy_body(after.text)
            if _BODY_LINE.match(value):
                seen[value] += 1
        if len(b.text) <= 80:
            for part in re.split(r"\s{2,}|\t", b.text):
                m = _FIELD.match(norm(part))
                if m and _BODY_LINE.match(tidy_body(m.group(1))):
                    seen[tidy_body(m.group(1))] += 1
        for name in _flat_fields(b.text):
            if _BODY_LINE.match(name):
                seen[name] += 1
    if not seen:
        return None, ""
    name, _ = seen.most_common(1)[0]
    return name, "表中“单位/部门”栏"


def department_of(doc: Document, forms: list[Form]) -> tuple[str | None, str]:
    """The department the document is by: its title first, else its forms' 单位/部门 fields."""
    name, why = _from_title(doc)
    return (name, why) if name else _from_fields(doc, forms)


def _year(doc: Document, forms: list[Form]) -> int | None:
    for p in title_lines(doc):
        m = _YEAR.search(norm(p.text))
        if m:
            return int(m.group(1))
    years = Counter(f.year for f in forms if f.year)
    if not years:   # no title year: the years the table names carry (2019年政府采购预算表)
        years = Counter(int(m.group(1)) for text, _ in table_names(doc) for m in [_YEAR.search(text)] if m)
    return years.most_common(1)[0][0] if years else None


def classify(doc: Document, forms: list[Form]) -> DocumentInfo:
    """Kind, department, place and year of one read document."""
    verdict: KindVerdict = classify_kind(doc, forms)
    department, why = department_of(doc, forms)
    place = resolve(department)
    if not place.known:   # the title names a school or a bureau without its place: try the fields
        other, other_why = _from_fields(doc, forms)
        alt = resolve(other) if other and other != department else None
        if alt is not None and alt.known:
            place = alt
    return DocumentInfo(verdict.kind, verdict.evidence, verdict.parts, department, why, place, _year(doc, forms))
