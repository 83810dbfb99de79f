"""Queries (查询): the current run of each document, its records, and the reviewers' verdicts.

A document's *current* run is its latest. ``records`` gives back the current ``FileRecord`` of
each stored document, read from the run's contract (type-exact: amounts are ``Decimal``), for
the parts built on the store (exports, history, the web workbench).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..contract import FileRecord
from ..errors import JixiaoError
from ..render.json import loads
from . import reviews
from .models import Document, FindingRow, Name, Review, Run

COUNTED = ("error", "warning")   # the severities an open finding is counted in (提示 are notes)
FILTERS = ("open", "confirmed", "dismissed", "fixed", "clean", "failed")


def current_ids() -> Select:
    """The id of each document's current (latest) run."""
    return select(func.max(Run.id)).group_by(Run.document_id)


def _filtered(q: Select, unit: str | None, kind: str | None, year: int | None, like: bool = False) -> Select:
    if unit is not None:
        q = q.where(Run.unit.contains(unit, autoescape=True) if like else Run.unit == unit)
    if kind is not None:
        q = q.where(Run.kind == kind)
    if year is not None:
        q = q.where(Run.year == year)
    return q


def records(session: Session, unit: str | None = None, kind: str | None = None,
            year: int | None = None) -> Iterator[FileRecord]:
    """The current record of each stored document (exact unit, kind and year when given), in the
    order the documents were stored; read one at a time."""
    q = _filtered(select(Run.contract).where(Run.id.in_(current_ids())), unit, kind, year).order_by(Run.document_id)
    for text in session.scalars(q.execution_options(yield_per=200)):
        yield FileRecord.from_json(loads(text))


def review_status(session: Session, sha256: str) -> dict[str, str]:
    """Each finding's status by fingerprint (``open``, ``confirmed``, ``dismissed``, ``fixed``):
    every finding of the document's current run (``open`` when unreviewed), and every other
    fingerprint a reviewer gave a verdict on. Empty for a document not stored."""
    doc = session.scalar(select(Document.id).where(Document.sha256 == sha256.lower()))
    if doc is None:
        return {}
    run = session.scalar(select(func.max(Run.id)).where(Run.document_id == doc))
    found = session.scalars(select(FindingRow.fingerprint).where(FindingRow.run_id == run)) if run else []
    out = {fp: "open" for fp in found}
    out.update({fp: v.status for fp, v in reviews.latest(session, doc).items()})
    return out


def _latest_review(status_in: tuple[str, ...]):
    """A finding row of the current run whose latest review has one of these statuses."""
    later = aliased(Review)
    newest = select(func.max(later.id)).where(later.document_id == Review.document_id,
                                              later.fingerprint == Review.fingerprint).scalar_subquery()
    return (exists().where(Review.document_id == Run.document_id, Review.fingerprint == FindingRow.fingerprint,
                           Review.status.in_(status_in), Review.id == newest)
            .correlate(Run, FindingRow))


def open_count():
    """The number of open errors and warnings of the run in the row (a correlated subquery)."""
    return (select(func.count(FindingRow.id))
            .where(FindingRow.run_id == Run.id, FindingRow.severity.in_(COUNTED), ~_latest_review(reviews.CLOSED))
            .scalar_subquery())


@dataclass(frozen=True)
class Listed:
    """One document's line of ``db ls``: its current run."""

    sha256: str
    name: str
    unit: str | None
    kind: str | None
    year: int | None
    reported_total: Decimal | None
    recomputed_total: Decimal | None
    reported_grade: str | None
    grade: str | None
    errors: int
    warnings: int
    infos: int
    open: int
    checked: bool
    error_code: str | None
    runs: int
    checked_at: datetime


def listing(session: Session, unit: str | None = None, kind: str | None = None, year: int | None = None,
            status: str | None = None) -> Iterator[Listed]:
    """The documents with their current run: ``unit`` is a part of the unit's name, ``status`` one
    of :data:`FILTERS` (a document with an open finding, one with a finding so reviewed, one with
    no open finding, or one that could not be read)."""
    n_open = open_count().label("open")
    n_runs = select(func.count(Run.id)).where(Run.document_id == Document.id).correlate(Document).scalar_subquery()
    q = (select(Document.sha256, Document.name, Run, n_open, n_runs.label("runs"))
         .join(Run, Run.document_id == Document.id).where(Run.id.in_(current_ids())))
    q = _filtered(q, unit, kind, year, like=True)
    if status is not None:
        q = q.where(_status_filter(status))
    for sha, name, run, opened, runs in session.execute(q.order_by(Run.unit.nulls_last(), Run.year.nulls_last(), Document.name)):
        yield Listed(sha, name, run.unit, run.kind, run.year, run.reported_total, run.recomputed_total,
                     run.reported_grade, run.grade, run.errors, run.warnings, run.infos, opened, run.checked,
                     run.error_code, runs, run.created)


