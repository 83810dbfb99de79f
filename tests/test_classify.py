"""What a file is, whose, and from where: kinds, departments and places on small documents
written here in the shape of real ones (青禾县 is invented; the divisions are real)."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import pytest

from jixiao.batch import sources
from jixiao.classify.place import gazetteer, resolve
from jixiao.pipeline import check_path


def checked(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_path(path)


# --- places ------------------------------------------------------------------------------

@pytest.mark.parametrize("name,province,city,county", [
    ("岳阳市君山区医疗保障局", "湖南省", "岳阳市", "君山区"),
    ("黔南州医疗保障局", "贵州省", "黔南布依族苗族自治州", None),
    ("福泉市医疗保障局", "贵州省", "黔南布依族苗族自治州", "福泉市"),
    ("荔波县财政局", "贵州省", "黔南布依族苗族自治州", "荔波县"),
    ("深圳市宝安区松岗街道办事处（本级）", "广东省", "深圳市", "宝安区"),
    ("中共江苏省委办公厅", "江苏省", None, None),
    ("广元市昭化区医疗保障局部门", "四川省", "广元市", "昭化区"),
    ("重庆市北碚区教育委员会", "重庆市", None, "北碚区"),
    ("南昌市西湖区医疗保障局", "江西省", "南昌市", "西湖区"),
])
def test_a_department_resolves_county_city_province(name, province, city, county):
    place = resolve(name)
    assert (place.province, place.city, place.county) == (province, city, county)
    assert name in place.evidence


def test_a_name_found_in_two_provinces_stays_unknown_and_says_why():
    place = resolve("朝阳区财政局")
    assert not place.known
    assert "朝阳区" in place.evidence and "北京市" in place.evidence


def test_a_name_without_a_place_is_not_guessed():
    assert not resolve("西南大学").known
    assert not resolve(None).known


def test_the_county_table_holds_every_level():
    g = gazetteer()
    levels = {d.level for d in g.by_code.values()}
    assert levels == {"province", "city", "county"}
    assert sum(d.level == "province" for d in g.by_code.values()) == 31
    assert sum(d.level == "county" for d in g.by_code.values()) > 2800


# --- kinds -------------------------------------------------------------------------------

BUDGET = """青禾县医疗保障局
2025年度部门预算公开
一、收支预算总表
部门名称：青禾县医疗保障局
单位：万元
收入\t\t支出\t
项目\t金额\t项目\t金额
一、一般公共预算拨款收入\t1180.00\t一、社会保障和就业支出\t300.00
二、政府性基金预算拨款收入\t\t二、卫生健康支出\t880.00
本年收入合计\t1180.00\t本年支出合计\t1180.00
收入总计\t1180.00\t支出总计\t1180.00
二、一般公共预算支出表
部门名称：青禾县医疗保障局
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t1180.00\t420.00\t760.00
208\t社会保障和就业支出\t300.00\t300.00\t
210\t卫生健康支出\t880.00\t120.00\t760.00
2025年收入预算1180.00万元，比上年预算增加80.00万元，增长7.27%。
"""


def test_a_budget_disclosure_is_not_final_accounts(tmp_path):
    r = checked(tmp_path, BUDGET)
    assert r.info.kind == "budget_disclosure"
    assert r.info.department == "青禾县医疗保障局"
    assert r.info.year == 2025
    assert {f.kind for f in r.forms} == {"budget_table"}
    assert any("标题" in e for e in r.info.kind_evidence)
    assert [f for f in r.findings if f.severity == "error"] == []


def test_budget_table_rows_feed_the_identities(tmp_path):
    broken = BUDGET.replace("210\t卫生健康支出\t880.00\t120.00\t760.00", "210\t卫生健康支出\t880.00\t110.00\t760.00")
    codes = {f.code for f in checked(tmp_path, broken).findings}
    assert "JX603" in codes   # 合计 880 ≠ 基本 110 + 项目 760


TARGETS = """二级项目支出绩效目标申报表
项目名称：\t青禾县医保信息化运维\t项目编码：\t361100251000001
申请单位：\t青禾县医疗保障局\t一级预算单位：\t青禾县医疗保障局
一级指标\t二级指标\t三级指标\t目标值\t指标解释
产出\t数量\t系统运维次数\t≥12次\t按月运维
\t质量\t系统可用率\t≥99%\t年度统计
效益\t经济效益\t不适用\t不适用\t不适用
\t生态效益\t不适用\t不适用\t不适用
满意度\t服务对象满意度\t参保群众满意度\t≥90%\t问卷调查
"""


def test_a_target_table_is_never_scored(tmp_path):
    r = checked(tmp_path, TARGETS)
    assert r.info.kind == "performance_targets"
    assert r.forms and all(f.is_declaration for f in r.forms)
    codes = {f.code for f in r.findings}
    assert not codes & {"JX302", "JX408", "JX402", "JX403", "JX202"}
    assert "JX207" not in codes   # the template's 不适用 rows are no duplicate indicators
    assert r.info.place.county is None and r.info.department == "青禾县医疗保障局"


LETTER = """关于报送2024年度部门整体支出绩效自评报告的通知
各预算单位：
根据《青禾县预算绩效管理办法》，请于2025年3月31日前报送2024年度部门整体支出绩效自评报告。
特此通知。
青禾县财政局
2025年3月1日
"""

POLICY = """青禾县预算绩效管理办法（试行）
第一章 总则
第一条 为全面实施预算绩效管理，制定本办法。
第二条 本办法适用于全县各预算单位。
第三条 预算绩效自评由各单位组织实施，自评结果作为预算安排的参考。
"""


@pytest.mark.parametrize("text", [LETTER, POLICY], ids=["cover letter", "policy text"])
def test_a_letter_or_a_rule_is_other_and_not_checked(tmp_path, text):
    r = checked(tmp_path, text)
    assert r.info.kind == "other"
    assert [f.code for f in r.findings] == ["JX011"]
    assert "未经复核" in r.findings[0].message


def test_a_file_with_a_checked_form_is_not_reported_as_unchecked(tmp_path):
    r = checked(tmp_path, BUDGET)
    assert "JX011" not in {f.code for f in r.findings}


def test_an_empty_folder_and_an_empty_archive_are_named(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    archive = tmp_path / "none.zip"
    zipfile.ZipFile(archive, "w").close()
    found = sources([empty, archive])
    assert [s.name for s in found] == [str(empty), str(archive)]
    assert all(s.error is not None and "没有" in s.error.zh for s in found)


def test_a_place_in_the_prose_never_decides(tmp_path):
    text = BUDGET.replace("青禾县", "荔波县").replace("2025年收入预算", "我局赴山西省考察学习。2025年收入预算")
    r = checked(tmp_path, text)
    assert (r.info.place.province, r.info.place.county) == ("贵州省", "荔波县")
    assert r.profile.id == "guizhou" and "荔波县" in r.profile_reason


def test_an_invented_place_gets_the_national_profile(tmp_path):
    r = checked(tmp_path, BUDGET.replace("2025年收入预算", "我局赴山西省考察学习。2025年收入预算"))
    assert not r.info.place.known and r.profile.id == "national"


PROJECT_TARGETS = """青禾县教育局2025年度部门预算
五、项目绩效目标表
236 青禾县课程建设专项项目绩效目标表
（2025 年度）
项目名称\t\t236青禾县课程建设专项\t\t\t\t
主管部门及代码\t\t[105]青禾县教育局\t\t实施单位\t青禾县第一中学\t
项目资金（万元）\t\t年度资金总额：\t\t1,960.35\t\t执行率分值（10）
\t\t其中：财政拨款\t\t1,930.00\t\t
\t\t上年结转\t\t30.35\t\t
\t\t其他资金\t\t-\t\t
年度总体目标\t开展课程建设，提升教学质量。\t\t\t\t\t
绩效指标\t一级指标\t二级指标\t三级指标\t\t指标值\t分值（90）
\t产出指标\t数量指标\t建设课程数\t\t≥20门\t30
\t\t质量指标\t课程合格率\t\t≥95%\t30


