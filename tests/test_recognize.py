"""Recognisers on the nasty cases, the bundled examples, and the JSON contract's round trip."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from golden_compare import SEEDS, seed_path
from jixiao.blocks import Cell, SourceRef
from jixiao.forms import recognize
from jixiao.forms import roles as R
from jixiao.forms.align import align
from jixiao.forms.levels import LevelTracker
from jixiao.forms.model import Indicator
from jixiao.readers import read_path
from jixiao.readers.text import read_text
from jixiao.render.json import document_json, dumps, forms_from_json, loads

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


def cells(*texts):
    return [Cell(t, SourceRef("x", 1, col=i)) for i, t in enumerate(texts)]


HEADER = {1: R.L1, 2: R.L2, 3: R.NAME, 4: R.TARGET, 5: R.ACTUAL, 6: R.WEIGHT, 7: R.SCORE, 8: R.NOTE}


def roles_of(row):
    return {k: v.text for k, v in align(cells(*row), HEADER).items()}


def test_aligned_row_by_position():
    got = roles_of(["", "产出指标", "数量", "稽核次数", "≥15次", "20次", "10", "10", ""])
    assert got == {R.L1: "产出指标", R.L2: "数量", R.NAME: "稽核次数", R.TARGET: "≥15次", R.ACTUAL: "20次",
                   R.WEIGHT: "10", R.SCORE: "10"}


@pytest.mark.parametrize("row", [
    ["", "特定目标类-成本性支出", "", "≤187.26万元", "17.64万元", "2", "2", "", ""],   # shifted one left
    ["", "运转类公用项目支出", "≤187.26万元", "17.64万元", "2", "2", "", "", ""],       # shifted two left
    ["特定目标类-成本性支出", "", "", "≤187.26万元", "17.64万元", "2", "2", "", ""],   # name in the label column
])
def test_shifted_rows_keep_their_meaning(row):
    got = roles_of(row)
    assert got[R.TARGET] == "≤187.26万元" and got[R.ACTUAL] == "17.64万元"
    assert got[R.WEIGHT] == "2" and got[R.SCORE] == "2" and R.L1 not in got


def test_run_together_cells_are_split():
    header = {0: R.L1, 1: R.L2, 2: R.NAME, 3: R.TARGET0, 4: R.TARGET, 5: R.ACTUAL, 6: R.QNOTE, 7: R.WEIGHT, 8: R.SCORE}
    got = align(cells("", "", "", "数量指标", "2024年参保人数=1人", "=330000人", "=317360人", "", "20", "20"), header)
    assert {k: v.text for k, v in got.items()} == {
        R.L2: "数量指标", R.NAME: "2024年参保人数", R.TARGET0: "=1人", R.TARGET: "=330000人",
        R.ACTUAL: "=317360人", R.WEIGHT: "20", R.SCORE: "20"}


def test_levels_join_fragments_and_carry_down():
    lv = LevelTracker()
    a = Indicator(None, None, "a", SourceRef("x", 1))
    lv.update("level1", "效益指标")
    lv.update("level2", "经济效")
    lv.attach(a)
    lv.update("level2", "益指标")          # the rest of the merged cell, a row later
    lv.update("level1", "（30分）")
    assert (a.level1, a.level2) == ("效益指标", "经济效益指标")
    assert lv.declared == {"效益指标": Decimal(30)}
    lv.update("level2", "社会效")           # a new name, not a continuation
    b = Indicator(None, None, "b", SourceRef("x", 2))
    lv.attach(b)
    assert b.level2 == "社会效"


def test_blank_template_rows_and_headers_split_over_two_rows():
    text = ("2023年度项目支出绩效自评表\n"
            "\t项目名称\n\t甲\n\n"
            "\t项目资金\n\t\n\t年初\n\t全年\n\t全年\n\t分值\n\t执行率\n\t得分\n\n"
            "\t（万元）\n\t\n\t预算数\n\t预算数\n\t执行数\n\t\n\t\n\t\n\n"
            "\t\n\t年度资金总额\n\t100\n\t80\n\t72\n\t10\n\t90.00%\n\t9\n\n"
            "\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            "\t产出指标\n\t数量指标\n\t培训次数\n\t≥4次\n\t4次\n\t90\n\t90\n\n"
            "\t\n\t\n\t……\n\t\n\t\n\t\n\t\n\n"
            "\t总分\n\t100\n\t99\n")
    (form,) = recognize(read_text(text.encode(), "t.txt"))
    row = form.budget.main
    assert (row.initial, row.adjusted, row.executed, row.rate, row.score) == (100, 80, 72, Decimal("90.00"), 9)
    assert [i.name for i in form.indicators] == ["培训次数"]
    assert (form.total_weight, form.total_score, form.project, form.year) == (100, 99, "甲", 2023)


def test_examples_read():
    forms = [f for p in sorted(EXAMPLES.glob("*.txt")) for f in recognize(read_path(p))]
    assert sorted(f.kind for f in forms) == ["dept_self_eval"] + ["final_accounts"] * 3 + ["project_self_eval"]
    dept = next(f for f in forms if f.kind == "dept_self_eval")
    assert len(dept.indicators) == 8 and dept.budget.main.rate == Decimal("89.68")


def _all_paths():
    paths = sorted(EXAMPLES.glob("*.txt"))
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return paths


@pytest.mark.parametrize("path", _all_paths(), ids=lambda p: p.name)
def test_json_round_trip(path):
    doc = read_path(path)
    forms = recognize(doc)
    obj = document_json(doc, forms)
    text = dumps(obj)
    assert forms_from_json(loads(text)) == forms
    assert dumps(loads(text)) == text
    json.loads(text)  # plain JSON too


@needs_seeds
def test_contract_numbers_are_exact_literals():
    doc = read_path(seed_path("002"))
    text = dumps(document_json(doc, recognize(doc)))
    assert '"initial": 0.00' in text and '"rate": 61.04' in text and '"adjusted": 67.00' in text


@needs_seeds
def test_texts_and_signatures_of_002():
    forms = recognize(read_path(seed_path("002")))
    first, fourth, unfilled = forms[0], forms[3], forms[5]
    assert first.texts["problems"] == "资金拨付不及时。"
    assert first.texts["goal"].startswith("坚持稳中求进") and first.texts["goal_actual"].startswith("已完成")
    assert first.people == {"项目负责人": "伏翔鳞", "财务负责人": "蒲春容"}
    assert fourth.people["项目负责人"] == ""            # printed, left unsigned
    assert "（200字以内）" in unfilled.texts["conclusion"]  # the template prompt left in
    assert unfilled.texts["goal_actual"].startswith("对照年度目标")
    assert unfilled.total_score is None and all(i.score is None for i in unfilled.indicators)


@needs_seeds
def test_dates_and_declared_weights():
    f001 = recognize(read_path(seed_path("001")))[0]
    assert f001.dates == {"填报日期": "2024/02/05"} and f001.people["联系人"] == "陈胜宇"
    dept000 = recognize(read_path(seed_path("000")))[1]
    assert dept000.declared_weights == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert dept000.budget.breakdown[0]["label"] == "按收入性质分"
