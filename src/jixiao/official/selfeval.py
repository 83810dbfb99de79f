"""Self-evaluation and target tables laid out (自评表 / 目标表表样).

One grid per form: the info rows (项目名称, 主管部门 | 实施单位), the year's goal and what was
done, the funding block (预算执行情况: 年初预算数 … 执行率, 分值, 得分) with its label merged
down, the indicator block (一级/二级/三级指标 with merged level cells), 合计, 评价等级, the
text boxes (评价结论, 存在问题, 改进措施) and the signature lines below (填表人, 填报日期 …).
"""

from __future__ import annotations

from decimal import Decimal

from ..forms.model import DEPT, PROJECT_TARGETS, TARGETS, Budget, Form, Indicator
from ..forms.vocab import year_in
from ..values import norm
from .layout import KIND_TITLES, Cell, Grid, Sheet, figure, sheet_name

# funding columns (资金列): role → header as the national template prints it
BUDGET_HEADS = (("declared", "目标申报数"), ("initial", "年初预算数"), ("adjusted", "全年预算数"),
                ("executed", "全年执行数"), ("balance", "资金结余"), ("rate", "执行率"), ("weight", "分值"),
                ("score", "得分"), ("reason", "偏差原因"))
TEXT_LABELS = (("process", "项目实施和预算执行情况"), ("conclusion", "评价结论"), ("problems", "存在问题"),
               ("measures", "改进措施"))


def title_of(form: Form) -> tuple[str, list[str]]:
    """The title line, and the year line under it when the title does not name the year."""
    title = form.title or ""
    if not title or title.endswith("报告"):   # a form read from a report's prose: its table's name
        title = (form.project or "") + KIND_TITLES.get(form.kind, "")
    above = [] if form.year is None or year_in(title) == form.year else [f"（{form.year}年度）"]
    return title, above


def _budget_roles(budget: Budget) -> list[str]:
    used = {f for r in budget.rows for f, _ in BUDGET_HEADS if getattr(r, f) is not None}
    return [f for f, _ in BUDGET_HEADS if f in used or f in budget.columns]


def _declaration_only(form: Form, roles: list[str]) -> bool:
    """A target table's funding lines: declared amounts only (年度资金总额： | 1,960.35)."""
    return form.kind in (TARGETS, PROJECT_TARGETS) and set(roles) <= {"declared"}


def _indicator_roles(form: Form) -> list[str]:
    inds = form.indicators
    roles = ["target"]
    if any(i.target_initial is not None for i in inds):
        roles.insert(0, "target_initial")
    if any(i.actual is not None for i in inds) or form.kind not in (TARGETS, PROJECT_TARGETS):
        roles.append("actual")
    if any(i.weight is not None or i.score is not None for i in inds) or form.total_score is not None \
            or form.kind not in (TARGETS, PROJECT_TARGETS):
        roles += ["weight", "score"]
    roles.append("note")
    if any(i.qual_note for i in inds):
        roles.append("qual_note")
    return roles


IND_HEADS = {"target_initial": "年初指标值", "target": "年度指标值", "actual": "实际完成值", "weight": "分值",
             "score": "得分", "note": "偏差原因分析", "qual_note": "定性值情况说明"}


def _points(label: str, w: Decimal | None) -> str:
    return f"{label}（{format(w, 'f')}分）" if w is not None else label


def _indicator_cells(ind: Indicator, roles: list[str]) -> list[Cell]:
    out = []
    for role in roles:
        if role in ("target", "target_initial"):
            t = getattr(ind, role)
            out.append(Cell(t.text if t else ""))
        elif role == "actual":
            out.append(Cell(ind.actual.text if ind.actual else ""))
        elif role in ("weight", "score"):
            out.append(figure(getattr(ind, role)))
        else:
            out.append(Cell(getattr(ind, role) or ""))
    return out


def self_eval_sheet(form: Form, index: int) -> Sheet:
    """A 项目/部门整体支出绩效自评表, or a target table with a funding block (目标申报表)."""
    title, above = title_of(form)
    iroles = _indicator_roles(form)
    broles = _budget_roles(form.budget) if form.budget else []
    declared = _declaration_only(form, broles)
    width = max(4 + len(iroles), 2 + (1 if declared else len(broles)), 4)
    g = Grid(width)
    _info_rows(g, form)
    _goal_rows(g, form)
    if form.budget is not None and form.budget.rows:
        _budget_rows(g, form, broles, declared)
    if form.indicators:
        _indicator_rows(g, form, iroles)
    _closing_rows(g, form, iroles)
    below = _signatures(form)
    return Sheet(sheet_name(index, form), title, above, g.rows, below, header_rows=0)


