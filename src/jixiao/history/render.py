"""Comparison for people (比对结果的终端显示): Chinese first, with rich.

The counts first (已修正 / 新增 / 仍未修正), then each list with code, severity, place and message,
then every matched form's indicators and figures year on year. JSON is ``Comparison.to_json``
written with ``render.json.dumps``.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checks import Finding
from ..checks import SEVERITY_ZH
from ..render.findings import STYLE
from ..render.terminal import KIND_NAMES
from .model import Comparison, Figure, FormChange, FormInfo, History, Lowered, Side

FIGURE_NAMES = {
    "total_reported": "总分（填报） / total as reported",
    "total_recomputed": "总分（复核） / total recomputed",
    "rate": "执行率（填报） / execution rate as printed",
    "rate_computed": "执行率（执行数÷全年预算数） / executed ÷ adjusted",
    "initial": "年初预算数 / initial budget",
    "adjusted": "全年预算数 / adjusted budget",
    "executed": "全年执行数 / executed",
}
GRADE_NAMES = {"reported": "等级（填报） / grade as reported", "recomputed": "等级（复核） / grade recomputed"}


def _n(x: Decimal | None, unit: str | None = None) -> str:
    if x is None:
        return "空白"
    return f"{x:f}{unit or ''}"


def _side_line(name: str, s: Side) -> str:
    what = [s.kind_name or s.kind or "类型未能确定", s.department or "、".join(s.units) or "单位未能确定",
            f"{s.year}年度" if s.year else "年度未能确定"]
    return f"  {name}：{s.label}（{'；'.join(what)}）"


def _earlier(c: Comparison) -> str:
    """“上年” when the two are of different years, else “上次” (a resubmission)."""
    return "上年" if c.old.year and c.new.year and c.old.year != c.new.year else "上次"


def _finding_row(grid: Table, f: Finding, before: Finding | None = None) -> None:
    place = f.place if before is None or before.place == f.place else f"{f.place}（原{before.place}）"
    form = f"表{f.form + 1} " if f.form is not None else ""
    grid.add_row(Text(f"{f.code} {SEVERITY_ZH.get(f.severity, f.severity)}", style=STYLE.get(f.severity, "")),
                 Text(f"{form}{place}", style="dim"), Text(f.message))


def _findings(console: Console, title: str, rows: list[tuple[Finding, Finding | None]], style: str) -> None:
    if not rows:
        return
    console.print(Text(title, style=style))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for f, before in rows:
        _finding_row(grid, f, before)
    console.print(grid)


def _form_title(info: FormInfo) -> str:
    return f"表{info.index + 1} {KIND_NAMES.get(info.kind, info.kind)}“{info.name}”（{info.place}）"


def _delta(f: Figure) -> str:
    d = f.delta
    if d is None:
        return ""
    if d == 0:
        return "（不变）"
    unit = "个百分点" if f.new_unit == "%" else (f.new_unit or "")   # a rate moves by points, not by percent
    return f"（{'增加' if d > 0 else '减少'}{abs(d):f}{unit}）"


def lowered_text(x: Lowered, earlier: str) -> str:
    """One loosened target in a sentence: “居民医保参保人数”指标值≥17万人，低于上年实际完成值17.67万人。"""
    word = "低于" if x.direction == "floor" else "高于"
    parts = []
    if x.below_actual:
        parts.append(f"{word}{earlier}实际完成值{x.old_actual_text or _n(x.old_actual, x.unit)}")
    if x.below_target:
        parts.append(f"{word}{earlier}指标值{x.old_text or _n(x.old_target, x.unit)}")
    return f"“{x.name}”指标值{x.new_text}，{'，'.join(parts)}（{x.place}）。"


def _form_change(console: Console, fc: FormChange, earlier: str) -> None:
    how = "按名称 / by name" if fc.matched_by == "name" else "按位置 / by position"
    head = _form_title(fc.new) if fc.old.name == fc.new.name else f"{_form_title(fc.old)} ↔ {_form_title(fc.new)}"
    console.print(Text(f"  {head}  [{how}]", style="bold"))
    cut = [x for x in fc.lowered if x.below_target]
    under = [x for x in fc.lowered if not x.below_target]
    if cut:
        console.print(Text(f"    指标值下调 {len(cut)} 项 / targets lowered", style="bold red"))
        for x in cut:
            console.print(Text(f"      {lowered_text(x, earlier)}"))
    if under:
        console.print(Text(f"    指标值低于{earlier}实际完成值 {len(under)} 项 / targets under the other year's actual",
                           style="yellow"))
        for x in under:
            console.print(Text(f"      {lowered_text(x, earlier)}"))
    if fc.removed:
        console.print(Text(f"    指标删除 {len(fc.removed)} 项 / indicators removed", style="bold yellow"))
        for i in fc.removed:
            console.print(Text(f"      “{i.name}”（{earlier}指标值{i.target or '空白'}，完成值{i.actual or '空白'}，"
                               f"{earlier}{i.place}）"))
    if fc.added:
        console.print(Text(f"    新增指标 {len(fc.added)} 项 / indicators added", style="cyan"))
        for i in fc.added:
            console.print(Text(f"      “{i.name}”（指标值{i.target or '空白'}，{i.place}）"))
    if fc.figures or fc.grades:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for f in fc.figures:   # what did not change is dim: the eye goes to what did
            style = "dim" if f.delta == 0 else ""
            grid.add_row(Text(f"    {FIGURE_NAMES.get(f.name, f.name)}", style=style),
                         Text(f"{_n(f.old, f.old_unit)} → {_n(f.new, f.new_unit)}{_delta(f)}", style=style))
        for g in fc.grades:
            style = "dim" if g.old == g.new else ""
            grid.add_row(Text(f"    {GRADE_NAMES.get(g.name, g.name)}", style=style),
                         Text(f"{g.old or '空白'} → {g.new or '空白'}", style=style))
        console.print(grid)


def counts_line(c: Comparison) -> Text:
    n = c.counts()
    return Text(f"已修正 {n['fixed']}，新增 {n['new']}（其中错误 {n['new_errors']}），仍未修正 {n['still_open']} / "
                f"fixed {n['fixed']}, new {n['new']} ({n['new_errors']} error(s)), still open {n['still_open']}",
                style="bold")


def print_comparison(console: Console, c: Comparison) -> None:
    """The comparison on the terminal: sides and warnings, counts, the three lists, the forms."""
    console.print(Text("比对 / diff", style="bold"))
    console.print(Text(_side_line("旧", c.old), style="dim"))
    console.print(Text(_side_line("新", c.new), style="dim"))
    for note in c.notes:
        console.print(Text(f"  注意：{note}", style="bold yellow"))
    console.print(counts_line(c))
    _findings(console, "已修正 / fixed", [(f, None) for f in c.fixed], "bold green")
    _findings(console, "新增 / new", [(f, None) for f in c.added], "bold red")
    _findings(console, "仍未修正 / still open", [(s.new, s.old) for s in c.still], "bold yellow")
    if c.forms or c.forms_removed or c.forms_added:
        earlier = _earlier(c)
        console.print(Text(f"逐表对比（{earlier}→本次） / forms, old → new", style="bold"))
        for fc in c.forms:
            _form_change(console, fc, earlier)
        for info in c.forms_removed:
            console.print(Text(f"  旧文件独有 / only in old：{_form_title(info)}", style="yellow"))
        for info in c.forms_added:
            console.print(Text(f"  新文件独有 / only in new：{_form_title(info)}", style="cyan"))


def print_history(console: Console, h: History) -> None:
    """A unit's submissions in order and each step compared (``db history UNIT``)."""
    console.print(Text(f"历次提交 {len(h.sides)} 份 / {len(h.sides)} submissions", style="bold"))
    for k, s in enumerate(h.sides, 1):
        console.print(Text(f"  {k}. {s.label}（{f'{s.year}年度' if s.year else '年度未能确定'}）", style="dim"))
    for c in h.steps:
        console.print(Text(f"── {c.old.label} → {c.new.label} ──", style="bold"))   # a rule would fill a pipe's width
        print_comparison(console, c)
