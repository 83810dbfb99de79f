"""Uploads (上传): files and .zip archives kept as a batch and checked in the background."""

from __future__ import annotations

import logging
import secrets
import shutil
from pathlib import Path

from fastapi import APIRouter, Form, Request
from sqlalchemy.exc import SQLAlchemyError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...store.workbench import Batch
from .. import batches
from ..app import audit, back, render, signed_in, viewer, workbench
from ..receive import OVERHEAD, mib, receive, too_big_request
from ..security import WebError, check_csrf, not_found

router = APIRouter()
log = logging.getLogger("jixiao.web")


@router.get("/upload")
def upload_page(request: Request):
    with signed_in(request) as (_, v):
        return render(request, "upload.html", v, limits=workbench(request).limits, mib=mib)


@router.post("/upload")
async def upload(request: Request):
    """Keep the files as a new batch (limits counted while they stream in) and start its check."""
    wb = workbench(request)
    lim = wb.limits

    def who():
        with signed_in(request) as (_, v):
            return v
    v = await run_in_threadpool(who)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > lim.request_bytes + OVERHEAD:
        raise too_big_request(lim.request_bytes)
    staging = wb.data_dir / "uploads" / f"incoming-{secrets.token_hex(8)}"
    got = await receive(request, staging, lim, lambda fields: check_csrf(v, fields.get("csrf_token")))
    try:
        check_csrf(v, got.fields.get("csrf_token"))
        if not got.files:
            raise WebError(400, "请选择要上传的文件", "choose the files to upload")
    except WebError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    names = [name for name, _, _ in got.files]
    submitted = not v.is_department or got.fields.get("submit") == "1"   # a department's: a self-check

    def keep() -> tuple[int, Path]:
        with wb.store.writing() as session, session.begin():
            batch = Batch(user_id=v.id, folder="", files=len(names), state="running", failed="[]",
                          submitted=submitted)
            session.add(batch)
            session.flush()
            folder = wb.data_dir / "uploads" / str(batch.id)
            batch.folder = str(folder)
            audit(session, v.name, "upload", None, f"批次{batch.id}{'' if submitted else '（自查）'}：{len(names)}个文件："
                  + "、".join(names[:50]))
            if folder.exists():   # left by a batch whose row is gone (a rolled-back commit, a restored store)
                folder.rename(folder.with_name(f"{batch.id}.stale-{secrets.token_hex(4)}"))
            staging.rename(folder)
            return batch.id, folder
    try:
        batch_id, folder = await run_in_threadpool(keep)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise WebError(500, f"服务器无法保存上传的文件：{exc.strerror or exc}",
                       f"the server could not keep the uploaded files: {exc}") from None
    except SQLAlchemyError:
        log.warning("an upload could not be recorded", exc_info=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise WebError(503, "存储库暂时无法写入（可能正忙），请稍后重新上传",
                       "the store could not record the upload (it may be busy); upload again shortly") from None
    batches.start(wb, batch_id, folder)
    return back(f"/batches/{batch_id}")


def _batch(request: Request, batch_id: int):
    wb = workbench(request)
    with signed_in(request) as (session, v):
        batch = session.get(Batch, batch_id)
        if batch is None or not batches.may_see(v, batch):
            raise not_found()
        docs = batches.documents_of(session, v, batch) if batch.state != "running" else []
    return v, batches.state_of(wb, batch), docs


@router.get("/batches/{batch_id}.json")
def batch_json(request: Request, batch_id: int):
    _, st, _ = _batch(request, batch_id)
    return JSONResponse({"done": st.done, "total": st.total, "state": st.state, "failed": st.failed,
                         "message": st.message})


@router.get("/batches/{batch_id}")
def batch_page(request: Request, batch_id: int):
    v, st, docs = _batch(request, batch_id)
    return render(request, "batch.html", v, batch=st, docs=docs)


@router.post("/batches/{batch_id}/submit")
def submit(request: Request, batch_id: int, csrf_token: str | None = Form(None)):
    """A department submits its self-check for review (提交审核): its documents reach the reviewers."""
    wb = workbench(request)
    with wb.store.writing() as session, session.begin():
        v = viewer(request, session)
        check_csrf(v, csrf_token)
        batch = session.get(Batch, batch_id)
        if batch is None or batch.user_id != v.id:
            raise not_found()
        if batch.state == "running":
            raise WebError(409, "复核完成后才能提交审核", "the batch can be submitted once it has been checked")
        if not batch.submitted:
            batch.submitted = True
            audit(session, v.name, "submit", None, f"批次{batch.id}提交审核")
    return back(f"/batches/{batch_id}")
