"""Upload batches (上传批次): files kept in the data folder and checked in the background.

A batch's files are ingested by the store's ``ingest`` (budgeted worker processes) in a thread
of the application; its progress is counted live in memory and written to the batch's row when
a phase starts and when it ends, with every file that failed and why.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..store.ingest import Ticker, ingest
from ..store.models import Document, Name, Run, utcnow
from ..store.query import current_ids
from ..store.workbench import Batch, BatchDocument, User
from .security import Viewer, visible

log = logging.getLogger("jixiao.web")


class _Progress(Ticker):
    """Counts the files of a batch as ingest hashes and checks them."""

    def __init__(self, progress: dict, batch_id: int):
        self.progress, self.batch_id = progress, batch_id
        self.phase, self.total, self.done = "hash", 0, 0

    def start(self, phase: str, total: int) -> None:
        if phase == "hash":
            self.total, self.done = total, 0
        else:   # what needs no check (already stored, unreadable) is done already
            self.done = max(0, self.total - total)
        self.phase = phase
        self.progress[self.batch_id] = (self.done, self.total)

    def advance(self) -> None:
        if self.phase == "check":
            self.done += 1
            self.progress[self.batch_id] = (self.done, self.total)


def run(wb, batch_id: int, folder: Path) -> None:
    """Ingest the batch's folder and record the outcome (the thread's body)."""
    ticker = _Progress(wb.progress, batch_id)
    state, failed, message = "done", [], None
    try:
        summary = ingest(wb.store, [folder], jobs=wb.jobs, ticker=ticker)
        failed = [{"name": _short(f.name, folder), "code": f.code, "message": f.message} for f in summary.failed]
    except Exception as exc:   # the batch must end, whatever went wrong, and say so
        log.exception("batch %s failed", batch_id)
        state, message = "failed", f"批次处理失败：{exc!r} / the batch failed: {exc!r}"
    with wb.store.writing() as session, session.begin():
        record_documents(session, batch_id, folder)
        session.execute(update(Batch).where(Batch.id == batch_id).values(
            state=state, done=ticker.total if state == "done" else ticker.done, total=ticker.total,
            failed=json.dumps(failed, ensure_ascii=False), message=message, finished=utcnow()))
    wb.progress.pop(batch_id, None)


def record_documents(session: Session, batch_id: int, folder: Path) -> None:
    """Which documents the batch brought (``BatchDocument``), each under its first name there, and
    whether the batch stored it first (it was not in the store when the batch began)."""
    under = str(folder).rstrip("/") + "/"
    began = session.scalar(select(Batch.created).where(Batch.id == batch_id))
    found: dict[int, tuple[str, bool]] = {}
    for doc_id, name, stored in session.execute(
            select(Name.document_id, Name.name, Document.stored).join(Document, Document.id == Name.document_id)
            .where(Name.path.startswith(under, autoescape=True)).order_by(Name.name)):
        found.setdefault(doc_id, (_short(name, folder), began is not None and stored >= began))
    session.add_all(BatchDocument(batch_id=batch_id, document_id=d, name=n, first=first)
                    for d, (n, first) in found.items())


def _short(name: str, folder: Path) -> str:
    """A failed input's name as the user gave it: without the batch's folder."""
    prefix = str(folder) + "/"
    return name[len(prefix):] if name.startswith(prefix) else name


def start(wb, batch_id: int, folder: Path) -> threading.Thread:
    wb.progress[batch_id] = (0, 0)
    thread = threading.Thread(target=run, args=(wb, batch_id, folder), name=f"batch-{batch_id}", daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class State:
    """A batch's progress as the page and its JSON show it."""

    id: int
    done: int
    total: int
    state: str
    failed: list[dict]
    message: str | None
    files: int
    submitted: bool = True
    user_id: int | None = None


def state_of(wb, batch: Batch) -> State:
    live = wb.progress.get(batch.id) if batch.state == "running" else None
    done, total = live if live is not None else (batch.done, batch.total)
    return State(batch.id, done, total, batch.state, json.loads(batch.failed or "[]"), batch.message, batch.files,
                 batch.submitted, batch.user_id)


def may_see(viewer: Viewer, batch: Batch) -> bool:
    """A department sees its own batches; a reviewer the submitted ones; an admin every one."""
    if batch.user_id == viewer.id or viewer.role == "admin":
        return True
    return not viewer.is_department and batch.submitted


@dataclass(frozen=True)
class Brought:
    """A document of the batch as its page lists it; ``other_unit``: the file names another unit
    than the department that uploaded it (or none the reader could find)."""

    sha256: str
    name: str
    unit: str | None
    errors: int
    other_unit: bool


def documents_of(session: Session, viewer: Viewer, batch: Batch) -> list[Brought]:
    """The batch's documents the user may see, in name order."""
    uploader = session.get(User, batch.user_id) if batch.user_id is not None else None
    own = uploader.unit if uploader is not None and uploader.role == "department" else None
    q = (select(Document.sha256, BatchDocument.name, Run.unit, Run.errors)
         .join(Run, Run.document_id == Document.id).join(BatchDocument, BatchDocument.document_id == Document.id)
         .where(Run.id.in_(current_ids()), BatchDocument.batch_id == batch.id).order_by(BatchDocument.name))
    return [Brought(sha, name, unit, errors, own is not None and unit != own)
            for sha, name, unit, errors in session.execute(visible(q, viewer))]


@dataclass(frozen=True)
class Upload:
    """One upload of a document through the workbench (上传记录): batch, who, their unit, when, name."""

    batch_id: int
    user_id: int | None
    user: str | None
    role: str | None
    unit: str | None
    created: datetime
    name: str

    def other_unit(self, unit: str | None) -> bool:
        """A department uploaded a document naming another unit (or none found)."""
        return self.role == "department" and unit != self.unit


def uploads_of(session: Session, document_id: int) -> list[Upload]:
    """Every workbench upload of the document, oldest first."""
    q = (select(Batch.id, Batch.user_id, User.name, User.role, User.unit, Batch.created, BatchDocument.name)
         .join(Batch, Batch.id == BatchDocument.batch_id).outerjoin(User, User.id == Batch.user_id)
         .where(BatchDocument.document_id == document_id).order_by(Batch.id))
    return [Upload(*r) for r in session.execute(q)]
