"""Terminal view (终端视图): forms as tables a person reads, with the source line of each row."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from ..blocks import Document, Paragraph, Table
from ..forms.model import Form

KIND_NAMES = {
    "project_self_eval": "项目支出绩效自评表",
    "dept_self_eval": "部门整体支出绩效自评表",
    "dept_targets": "部门整体支出绩效目标表",
    "project_targets": "项目支出绩效目标表",
    "basic_data": "部门整体支出绩效评价基础数据表",
    "final_accounts": "部门决算表",
    "budget_table": "部门预算表",
}


def _n(x: Decimal | None) -> str:
    return "" if x is None else format(x, "f")


def _heading(form: Form) -> Text:
    name = KIND_NAMES.get(form.kind, form.kind)
    t = Text(f"{name}", style="bold")
    if form.project:
        t.append(f"  {form.project}", style="bold cyan")
    if form.year:
        t.append(f"  {form.year}年度")
    t.append(f"  (第{form.ref.line}行)", style="dim")
    return t


def form_view(form: Form) -> Panel:
    """One form as a panel: who, the funding rows, the indicators, the totals."""
    parts: list = []
    who = [f"{k}：{v}" for k, v in (("主管部门/部门", form.department), ("实施单位", form.unit),
                                   ("项目代码", form.project_code)) if v]
    if who:
        parts.append(Text("  ".join(who)))
    if form.budget and form.budget.rows:
        t = RichTable(title=f"资金（{form.budget.unit or '单位未注明'}）", title_justify="left", expand=False)
        for col in ("行", "资金", "年初预算", "全年预算", "全年执行", "执行率%", "分值", "得分"):
            t.add_column(col, justify="right" if col not in ("资金",) else "left")
        for r in form.budget.rows:
            t.add_row(str(r.ref.line), ("▶ " if r.is_total else "  ") + r.label, _n(r.initial), _n(r.adjusted),
                      _n(r.executed), _n(r.rate), _n(r.weight), _n(r.score))
        parts.append(t)
    if form.indicators:
        t = RichTable(title="绩效指标", title_justify="left")
        for col in ("行", "一级", "二级", "三级指标", "指标值", "完成值", "分值", "得分"):
            t.add_column(col, justify="right" if col in ("行", "分值", "得分") else "left", overflow="fold")
        for i in form.indicators:
            t.add_row(str(i.ref.line), i.level1 or "", i.level2 or "", i.name or "",
                      i.target.text if i.target else "", i.actual.text if i.actual else "",
                      _n(i.weight), _n(i.score))
        parts.append(t)
    if form.kind == "basic_data":
        parts.append(_basic_view(form))
    if form.kind == "final_accounts":
        parts.append(_accounts_view(form))
    totals = []
    if form.total_weight is not None or form.total_score is not None:
        totals.append(f"合计：分值 {_n(form.total_weight) or '—'}，得分 {_n(form.total_score) or '—'}")
    if form.grade:
        totals.append(f"等级：{form.grade}")
    if form.people:
        totals.append("  ".join(f"{k}：{v or '（空）'}" for k, v in form.people.items()))
    if totals:
        parts.append(Text("\n".join(totals)))
    return Panel(Group(*parts), title=_heading(form), title_align="left", expand=False)   # on a pipe: as wide as its content


def _accounts_view(form: Form) -> RichTable:
    """A final-accounts table as printed: the last header row, then every row with its line."""
    data = form.data
    rows = data.get("rows", [])
    width = max([len(r["cells"]) for r in rows] + [len(h) for h in data.get("header", [])] + [1])
    head = data.get("columns") or []
    t = RichTable(title=f"{data.get('table') or ''} {data.get('name') or ''}（{data.get('unit') or '单位未注明'}）",
                  title_justify="left")
    t.add_column("行", justify="right")
    for k in range(width):
        t.add_column(head[k] if k < len(head) else "", overflow="fold")
    for r in rows:
        t.add_row(str(r["line"]), *(r["cells"] + [""] * (width - len(r["cells"]))))
    return t


def _basic_view(form: Form) -> RichTable:
    t = RichTable(title="经费控制情况", title_justify="left")
    expenses = form.data.get("expenses", [])
    heads = list(expenses[0]["values"]) if expenses else []
    t.add_column("行", justify="right")
    t.add_column("项目")
    for h in heads:
        t.add_column(h, justify="right")
    for e in expenses:
        t.add_row(str(e["line"]), e["label"], *[_n(e["values"].get(h)) for h in heads])
    staff = form.data.get("staff") or {}
    if staff:
        t.caption = (f"编制数 {_n(staff.get('authorized'))}，实际在职 {_n(staff.get('actual'))}，"
                     f"控制率 {_n(staff.get('control_rate'))}%")
    return t


def print_document(console: Console, doc: Document, forms: list[Form]) -> None:
    console.print(Text(doc.path, style="bold underline"))
    if not forms:
        console.print("  未识别到绩效自评表 / no self-evaluation form recognised")
    for f in forms:
        console.print(form_view(f))


def print_blocks(console: Console, doc: Document) -> None:
    """What the reader saw: paragraphs and tables with their lines (for diagnosis)."""
    console.print(Text(f"{doc.path}  ({doc.encoding})", style="bold underline"))
    for note in doc.notes:
        console.print(Text(f"  note: {note}", style="dim"))
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            console.print(Text(f"{b.ref.line:>5}  ¶ {b.text[:100]}"))
        elif isinstance(b, Table):
            console.print(Text(f"{b.ref.line:>5}  ▦ table, {len(b.rows)} rows", style="bold"))
            for row in b.rows:
                cells = " │ ".join(c.text.replace("\n", "⏎") for c in row)
                console.print(Text(f"{row[0].ref.line:>5}    {cells[:160]}"))
