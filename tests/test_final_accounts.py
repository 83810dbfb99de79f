"""Reading the final-accounts tables (公开01–10) of seed 004."""

from __future__ import annotations

from decimal import Decimal

import pytest
from golden_compare import SEEDS, seed_path

from jixiao.forms import recognize
from jixiao.readers import read_path
from jixiao.render.json import document_json, dumps, forms_from_json, loads

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


def _tables():
    doc = read_path(seed_path("004"))
    forms = recognize(doc)
    return doc, forms, [f for f in forms if f.kind == "final_accounts"]


def test_all_ten_tables_with_their_rows():
    _, _, tables = _tables()
    assert [t.data["table"] for t in tables] == [f"公开{n:02d}" for n in range(1, 11)]
    assert all(t.department == "汾阳市医疗保险服务中心" and t.year == 2024 and t.data["unit"] == "万元"
               for t in tables)
    rows = {t.data["table"]: t.data["rows"] for t in tables}
    # 公开01: 31 printed lines from 一、一般公共预算财政拨款收入 to 总计
    assert rows["公开01"][0]["cells"][:3] == ["一、一般公共预算财政拨款收入", "1", "758.48"]
    assert rows["公开01"][-1]["cells"][0] == "总计" and len(rows["公开01"]) == 31
    # 公开02/03/05: 合计 and 18 coded rows each; 公开06: the four side-by-side groups
    for n in ("公开02", "公开03", "公开05"):
        assert rows[n][0]["cells"][0] == "合计" and sum("codes" in r for r in rows[n]) == 18
    codes06 = [c["code"] for r in rows["公开06"] for c in r.get("codes", [])]
    assert len(codes06) == 110 and "30108" in codes06 and "39999" in codes06
    # 公开09: one data row under the column numbers; 3.20 = 公务用车运行维护费
    assert rows["公开09"][0]["values"][0] == Decimal("3.20") and len(rows["公开09"]) == 1
    assert "公务用车购置费" in tables[8].data["columns"]


def test_final_accounts_round_trip_through_json():
    doc, forms, _ = _tables()
    assert forms_from_json(loads(dumps(document_json(doc, forms)))) == forms


EMPTY_AND_CAPTIONED = (
    "政府性基金预算财政拨款收入支出决算表\n\n公开07表\n\n部门名称：某县医疗保障局\t金额单位：万元\n\n"
    "项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n"
    "科目代码\t科目名称\t\t\t小计\t基本支出\t项目支出\t\n合计\t\t\t\t\t\t\t\n\n说明：本表无数据。\n\n"
    "收入决算表\n\n公开02表\n\n部门名称：某县医疗保障局\n\n金额单位：万元\n\n"
    "项目\t\t本年收入合计\t财政拨款收入\t其他收入\n科目代码\t科目名称\t\t\t\n"
    "合计\t\t100.00\t90.00\t10.00\n208\t社会保障和就业支出\t100.00\t90.00\t10.00\n"
    "20805\t行政事业单位养老支出\t100.00\t90.00\t10.00\n")


def test_a_caption_line_and_an_empty_table(tmp_path):
    # the caption “部门名称：…<tab>金额单位：万元” is not the table; a table with no data keeps its 合计 row
    p = tmp_path / "county.txt"
    p.write_text(EMPTY_AND_CAPTIONED, encoding="utf-8")
    forms = recognize(read_path(p))
    fund, income = forms
    assert fund.data["table"] == "公开07" and fund.department == "某县医疗保障局" and fund.data["unit"] == "万元"
    assert fund.data["columns"][-1] == "年末结转和结余" and [r["cells"][0] for r in fund.data["rows"]] == ["合计"]
    assert income.data["table"] == "公开02" and len(income.data["rows"]) == 3


def test_a_row_keeps_its_amounts_and_code_whatever_the_layout():
    """Two layouts field file 016 prints: an amount such as 109.50 beside a label is an amount, not
    the code 10950; and a code printed under 类 | 款 | 项 with the 款/项 cells blank keeps its name
    and its amounts (they were split into a code without a name and a name without a code)."""
    from jixiao.forms.ledger import _labelled
    two_sides = _labelled(["其中：政府性基金预算财政拨款", "109.50", "二、外交支出", ""],
                          ["收入·项目", "决算数", "支出·项目", "决算数"])
    assert two_sides[0][3] == [(1, Decimal("109.50"))] and two_sides[1][2] is None
    split = _labelled(["20502", "", "", "普通教育", "211,403.50", "175,902.59"],
                      ["项目·科目编码", "", "", "科目名称", "本年支出·合计", "基本支出"])
    assert split == [("项目", "普通教育", "20502", [(4, Decimal("211403.50")), (5, Decimal("175902.59"))])]
