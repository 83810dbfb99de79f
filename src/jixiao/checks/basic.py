"""Basic data and department ratios (基础数据与部门比率): 基础数据表 against itself and the tables."""

from __future__ import annotations

import re
from decimal import Decimal

from ..blocks import SourceRef
from ..forms.model import BASIC, DEPT
from ..precision import Range, fmt, is_tail
from ..rules.engine import FormEval
from ..values import norm, parse_number
from . import SELF_EVAL_DOCUMENTS, Context, check, hit

_NUMBERED = re.compile(r"^\d+[、.．]")


@check("JX701", "error", "basic")
def staff_control_rate(ev: FormEval, ctx: Context):
    """在职人员控制率与人数不符 — staff control rate does not match the head counts.

    **What it checks.** In a basic data table (基础数据表), 控制率 against 实际在职人数 ÷ 编制数
    × 100% (财政供养人员控制率; the formula is printed in Hunan's and other local scoring
    sheets). Head counts are exact, so only the rate's own rounding is allowed.

    **Why it matters.** The rate is scored (≤ 100% full marks) and compared across departments.

    **Fires:** 编制数 21, 实际在职 19, 控制率 92.48%.   **Does not fire:** 控制率 90.48% (19 ÷ 21 = 90.476%).
    """
    if ev.form.kind != BASIC:
        return
    staff = ev.form.data.get("staff") or {}
    n, d, rate = staff.get("actual"), staff.get("authorized"), staff.get("control_rate")
    if None in (n, d, rate) or not d:
        return
    point = n / d * 100
    if point in Range.printed(rate):
        return
    ref = next((r for k, r in ev.form.refs.items() if k.startswith("staff.") and "控制率" in k), ev.form.ref)
    yield hit(ref, "在职人员控制率", f"在职人员控制率填报{fmt(rate)}%，按实际在职{fmt(n)}人÷编制数{fmt(d)}人计算应为"
              f"{fmt(point, 2)}%。", f"{fmt(point, 2)}%", f"{fmt(rate)}%")


@check("JX702", "error", "basic")
def expense_items(ev: FormEval, ctx: Context):
    """基础数据表经费分项之和不等于合计 — numbered expense items do not add up to their heading.

    **What it checks.** In the 经费控制情况 block, a heading row (项目支出：) followed by numbered
    items (1、业务工作经费, 2、…) must equal the items' sum in every year column. Rows led by
    其中 are partial and are not summed. One unit in the last printed digit is info.

    **Why it matters.** These figures feed the department-level ratios and are compared with the
    final accounts; a heading that its items do not support is a typing error somewhere.

    **Fires:** 项目支出 1568.18 over 59.38 + 1489.33 + 9.47.

    **Does not fire:** 项目支出 1568.18 over 59.38 + 1489.33 + 19.47.
    """
    if ev.form.kind != BASIC:
        return
    rows = ev.form.data.get("expenses") or []
    for k, head in enumerate(rows):
        if _NUMBERED.match(head["label"]) or head["label"].startswith("其中"):
            continue
        items = []
        for r in rows[k + 1:]:
            if not _NUMBERED.match(r["label"]):
                break
            items.append(r)
        if not items:
            continue
        for col, total in head["values"].items():
            parts = [r["values"].get(col) for r in items if r["values"].get(col) is not None]
            if total is None or not parts or sum(parts) == total:
                continue
            s = sum(parts)
            rounding = is_tail(total, parts)
            name = head["label"].rstrip("：:")
            yield hit(_line_ref(ev, head["line"]), f"{name}·{col}",
                      f"基础数据表{name}的{col}填报{fmt(total)}，其下{len(items)}个分项之和为{fmt(s)}，相差{fmt(abs(s - total))}"
                      + ("，在尾数误差以内。" if rounding else "。"), fmt(s), fmt(total), "info" if rounding else None)


def _line_ref(ev: FormEval, line: int) -> SourceRef:
    return SourceRef(ev.form.ref.file, line)


