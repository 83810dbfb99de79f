"""``jixiao new LAYOUT`` (生成填报工作簿)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import JixiaoError


def make(layout_id: str, rows: int | None = None, data: dict | None = None, source: str | None = None) -> bytes:
    """The entry workbook of ``layout_id`` as XLSX bytes, filled from ``data`` when given (JX002
    listing every problem of the data, each with its key)."""
    from ..rules.profile import load as load_profile
    from .fill import values, write
    from .layout import load
    from .plan import SHEET, plan
    from .workbook import build, to_bytes
    layout = load(layout_id)
    year = data.get("year") if data else None
    if isinstance(year, str) and year.strip().isdigit():   # YAML keeps the text as typed
        year = int(year.strip())
    typed = (data or {}).get("indicators")
    n = rows or max(layout.rows, len(typed) if isinstance(typed, list) else 0)
    p = plan(layout, load_profile(layout.profile), n, year if isinstance(year, int) else None)
    wb = build(p)
    if data is not None:
        vals, problems = values(data, p)
        if year is not None and not isinstance(year, int):
            problems.insert(0, _year_problem(year))
        if problems:
            lines = "\n".join(f"  {x}" for x in problems)
            raise JixiaoError("JX002", f"数据有{len(problems)}处问题：\n{lines}\n",
                              f"{len(problems)} problems in the data (listed above)", source, "--from")
        write(wb[SHEET], p, vals)
    return to_bytes(wb)


def _year_problem(year):
    from .fill import Problem
    return Problem("year", f"年度应为整数，如 2024（得到“{year}”）", f"year must be an integer such as 2024, not {year!r}")


def _list() -> None:
    from .layout import available, load
    for ident in available():
        lay = load(ident)
        typer.echo(f"{ident}\t{lay.name}\t规则 profile={lay.profile}\t来源 source: {lay.source}")


def new(
    layout: Annotated[str | None, typer.Argument(help="layout id, see --list / 表样，见 --list")] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="the XLSX to write / 写出的文件")] = None,
    data: Annotated[Path | None, typer.Option("--from", help="fill the input cells from YAML/JSON / 按数据填写")] = None,
    rows: Annotated[int | None, typer.Option("--rows", min=1, max=200, help="indicator rows / 指标行数")] = None,
    list_: Annotated[bool, typer.Option("--list", help="list the layouts and their sources / 列出表样及来源")] = False,
) -> None:
    """Write an entry workbook in an official layout, with live formulas (生成填报工作簿)."""
    if list_:
        _list()
        return
    if layout is None:
        typer.echo("请给出表样，或用 --list 查看 / give a LAYOUT, or see --list", err=True)
        raise typer.Exit(2)
    target = out or Path(f"{layout}.xlsx")
    try:
        from .fill import read_data
        filled = read_data(data) if data is not None else None
        blob = make(layout, rows, filled, str(data) if data else None)
    except JixiaoError as exc:
        typer.echo(f"{exc.code} {exc.message}", err=True)
        raise typer.Exit(2) from None
    try:
        target.write_bytes(blob)
    except OSError as exc:
        typer.echo(f"JX002 {target}: 无法写入（{exc.strerror}） / cannot write ({exc.strerror})", err=True)
        raise typer.Exit(2) from None
    sys.stdout.write(f"已写出 {target}（表样 {layout}{'，已按 ' + str(data) + ' 填写' if data else ''}） / "
                     f"wrote {target} (layout {layout}{', filled from ' + str(data) if data else ''})\n")
