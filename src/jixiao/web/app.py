"""The workbench application (审核工作台): ``create_app(db, data_dir) -> FastAPI``.

Server-rendered Chinese pages (Jinja2, every value escaped) on the store. Each router does one
job (``routes/``); this module wires them, keeps the shared state (``Workbench``), renders
pages and turns errors into pages that say what went wrong in Chinese and English.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..checks import SEVERITY_ZH
from ..errors import JixiaoError
from ..store.engine import Store, open_store
from ..store.workbench import AuditEntry, Batch
from .security import LoginNeeded, Viewer, WebError, viewer_of

HERE = Path(__file__).resolve().parent
MiB = 2**20


@dataclass(frozen=True)
class UploadLimits:
    """Upload limits (上传限制): bytes per file, bytes per request, files per request."""

    file_bytes: int = 100 * MiB
    request_bytes: int = 400 * MiB
    files: int = 500


@dataclass
class Workbench:
    """What every request shares: the store, the data folder, the limits and the templates."""

    store: Store
    data_dir: Path
    limits: UploadLimits
    env: Environment
    jobs: int = 2
    progress: dict[int, tuple[int, int]] = field(default_factory=dict)   # live batch progress: done, total


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda x: "" if x is None else format(x, "f")
    env.globals["SEVERITY_ZH"] = SEVERITY_ZH
    return env


def workbench(request: Request) -> Workbench:
    return request.app.state.workbench


def viewer(request: Request, session: Session) -> Viewer:
    """The signed-in user, or the browser goes to the login page."""
    v = viewer_of(session, request)
    if v is None:
        raise LoginNeeded()
    return v


@contextmanager
def signed_in(request: Request) -> Iterator[tuple[Session, Viewer]]:
    """A reading session and the signed-in user (or the browser goes to the login page): the
    opening of every route that only reads."""
    with workbench(request).store.reading() as session:
        yield session, viewer(request, session)


def render(request: Request, name: str, viewer: Viewer | None, http_status: int = 200, **ctx) -> HTMLResponse:
    """A page from its template, with the user and the request for the layout."""
    page = workbench(request).env.get_template(name).render(request=request, viewer=viewer, **ctx)
    return HTMLResponse(page, status_code=http_status)


def audit(session: Session, user: str, action: str, document: str | None = None, detail: str = "") -> None:
    """A row of the audit log (操作日志)."""
    session.add(AuditEntry(username=user, action=action, document=document, detail=detail[:2000]))


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _error_page(request: Request, status: int, zh: str, en: str) -> HTMLResponse:
    return render(request, "error.html", None, http_status=status, zh=zh, en=en, code=status)


def _orphaned_batches(store: Store) -> None:
    """Batches a stopped server left running are failed, with the reason (their pages would poll
    forever); the documents they had stored by then are recorded as theirs."""
    from .batches import record_documents
    with store.writing() as session, session.begin():
        for batch_id, folder in session.execute(select(Batch.id, Batch.folder).where(Batch.state == "running")).all():
            if folder:
                record_documents(session, batch_id, Path(folder))
        session.execute(update(Batch).where(Batch.state == "running").values(
            state="failed", message="服务器在复核完成前停止，请重新上传 / the server stopped before the batch was done; "
                                    "upload it again"))


def create_app(db: str | None = None, data_dir: Path | None = None, *, limits: UploadLimits | None = None,
               jobs: int = 2) -> FastAPI:
    """The workbench on the store ``db`` (see ``store.engine.resolve``); uploads are kept under
    ``data_dir`` (default: a temporary folder)."""
    store = open_store(db)
    folder = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="jixiao-web-"))
    folder.mkdir(parents=True, exist_ok=True)
    _orphaned_batches(store)
    app = FastAPI(title="jixiao 审核工作台", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.workbench = Workbench(store, folder, limits or UploadLimits(), templates(), jobs)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(LoginNeeded)
    async def _login(request: Request, exc: LoginNeeded) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(WebError)
    async def _web(request: Request, exc: WebError) -> Response:
        return _error_page(request, exc.status, exc.zh, exc.en)

    @app.exception_handler(JixiaoError)
    async def _jixiao(request: Request, exc: JixiaoError) -> Response:
        return _error_page(request, 400, exc.zh, exc.en)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = "、".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return _error_page(request, 400, f"请求参数无效：{fields}", f"invalid request parameters: {fields}")

    @app.middleware("http")
    async def _headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    from .routes import admin, auth, documents, ledger, outputs, review, upload
    for module in (auth, ledger, upload, documents, review, outputs, admin):
        app.include_router(module.router)
    return app
