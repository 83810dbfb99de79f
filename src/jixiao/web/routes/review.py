"""Reviewing (审核): a finding's verdict, the document's status and the 附件5 assessment."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ...errors import JixiaoError
from ...store import reviews
from ...store.models import FindingRow, Run
from ...store.workbench import AssessmentScore, DocumentStatus
from ..app import audit, back, render, signed_in, viewer, workbench
from ..assessment import parse_scores, sheet
from ..ledger import STATUS_ZH, status_key
from ..security import WebError, check_csrf, document_for, not_found, require

router = APIRouter()


@router.post("/documents/{sha}/findings/{fp}/review")
def review(request: Request, sha: str, fp: str, status: str = Form(""), note: str = Form(""),
           csrf_token: str | None = Form(None)):
    wb = workbench(request)
    with wb.store.writing() as session, session.begin():
        v = viewer(request, session)
        check_csrf(v, csrf_token)
        doc, _ = document_for(session, v, sha)
        require(v, "admin", "reviewer")
        known = session.scalar(select(FindingRow.id).join(Run, Run.id == FindingRow.run_id)
                               .where(Run.document_id == doc.id, FindingRow.fingerprint == fp).limit(1))
        if known is None:
            raise not_found()
        try:
            verdict = reviews.status_of(status)
        except JixiaoError as exc:
            raise WebError(400, exc.zh, exc.en) from None
        note = note.strip()[:4000]
        if verdict == "dismissed" and not note:
            raise WebError(400, "排除问题须填写理由（备注）", "dismissing a finding needs a note saying why")
        reviews.add(session, doc.id, fp, verdict, v.name, note)
        audit(session, v.name, "review", doc.sha256, f"{fp} → {reviews.ZH[verdict]}" + (f"：{note}" if note else ""))
    return back(f"/documents/{sha}#f-{fp}")


@router.post("/documents/{sha}/status")
def set_status(request: Request, sha: str, status: str = Form(""), note: str = Form(""),
               csrf_token: str | None = Form(None)):
    wb = workbench(request)
    with wb.store.writing() as session, session.begin():
        v = viewer(request, session)
        check_csrf(v, csrf_token)
        doc, _ = document_for(session, v, sha)
        key = status_key(status)
        if key is None:
            raise WebError(400, f"审核状态“{status}”无效，可用：待审核、已审核、退回、已整改",
                           f"no document status {status!r}; use 待审核, 已审核, 退回 or 已整改")
        if v.is_department and key != "rectified":
            raise WebError(403, "部门账户只能将文件标为“已整改”", "a department account may only mark 已整改")
        session.add(DocumentStatus(document_id=doc.id, status=key, reviewer=v.name, note=note.strip()[:4000]))
        audit(session, v.name, "status", doc.sha256, STATUS_ZH[key] + (f"：{note.strip()}" if note.strip() else ""))
    return back(f"/documents/{sha}")


@router.get("/documents/{sha}/assessment")
def assessment_page(request: Request, sha: str):
    with signed_in(request) as (session, v):
        doc, _ = document_for(session, v, sha)
        s = sheet(session, doc)
    return render(request, "assessment.html", v, doc=doc, sheet=s)


@router.post("/documents/{sha}/assessment")
async def assessment_save(request: Request, sha: str):
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    def save():
        wb = workbench(request)
        with wb.store.reading() as session:   # the sheet re-checks the document: not inside a write
            v = viewer(request, session)
            check_csrf(v, form.get("csrf_token"))
            doc, _ = document_for(session, v, sha)
            require(v, "admin", "reviewer")
            scores = parse_scores(sheet(session, doc), form)
        with wb.store.writing() as session, session.begin():
            for item, score in scores.items():
                session.add(AssessmentScore(document_id=doc.id, item=item, score=score, reviewer=v.name))
            shown = "，".join(f"第{k}项={'' if x is None else format(x, 'f')}" for k, x in scores.items())
            audit(session, v.name, "assessment", doc.sha256, shown)
    await run_in_threadpool(save)
    return back(f"/documents/{sha}/assessment")
