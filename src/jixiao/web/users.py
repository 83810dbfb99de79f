"""Accounts (账户): adding, listing and changing workbench users."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import JixiaoError
from ..store.workbench import ROLES, User
from .security import hash_password

MIN_PASSWORD = 8


def add_user(session: Session, name: str, role: str, password: str, unit: str | None = None) -> User:
    """A new user (JX004 for a taken name, an unknown role, a department without its unit, a short password)."""
    name = name.strip()
    if not name or len(name) > 64:
        raise JixiaoError("JX004", "用户名不能为空，且不超过64个字符", "the user name must be 1 to 64 characters")
    if role not in ROLES:
        raise JixiaoError("JX004", f"角色“{role}”无效，可用：admin、reviewer、department",
                          f"no role {role!r}; use admin, reviewer or department")
    if role == "department" and not (unit or "").strip():
        raise JixiaoError("JX004", "部门账户须用 --unit 指明所属单位", "a department account needs its --unit")
    if len(password) < MIN_PASSWORD:
        raise JixiaoError("JX004", f"密码至少{MIN_PASSWORD}个字符", f"the password needs at least {MIN_PASSWORD} characters")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise JixiaoError("JX004", f"用户“{name}”已存在", f"user {name!r} already exists")
    user = User(name=name, role=role, unit=(unit or "").strip() or None, password_hash=hash_password(password),
                active=True)
    session.add(user)
    session.flush()
    return user


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))
