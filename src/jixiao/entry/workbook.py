"""Writing the entry workbook (写出填报工作簿): the plan as XLSX, with live formulas.

Input cells are unlocked and shaded; labels and formula cells are locked and the sheet is
protected without a password (审阅 → 撤销工作表保护 lifts it), so a formula is not overwritten by
accident. Lists check 指标性质, 一级指标 and 度量单位; the profile's rules are printed on a sheet
of their own (评分规则); the layout and its version are a custom document property.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from ..rules.profile import Profile
from .layout import PROPERTY, ROWS_PROPERTY, Layout
from .plan import LEVEL1, OPS, RULES_SHEET, SHEET, UNITS, Plan

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = {"level1": 16, "level2": 14, "name": 24, "op": 9, "target": 12, "target_initial": 12, "unit": 9,
          "target_text": 20, "actual": 12, "qual_note": 16, "weight": 8, "score": 9, "note": 26}


def _validations(ws, plan: Plan) -> None:
    lists = {
        "op": DataValidation(type="list", formula1='"' + ",".join(OPS) + '"', allow_blank=True, showErrorMessage=True,
                             errorTitle="指标性质", error="请选择 ≥、≤、= 或 定性 / choose ≥, ≤, = or 定性"),
        "level1": DataValidation(type="list", formula1='"' + ",".join(LEVEL1) + '"', allow_blank=True, showErrorMessage=True,
                                 errorTitle="一级指标", error="请选择一级指标 / choose a first-level indicator"),
        "unit": DataValidation(type="list", formula1='"' + ",".join(UNITS) + '"', allow_blank=True,
                               errorStyle="information", showErrorMessage=True, errorTitle="度量单位",
                               error="不在常用单位中，请确认 / not a usual unit, please confirm"),
        "weight": DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True, showErrorMessage=True,
                                 errorTitle="分值", error="分值应在0到100之间 / a weight is between 0 and 100"),
        "amount": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                 showErrorMessage=True, errorTitle="金额", error="金额应为不小于0的数 / an amount is a number ≥ 0"),
    }
    for addr, p in plan.cells.items():
        dv = lists.get(p.check or "")
        if p.kind == "input" and dv is not None:
            dv.add(addr)
    for dv in lists.values():
        if dv.sqref:
            ws.add_data_validation(dv)
    levels = "、".join(b.level for b in plan.profile.bands)
    qual = DataValidation(type="list", formula1='"' + ",".join(b.level for b in plan.profile.bands) + '"',
                          allow_blank=True, errorStyle="information", showErrorMessage=False,
                          promptTitle="实际完成值", prompt=f"数字；定性指标填档次：{levels}", showInputMessage=True)
    for addr, p in plan.cells.items():
        if p.key and p.key.endswith(".actual"):
            qual.add(addr)
    if qual.sqref:
        ws.add_data_validation(qual)


def _rules_sheet(wb: Workbook, layout: Layout, profile: Profile, plan: Plan) -> None:
    """评分规则: the profile's rules and their sources, and what each formula computes."""
    from .rules import rule_lines
    ws = wb.create_sheet(RULES_SHEET)
    ws.column_dimensions["A"].width = 120
    lines = rule_lines(layout, profile, plan)
    # one rule a line, in one cell: read back as text, never as a table of the form
    ws.cell(1, 1, "评分规则及出处").font = Font(bold=True)
    for r, (a, b, c) in enumerate(lines[1:], start=2):
        cell = ws.cell(r, 1, f"{r - 1}. {a}：{b}" + (f"（出处：{c}）" if c else ""))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.protection.sheet = True


def build(plan: Plan) -> Workbook:
    """The workbook of ``plan``, unfilled."""
    layout, profile = plan.layout, plan.profile
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.column_dimensions["A"].width = 14
    for k, role in enumerate(layout.indicators.roles, start=2):
        ws.column_dimensions[ws.cell(1, k).column_letter].width = WIDTHS.get(role, 12)
    for r in plan.indicator_rows:
        ws.row_dimensions[r].height = 30
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_options.horizontalCentered = True
    for addr, p in plan.cells.items():
        cell = ws[addr]
        if p.kind in ("label", "fixed"):
            cell.value = p.value
        elif p.kind == "formula":
            cell.value = p.value
        if p.number_format:
            cell.number_format = p.number_format
        cell.alignment = Alignment(wrap_text=True, vertical="center",
                                   horizontal="center" if p.kind in ("label", "fixed") else None)
        if cell.row > (2 if layout.subtitle else 1):
            cell.border = BOX
        if p.kind == "input":
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
    for rng in plan.merges:
        ws.merge_cells(rng)
        for row in ws[rng]:
            for c in row:
                c.border = BOX if c.row > (2 if layout.subtitle else 1) else Border()
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    for r in plan.tall:
        ws.row_dimensions[r].height = 60
    _validations(ws, plan)
    ws.protection.sheet = True    # no password: 审阅 → 撤销工作表保护
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _rules_sheet(wb, layout, profile, plan)
    wb.custom_doc_props.append(StringProperty(name=PROPERTY, value=layout.tag))
    wb.custom_doc_props.append(StringProperty(name=ROWS_PROPERTY, value=str(plan.rows)))
    wb.active = 0
    return wb


def to_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
