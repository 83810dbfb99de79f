"""Claims of the prose (jixiao/claims): rates, shares, changes, lists and arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from golden_compare import SEEDS, seed_path

from jixiao.claims.arithmetic import evaluate
from jixiao.claims.mentions import Passage, is_budget
from jixiao.claims.rates import core
from jixiao.pipeline import check_path

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")

# An invented county bureau's disclosure text, correct throughout.
CLEAN = """第三部分 情况说明

一、收入支出决算总体情况说明

2025年度收入总计1,250.00万元，支出总计1,250.00万元。与上年相比，收入总计减少250.00万元，下降16.67%。

二、支出决算情况说明

2025年度支出合计1,250.00万元，其中：
基本支出1,000.00万元，占比80.00%；
项目支出250.00万元，占比20.00%。

三、一般公共预算财政拨款支出决算具体情况

2025年度一般公共预算财政拨款支出年初预算1,300.00万元，支出决算1,250.00万元，完成年初预算的96.15%。其中：

社会保障和就业支出年初预算300.00万元，支出决算280.00万元，完成年初预算的93.33%。较上年决算减少20.00万元，下降6.67%。

卫生健康支出年初预算1,000.00万元，支出决算970.00万元，完成年初预算的97.00%。较上年决算减少230.00万元，下降19.17%。

四、其他

2025年度政府采购支出总额12.00万元，其中：货物支出8.00万元、工程支出0万元、服务支出4.00万元。

