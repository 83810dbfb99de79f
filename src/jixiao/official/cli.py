"""``jixiao render FILE --to xlsx|docx|pdf`` (按官方表样输出)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import JixiaoError


class Target(str, Enum):
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"


def _fail(message: str, status: int = 2) -> None:
    print(message, file=sys.stderr)
    raise typer.Exit(status)


def render(
    file: Annotated[Path, typer.Argument(help="a file jixiao reads, or a contract JSON (jixiao check -f json) / 文件")],
    to: Annotated[Target, typer.Option("--to", "-t", help="output format / 输出格式")] = Target.xlsx,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="output file (default: FILE.official.EXT) / 输出文件")] = None,
    form: Annotated[int | None, typer.Option("--form", "-n", min=1, help="only the N-th form (1 = first) / 只输出第 N 个表")] = None,
) -> None:
    """Render the official tables of a file's forms as XLSX, DOCX or PDF (按官方表样输出)."""
    from .render import forms_of, render_forms
    if not file.exists():
        _fail(f"{file}: 文件不存在 / no such file")
    try:
        forms = forms_of(file)
    except JixiaoError as exc:
        _fail(exc.message)
    if not forms:
        _fail(f"{file}: 未识别到表单，无可输出 / no forms recognised, nothing to render")
    if form is not None:
        if form > len(forms):
            _fail(f"{file}: 只有 {len(forms)} 个表单，没有第 {form} 个 / only {len(forms)} forms, no form {form}")
        forms = [forms[form - 1]]
    target = out or file.with_name(f"{file.stem}.official.{to.value}")
    try:
        data = render_forms(forms, to.value)
        target.write_bytes(data)
    except JixiaoError as exc:
        _fail(exc.message)
    except OSError as exc:
        _fail(f"{target}: 无法写入（{exc.strerror}）/ cannot write ({exc.strerror})")
    print(f"已输出 {len(forms)} 个表：{target} / {len(forms)} tables rendered: {target}")