def _info_rows(g: Grid, form: Form) -> None:
    half = max(g.width // 2, 2)
    if form.kind in (DEPT, TARGETS) and not form.project:
        if form.department:
            g.add(Cell("部门（单位）名称", head=True), Cell(form.department, across=g.width - 1))
        return
    if form.project:
        code = f"{form.project_code}-" if form.project_code else ""
        g.add(Cell("项目名称", head=True), Cell(code + form.project, across=g.width - 1))
    if form.department or form.unit:
        g.add(Cell("主管部门", head=True), Cell(form.department or "", across=half - 1),
              Cell("实施单位", head=True), Cell(form.unit or "", across=g.width - half - 1))


def _goal_rows(g: Grid, form: Form) -> None:
    goal, done = form.texts.get("goal"), form.texts.get("goal_actual")
    if goal is None and done is None:
        return
    half = max((g.width - 1) // 2, 1)
    first = g.add(Cell("年度总体目标", head=True), Cell("预期目标", head=True, across=half),
                  Cell("实际完成情况", head=True, across=g.width - 1 - half))
    g.add(Cell(), Cell(goal or "", across=half), Cell(done or "", across=g.width - 1 - half))
    g.merge_down(0, first, first + 1)


def _budget_rows(g: Grid, form: Form, roles: list[str], declared: bool) -> None:
    budget = form.budget
    unit = budget.unit or "万元"
    if declared:   # 目标申报表: “项目资金（万元） | 年度资金总额： | 1,960.35”
        first = len(g.rows)
        for k, r in enumerate(budget.rows):
            g.add(Cell(f"项目资金（{unit}）" if k == 0 else "", head=True), Cell(r.label),
                  figure(r.declared), Cell(), fill=True)
        g.merge_down(0, first, len(g.rows) - 1)
        return
    label = _points("预算执行情况", form.declared_weights.get("预算执行"))
    first = g.add(Cell(label, head=True), Cell(f"资金来源（{unit}）", head=True),
                  *[Cell(dict(BUDGET_HEADS)[r], head=True) for r in roles], fill=True)
    for r in budget.rows:
        cells = [figure(getattr(r, f), percent=(f == "rate")) if f != "reason" else Cell(r.reason or "")
                 for f in roles]
        g.add(Cell(), Cell(r.label), *cells, fill=True)
    for b in budget.breakdown:
        amount = format(b["amount"], "f") if b.get("amount") is not None else ""
        g.add(Cell(), Cell(f"{b['label']}：{amount}"), fill=True)
    g.merge_down(0, first, len(g.rows) - 1)


def _indicator_rows(g: Grid, form: Form, roles: list[str]) -> None:
    label = _points("绩效指标", form.declared_weights.get("绩效指标"))
    first = g.add(Cell(label, head=True), Cell("一级指标", head=True), Cell("二级指标", head=True),
                  Cell("三级指标", head=True), *[Cell(IND_HEADS[r], head=True) for r in roles])
    prev: tuple[str | None, str | None] = (None, None)
    for ind in form.indicators:
        l1 = ind.level1 if ind.level1 != prev[0] else None
        l2 = ind.level2 if (ind.level1, ind.level2) != prev else None
        if l1 and norm(l1) in {norm(k) for k in form.declared_weights} and "分" not in l1:
            l1 = _points(l1, form.declared_weights.get(l1))
        prev = (ind.level1, ind.level2)
        g.add(Cell(), Cell(l1 or ""), Cell(l2 or ""), Cell(ind.name or ""), *_indicator_cells(ind, roles))
    last = len(g.rows) - 1
    for col in (1, 2):
        g.merge_down(col, first + 1, last)
    g.merge_down(0, first, last)


def _closing_rows(g: Grid, form: Form, roles: list[str]) -> None:
    """合计 (weight and score in their columns), 评价等级, and the text boxes."""
    if form.total_weight is not None or form.total_score is not None:
        lead = 4 + roles.index("weight") if "weight" in roles else g.width - 2
        cells = [Cell("合计", head=True, across=lead)]
        cells += [figure(form.total_weight), figure(form.total_score)]
        g.add(*cells, Cell(), fill=True)
    if form.grade:
        g.add(Cell("评价等级", head=True), Cell(form.grade, across=g.width - 1))
    for key, label in TEXT_LABELS:
        if key in form.texts:
            g.add(Cell(label, head=True), Cell(form.texts[key], across=g.width - 1))


def _signatures(form: Form) -> list[str]:
    """The signature line (填表人 … 填报日期), as printed: only what the form names."""
    lines, line = [], []
    for k, v in list(form.people.items()) + list(form.dates.items()):
        line.append(f"{k}：{v}")
        if not v:   # a blank signature ends its line, so the next label is not read as its name
            lines.append("　　".join(line))
            line = []
    return lines + (["　　".join(line)] if line else [])


def target_sheet(form: Form, index: int) -> Sheet:
    """A 部门整体支出绩效目标表: its info cells in pairs, then the indicators with their targets;
    where actual values were filled in, a completion table (完成情况表) follows."""
    title, above = title_of(form)
    info = dict(form.data.get("info") or {})
    if form.department and not info:
        info["部门名称"] = form.department
    done = any(i.actual is not None for i in form.indicators)
    width = 5
    g = Grid(width)
    pairs = list(info.items())
    for k in range(0, len(pairs), 2):
        row = [Cell(pairs[k][0], head=True), Cell(pairs[k][1])]
        if k + 1 < len(pairs):
            row += [Cell(pairs[k + 1][0], head=True), Cell(pairs[k + 1][1], across=2)]
        g.add(*row, fill=True)
    tables = []
    for roles in (["target"], ["target", "actual"]) if done else (["target"],):
        if roles != ["target"]:
            tables.append(len(g.rows))
            g.width = 5
        first = g.add(Cell("一级指标", head=True), Cell("二级指标", head=True), Cell("三级指标", head=True),
                      *[Cell(IND_HEADS[r], head=True) for r in roles], fill=len(roles) == 1)
        prev: tuple[str | None, str | None] = (None, None)
        for ind in form.indicators:
            l1 = ind.level1 if ind.level1 != prev[0] else None
            l2 = ind.level2 if (ind.level1, ind.level2) != prev else None
            prev = (ind.level1, ind.level2)
            g.add(Cell(l1 or ""), Cell(l2 or ""), Cell(ind.name or ""), *_indicator_cells(ind, roles),
                  fill=len(roles) == 1)
        for col in (0, 1):
            g.merge_down(col, first + 1, len(g.rows) - 1)
    return Sheet(sheet_name(index, form), title, above, g.rows, _signatures(form), header_rows=0, tables=tables)