经测算，200*12*5=12000元，即1.2万元。项目支出占本年支出合计的20.00%。
"""


def _claims(tmp_path, text: str, name: str = "county.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    result = check_path(p)
    return result.claims, [f for f in result.findings if f.code in ("JX503", "JX504", "JX505", "JX506", "JX507")]


def test_mentions_keep_their_label_and_line():
    from jixiao.blocks import Paragraph, SourceRef
    para = Paragraph("基本支出 1,000.00 万元，占比80.00%；", SourceRef("x.txt", 7))
    ms = Passage.of(para, para.text).mentions()
    assert [(m.value, m.unit, m.name) for m in ms] == [(Decimal("1000.00"), "万元", "基本支出"),
                                                       (Decimal("80.00"), "%", "占比")]
    assert ms[0].ref.line == 7


def test_budget_labels_are_not_fund_names():
    assert is_budget("年初预算") and is_budget("项目全年预算数为")
    assert not is_budget("2024年一般公共预算财政拨款决算支出") and not is_budget("政府性基金预算财政拨款收入")
    assert core("本年支出合计") == "支出合计" and core("单位基本支出决算数为") == "基本支出"


def test_arithmetic_is_exact_and_safe():
    assert evaluate("1470*(475-475*0.65-35)") == Decimal("192937.50")
    assert evaluate("(8.84÷15)") is not None and evaluate("__import__('os')") is None and evaluate("1/0") is None


def test_a_correct_text_has_claims_and_no_finding(tmp_path):
    claims, found = _claims(tmp_path, CLEAN)
    kinds = {c.kind for c in claims}
    assert {"rate", "share", "change", "arithmetic"} <= kinds
    assert all(c.ok for c in claims), [c for c in claims if not c.ok]
    assert found == []


@pytest.mark.parametrize("old, new, code, expected", [
    ("占比80.00%", "占比70.00%", "JX504", "80.00%"),
    ("完成年初预算的97.00%", "完成年初预算的79.00%", "JX503", "97.00%"),
    ("减少230.00万元，下降19.17%", "减少230.00万元，下降91.17%", "JX505", "19.17%"),
    ("200*12*5=12000元", "200*12*5=14000元", "JX507", "12000.00元"),
    # the classes' budgets no longer add up to the stated 1,300.00 while their 决算 still do
    ("年初预算300.00万元，支出决算280.00万元，完成年初预算的93.33%",
     "年初预算200.00万元，支出决算280.00万元，完成年初预算的140.00%", "JX506", "1200.00万元"),
    # the classes' decreases against the decrease of the total
    ("较上年决算减少20.00万元，下降6.67%", "较上年决算减少30.00万元，下降9.68%", "JX506", "减少260.00万元"),
    # items exceeding their total
    ("服务支出4.00万元", "服务支出5.00万元", "JX506", "13.00万元"),
])
def test_a_wrong_claim_fires(tmp_path, old, new, code, expected):
    assert old in CLEAN
    _, found = _claims(tmp_path, CLEAN.replace(old, new, 1))
    assert [(f.code, f.expected) for f in found] == [(code, expected)]


def test_rounding_of_printed_figures_is_not_a_finding(tmp_path):
    # 1000.00 / 1250.00 = 80% exactly; 80.004% printed as 80.00% is the same claim
    text = CLEAN.replace("基本支出1,000.00万元，占比80.00%", "基本支出1,000.05万元，占比80.00%")
    assert not [f for f in _claims(tmp_path, text)[1] if f.code == "JX504"]


@needs_seeds
def test_004_claims():
    result = check_path(seed_path("004"))
    assert len(result.claims) >= 25
    wrong = {(c.kind, c.ref.line, c.expected) for c in result.claims if not c.ok}
    # found by hand: 1470*(475-475*0.65-35) = 192,937.50元, not 40万元 (both renderings); the three
    # classes' 年初预算 add up to 4,006.69, not 4,129.69; their decreases to 2,243.72, not 2,433.55
    assert wrong == {("arithmetic", 621, "19.29万元"), ("arithmetic", 665, "19.29万元"),
                     ("sum", 421, "4006.69万元"), ("sum", 410, "减少2243.72万元")}
    shares = {c.stated for c in result.claims if c.kind == "share"}
    assert {"76.26%", "23.74%", "10.31%", "84.29%", "5.40%", "99.11%"} <= shares


@needs_seeds
def test_000_and_003_claims_hold():
    for seed in ("000", "003"):
        result = check_path(seed_path(seed))
        assert result.claims and all(c.ok for c in result.claims)
    shares = {c.stated for c in check_path(seed_path("000")).claims}
    assert {"14.85%", "85.15%", "34.91%"} <= shares   # 本年支出 = 基本 + 项目, by their shares adding to 100%


def test_unit_slip_by_its_neighbours(tmp_path):
    text = ("一、项目情况\n\n本单位一级项目1个，共涉及资金178.46万元。\n\n二级项目2个，涉及资金69.62元，自评等级均为优。\n\n"
            "人均补助640.50元，涉及人数100人。\n")
    p = tmp_path / "slip.txt"
    p.write_text(text, encoding="utf-8")
    found = [f for f in check_path(p).findings if f.code == "JX501"]
    assert [(f.ref.line, f.expected, f.found) for f in found] == [(5, "69.62万元", "69.62元")]


def test_a_share_after_an_aside_is_the_share_of_what_the_aside_explains(tmp_path):
    """“财政拨款收入4352.47万元(其中,…国有资本经营预算0万元),占收入合计100%”: the 100% is the
    财政拨款's (杭州市钱塘区 2021 决算), not the aside's last item's; a wrong one still fires."""
    text = ("某某区某某局2021年度部门决算\n本年收入合计4352.47万元;包括财政拨款收入4352.47万元(其中,一般公共预算"
            "4352.47万元,政府性基金预算0万元,国有资本经营预算0万元),占收入合计{}%;其他收入0万元,占收入合计0%。\n")
    held, _ = _claims(tmp_path, text.format("100"))
    assert [(c.stated, c.ok) for c in held if c.kind == "share"][0] == ("100%", True)
    wrong, _ = _claims(tmp_path, text.format("90"), "wrong.txt")
    assert [(c.stated, c.ok) for c in wrong if c.kind == "share"][0] == ("90%", False)
