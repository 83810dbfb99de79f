"""Claims of the prose (文中论断): rates, shares, changes, lists and arithmetic, recomputed.

The claims are read and recomputed once, in the pipeline (``jixiao/claims``); these checks only
report the ones that do not hold, so that ``jixiao score`` and ``jixiao check`` say the same.
"""

from __future__ import annotations

from ..classify.kind import SELF_EVAL as SELF_EVAL_DOCUMENTS
from . import Context, check, hit


def _failed(ctx: Context, kind: str, firm_severity: str = "error"):
    for c in ctx.claims:
        if c.kind != kind or c.ok:
            continue
        severity = "info" if c.tail else (firm_severity if c.firm else "warning")
        if kind == "sum":
            message = f"{c.rule}；若另有未列出的项目，文中应予说明。"
        elif kind == "indicator":
            message = f"文中“{c.quote}”写为{c.stated}，而{c.rule}，同一数量两种说法，请核实并统一。"
        elif kind == "table":
            message = f"文中“{c.quote}”写为{c.stated}，而{c.rule}，请核对。"
        elif kind == "years":
            message = f"文中“{c.quote}”写为{c.stated}，而{c.rule}，应为{c.expected}。"
        else:
            message = f"文中“{c.quote}”写为{c.stated}，按{c.rule}，应为{c.expected}。"
        yield hit(c.ref, c.quote, message, c.expected, c.stated, severity)


@check("JX503", "error", "claims", scope="document")
def percentage_in_prose(ctx: Context):
    """文中百分比与其自身数据不符 — a rate in the text disagrees with its inputs.

    **What it checks.** Rates the text computes from figures it states itself: written division
    (“政府采购执行率=（8.84/15）×100%=58.93%”), and sentences giving a budget, the amount spent and
    the rate (“全年预算数为758.48万元，执行数为758.48万元，执行率为100%”; “年初预算72.64万元，支出
    决算78.18万元，完成年初预算的107.63%”). The quotient is recomputed as the range the printed
    precision allows.

    **Why it matters.** A reader takes the stated rate at face value; when its own inputs give
    another, one of the three figures is wrong.

    **Fires:** “执行率=（702.5/760）×100%=95.00%” (702.5 ÷ 760 = 92.43%).

    **Does not fire:** “公用经费控制率=（36.90/67.72）×100%=54.49%”; “年初预算4,129.69万元，支出决算
    758.48万元，完成年初预算的18.37%”.
    """
    yield from _failed(ctx, "rate")


@check("JX504", "error", "claims", scope="document")
def share_in_prose(ctx: Context):
    """文中占比与其分子分母不符 — a stated share disagrees with its part and its total.

    **What it checks.** “基本支出578.41万元，占比76.26%” against the total its list opened with
    (“2024年度支出合计758.48万元，其中：”), and “占本年支出合计的100.00%” against the amount of that
    name stated earlier in the text or, failing that, printed in a final-accounts table. A share
    whose total had to be looked up by name is a warning, not an error; a share whose total cannot
    be found is not judged.

    **Why it matters.** Shares are what readers of a disclosure quote; a share computed from an old
    or mistyped figure misstates the structure of the spending.

    **Fires:** “支出合计758.48万元，其中：基本支出578.41万元，占比67.26%”.

    **Does not fire:** the same with 占比76.26% (578.41 ÷ 758.48 = 76.26%).
    """
    yield from _failed(ctx, "share")


@check("JX505", "error", "claims", scope="document")
def change_in_prose(ctx: Context):
    """同比增减额与增减率不符 — a year-on-year change and its percentage disagree.

    **What it checks.** “收入总计758.48万元 … 与上年相比，收入总计减少2,433.55万元，下降76.24%”:
    a decrease of A from the current C puts last year at C + A, so the rate is A ÷ (C + A); an
    increase, A ÷ (C − A). The current amount is the one the sentence names with the same subject,
    else its 决算 amount; any amount stated before the change that fits is accepted. When the
    subject could not be matched, the finding is a warning.

    **Why it matters.** The change and its rate are computed from last year's disclosure; when
    they disagree, one of them, or last year's figure, was copied wrong.

    **Fires:** “支出决算78.18万元 … 较上年决算减少428.57万元，下降48.57%” (428.57 ÷ 506.75 = 84.57%).

    **Does not fire:** “… 较上年决算减少428.57万元，下降84.57%”.
    """
    yield from _failed(ctx, "change")


@check("JX506", "warning", "claims", scope="document")
def list_sum_in_prose(ctx: Context):
    """文中分项之和与所述合计不符 — the items listed under a total do not add up to it.

    **What it checks.** A total followed by “其中/主要用于以下方面/包括” and its items, in the same
    sentence or in the paragraphs after it. Items that exceed the total always fire. A list that
    claims to be complete — its items' shares add up to 100%, or, for parallel paragraphs (one per
    class: 年初预算, 决算, 较上年增减), their 决算 add up to the total's 决算 — must also not fall
    short: then the items' 预算 must add up to the total's 预算 and their changes to the change
    stated for that total. Differences within the rounding of the printed figures are ignored.

    **Why it matters.** A list that does not add up means an item is missing from the text or a
    figure was mistyped; the classes' budgets and changes are copied from other statements, where
    such slips hide.

    **Fires:** “年初预算4,129.69万元，支出决算758.48万元。其中：” followed by three classes whose
    决算 add up to 758.48 but whose 年初预算 add up to 4,006.69.

    **Does not fire:** “政府采购支出总额5.95万元，其中：货物支出4.96万元、工程支出0万元、服务支出
    0.99万元”.
    """
    yield from _failed(ctx, "sum", "warning")


