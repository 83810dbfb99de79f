"""Ingest (入库): files, folders and archives checked and kept, each content once.

Every input is hashed first, here in the parent process. Bytes already stored with a run made
under the same jixiao version, profile and checks are *already stored* and not checked again;
a new name for known bytes is kept as a name. The rest are checked by ``batch.check_all`` in
budgeted worker processes (a hostile file cannot kill or hang the ingest) and each result is
written as it comes, in short transactions, keeping nothing: memory stays flat however many
files there are. ``recheck`` checks every stored document again from its stored bytes, adding a
run; reviews attach to fingerprints, so they all still hold.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .. import __version__, journal, limits
from ..batch import FAILED, Source, check_all, sources
from ..checks import fingerprint, selected
from ..contract import SCHEMA, FileRecord
from ..errors import JixiaoError, ReadError
from ..render.findings import record_of
from ..render.json import dumps
from ..workers import Budget
from .engine import Store, make_engine
from .models import Document, FindingRow, FormRow, Name, Run, utcnow
from .project import project

BATCH = 50                 # results written per transaction
BATCH_SECONDS = 2.0        # ... or as many as came in this long
PLAN_BYTES = 64 * limits.MiB   # new documents' bytes per transaction while hashing
PLAN_FILES = 200               # ... and inputs


@dataclass(frozen=True)
class Options:
    """How documents are checked: what decides whether a stored run can stand (版本、规则、检查项)."""

    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @cached_property
    def codes(self) -> list[str]:
        return [c.code for c in selected(self.select, self.ignore)]

    @cached_property
    def key(self) -> str:
        """jixiao's version, the profile and the checks chosen, digested (as ``check --resume``)."""
        return journal.options(self.profile, tuple(self.codes))

    @cached_property
    def json(self) -> str:
        return json.dumps({"profile": self.profile, "select": list(self.select), "ignore": list(self.ignore)},
                          ensure_ascii=False)


@dataclass(frozen=True)
class Failed:
    """An input that could not be read or checked, and why (JX001…; the message without the name)."""

    name: str
    code: str
    message: str


@dataclass
class Summary:
    """What an ingest did (入库结果): new documents, already stored, checked again, failed."""

    new: int = 0
    stored: int = 0
    rechecked: int = 0
    names: int = 0           # new names of bytes already known
    failed: list[Failed] = field(default_factory=list)

    @property
    def status(self) -> int:
        """As ``jixiao check``: 3 when jixiao itself failed on an input, 2 when one was unreadable."""
        codes = {f.code for f in self.failed}
        return 3 if codes & FAILED else 2 if codes else 0


class Ticker:
    """Progress (进度): ``start(phase, total)`` then ``advance()`` per input; phases ``hash``, ``check``."""

    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self) -> None:
        pass


@dataclass
class StoredSource(Source):
    """A stored document to check again: its bytes are read from the store in the worker."""

    url: str = ""
    document_id: int = 0

    def load(self) -> bytes:
        return stored_content(self.url, self.document_id)


_ENGINES: dict[tuple[int, str], Engine] = {}


def stored_content(url: str, document_id: int) -> bytes:
    """A document's bytes, read through an engine of this process's own (a worker is a fork)."""
    key = (os.getpid(), url)
    if key not in _ENGINES:
        _ENGINES[key] = make_engine(url)
    with Session(_ENGINES[key]) as session:
        return session.scalar(select(Document.content).where(Document.id == document_id))


def content(source: Source) -> bytes:
    """The bytes of a source (a file on disk, bounded as the readers bound it, or an archive's
    member), or ReadError."""
    data = source.load()
    if data is not None:
        return data
    name = source.name
    try:
        st = os.stat(name)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("JX002", "不是普通文件，未读取", "not a regular file; not read", name)
        with open(name, "rb") as f:
            data = f.read(limits.FILE_BYTES + 1)
    except FileNotFoundError:
        raise ReadError("JX001", "文件不存在", "file not found", name) from None
    except OSError as exc:
        raise ReadError("JX001", f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})", name) from None
    if len(data) > limits.FILE_BYTES:
        raise ReadError("JX001", f"文件过大（上限{limits.FILE_BYTES // limits.MiB} MB），未读取",
                        f"file too large (limit {limits.FILE_BYTES // limits.MiB} MB); not read", name)
    return data


