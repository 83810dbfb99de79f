"""Prose of real 说明 in the shapes the field corpus showed (青禾县 is invented): a total with a
bracketed aside, a bracketed breakdown inside one item, a second breakdown, a stated base, shares
moved to add up to 100%, and a figure typed differently from its table."""

from __future__ import annotations

from jixiao.pipeline import check_path


def run(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def codes(tmp_path, text: str) -> set[str]:
    return {f.code for f in run(tmp_path, text).findings}


def test_the_total_outside_the_brackets_is_the_list_s_total(tmp_path):
    text = ("青禾县医疗保障局2025年度部门预算\n"
            "2025年收入预算490.00万元（本年预算收入390.00万元），其中：一般公共预算拨款收入300.00万元，占61.22%；"
            "事业收入90.00万元，占18.37%；上年结转100.00万元，占20.41%。\n")
    r = run(tmp_path, text)
    assert not {f.code for f in r.findings} & {"JX504", "JX506"}
    assert any(c.kind == "share" and c.ok for c in r.claims)


def test_a_bracketed_breakdown_is_one_item(tmp_path):
    text = ("青禾县医疗保障局2024年度部门决算\n"
            "2024年度“三公”经费41万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费21万元"
            "（公务用车购置费0万元、公务用车运行维护费21万元），公务接待费20万元。\n")
    assert "JX506" not in codes(tmp_path, text)
    assert "JX506" in codes(tmp_path, text.replace("公务接待费20万元", "公务接待费30万元"))


def test_a_second_breakdown_and_signed_changes_are_not_items(tmp_path):
    text = ("青禾县医疗保障局2025年度部门预算\n"
            "（二）支出预算总计180.00万元。包括：\n"
            "1．社会保障和就业（类）支出100.00万元。\n"
            "2．卫生健康（类）支出80.00万元。\n"
            "此外，基本支出预算数为120.00万元，项目支出预算数为60.00万元。\n"
            "2025年本年预算收入180.00万元，与上年相比减少10.00万元，其中：财政拨款收入减少30.00万元，"
            "事业收入增加20.00万元。\n")
    assert "JX506" not in codes(tmp_path, text)


def test_a_stated_base_is_the_base(tmp_path):
    text = ("青禾县财政局2025年度部门预算\n"
            "2025年“三公”经费预算总额为1969万元，较2024年的2190万元减少221万元，下降10.1%。\n")
    r = run(tmp_path, text)
    [c] = [c for c in r.claims if c.kind == "change"]
    assert c.ok and "2190" in c.rule


def test_shares_moved_to_make_100_are_rounding(tmp_path):
    text = ("青禾县医疗保障局2025年度部门预算\n"
            "2025年本年财政拨款支出预算244675.66万元，其中教育支出220139.76万元，占89.97%；科学技术支出"
            "1723.93万元，占0.71%；社会保障和就业支出15077.81万元，占6.16%；住房保障支出7624.66万元，占3.12%，"
            "其他支出109.50万元，占0.04%。\n")
    r = run(tmp_path, text)
    shares = [f for f in r.findings if f.code == "JX504"]
    assert shares and all(f.severity == "info" for f in shares)


TABLE = """青禾县医疗保障局2025年度部门预算
一、收支预算总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t1180.00\t一、社会保障和就业支出\t300.00
二、使用非财政拨款结余\t20.00\t二、卫生健康支出\t900.00
收入总计\t1200.00\t支出总计\t1200.00
三、部门预算情况说明
2025年收支总预算1200.00万元，其中一般公共预算拨款收入1180.00万元，使用非财政拨款结余{amount}万元。
2024年使用非财政拨款结余15.00万元。
"""


def test_a_prose_amount_against_its_table_row(tmp_path):
    assert "JX508" not in codes(tmp_path, TABLE.format(amount="20.00"))
    found = [f for f in run(tmp_path, TABLE.format(amount="20.50")).findings if f.code == "JX508"]
    assert len(found) == 1 and found[0].expected == "20.00万元" and found[0].found == "20.50万元"


YEARS = """青禾县医疗保障局2022年度“三公”经费预算情况说明
一、2022年“三公”经费预算安排情况
2022年度“三公”经费预算总计21.8万元，其中：因公出国（境）经费0万元，公务接待11.8万元，公务用车运行费用10万元。
二、2021年“三公”经费决算情况
2021年度“三公”经费合计支出20.12万元，其中：因公出国（境）经费0万元，公务接待12.39万元，公务用车运行费用7.73万元。
2022年度“三公”经费预算较2021年度增加1.68万元，其中公务接待较上年同期减少{down}万元。公务用车运行费用较上年同期增加2.27万元，增长29.37%。
"""


def test_a_change_against_the_two_years_the_text_states(tmp_path):
    r = run(tmp_path, YEARS.format(down="0.58"))
    [wrong] = [f for f in r.findings if f.code == "JX509"]
    assert "公务接待" in wrong.message and wrong.expected == "减少0.59万元" and "11.8读作11.80" in wrong.message
    years = [c for c in r.claims if c.kind == "years"]
    assert len(years) == 2 and sum(c.ok for c in years) == 1   # 10 − 7.73 = 2.27 holds
    assert "JX509" not in codes(tmp_path, YEARS.format(down="0.59"))


def test_a_template_instruction_left_in_the_prose(tmp_path):
    text = ("青禾县医疗保障局2025年度部门预算\n"
            "（一）人员经费120.00万元。主要包括：基本工资、津贴补贴、奖金。（按“部门预算公开06表 财政拨款基本支出预算表”"
            "中实际发生经济分类支出事项填写）\n"
            "（二）公用经费60.00万元。主要包括：办公费、水费。（按“部门预算公开08表 财政拨款基本支出预算表”中实际发生"
            "经济分类支出事项填写）\n")
    found = [f for f in run(tmp_path, text).findings if f.code == "JX411"]
    assert len(found) == 1 and len(found[0].also) == 1   # one instruction, two places
    quiet = text.replace("（按“部门预算公开06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）", "（按规定程序报批）")
    quiet = quiet.replace("（按“部门预算公开08表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）", "")
    assert "JX411" not in codes(tmp_path, quiet)


def test_the_own_budget_named_by_another_year(tmp_path):
    text = ("青禾县医疗保障局2019年度部门预算公开\n"
            "纳入本部门{year}年部门汇总预算编制范围的预算单位共计一家。2019年收入预算较2018年预算增加10.00万元。\n")
    [f] = [f for f in run(tmp_path, text.format(year="2018")).findings if f.code == "JX512"]
    assert f.expected == "2019年" and f.found == "2018年"
    assert "JX512" not in codes(tmp_path, text.format(year="2019"))


CODED = """青禾县人民法院2025年度部门预算
财政拨款支出预算表（功能科目）
单位：万元
功能科目编码\t\t功能科目名称\t金额
\t\t合计\t300.00
204\t\t公共安全支出\t300.00
20405\t\t法院\t300.00
2040501\t\t行政运行\t200.00
2040502\t\t一般行政管理事务\t100.00
（一）公共安全（类）
1．法院（款）行政运行（项）200.00万元。
2．法院（款）{name}（项）100.00万元。
"""


def test_an_item_named_otherwise_than_its_table(tmp_path):
    [f] = [f for f in run(tmp_path, CODED.format(name="一般行政事务管理")).findings if f.code == "JX513"]
    assert f.expected == "一般行政管理事务" and f.found == "一般行政事务管理"
    assert "JX513" not in codes(tmp_path, CODED.format(name="一般行政管理事务"))
