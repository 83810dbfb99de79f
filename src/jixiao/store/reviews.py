"""Reviews (复核意见): a reviewer's verdict on a finding, kept as history; the latest wins.

A verdict is tied to the document and the finding's fingerprint, so a later run of the same
document (a rule change, ``ingest --recheck``) finds it again. A finding is *open* (待处理) when
it has no review, or its latest is ``open`` or ``confirmed`` (已确认); ``dismissed`` (已排除) and
``fixed`` (已修正) close it. ``ZH`` is the one set of names every output uses (the command line,
the workbench, the exports); the verbs and older names are accepted as input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import JixiaoError
from .models import STATUSES, Review, utcnow

ZH = {"open": "待处理", "confirmed": "已确认", "dismissed": "已排除", "fixed": "已修正"}
ALIASES = {**{z: e for e, z in ZH.items()},
           "待核": "open", "未决": "open", "确认": "confirmed", "排除": "dismissed", "已改": "fixed",
           "已修改": "fixed", "修正": "fixed"}
CLOSED = ("dismissed", "fixed")


def status_of(word: str) -> str:
    """A status from its English or Chinese name (JX004 for another word)."""
    s = word.strip()
    s = ALIASES.get(s, s.lower())
    if s not in STATUSES:
        names = "、".join(f"{e}（{z}）" for e, z in ZH.items())
        raise JixiaoError("JX004", f"复核状态“{word}”无效，可用：{names}",
                          f"no review status {word!r}; use open, confirmed, dismissed or fixed")
    return s


def is_open(status: str | None) -> bool:
    """Whether a finding with this latest review status (None: none) is still open."""
    return status not in CLOSED


@dataclass(frozen=True)
class Verdict:
    """The latest review of one finding."""

    fingerprint: str
    status: str
    reviewer: str
    note: str
    created: datetime


def add(session: Session, document_id: int, fingerprint: str, status: str, reviewer: str, note: str = "") -> Review:
    """Record a review (a new history row; nothing is overwritten)."""
    row = Review(document_id=document_id, fingerprint=fingerprint, status=status_of(status), reviewer=reviewer,
                 note=note, created=utcnow())
    session.add(row)
    session.flush()
    return row


def latest(session: Session, document_id: int) -> dict[str, Verdict]:
    """The latest review of each reviewed finding of a document, by fingerprint."""
    last = (select(func.max(Review.id)).where(Review.document_id == document_id)
            .group_by(Review.fingerprint).scalar_subquery())
    rows = session.scalars(select(Review).where(Review.id.in_(last)))
    return {r.fingerprint: Verdict(r.fingerprint, r.status, r.reviewer, r.note, r.created) for r in rows}


def trails(session: Session, document_id: int) -> dict[str, list[Verdict]]:
    """Every review of each reviewed finding of a document, oldest first, by fingerprint."""
    out: dict[str, list[Verdict]] = {}
    for r in session.scalars(select(Review).where(Review.document_id == document_id).order_by(Review.id)):
        out.setdefault(r.fingerprint, []).append(Verdict(r.fingerprint, r.status, r.reviewer, r.note, r.created))
    return out


def latest_across(session: Session, document_ids: list[int]) -> dict[str, Verdict]:
    """The latest review of each fingerprint over several documents (another submission of the
    same form: the reviewer's word on it there), by fingerprint."""
    if not document_ids:
        return {}
    rows = session.scalars(select(Review).where(Review.document_id.in_(document_ids)).order_by(Review.id))
    return {r.fingerprint: Verdict(r.fingerprint, r.status, r.reviewer, r.note, r.created) for r in rows}


def history(session: Session, document_id: int, fingerprint: str) -> list[Review]:
    """Every review of one finding, oldest first."""
    return list(session.scalars(select(Review).where(Review.document_id == document_id,
                                                     Review.fingerprint == fingerprint).order_by(Review.id)))
