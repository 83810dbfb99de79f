"""The value parser: numbers, rates, targets, actuals (property tests and the printed cases)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.values import (Money, clean, decimals, is_blank_mark, money_unit, norm, parse_actual,
                           parse_number, parse_percent, parse_target)

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False)


def _grouped(d: Decimal) -> str:
    return f"{d:,.2f}"


@given(amounts)
def test_number_round_trips_plain_and_grouped(d):
    assert parse_number(format(d, "f")) == d
    assert parse_number(_grouped(d)) == d
    assert parse_number(_grouped(d).replace(",", "，")) == d  # full-width comma


@given(amounts)
def test_number_keeps_printed_precision(d):
    assert decimals(parse_number(format(d, "f"))) == 2


@given(amounts.filter(lambda d: d >= 0), st.sampled_from(["≥", "≤", "=", ">", "<", "＝", ">=", "<=", "≧"]),
       st.sampled_from(["%", "万元", "元", "人", "次", "户", "篇（部）", "万人", ""]))
def test_target_op_value_unit(d, op, unit):
    t = parse_target(f"{op}{format(d, 'f')}{unit}")
    assert t.op == norm(op)
    assert t.value == d
    assert (t.unit or "") == norm(unit)


@given(st.text(alphabet="０１２３４５６７８９．％＝（）　abc优良", max_size=12))
def test_norm_is_idempotent_and_matches_halfwidth(s):
    assert norm(norm(s)) == norm(s)


@pytest.mark.parametrize("text,op,value,unit", [
    ("≥15次", "≥", "15", "次"), ("＝100%", "=", "100", "%"), ("=100%", "=", "100", "%"),
    (">=310元", "≥", "310", "元"), ("<=457.94万元", "≤", "457.94", "万元"), (">14804万元", ">", "14804", "万元"),
    ("640元/人", None, "640", "元/人"), ("= 330000 人", "=", "330000", "人"), ("95%", None, "95", "%"),
    ("参保率持续巩固在95%以上", "≥", "95", "%"), ("$\\geq 98\\%$".replace("$\\geq 98\\%$", "≥98%"), "≥", "98", "%"),
])
def test_printed_targets(text, op, value, unit):
    t = parse_target(text)
    assert (t.op, t.value, t.unit) == (op, Decimal(value), unit)


@pytest.mark.parametrize("text", ["定性", "好", "优", "按时保质保量完成", "达成预期指标", "及时及时", "2023年12月底前完成"])
def test_qualitative_targets(text):
    assert parse_target(text).op == "定性"


def test_range_target():
    t = parse_target("6-9")
    assert (t.op, t.low, t.high) == ("range", Decimal(6), Decimal(9))
    assert parse_target("6～9").high == Decimal(9)


def test_split_columns_target():
    assert parse_target("1", "≥", "篇（部）").text == "≥1篇（部）"
    t = parse_target("好", "定性", "其他")
    assert (t.op, t.text) == ("定性", "好")
    assert parse_target("50000", "≤", "元").value == Decimal(50000)


def test_scan_debris_is_not_a_number():
    assert parse_target("= 11880011880 0").value is None
    assert parse_actual("11880 0").value is None


@pytest.mark.parametrize("text,value,unit,op", [
    ("20次", "20", "次", None), ("95.47%", "95.47", "%", None), ("0.95", "0.95", None, None),
    ("17.67万人", "17.67", "万人", None), ("≥95%", "95", "%", "≥"), ("参保率99%", "99", "%", None),
    ("=317360人", "317360", "人", "="), ("0.00 ", "0.00", None, None),
])
def test_actuals(text, value, unit, op):
    a = parse_actual(text)
    assert (a.value, a.unit, a.op) == (Decimal(value), unit, op)


def test_actual_words_and_blank():
    assert parse_actual("达成预期指标").value is None
    assert parse_actual("2023年12月底").value is None
    assert parse_actual("") is None and parse_actual("　") is None


def test_rates_and_blanks():
    assert parse_percent("61.04%") == Decimal("61.04")
    assert parse_percent("100") == Decimal(100)
    assert parse_number("—") is None and is_blank_mark("—") and is_blank_mark("／") and is_blank_mark("……")
    assert parse_number("1,088,374.21") == Decimal("1088374.21")
    assert parse_number("12a") is None and parse_number("1,23") is None


def test_money_units():
    assert money_unit("部门(单位)总体 资金(万元)") == "万元"
    assert money_unit("全年预算数 (元)") == "元"
    assert money_unit("金额单位：万元") == "万元"
    assert money_unit("执行率") is None
    assert Money(Decimal("1088374.21"), "元").to("万元") == Decimal("108.837421")
    assert Money(Decimal("40.9"), "万元").to("元") == Decimal("409000.0")


def test_clean_joins_broken_cjk():
    assert clean("产出指 标") == "产出指标"
    assert clean("经济效\n益指标") == "经济效益指标"
    assert clean("  a  b ") == "a b"