@check("JX703", "warning", "basic", scope="document", documents=SELF_EVAL_DOCUMENTS)
def basic_vs_self_evaluation(ctx: Context):
    """基础数据表与自评表的支出数不一致 — basic data and the self-evaluation disagree.

    **What it checks.** The current year's 决算数 of 项目支出 and 基本支出 in the basic data table
    against the same lines of the department self-evaluation table's funding breakdown
    (按支出性质分：基本支出 / 项目支出) of the same year.

    **Why it matters.** Both tables describe the same year's spending of the same department;
    when they differ the reviewer cannot tell which figure the evaluation rests on.

    **Fires:** 基础数据表 项目支出 2023年决算数 1568.18; 自评表 项目支出 1521.58.

    **Does not fire:** both 1568.18; or no department table in the document.
    """
    basics = [f for f in ctx.forms if f.kind == BASIC]
    depts = [f for f in ctx.forms if f.kind == DEPT and f.budget]
    for b in basics:
        for d in depts:
            if b.year and d.year and b.year != d.year:
                continue
            for row in b.data.get("expenses") or []:
                label = norm(row["label"]).rstrip("：:")
                if label not in ("项目支出", "基本支出"):
                    continue
                col = next((c for c in row["values"] if b.year and str(b.year) in c and "决算" in c), None)
                value = row["values"].get(col) if col else None
                other = next((x for x in d.budget.breakdown if norm(x["label"]) == label and x.get("amount") is not None),
                             None)
                if value is None or other is None or value == other["amount"]:
                    continue
                yield hit(other["source"], label, f"基础数据表{label}{col}为{fmt(value)}万元（第{row['line']}行），"
                          f"部门整体支出绩效自评表{label}为{fmt(other['amount'])}万元，两表不一致。",
                          fmt(value), fmt(other["amount"]))


_HEADCOUNT_KEYS = {"authorized": re.compile(r"^编制(控制)?(人)?数$|^核定编制"),
                   "actual": re.compile(r"^(在职人员总数|实有人数|实际在职人数|在职人数)$")}
_HEADCOUNT_PROSE = {"authorized": re.compile(r"(?<![政业勤])编制(?:人数|数|控制数)?(?:为|共|共计)?(\d+)(?:人|名)"),
                    "actual": re.compile(r"(?:实有|实际在职)(?:人数|人员|工作人员)?(?:为|共|共计)?(\d+)(?:人|名)")}
_HEADCOUNT_NAMES = {"authorized": "编制人数", "actual": "实有（在职）人数"}


def _table_headcounts(ctx: Context) -> dict[str, tuple]:
    """编制 and 实有 head counts printed in a basic data or department information table."""
    out: dict[str, tuple] = {}
    for f in ctx.forms:
        staff = f.data.get("staff") or {}
        for key in ("authorized", "actual"):
            if staff.get(key) is not None and key not in out:
                ref = next((r for k, r in f.refs.items() if k.startswith("staff.")), f.ref)
                out[key] = (staff[key], ref, "基础数据表")
        for name, text in (f.data.get("info") or {}).items():
            n = norm(name).removeprefix("其中:")
            for key, pat in _HEADCOUNT_KEYS.items():
                value = parse_number(text)
                if pat.search(n) and value is not None and key not in out:
                    out[key] = (value, f.refs.get(f"info.{name}", f.ref), f"表中“{n}”")
    return out


@check("JX704", "warning", "basic", scope="document", documents=SELF_EVAL_DOCUMENTS)
def headcount_prose_vs_table(ctx: Context):
    """文中人数与基础信息表不符 — head counts in the text differ from the table.

    **What it checks.** “编制人数24人”, “实有人数36人” stated in the report against the 编制控制数 /
    编制数 and 在职人员总数 / 实际在职人数 printed in the document's basic data or department
    information table.

    **Why it matters.** Head counts drive the staff control rate and the personnel budget; two
    different counts in one submission mean one of them is out of date.

    **Fires:** text “编制人数24人” with the table's 编制控制数 23.

    **Does not fire:** text “年末实有人数36人” with 在职人员总数 36.
    """
    table = _table_headcounts(ctx)
    if not table:
        return
    seen = set()
    for p in ctx.passages:
        for key, pat in _HEADCOUNT_PROSE.items():
            if key not in table:
                continue
            value, _, where = table[key]
            for m in pat.finditer(p.text):
                stated = Decimal(m.group(1))
                if stated == value or (key, stated) in seen:
                    continue
                seen.add((key, stated))
                yield hit(p.ref(m.start()), _HEADCOUNT_NAMES[key],
                          f"文中“{m.group(0)}”与{where}的{fmt(value)}人不一致。", f"{fmt(value)}人", f"{fmt(stated)}人")
