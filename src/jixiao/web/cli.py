"""``jixiao serve`` and ``jixiao user …`` (审核工作台的命令)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import JixiaoError

user_app = typer.Typer(no_args_is_help=True, help="workbench accounts / 工作台账户")


def _fail(exc: JixiaoError) -> typer.Exit:
    typer.echo(f"{exc.file + ': ' if exc.file else ''}{exc.zh} / {exc.en}", err=True)
    return typer.Exit(4)


def serve(db: str | None = typer.Option(None, "--db", help="the store: a path or URL / 存储库"),
          host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port"),
          data: Path | None = typer.Option(None, "--data", help="folder for uploads / 上传文件目录")) -> None:
    """Start the review workbench (启动审核工作台)."""
    import uvicorn

    from .app import create_app
    try:
        app = create_app(db, data)
    except JixiaoError as exc:
        raise _fail(exc) from None
    except OSError as exc:   # --data names a file, or a folder that cannot be made
        raise _fail(JixiaoError("JX004", f"无法使用上传目录（{exc.strerror}）", f"cannot use the upload folder "
                                f"({exc.strerror})", str(data or ""))) from None
    typer.echo(f"审核工作台：http://{host}:{port}/ / the workbench is at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@user_app.command("add")
def add(name: str = typer.Argument(..., help="user name / 用户名"),
        role: str = typer.Option(..., "--role", help="admin | reviewer | department"),
        unit: str | None = typer.Option(None, "--unit", help="a department's unit / 所属单位"),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin"),
        db: str | None = typer.Option(None, "--db")) -> None:
    """Add a workbench user (新增用户)."""
    from ..store.engine import open_store
    from .users import add_user
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("密码 / password", hide_input=True, confirmation_prompt=True)
    try:
        with open_store(db) as store, store.writing() as session, session.begin():
            add_user(session, name, role, password, unit)
    except JixiaoError as exc:
        raise _fail(exc) from None
    typer.echo(f"已新增用户 {name}（{role}） / user {name} added ({role})")


@user_app.command("ls")
def ls(db: str | None = typer.Option(None, "--db")) -> None:
    """List the workbench users (列出用户)."""
    from ..store.engine import open_store
    from .users import all_users
    try:
        with open_store(db) as store, store.reading() as session:
            for u in all_users(session):
                typer.echo(f"{u.name}\t{u.role}\t{u.unit or ''}\t{'active' if u.active else 'disabled'}")
    except JixiaoError as exc:
        raise _fail(exc) from None
