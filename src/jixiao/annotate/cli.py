"""``jixiao annotate FILE`` (在原文件上批注)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..checks import REGISTRY, selected
from ..errors import JixiaoError


class MinSeverity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


def _fail(err: Console, message: str) -> None:
    err.print(f"[red]jixiao annotate[/red] {message}", highlight=False)
    raise typer.Exit(2)


def _codes(err: Console, value: str | None) -> list[str]:
    """Codes or prefixes named on the command line; one that names no check stops the run."""
    codes = [c.strip().upper() for c in (value or "").replace(" ", ",").split(",") if c.strip()]
    for c in codes:
        if not any(code.startswith(c) for code in REGISTRY):
            _fail(err, f"没有检查项 {c}（用 jixiao rule 查看全部检查项） / no check {c} (jixiao rule lists them all)")
    return codes


def annotate(
    file: Annotated[Path, typer.Argument(help="the department's file: .xlsx, .docx, .pdf or .txt / 待批注的文件")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="where to write the copy (default: 名字.批注.xlsx "
                                             "next to it) / 批注副本的保存位置")] = None,
    min_severity: Annotated[MinSeverity, typer.Option("--min-severity", help="mark from this severity up / "
                                                      "只标注此级别及以上")] = MinSeverity.info,
    select: Annotated[str | None, typer.Option(help="codes or prefixes to run, e.g. JX1,JX301")] = None,
    ignore: Annotated[str | None, typer.Option(help="codes or prefixes to skip, e.g. JX4")] = None,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="rule profile id or TOML file (default: "
                                                "detected) / 评分规则")] = None,
) -> None:
    """Write a copy of the file with every finding marked at its place (在原文件上批注)."""
    from ..rules.profile import load
    from .write import annotate_file
    err = Console(stderr=True)
    checks = selected(_codes(err, select), _codes(err, ignore))
    try:
        if profile:
            load(profile)
        done = annotate_file(file, out, min_severity.value, checks, profile).outcome
    except JixiaoError as exc:
        _fail(err, exc.message)
    typer.echo(f"已写出 {done.out}：{len(done.marked)} 条问题标在原处（{done.places} 处），{done.apart} 条另列 / "
               f"wrote {done.out}: {len(done.marked)} findings marked in place ({done.places} places), "
               f"{done.apart} listed apart")
    if done.missed:
        shown = "、".join(dict.fromkeys(done.missed[:8])) + ("等" if len(done.missed) > 8 else "")
        err.print(f"未能在文件中找到 {len(done.missed)} 处位置：{shown} / {len(done.missed)} places not found in the file",
                  highlight=False)
