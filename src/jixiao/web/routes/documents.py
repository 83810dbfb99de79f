"""The document (文件页): forms, findings, scores, claims, history; its source text and PDF pages."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from ...store import reviews
from ...store.models import Document
from ...store.workbench import BatchDocument, DocumentStatus
from ..app import render, signed_in
from ..batches import uploads_of
from ..document import by_form, page, rendition
from ..ledger import STATUS_ZH
from ..security import WebError, document_for, drafts, not_found

router = APIRouter()
PAGE_SECONDS = 60


def doc_status(session, document_id: int) -> DocumentStatus | None:
    return session.scalar(select(DocumentStatus).where(DocumentStatus.document_id == document_id)
                          .order_by(DocumentStatus.id.desc()).limit(1))


@router.get("/documents/{sha}")
def document_page(request: Request, sha: str):
    with signed_in(request) as (session, v):
        doc, run = document_for(session, v, sha)
        p = page(session, v, doc, run)
        statuses = list(session.scalars(select(DocumentStatus).where(DocumentStatus.document_id == doc.id)
                                        .order_by(DocumentStatus.id)))
        status = statuses[-1] if statuses else None   # the latest: the history holds it
        uploads = [u for u in uploads_of(session, doc.id) if not v.is_department or u.user_id == v.id]
        draft = session.scalar(drafts().where(BatchDocument.document_id == doc.id).limit(1)) is not None
    return render(request, "document.html", v, p=p, groups=by_form(p.findings, p.record),
                  status=STATUS_ZH.get(status.status if status else "pending"), statuses=statuses,
                  status_zh=STATUS_ZH, review_zh=reviews.ZH, uploads=uploads,
                  other_unit=[u for u in uploads if u.other_unit(run.unit)], draft=draft)


def content_of(request: Request, sha: str) -> tuple[Document, bytes]:
    with signed_in(request) as (session, v):
        doc, _ = document_for(session, v, sha)
        data = session.scalar(select(Document.content).where(Document.id == doc.id))
    return doc, data


@router.get("/documents/{sha}/source")
def source(request: Request, sha: str):
    """The text rendition kept at the last check (never the file read again in the server)."""
    with signed_in(request) as (session, v):
        doc, run = document_for(session, v, sha)
        lines = rendition(session, doc)
    note = None
    if lines is None and run.error_code:
        note = f"文件未能读取（{run.error_code}），没有原文文本 / the file could not be read ({run.error_code}): no text"
    elif lines is None:
        note = ("原文文本未保存（早前版本入库），请运行 jixiao db ingest --recheck / the text was not kept by the "
                "version that stored it; run jixiao db ingest --recheck")
    return render(request, "source.html", v, doc=doc, lines=lines or [], note=note)


@router.get("/documents/{sha}/pages/{number}.png")
def pdf_page(request: Request, sha: str, number: int):
    doc, data = content_of(request, sha)
    if doc.format != "pdf" or not data.startswith(b"%PDF") or not 1 <= number <= 2000:
        raise not_found()
    with tempfile.TemporaryDirectory(prefix="jixiao-page-") as tmp:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(data)
        out = Path(tmp) / "page.png"
        try:   # a process of its own: a hostile PDF costs a timeout, never the server
            done = subprocess.run([sys.executable, "-m", "jixiao.web.pagepng", str(pdf), str(number), str(out)],
                                  capture_output=True, timeout=PAGE_SECONDS)
        except subprocess.TimeoutExpired:
            raise WebError(504, "渲染页面超时", "rendering the page timed out") from None
        if done.returncode != 0 or not out.exists():
            raise not_found()
        return Response(out.read_bytes(), media_type="image/png")
