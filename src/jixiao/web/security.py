"""Security (安全): passwords, sessions, CSRF, roles and what each user may see.

Passwords are argon2 hashes. A session is a random token in an HttpOnly, SameSite=Lax cookie;
the store keeps only its SHA-256 (``web_sessions``), with the session's CSRF token, which every
POST must carry as ``csrf_token`` (403 without it). A department user sees only documents whose
unit is the user's unit, or that the user uploaded itself: any other document is 404, as if it
did not exist.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..store.models import Document, Run, utcnow
from ..store.query import current_ids
from ..store.workbench import ROLES, Batch, BatchDocument, User, WebSession

COOKIE = "jixiao_session"
_HASHER = PasswordHasher()
ROLE_ZH = {"admin": "管理员", "reviewer": "审核人", "department": "部门填报人"}


class WebError(Exception):
    """An error shown to the user as a page (错误页): status, Chinese and English."""

    def __init__(self, status: int, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.status, self.zh, self.en = status, zh, en


class LoginNeeded(Exception):
    """No valid session: the browser is sent to the login page."""


def not_found() -> WebError:
    return WebError(404, "未找到该页面或文件", "not found")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Viewer:
    """The signed-in user (当前用户) and the session's CSRF token."""

    id: int
    name: str
    role: str
    unit: str | None
    csrf: str

    @property
    def role_zh(self) -> str:
        return ROLE_ZH.get(self.role, self.role)

    @property
    def is_department(self) -> bool:
        return self.role == "department"

    @property
    def can_review(self) -> bool:
        return self.role in ("admin", "reviewer")


SESSION_LIFE = timedelta(hours=12)   # a stolen or forgotten cookie stops working within a working day


def open_session(session: Session, user: User) -> str:
    """A new session for the user; the cookie's token."""
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=_digest(token), user_id=user.id, csrf=secrets.token_urlsafe(24)))
    return token


def close_session(session: Session, token: str | None) -> None:
    if token:
        row = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(token)))
        if row is not None:
            session.delete(row)


def viewer_of(session: Session, request: Request) -> Viewer | None:
    """The signed-in user of the request (None: no valid session)."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    row = session.execute(select(WebSession.csrf, User).join(User, User.id == WebSession.user_id)
                          .where(WebSession.token_hash == _digest(token), User.active.is_(True),
                                 WebSession.created > utcnow() - SESSION_LIFE)).first()
    if row is None:   # no such session, a disabled account, or signed in too long ago: sign in again
        return None
    csrf, user = row
    return Viewer(user.id, user.name, user.role, user.unit, csrf)


def check_csrf(viewer: Viewer, given: str | None) -> None:
    """403 unless the form carried the session's CSRF token."""
    if not given or not hmac.compare_digest(given.encode(), viewer.csrf.encode()):
        raise WebError(403, "表单已失效或缺少校验码（CSRF），请刷新页面后重试",
                       "the form is missing its CSRF token or has expired; reload the page and try again")


def require(viewer: Viewer, *roles: str) -> None:
    """403 unless the user has one of the roles."""
    assert all(r in ROLES for r in roles)
    if viewer.role not in roles:
        raise WebError(403, "您的角色无权进行此操作", "your role may not do this")


def visible(q, viewer: Viewer):
    """Limit a query over current runs to what the user may see: a department sees its own unit's
    documents and those its own upload brought into the store first (whatever unit they name, or
    none found) — never, by uploading a copy, a document that was there before. Reviewers and
    admins do not see a department's self-check until it is submitted."""
    if not viewer.is_department:   # a department's self-check is its own until it submits it
        return q.where(Run.document_id.not_in(drafts()))
    uploaded = (select(BatchDocument.document_id).join(Batch, Batch.id == BatchDocument.batch_id)
                .where(Batch.user_id == viewer.id, BatchDocument.first.is_(True)))
    return q.where(or_(Run.unit == viewer.unit, Run.document_id.in_(uploaded)))


def drafts():
    """Documents a department's self-check (an upload not yet submitted) brought into the store
    first and that no submitted upload has brought since (自查稿)."""
    def brought(submitted: bool, first: bool | None = None):
        q = (select(BatchDocument.document_id).join(Batch, Batch.id == BatchDocument.batch_id)
             .where(Batch.submitted.is_(submitted)))
        return q.where(BatchDocument.first.is_(first)) if first is not None else q
    return brought(False, True).where(BatchDocument.document_id.not_in(brought(True)))


def document_for(session: Session, viewer: Viewer, sha: str) -> tuple[Document, Run]:
    """The document and its current run, if the user may see it; else 404."""
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise not_found()
    q = (select(Document, Run).join(Run, Run.document_id == Document.id)
         .where(Document.sha256 == sha, Run.id.in_(current_ids())))
    row = session.execute(visible(q, viewer)).first()
    if row is None:
        raise not_found()
    return row[0], row[1]
