"""附件5 in the workbench (自评工作考核): objective items scored by ``jixiao assess``, the judgement
items scored by the reviewer and kept as history (the latest wins), and the total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..pipeline import check_path
from ..report.assess import JUDGEMENT, Assessment, Scored, assess
from ..store.models import Document
from ..store.workbench import AssessmentScore
from .security import WebError

ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    """One item of the table as shown: its id, the computed or entered score."""

    id: str
    scored: Scored
    entered: Decimal | None

    @property
    def is_judgement(self) -> bool:
        return self.scored.kind == JUDGEMENT

    @property
    def score(self) -> Decimal | None:
        return self.entered if self.is_judgement else self.scored.score


@dataclass(frozen=True)
class Sheet:
    """The assessment of one document (考核表) with the reviewer's scores."""

    assessment: Assessment
    lines: list[Line]

    @property
    def total(self) -> Decimal:
        return sum((ln.score for ln in self.lines if ln.score is not None), ZERO)

    @property
    def points(self) -> Decimal:
        return self.assessment.total_points

    @property
    def complete(self) -> bool:
        return all(ln.score is not None for ln in self.lines)


def entered(session: Session, document_id: int) -> dict[str, Decimal | None]:
    """The latest score the reviewer gave each judgement item."""
    last = (select(func.max(AssessmentScore.id)).where(AssessmentScore.document_id == document_id)
            .group_by(AssessmentScore.item).scalar_subquery())
    return {r.item: r.score for r in session.scalars(select(AssessmentScore).where(AssessmentScore.id.in_(last)))}


def sheet(session: Session, doc: Document) -> Sheet:
    """The document checked again from its stored bytes, assessed, with the reviewer's scores."""
    data = session.scalar(select(Document.content).where(Document.id == doc.id))
    result = check_path(doc.name, data=data)
    a = assess(result)
    given = entered(session, doc.id)
    return Sheet(a, [Line(str(n), s, given.get(str(n))) for n, s in enumerate(a.items, 1)])


def parse_scores(s: Sheet, form: dict[str, str]) -> dict[str, Decimal | None]:
    """The judgement scores of the form (``item_<id>``), each within its points (400 otherwise)."""
    out: dict[str, Decimal | None] = {}
    for ln in s.lines:
        if not ln.is_judgement or f"item_{ln.id}" not in form:
            continue
        text = form[f"item_{ln.id}"].strip()
        if not text:
            out[ln.id] = None
            continue
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        points = ln.scored.item.points
        if value is None or not value.is_finite() or not ZERO <= value <= points:
            raise WebError(400, f"第{ln.id}项“{ln.scored.item.name}”的得分“{text}”无效，应在0到{points}之间",
                           f"item {ln.id}: score {text!r} must be a number from 0 to {points}")
        out[ln.id] = value
    return out
