"""Uploads (上传): files and .zip archives kept as a batch and checked in the background."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ...store.workbench import Batch
from .. import batches
from ..app import audit, back, render, viewer, workbench
from ..security import WebError, check_csrf, not_found

router = APIRouter()
CHUNK = 1 << 20


def _mib(n: int) -> str:
    return f"{n / 2**20:g} MB"


def safe_name(name: str, taken: set[str]) -> str:
    """The file's own name (no folders, no control characters), made unique in the batch."""
    base = re.sub(r"[\x00-\x1f/\\:]", "_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(". ") or "file"
    base = base[:150]
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{n}_{base}"
    taken.add(out)
    return out


@router.get("/upload")
def upload_page(request: Request):
    wb = workbench(request)
    with wb.store.reading() as session:
        v = viewer(request, session)
    return render(request, "upload.html", v, limits=wb.limits, mib=_mib)


def _too_big(zh: str, en: str) -> WebError:
    return WebError(413, zh, en)


@router.post("/upload")
async def upload(request: Request):
    wb = workbench(request)
    lim = wb.limits

    def who():
        with wb.store.reading() as session:
            return viewer(request, session)
    v = await run_in_threadpool(who)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > lim.request_bytes + 64 * 1024:
        raise _too_big(f"上传内容过大：一次最多{_mib(lim.request_bytes)}", f"upload too large: at most "
                       f"{_mib(lim.request_bytes)} per request")
    try:
        form = await request.form(max_files=lim.files, max_fields=20)
    except HTTPException:
        raise WebError(400, f"文件过多：一次最多上传{lim.files}个文件（可打包为 .zip）",
                       f"too many files: at most {lim.files} per upload (a .zip counts as one)") from None
    check_csrf(v, form.get("csrf_token"))
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise WebError(400, "请选择要上传的文件", "choose the files to upload")
    if len(files) > lim.files:
        raise WebError(400, f"文件过多：一次最多上传{lim.files}个文件", f"too many files: at most {lim.files}")
    total = 0
    for f in files:
        size = f.size or 0
        if size > lim.file_bytes:
            raise _too_big(f"文件“{f.filename}”过大：每个文件最多{_mib(lim.file_bytes)}",
                           f"{f.filename!r} is too large: at most {_mib(lim.file_bytes)} per file")
        total += size
    if total > lim.request_bytes:
        raise _too_big(f"上传内容过大：一次最多{_mib(lim.request_bytes)}",
                       f"upload too large: at most {_mib(lim.request_bytes)} per request")
    names = [f.filename for f in files]

    def keep() -> int:
        with wb.store.writing() as session, session.begin():
            batch = Batch(user_id=v.id, folder="", files=len(files), state="running", failed="[]")
            session.add(batch)
            session.flush()
            batch.folder = str(wb.data_dir / "uploads" / str(batch.id))
            audit(session, v.name, "upload", None, f"批次{batch.id}：{len(files)}个文件：" + "、".join(names[:50]))
            return batch.id, Path(batch.folder)
    batch_id, folder = await run_in_threadpool(keep)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for f in files:
        target = folder / safe_name(f.filename, taken)
        with open(target, "wb") as out:
            while chunk := await f.read(CHUNK):
                out.write(chunk)
        await f.close()
    batches.start(wb, batch_id, folder)
    return back(f"/batches/{batch_id}")


def _batch(request: Request, batch_id: int):
    wb = workbench(request)
    with wb.store.reading() as session:
        v = viewer(request, session)
        batch = session.get(Batch, batch_id)
        if batch is None or (v.is_department and batch.user_id != v.id):
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