def _insert(session: Session, model):
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL alike)."""
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(model)


def keep_document(session: Session, sha: str, name: str, data: bytes) -> tuple[int, bool]:
    """The document's id, stored now if it was not (and whether it was new)."""
    new = session.scalar(_insert(session, Document).values(sha256=sha, name=name, size=len(data), content=data,
                                                          stored=utcnow())
                         .on_conflict_do_nothing(index_elements=["sha256"]).returning(Document.id))
    if new is not None:
        return new, True
    return session.scalar(select(Document.id).where(Document.sha256 == sha)), False


def keep_name(session: Session, document_id: int, source: Source) -> bool:
    """Record the name a document came under; whether the name is new for it."""
    path = source.chain[0] if source.chain else source.name
    member = source.name[len(path) + 1:] if source.chain else None
    now = utcnow()
    added = session.scalar(_insert(session, Name).values(document_id=document_id, name=source.name, path=path,
                                                         member=member, first_seen=now, last_seen=now)
                           .on_conflict_do_nothing(index_elements=["document_id", "name"]).returning(Name.id))
    if added is None:
        session.execute(update(Name).where(Name.document_id == document_id, Name.name == source.name)
                        .values(last_seen=now))
    return added is not None


def standing_run(session: Session, document_id: int, key: str) -> Run | None:
    """The latest run of the document under these options that stands (jixiao's own failures,
    JX005–JX007, do not: such a document is checked again)."""
    q = (select(Run).where(Run.document_id == document_id, Run.options_key == key,
                           Run.error_code.is_(None) | Run.error_code.not_in(FAILED))
         .order_by(Run.id.desc()).limit(1))
    return session.scalar(q)


def complete(record: FileRecord, sha: str, size: int) -> FileRecord:
    """The record as stored: its content's hash and size (known even when it could not be read),
    and a fingerprint on every finding."""
    def fp(f):
        if f.fingerprint:
            return f
        form = record.forms[f.form] if f.form is not None and f.form < len(record.forms) else None
        return replace(f, fingerprint=fingerprint(f.code, form, f.subject, f.expected, f.found))
    return replace(record, sha256=record.sha256 or sha, size=record.size or size, findings=[fp(f) for f in record.findings])


_RUNS, _FORMS, _FINDINGS = Run.__table__, FormRow.__table__, FindingRow.__table__
_ADD_RUN = _RUNS.insert().returning(_RUNS.c.id)   # Core statements, compiled once: the ingest's inner loop


def write_run(session: Session, document_id: int, record: FileRecord, options: Options, new: bool = True,
              lines: list[str] | None = None) -> int:
    """Store one run: the contract as the truth, and its projected run, forms and findings
    (``new``: the document's first run, which also tells its format; ``lines``: the text
    rendition the run read, kept as the document's)."""
    rows = project(record)
    run_id = session.execute(_ADD_RUN, {
        "document_id": document_id, "name": record.file, "jixiao": __version__, "schema": SCHEMA,
        "profile_option": options.profile, "options": options.json, "options_key": options.key,
        "created": utcnow(), "contract": dumps(record.to_json(), indent=None), **rows.run}).scalar_one()
    if rows.forms:
        session.execute(_FORMS.insert(), [{"run_id": run_id, **r} for r in rows.forms])
    if rows.findings:
        session.execute(_FINDINGS.insert(), [{"run_id": run_id, **r} for r in rows.findings])
    if new and record.format:
        session.execute(update(Document).where(Document.id == document_id, Document.format.is_(None))
                        .values(format=record.format))
    if lines is not None:
        text = "\n".join(lines).replace("\x00", " ")   # PostgreSQL's text refuses NUL
        session.execute(update(Document).where(Document.id == document_id).values(rendition=text))
    return run_id


@dataclass
class _Target:
    """A document to check: where its result goes."""

    document_id: int
    sha256: str
    size: int
    new: bool


