"""Command line (命令行): ``jixiao show``, ``jixiao blocks``.

Every file is read on its own: a file that cannot be read gets a bilingual message naming it,
and the other files go on. Exit status: 0 when every file was read, 2 when any could not be.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import JixiaoError
from .forms import recognize
from .readers import read_path
from .render.json import document_json, dumps
from .render.terminal import print_blocks, print_document

app = typer.Typer(add_completion=False, no_args_is_help=True, help=(
    "jixiao（绩效）: read, recompute and check budget-performance self-evaluations. "
    "读取、复核预算绩效自评表。"))

SUFFIXES = {".txt", ".text"}


class Format(str, Enum):
    table = "table"
    json = "json"


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and the readable files inside folders named (sorted, recursive)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(p)
    return out


def _err(console: Console, exc: JixiaoError) -> None:
    console.print(f"[red]{exc.code}[/red] {exc.message}", highlight=False)


@app.command()
def show(
    paths: Annotated[list[Path], typer.Argument(help="files or folders / 文件或目录")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = Format.table,
) -> None:
    """Show the forms read from each file (显示识别出的表单)."""
    out = Console()
    err = Console(stderr=True)
    failed = False
    objects = []
    for path in expand(paths):
        try:
            doc = read_path(path)
            forms = recognize(doc)
        except JixiaoError as exc:
            failed = True
            _err(err, exc)
            objects.append({"file": str(path), "forms": [],
                            "error": {"code": exc.code, "zh": exc.zh, "en": exc.en}})
            continue
        if fmt is Format.json:
            objects.append(document_json(doc, forms))
        else:
            print_document(out, doc, forms)
    if fmt is Format.json:
        sys.stdout.write(dumps(objects[0] if len(objects) == 1 else objects) + "\n")
    raise typer.Exit(2 if failed else 0)


@app.command()
def blocks(paths: Annotated[list[Path], typer.Argument(help="files / 文件")]) -> None:
    """Show what the reader saw: paragraphs and table rows with lines (读取结果)."""
    out = Console()
    err = Console(stderr=True)
    failed = False
    for path in expand(paths):
        try:
            print_blocks(out, read_path(path))
        except JixiaoError as exc:
            failed = True
            _err(err, exc)
    raise typer.Exit(2 if failed else 0)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
