"""``jixiao serve`` and ``jixiao user …`` (审核工作台的命令)."""

from __future__ import annotations

import typer

user_app = typer.Typer(no_args_is_help=True, help="workbench accounts / 工作台账户")


def serve() -> None:
    """Start the review workbench (启动审核工作台)."""
    raise SystemExit(4)
