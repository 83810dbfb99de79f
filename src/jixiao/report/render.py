"""Terminal view of an assessment (考核结果): one row per item, objective scores beside the
items left to the reviewer, and the total as “objective X of Y; Z points await the reviewer”."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..precision import pts
from .assess import OBJECTIVE, Assessment, Scored
from .reports import KIND_NAMES


def _basis(s: Scored) -> Text:
    out = Text()
    if s.note:
        out.append(f"{s.note}\n", style="yellow")
    own = s.item.ref.line if s.item.ref else None
    for n, f in enumerate(s.basis):
        if n:
            out.append("\n")
        if f.line is not None and f.line != own:
            out.append(f"第{f.line}行：", style="dim")
        out.append(f.text)
    return out


def print_assessment(console: Console, a: Assessment) -> None:
    head = Text(a.file, style="bold")
    t = a.table
    where = f"文件第{t.ref.line}行" if t.ref else f"内置，{t.source}"
    head.append(f"\n  评分表：{t.title}（{where}）", style="dim")
    if t.origin == "builtin":
        head.append("\n  文件中未见考核评分表，使用内置评分表 / no scoring table in the file: the built-in one is used",
                    style="dim")
    head.append(f"\n  规则：{a.profile_name}（{a.profile_reason}）", style="dim")
    if a.report is not None:
        head.append(f"\n  报告：《{a.report.title}》（{KIND_NAMES[a.report.kind]}，第{a.report.ref.line}行）", style="dim")
    else:
        head.append("\n  报告：文件中未识别出自评报告", style="dim")
    console.print(head)
    table = RichTable(show_lines=True, expand=False, pad_edge=False)
    for col in ("行", "考核项", "分值", "得分", "依据（行号 内容） / 评分标准"):
        table.add_column(col, overflow="fold")
    for s in a.items:
        i = s.item
        score = Text(pts(s.score), style="bold green") if s.kind == OBJECTIVE else Text("待评审", style="bold yellow")
        name = f"{i.level1}·{i.name}" if i.level1 else i.name
        table.add_row(str(i.ref.line) if i.ref else "", name, pts(i.points), score, _basis(s))
    console.print(table)
    console.print(Text(f"客观项得分 {pts(a.objective_score)} / {pts(a.objective_points)} 分；"
                       f"另有 {pts(a.awaiting)} 分待评审人评定（共 {pts(a.total_points)} 分）", style="bold"))
    console.print(Text(a.summary, style="dim"))
