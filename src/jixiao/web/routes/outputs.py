"""Outputs (输出): the 审核意见 DOCX, the 台账 XLSX of the current filter, and the charts."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from ...exports import ledger_rows, write_ledger_xlsx
from ...store.models import Document, Run
from ...store.query import current_ids, review_status
from ..app import audit, render, signed_in, viewer, workbench
from ..assessment import entered, sheet
from ..charts import charts
from ..document import page, record_of_run
from ..ledger import STATUS_ZH, rows
from ..opinion import opinion_docx
from ..security import document_for
from .documents import doc_status
from .ledger import filters_of

router = APIRouter()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={
        "Content-Disposition": f"attachment; filename=\"jixiao.{name.rsplit('.', 1)[-1]}\"; "
                               f"filename*=UTF-8''{quote(name)}"})


def _logged(wb, v, action: str, sha: str | None, detail: str) -> None:
    """The audit row of an export, written after the work: a write transaction holds no re-check."""
    with wb.store.writing() as session, session.begin():
        audit(session, v.name, action, sha, detail)


@router.get("/documents/{sha}/opinion.docx")
def opinion(request: Request, sha: str):
    wb = workbench(request)
    with wb.store.reading() as session:   # the re-check and the document are made while only reading
        v = viewer(request, session)
        doc, run = document_for(session, v, sha)
        p = page(session, v, doc, run)
        s = sheet(session, doc) if entered(session, doc.id) else None
        st = doc_status(session, doc.id)
        data = opinion_docx(p, s, v.name, STATUS_ZH[st.status if st else "pending"])
    _logged(wb, v, "export", doc.sha256, "审核意见 DOCX")
    return attachment(data, DOCX, f"审核意见_{(run.unit or doc.sha256[:12])}.docx")


@router.get("/ledger.xlsx")
def ledger_xlsx(request: Request):
    wb = workbench(request)
    f = filters_of(request)
    with signed_in(request) as (session, v):
        found, _ = rows(session, v, f, page_size=None)
        shas = [r.sha256 for r in found]
        runs = dict(session.execute(select(Document.sha256, Run.id).join(Run, Run.document_id == Document.id)
                                    .where(Run.id.in_(current_ids()), Document.sha256.in_(shas))).all()) if shas else {}
        records = (record_of_run(session, runs[sha]) for sha in shas if sha in runs)
        with tempfile.TemporaryDirectory(prefix="jixiao-xlsx-") as tmp:
            path = Path(tmp) / "ledger.xlsx"
            write_ledger_xlsx(ledger_rows(records, lambda rec: review_status(session, rec.sha256 or "")), path)
            data = path.read_bytes()
    _logged(wb, v, "export", None, f"台账 XLSX：{len(shas)}个文件")
    return attachment(data, XLSX, "台账.xlsx")


@router.get("/charts")
def charts_page(request: Request):
    with signed_in(request) as (session, v):
        made = charts(session, v)
    return render(request, "charts.html", v, charts=made)