class _Writer:
    """Results written as they come, a few at a time in one short transaction."""

    def __init__(self, store: Store, options: Options):
        self.store, self.options = store, options
        self.pending: list[tuple[_Target, FileRecord, list[str] | None]] = []
        self.since = time.monotonic()

    def add(self, target: _Target, record: FileRecord, lines: list[str] | None = None) -> None:
        self.pending.append((target, record, lines))
        if len(self.pending) >= BATCH or time.monotonic() - self.since > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            with self.store.writing() as session, session.begin():
                for target, record, lines in self.pending:
                    write_run(session, target.document_id, record, self.options, target.new, lines)
        self.pending, self.since = [], time.monotonic()


def _fail(summary: Summary, name: str, error: JixiaoError | dict) -> None:
    if isinstance(error, dict):
        summary.failed.append(Failed(name, error["code"], f"{error.get('zh')} / {error.get('en')}"))
    else:
        where = f"{error.place}：" if error.place else ""
        summary.failed.append(Failed(error.file or name, error.code, f"{where}{error.zh} / {error.en}"))


def _plan(store: Store, items: list[Source], options: Options, recheck: bool, summary: Summary,
          ticker: Ticker) -> tuple[list[Source], list[_Target]]:
    """Hash every input, keep its bytes and name, and choose what to check."""
    todo: list[Source] = []
    targets: list[_Target] = []
    chosen: set[int] = set()
    ticker.start("hash", len(items))
    session = store.writing()
    session.begin()
    held = 0
    try:
        for n, source in enumerate(items, 1):
            ticker.advance()
            if held > PLAN_BYTES or n % PLAN_FILES == 0:   # short transactions: another writer waits briefly
                session.commit()
                session.begin()
                held = 0
            if source.error is not None:
                _fail(summary, source.name, source.error)
                continue
            try:
                data = content(source)
            except JixiaoError as exc:
                _fail(summary, source.name, exc)
                continue
            sha = hashlib.sha256(data).hexdigest()
            doc_id, new = keep_document(session, sha, source.name, data)
            held += len(data) if new else 0
            size = len(data)
            del data
            if keep_name(session, doc_id, source) and not new:
                summary.names += 1
            if doc_id in chosen:     # the same bytes twice in this batch: checked once
                summary.stored += 1
                continue
            standing = None if (new or recheck) else standing_run(session, doc_id, options.key)
            if standing is not None:
                if standing.error_code:
                    summary.failed.append(Failed(source.name, standing.error_code, standing.error_message or ""))
                else:
                    summary.stored += 1
                continue
            chosen.add(doc_id)
            todo.append(source)
            targets.append(_Target(doc_id, sha, size, new))
        if recheck:
            for doc_id, sha, size, name in session.execute(select(Document.id, Document.sha256, Document.size,
                                                                  Document.name).order_by(Document.id)):
                if doc_id not in chosen:
                    todo.append(StoredSource(name, url=store.url, document_id=doc_id))
                    targets.append(_Target(doc_id, sha, size, False))
        session.commit()
    finally:
        session.close()
    return todo, targets


def ingest(store: Store, paths: list[Path], options: Options = Options(), recheck: bool = False, jobs: int = 1,
           budget: Budget = Budget(), ticker: Ticker = Ticker()) -> Summary:
    """Store the files, folders and archives named (and with ``recheck`` check every stored
    document again); what happened to each, counted."""
    summary = Summary()
    todo, targets = _plan(store, sources(paths) if paths else [], options, recheck, summary, ticker)
    writer = _Writer(store, options)

    def came(i: int, checked) -> None:
        target, name = targets[i], todo[i].name
        record = record_of(checked)
        if record.sha256 is not None and record.sha256 != target.sha256:
            summary.failed.append(Failed(name, "JX001", "文件在入库过程中被改动，未存入，请重新入库 / "
                                         "the file changed while it was being stored; not stored, ingest it again"))
            return
        lines = checked.doc.lines if checked.doc is not None and checked.doc.lines else None
        writer.add(target, complete(record, target.sha256, target.size), lines)
        if record.error:
            _fail(summary, name, record.error)
        elif target.new:
            summary.new += 1
        else:
            summary.rechecked += 1

    ticker.start("check", len(todo))
    try:
        check_all(todo, options.profile, options.codes, jobs, lambda name: ticker.advance(), came, budget, keep=False)
    finally:
        writer.flush()
    return summary
