"""The basic data table laid out (部门整体支出绩效评价基础数据表表样, Hunan's 附件1).

Staff control (编制数 / 实际在职人数 / 控制率), expense control by year (经费控制情况), building
control (楼堂馆所控制情况) and the thrift measures (厉行节约保障措施), each a small grid under
its label, as ``forms/basic.py`` reads them.
"""

from __future__ import annotations

from ..forms.model import Form
from .layout import Cell, Grid, Sheet, figure, sheet_name
from .selfeval import _signatures, title_of

STAFF_HEADS = (("authorized", "编制数"), ("actual", "实际在职人数"), ("control_rate", "控制率"))


def basic_sheet(form: Form, index: int) -> Sheet:
    """Staff, expenses, buildings and texts of a basic data form."""
    title, above = title_of(form)
    data = form.data
    expenses = data.get("expenses") or []
    heads = list(expenses[0]["values"]) if expenses else []
    buildings = data.get("buildings") or {}
    width = max(len(STAFF_HEADS), len(heads), len(buildings), 1) + 1
    g = Grid(width)
    staff = data.get("staff")
    if staff is not None:
        year = f"{form.year}年" if form.year else ""
        g.add(Cell("财政供养人员情况（人）", head=True),
              *[Cell((year + h) if key == "actual" else h, head=True) for key, h in STAFF_HEADS], fill=True)
        g.add(Cell(), *[figure(staff.get(key), percent=(key == "control_rate")) for key, _ in STAFF_HEADS],
              fill=True)
    if expenses:
        g.add(Cell("经费控制情况（万元）", head=True), *[Cell(h, head=True) for h in heads], fill=True)
        for e in expenses:
            g.add(Cell(e["label"]), *[figure(e["values"].get(h)) for h in heads], fill=True)
    if buildings:
        g.add(Cell("楼堂馆所控制情况", head=True), *[Cell(h, head=True) for h in buildings], fill=True)
        g.add(Cell(), *[figure(v) for v in buildings.values()], fill=True)
    for key, text in form.texts.items():
        g.add(Cell(key, head=True), Cell(text, across=width - 1))
    return Sheet(sheet_name(index, form), title, above, g.rows, _signatures(form), header_rows=0)
