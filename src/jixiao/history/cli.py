"""``jixiao diff OLD NEW`` (比对两次提交)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..batch import FAILED
from ..errors import JixiaoError
from ..render.json import dumps
from ..rules.profile import load
from .compare import compare
from .inputs import load_record
from .render import print_comparison


class DiffFormat(str, Enum):
    table = "table"
    json = "json"


def _fail(exc: JixiaoError) -> typer.Exit:
    Console(stderr=True).print(f"[red]{exc.code}[/red] {exc.message}", highlight=False, soft_wrap=True)
    return typer.Exit(3 if exc.code in FAILED else 2)


def diff(
    old: Annotated[Path, typer.Argument(help="the earlier submission: a document, or check -f json output / "
                                        "旧文件：文件本身，或 check -f json 的输出")],
    new: Annotated[Path, typer.Argument(help="the later submission, the same way / 新文件")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="table or json (jixiao-diff/1)")] = DiffFormat.table,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="rule profile id or TOML file for documents "
                                                "(default: detected) / 评分规则")] = None,
) -> None:
    """比对两次提交：已修正、新增、仍未修正的问题，指标值下调、指标删除与逐年数字。
    Compare two submissions of one unit (a resubmission, or last year and this year): findings
    fixed, new and still open by fingerprint; targets loosened, indicators removed, totals,
    grades, execution rates and amounts year on year. Exit 1 when there are new errors."""
    from ..cli import output   # the command line's console (never wraps on a pipe)
    try:
        if profile:
            load(profile)
        records = [load_record(old, profile), load_record(new, profile)]
    except JixiaoError as exc:
        raise _fail(exc) from None
    result = compare(records[0], records[1], str(old), str(new))
    if fmt is DiffFormat.json:
        sys.stdout.write(dumps(result.to_json()) + "\n")
        for note in result.notes:   # in the JSON, and said to the person running the script
            Console(stderr=True).print(f"[yellow]注意[/yellow]：{note}", highlight=False, soft_wrap=True)
    else:
        print_comparison(output(), result)
    raise typer.Exit(1 if result.new_errors else 0)