def _status_filter(status: str):
    if status == "failed":
        return Run.error_code.is_not(None)
    if status == "clean":
        return and_(Run.error_code.is_(None), open_count() == 0)
    if status == "open":
        return open_count() > 0
    return exists().where(FindingRow.run_id == Run.id, _latest_review((status,)))


def status_filter(word: str) -> str:
    """A ``--status`` word (English or Chinese: 待处理 已确认 已排除 已修正 无问题 无法读取)."""
    s = {"无问题": "clean", "无法读取": "failed", "失败": "failed"}.get(word.strip(), word.strip().lower())
    if s not in FILTERS:
        s = reviews.status_of(word)
    return s


def find(session: Session, key: str) -> Document:
    """A stored document by its SHA-256 (or a prefix of at least 4 hex digits) or by a name it was
    received under (the whole name, or its last part); JX004 when none or several match."""
    hits: list[Document] = []
    if re.fullmatch(r"[0-9a-fA-F]{4,64}", key):
        hits = list(session.scalars(select(Document).where(Document.sha256.startswith(key.lower())).limit(6)))
    if not hits:
        tail = or_(Name.name == key, Name.name.endswith("/" + key, autoescape=True),
                   Name.name.endswith("!" + key, autoescape=True))
        ids = select(Name.document_id).where(tail)
        hits = list(session.scalars(select(Document).where(Document.id.in_(ids)).order_by(Document.id).limit(6)))
    if not hits:
        raise JixiaoError("JX004", f"存储库中没有文件“{key}”（可用 SHA-256 前缀或文件名；jixiao db ls 列出全部）",
                          f"no stored document {key!r} (give a SHA-256 prefix or a name; jixiao db ls lists them)")
    if len(hits) > 1:
        names = "；".join(f"{d.sha256[:12]} {d.name}" for d in hits[:5])
        raise JixiaoError("JX004", f"“{key}”对应多个文件：{names}，请给出更长的 SHA-256 前缀",
                          f"{key!r} matches several documents; give a longer SHA-256 prefix")
    return hits[0]


@dataclass
class Shown:
    """Everything ``db show`` says of one document."""

    document: Document
    names: list[Name]
    runs: list[Run]                  # oldest first; the last is current
    findings: list[FindingRow]       # of the current run
    verdicts: dict[str, reviews.Verdict]


def show(session: Session, key: str) -> Shown:
    """A document with its names, runs, current findings and their latest reviews."""
    doc = find(session, key)
    names = list(session.scalars(select(Name).where(Name.document_id == doc.id).order_by(Name.id)))
    runs = list(session.scalars(select(Run).where(Run.document_id == doc.id).order_by(Run.id)))
    found = list(session.scalars(select(FindingRow).where(FindingRow.run_id == runs[-1].id).order_by(FindingRow.id))) \
        if runs else []
    return Shown(doc, names, runs, found, reviews.latest(session, doc.id))


def fingerprint_of(session: Session, document_id: int, given: str) -> str:
    """The full fingerprint of a finding of the document (any run) from it or a unique prefix."""
    runs = select(Run.id).where(Run.document_id == document_id)
    q = (select(FindingRow.fingerprint).where(FindingRow.run_id.in_(runs), FindingRow.fingerprint.startswith(
        given.strip().lower(), autoescape=True)).distinct().limit(3))
    hits = list(session.scalars(q))
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise JixiaoError("JX004", f"该文件没有指纹为“{given}”的问题（jixiao db show 列出各问题的指纹）",
                          f"the document has no finding with fingerprint {given!r} (jixiao db show lists them)")
    raise JixiaoError("JX004", f"指纹“{given}”对应多个问题，请给出完整指纹",
                      f"fingerprint {given!r} matches several findings; give it in full")
