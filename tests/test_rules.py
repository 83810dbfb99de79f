"""Profiles, the evaluator and printed-precision arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.blocks import SourceRef
from jixiao.checks import Context, REGISTRY
from jixiao.errors import JixiaoError
from jixiao.forms.model import Budget, BudgetRow, Form, Indicator
from jixiao.precision import Range, accepted_scores, ratio_percent
from jixiao.rules.engine import evaluate, evaluate_indicator
from jixiao.rules.profile import available, detect, load
from jixiao.values import parse_actual, parse_target

D = Decimal
REF = SourceRef("t.txt", 1)


def ind(target: str, actual: str, weight: str = "10", score: str | None = None, level2: str = "数量指标",
        name: str = "指标") -> Indicator:
    return Indicator("产出指标", level2, name, REF, parse_target(target), None, parse_actual(actual), D(weight),
                     D(score) if score else None)


@pytest.mark.parametrize("name", available())
def test_every_profile_loads_with_sources(name):
    p = load(name)
    assert p.grades and p.bands and p.execution_weight == 10
    assert {"weights", "execution", "quantitative", "qualitative", "grades"} <= set(p.sources)
    assert all(src.strip() for src in p.sources.values())


def test_regional_profiles_override_only_what_they_say():
    nat, sc, gz = load("national"), load("sichuan"), load("guizhou")
    assert nat.level_weights == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert sc.level_weights == {} and sc.indicators_weight == 90 and sc.explain_below == 90
    assert gz.level_weights == nat.level_weights and gz.grades == nat.grades
    assert [(b.low, b.high) for b in gz.bands] == [(80, 100), (50, 80), (0, 50)]
    assert [(b.low, b.high) for b in nat.bands] == [(80, 100), (60, 80), (0, 60)]


def test_profile_from_a_user_file(tmp_path):
    f = tmp_path / "anhui.toml"
    f.write_text('id = "anhui"\nname = "安徽"\nextends = "national"\nregions = ["安徽"]\n'
                 '[execution]\nexplain_below = 85\nsource = "x"\n', encoding="utf-8")
    p = load(str(f))
    assert p.explain_below == 85 and p.level_weights["产出指标"] == 50


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(JixiaoError) as e:
        load("atlantis")
    assert e.value.code == "JX003" and "national" in e.value.message


def test_detection_names_the_region_and_does_not_confuse_shaanxi():
    p, why = detect(["四川省广元市昭化区医疗保障局"])
    assert p.id == "sichuan" and "四川" in why
    assert detect(["陕西省西安市医疗保障局"])[0].id == "national"
    assert detect([None, "", "某某单位"])[0].id == "national"


def test_qualitative_bands_differ_by_profile():
    i = ind("定性", "部分达成预期指标", "10", "5")
    assert evaluate_indicator(i, load("guizhou")).figure.agrees is True      # 50% is in 80–50
    assert evaluate_indicator(i, load("national")).figure.agrees is False    # 80–60 band


def test_positive_negative_equal_range_and_cost():
    nat = load("national")
    e = evaluate_indicator(ind("=330000人", "317360", "20"), nat)
    assert e.met is False and e.figure.expected.quantize(D("0.01")) == D("19.23")
    e = evaluate_indicator(ind("≤3人", "4人", "9"), nat)
    assert e.met is False and e.figure.expected == D("6.75")
    # “＝66万元” with 57.74 spent is no ceiling met: whether it was a saving or money not spent is
    # for the reason column, so the score is not recomputed (JX213 asks for the reason)
    e = evaluate_indicator(ind("=66万元", "57.74", "10", level2="成本指标"), nat)
    assert e.met is None and e.figure is None and "原因" in e.why
    e = evaluate_indicator(ind(">220万元", "108.84万元", "10", level2="成本指标"), nat)
    assert e.figure is None and "方向" in e.why   # a cost written as a floor: JX212
    e = evaluate_indicator(ind("6-9", "10", "10"), nat)
    assert e.met is False and e.figure.expected == D(9)
    e = evaluate_indicator(ind("≥18万人", "176700人", "5"), nat)
    assert e.actual == D("17.67") and e.met is False
    e = evaluate_indicator(ind("≥90%", "0.95", "10"), nat)
    assert e.ratio_written and e.met is True
    e = evaluate_indicator(ind("≥5人", "5次", "10"), nat)
    assert e.unit_clash == ("人", "次") and e.figure is None


def _row(label, total=False, **kw):
    return BudgetRow(label, REF, is_total=total, **{k: D(v) for k, v in kw.items()})


def _run(code: str, form: Form, profile: str = "national"):
    ev = evaluate(form, load(profile))
    return list(REGISTRY[code].fn(ev, Context(None, [form], [ev], load(profile))))


def test_balance_check():
    good = Form("project_self_eval", REF, budget=Budget("万元", [_row("资金总额", True, adjusted="11.88",
                                                                      executed="11.88", balance="0")]))
    bad = Form("project_self_eval", REF, budget=Budget("万元", [_row("资金总额", True, adjusted="66",
                                                                     executed="57.74", balance="0")]))
    assert _run("JX106", good) == []
    [f] = _run("JX106", bad)
    assert f.expected == "8.26" and f.found == "0"


def test_total_row_blank_check():
    rows = [_row("年度资金总额", True), _row("其中：当年财政拨款", adjusted="10", executed="9")]
    assert len(_run("JX107", Form("project_self_eval", REF, budget=Budget("万元", rows)))) == 1
    rows[0] = _row("年度资金总额", True, adjusted="10", executed="9")
    assert _run("JX107", Form("project_self_eval", REF, budget=Budget("万元", rows))) == []


def test_ratio_range_known_cases():
    point, rng = ratio_percent(D("8.52"), D("18.02"))
    assert round(point, 2) == D("47.28") and Range.printed(D("47.27")).overlaps(rng)
    point, rng = ratio_percent(D("1787.04"), D("1952.05"))
    assert not Range.printed(D("100.00")).overlaps(rng)


amounts = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)


@given(amounts, amounts)
def test_a_rate_rounded_from_printed_amounts_is_always_accepted(num, den):
    point, rng = ratio_percent(num, den)
    printed = point.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert Range.printed(printed).overlaps(rng)


@given(st.decimals(min_value=0, max_value=100, places=4))
def test_accepted_scores_cover_the_usual_roundings(x):
    acc = accepted_scores(x)
    for places in (D(1), D("0.01")):
        assert x.quantize(places, rounding=ROUND_HALF_UP) in acc
    assert x.to_integral_value(rounding="ROUND_FLOOR") in acc
