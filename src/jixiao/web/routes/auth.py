"""Signing in and out (登录、退出)."""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Form, Request
from sqlalchemy import select

from ...store.workbench import User
from ..app import audit, back, render, viewer, workbench
from ..security import COOKIE, WebError, check_csrf, close_session, open_session, verify_password

router = APIRouter()


LOGIN_CSRF = "jixiao_login_csrf"   # before signing in there is no session: the token is a cookie's twin


def _login_page(request: Request, http_status: int = 200, **ctx):
    """The sign-in form with a fresh CSRF token, kept in a cookie for the POST to match."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, http_status=http_status, csrf_token=token, **ctx)
    response.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", path="/login",
                        secure=request.url.scheme == "https")
    return response


@router.get("/login")
def login_page(request: Request):
    return _login_page(request)


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), csrf_token: str | None = Form(None)):
    kept = request.cookies.get(LOGIN_CSRF)
    if not csrf_token or not kept or not hmac.compare_digest(csrf_token.encode(), kept.encode()):
        raise WebError(403, "表单已失效或来源不明（缺少 CSRF 令牌），请重新打开登录页",
                       "the form is stale or not ours (no CSRF token); open the sign-in page again")
    wb = workbench(request)
    with wb.store.writing() as session, session.begin():
        user = session.scalar(select(User).where(User.name == username.strip(), User.active.is_(True)))
        if user is None or not verify_password(user.password_hash, password):
            audit(session, username.strip()[:64] or "?", "login_failed")
            return _login_page(request, 401, username=username, error="用户名或密码错误 / wrong user name or password")
        token = open_session(session, user)
        audit(session, user.name, "login")
    response = back("/")
    response.delete_cookie(LOGIN_CSRF, path="/login")
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=request.url.scheme == "https",
                        path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str | None = Form(None)):
    wb = workbench(request)
    with wb.store.writing() as session, session.begin():
        v = viewer(request, session)
        check_csrf(v, csrf_token)
        close_session(session, request.cookies.get(COOKIE))
        audit(session, v.name, "logout")
    response = back("/login")
    response.delete_cookie(COOKIE, path="/")
    return response
