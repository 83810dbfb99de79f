"""Reports (自评报告): sections, required parts, attachments, and the work assessment.

- ``numbering``   heading numbers: 第一部分 / 一、 / （一） / 1. / （1） / ①
- ``outline``     the tree of numbered headings (``Heading``) over a run of blocks
- ``reports``     the reports in a document (``Report``), each with its outline
- ``attachments`` the report's attachment list and where each attachment is
- ``sections``    the required parts, as data (``data/report_sections.toml``)
- ``assess``      the 自评工作考核评分表: objective items scored, judgement items left to the reviewer
"""

from __future__ import annotations

from ..blocks import Document, Paragraph
from ..forms.model import Form
from .attachments import Attachment, AttachmentList, locate
from .outline import Heading, build_outline
from .reports import DEPT, KIND_NAMES, PROJECT, Report, find_reports
from .sections import Section, SectionStatus, check_sections, required

__all__ = ["DEPT", "KIND_NAMES", "PROJECT", "Attachment", "AttachmentList", "Heading", "Report", "Section",
           "SectionStatus", "build_outline", "check_sections", "document_names", "outline", "reports", "required"]


def reports(doc: Document, forms: list[Form] | None = None) -> list[Report]:
    """The reports of ``doc``, with each listed attachment looked up among the blocks and ``forms``."""
    found = find_reports(doc)
    for r in found:
        if r.attachments is not None:
            locate(r.attachments, doc, forms or [], r.paragraphs)
    return found


def outline(doc: Document) -> list[Heading]:
    """The heading tree of the whole document (a 决算公开's 第一部分…第五部分, say)."""
    return build_outline(doc.blocks)[0]


def document_names(doc: Document, forms: list[Form]) -> list[str]:
    """Names the document gives (departments, units, its opening), for choosing regional outlines."""
    names = [n for f in forms for n in (f.department, f.unit, f.title) if n]
    opening = "".join(b.text for b in doc.blocks[:40] if isinstance(b, Paragraph))[:2000]
    return names + [opening]
