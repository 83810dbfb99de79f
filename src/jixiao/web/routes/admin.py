"""Administration (管理): accounts and the audit log."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from sqlalchemy import select

from ...errors import JixiaoError
from ...store.workbench import ROLES, AuditEntry, User
from ..app import audit, back, render, signed_in, viewer, workbench
from ..security import ROLE_ZH, WebError, check_csrf, require
from ..users import add_user, all_users

router = APIRouter()
AUDIT_PAGE = 200


@router.get("/admin/users")
def users_page(request: Request):
    with signed_in(request) as (session, v):
        require(v, "admin")
        users = all_users(session)
    return render(request, "users.html", v, users=users, roles=ROLES, role_zh=ROLE_ZH)


@router.post("/admin/users")
def users_change(request: Request, action: str = Form("add"), username: str = Form(""), role: str = Form(""),
                 unit: str = Form(""), password: str = Form(""), csrf_token: str | None = Form(None)):
    wb = workbench(request)
    with wb.store.writing() as session, session.begin():
        v = viewer(request, session)
        check_csrf(v, csrf_token)
        require(v, "admin")
        if action == "add":
            try:
                add_user(session, username, role, password, unit or None)
            except JixiaoError as exc:
                raise WebError(400, exc.zh, exc.en) from None
            audit(session, v.name, "user_add", None, f"{username.strip()}（{ROLE_ZH.get(role, role)}"
                                                      f"{'，' + unit.strip() if unit.strip() else ''}）")
        elif action in ("disable", "enable"):
            user = session.scalar(select(User).where(User.name == username.strip()))
            if user is None:
                raise WebError(404, f"没有用户“{username}”", f"no user {username!r}")
            if user.id == v.id:
                raise WebError(400, "不能停用自己的账户", "you cannot disable your own account")
            user.active = action == "enable"
            audit(session, v.name, f"user_{action}", None, user.name)
        else:
            raise WebError(400, f"未知操作“{action}”", f"unknown action {action!r}")
    return back("/admin/users")


@router.get("/audit")
def audit_page(request: Request, document: str | None = None, action: str | None = None):
    with signed_in(request) as (session, v):
        require(v, "admin")
        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(AUDIT_PAGE)
        if document:
            q = q.where(AuditEntry.document == document)
        if action:
            q = q.where(AuditEntry.action == action)
        entries = list(session.scalars(q))
    return render(request, "audit.html", v, entries=entries)
