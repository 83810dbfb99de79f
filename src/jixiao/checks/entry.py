"""Entry workbooks (填报工作簿): jixiao's own workbooks, read back."""

from __future__ import annotations

from ..blocks import Table
from . import Context, check, hit

MAX_ROWS = 200   # as ``jixiao new --rows`` allows


@check("JX014", "warning", "reading", scope="document")
def formula_overwritten(ctx: Context):
    """填报工作簿的公式被改写为数值 — a formula of jixiao's entry workbook overwritten by a typed value.

    **What it checks.** A workbook made by ``jixiao new`` names its layout and version in a
    custom document property (``jixiao.layout``, e.g. ``hunan_project@1``) and its number of
    indicator rows (``jixiao.rows``). The layout says which cells compute — 执行率, 预算执行得分,
    each indicator's 得分, the totals of the funding columns, 总分 and 自评等级. A cell there that
    holds a typed constant instead of a formula is named (自评表!J14), with what its formula
    computes and the value typed.

    **Why it matters.** A typed figure no longer follows the inputs: the rate computed on a
    calculator, a score “adjusted” by hand, a total retyped after a row changed. The table then
    disagrees with itself the day an amount is corrected, and the reviewer cannot tell which
    figure the department meant.

    **Fires:** 自评表!G6 (执行率) holding 0.95 typed over ``=E6/D6``; a score typed as 18.
    **Does not fire:** a workbook whose formula cells all hold formulas (whatever they compute),
    a formula cell left blank, or any file that jixiao did not make (no ``jixiao.layout`` property)
    or whose layout version jixiao no longer has.
    """
    from ..entry.layout import PROPERTY, ROWS_PROPERTY, from_tag
    from ..entry.plan import SHEET, plan
    from ..rules.profile import load
    tag = ctx.doc.properties.get(PROPERTY)
    found = from_tag(tag) if tag else None
    if found is None or found[0].version != found[1]:
        return
    layout = found[0]
    rows_text = ctx.doc.properties.get(ROWS_PROPERTY, "")
    rows = int(rows_text) if rows_text.isdigit() and 0 < int(rows_text) <= MAX_ROWS else layout.rows
    formulas = {f"{SHEET}!{a}": what for a, what in plan(layout, load(layout.profile), rows).formulas().items()}
    for block in ctx.doc.blocks:
        if not isinstance(block, Table):
            continue
        for row in block.rows:
            for cell in row:
                what = formulas.get(cell.ref.cell or "")
                if what is None or cell.formula or cell.blank:
                    continue
                yield hit(cell.ref, f"公式被改写 {cell.ref.cell}",
                          f"{cell.ref.cell}在表样“{layout.name}”中是公式，计算{what}；现填入数值“{cell.text}”，"
                          "不再随填写项变化。请恢复公式（可用 jixiao new 重新生成该表样）。", what, cell.text)