\t\t时效指标\t按期完成率\t=100%\t10
\t效益指标\t社会效益指标\t教学质量提升\t显著\t10
\t满意度指标\t服务对象满意度指标\t学生满意度\t≥90%\t10
"""


def test_a_project_target_table_over_two_pages_in_a_budget(tmp_path):
    r = checked(tmp_path, PROJECT_TARGETS)
    assert r.info.kind == "budget_disclosure" and "performance_targets" in r.info.parts
    [form] = r.forms
    assert form.kind == "project_targets" and form.is_declaration
    assert [row.declared for row in form.budget.rows] == [Decimal("1960.35"), Decimal("1930.00"), Decimal("30.35"), None]
    assert [i.weight for i in form.indicators] == [30, 30, 10, 10, 10]   # the second page's rows one column narrower
    assert form.declared_weights == {"预算执行": 10, "绩效指标": 90}
    assert r.findings == []


@pytest.mark.parametrize("change,code", [
    (("\t\t其中：财政拨款\t\t1,930.00", "\t\t其中：财政拨款\t\t1,920.00"), "JX105"),
    (("按期完成率\t=100%\t10", "按期完成率\t=100%\t15"), "JX201"),
])
def test_a_target_table_s_own_sums_are_checked(tmp_path, change, code):
    r = checked(tmp_path, PROJECT_TARGETS.replace(*change))
    assert code in {f.code for f in r.findings}
    assert not {f.code for f in r.findings} & {"JX302", "JX408", "JX402", "JX403"}


@pytest.mark.parametrize("amount,fires", [("3,000.00", True), ("0.30", False), ("2,900.00", False)])
def test_a_target_amount_entered_in_yuan(tmp_path, amount, fires):
    text = TARGETS.replace("一级指标\t二级指标", f"本年度项目金额（万元）：\t{amount}\t测算依据：\t系统运维费0.3万元\n"
                                               "一级指标\t二级指标")
    r = checked(tmp_path, text)
    found = [f for f in r.findings if f.code == "JX510"]
    assert bool(found) == fires
    if fires:
        assert found[0].expected == "0.3万元" and "以元填列" in found[0].message


@pytest.mark.parametrize("text,kind", [
    # a whole government's budget report or statement is not a department's disclosure
    ("关于某某市2023年预算执行情况和2024年预算草案的报告\n各位代表：\n全市一般公共预算收入安排77.6亿元，同比增长5%。\n", "other"),
    ("2024年某某县预算说明\n一、一般公共预算说明\n全县一般公共预算收入安排12.3亿元，比上年预算增长3%。\n", "other"),
    ("某某县财政局2024年部门预算说明\n一、部门基本情况\n2024年收入预算1,234.56万元，支出预算1,234.56万元。\n",
     "budget_disclosure"),
    # a notice run together with its text, and a news item, have no title line: their opening says it
    ("某某县财政局关于下达2022年度第三批交通项目补助资金的通知各有关乡镇人民政府：现将补助资金299万元下达给你们，"
     "请按项目支出绩效目标表组织实施，年终开展项目支出绩效自评。", "other"),
    ("财政部近日发布通知，启动中央部门项目支出绩效自评工作，要求填报项目支出绩效自评表，如实填写实际完成值和偏差原因。",
     "other"),
    # an opening that cites another document (根据《…决算公开…》) says nothing of this one's kind
    ("根据《某省预决算公开操作规程》的有关规定，经某某市财政局汇总，2025年全市“三公”经费预算总额为1969万元，"
     "较2024年的2190万元减少221万元，下降10.1%。", "budget_disclosure"),
])
def test_what_the_title_or_the_opening_says(tmp_path, text, kind):
    assert checked(tmp_path, text).info.kind == kind