@check("JX507", "error", "claims", scope="document")
def arithmetic_in_prose(ctx: Context):
    """文中算式结果错误 — arithmetic written in the text gives another result.

    **What it checks.** Expressions written out with their result (“1470*(475-475*0.65-35)=40万元”),
    evaluated exactly and compared within the result's printed precision; a result in 万元 from
    inputs in 元 is accepted when the conversion agrees.

    **Why it matters.** Such expressions justify a budget; a wrong result means the budget was
    set on a miscalculation.

    **Fires:** “1470*(475-475*0.65-35)=40万元” (= 192,937.50元, 19.29万元).

    **Does not fire:** “1980*12*5=118800元”.
    """
    yield from _failed(ctx, "arithmetic")


@check("JX508", "warning", "claims", scope="document")
def amount_differs_from_table(ctx: Context):
    """文中金额与表中数不符 — an amount in the text differs from the table's row of that name.

    **What it checks.** An amount the 说明 states under the exact name of a row of a 总表
    (收支预算总表, 收入支出决算总表 …) — “使用非财政拨款结余18,953.73万元” — against that row's
    amount, in the table's unit. Only names that occur once in the 总表 are compared, and not in a
    clause about another year or a change (上年, 比上年, 2023年). Amounts printed to different
    precisions are compared at the coarser one.

    **Why it matters.** The 说明 restates the tables for the public; a figure typed differently in
    the text leaves the reader with two amounts for one thing.

    **Fires:** the text says 使用非财政拨款结余18,953.73万元, the 收支预算总表 prints 18,953.78.

    **Does not fire:** the same with 18,953.78; “上年结转81,714.17万元” where the table prints
    81,714.17; a clause “比上年增加…”.
    """
    yield from _failed(ctx, "table", firm_severity="warning")


@check("JX509", "warning", "claims", scope="document")
def change_between_stated_years(ctx: Context):
    """两年数字之差与所述增减额不符 — a stated change differs from the two years' amounts the text gives.

    **What it checks.** Where the text states an item's amount for two years (“2022年…公务接待
    11.8万元”, “2021年…公务接待12.39万元”) and then its change (“公务接待较上年同期减少0.58万元”),
    the change must be the difference of the two, at the finest precision the three figures are
    printed to (a figure printed with fewer decimals is read with its zeros dropped, and the
    message says so). An item stated more than once for one year is not judged.

    **Why it matters.** A 说明 that compares two years is read for the change; when the change
    and the two amounts disagree, one of the three was mistyped.

    **Fires:** 公务接待 11.8 (2022) and 12.39 (2021), “减少0.58万元” (11.80 − 12.39 = −0.59).

    **Does not fire:** 公务用车运行费用 10 (2022) and 7.73 (2021), “增加2.27万元”.
    """
    yield from _failed(ctx, "years", firm_severity="warning")


@check("JX514", "warning", "claims", scope="document", documents=SELF_EVAL_DOCUMENTS)
def quantity_differs_from_indicator(ctx: Context):
    """文中数量与指标完成值不符 — the text states an indicator's quantity otherwise than its table.

    **What it checks.** A figure in the report or in the form's own text boxes stated in an
    indicator's unit (户, 人, %, 次 …; amounts of money are not compared) under the indicator's own words, against that
    indicator's 实际完成值. The clause must name the indicator (three characters in a row of its
    name, and three shared character pairs or the name's ending such as 覆盖率), one indicator
    must fit it best, and text in a form's cells is tied only to that form. Clauses about another
    year or part of it, a plan, a standard, a part (其中, 分别) or a bound (以上, 不低于, 计划, 目标, 比上年,
    上半年, 截至6月底) are not results; a value
    equal to any fitting indicator's actual or target is taken as agreeing.

    **Why it matters.** One quantity stated twice differently leaves the score resting on one of
    two figures; where the text's figure is the true one the target may not have been met.

    **Fires:** 指标“计划防贫保救助群众数量” ≥30户, 实际完成值49户; the 绩效目标完成情况 box says
    “当年‘防贫保’救助24户”. 指标“稽核覆盖率” =100%, 完成100; the report says “检查覆盖率达到80.4%”.

    **Does not fire:** “已经救助49户”; “参保率稳定在95%以上” (a bound); “2023年救助30户”
    (another year); “满意度达到98%” where two indicators end in 满意度 and neither is 98%.
    """
    yield from _failed(ctx, "indicator", firm_severity="warning")
