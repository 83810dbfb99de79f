"""Reports: sections recognised, attachment lists, required parts (JX801) and attachments (JX802).

Titles and line numbers below were read off the seeds by hand (000 lines 850–910, 003 lines
2–583, 004 lines 385–980), not taken from the recogniser's output.
"""

from __future__ import annotations

from functools import cache

import pytest
from golden_compare import SEEDS, seed_path

from jixiao.pipeline import check_path
from jixiao.readers import read_text
from jixiao.report import outline, reports
from jixiao.report.attachments import list_start
from jixiao.report.numbering import cn_number, parse_marker, split_title

seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


@cache
def checked(prefix: str):
    return check_path(seed_path(prefix))


def found(result) -> set[tuple[str, int]]:
    return {(f.code, f.ref.line) for f in result.findings if f.code.startswith("JX8")}


def roots(rep) -> list[tuple[str, int]]:
    return [(h.marker + h.title, h.ref.line) for h in rep.headings]


# --- numbering -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,style,number,title", [
    ("一、部门（单位）基本情况", "cn", 1, "部门（单位）基本情况"),
    (" 二、一般公共预算支出情况", "cn", 2, "一般公共预算支出情况"),
    ("十、其他需要说明的情况", "cn", 10, "其他需要说明的情况"),
    ("（二）机构设置", "cn_paren", 2, "机构设置"),
    ("(一 )面向社会提供公益服务的职能", "cn_paren", 1, "面向社会提供公益服务的职能"),
    ("（二）、绩效评价指标分析", "cn_paren", 2, "绩效评价指标分析"),
    ("第三部分 情况说明", "part", 3, "情况说明"),
    ("1. 项目决策情况 根据《吕梁市农村贫困人口大病专项救治工作实施方案》", "arabic", 1, "项目决策情况"),
    ("（3）部门（单位）整体支出绩效自评结果", "arabic_paren", 3, "部门（单位）整体支出绩效自评结果"),
    ("（一）履职完成情况：从数量、质量、时效等方面归纳反映", "cn_paren", 1, "履职完成情况"),
])
def test_heading_numbers(text, style, number, title):
    m = parse_marker(text)
    assert (m.style, m.number) == (style, number)
    assert split_title(m.rest)[0] == title


@pytest.mark.parametrize("text", ["2023年我单位无政府性基金预算支出。", "3.20万元用于公车运行", "一是规范绩效目标编制",
                                  "二、机构设置情况.....\t1", "3 进一步强化绩效理念"])
def test_not_heading_numbers(text):
    assert parse_marker(text) is None


def test_chinese_numerals():
    assert [cn_number(s) for s in ("三", "十", "十二", "二十", "二十一")] == [3, 10, 12, 20, 21]


# --- seed 000: 岳阳 部门整体支出绩效自评报告 ------------------------------------------------------

@seeds
def test_000_report_and_its_ten_parts():
    r = checked("000")
    (rep,) = reports(r.doc, r.forms)
    assert rep.kind == "dept"
    assert rep.title == "2023年度岳阳市君山区医疗保障事务中心整体支出绩效自评报告"
    assert rep.cover.line == 850 and rep.ref.line == 865     # a cover page, then the body
    assert roots(rep) == [
        ("一、部门（单位）基本情况", 867), ("二、一般公共预算支出情况", 877), ("三、政府性基金预算支出情况", 883),
        ("四、国有资本经营预算支出情况", 885), ("五、社会保险基金预算支出情况", 887), ("六、部门整体支出绩效情况", 889),
        ("七、存在的问题及原因分析", 894), ("八、下一步改进措施", 896),
        ("九、部门整体支出绩效自评结果拟应用和公开情况", 898), ("十、其他需要说明的情况", 901)]
    first, second = rep.headings[0], rep.headings[1]
    # "（二）机构设置" follows 1.…7. with no "（一）": it belongs under 一、, not under "7."
    assert [(h.marker + h.title, h.ref.line, h.level) for h in first.children] == [("（二）机构设置", 875, 2)]
    assert [(h.title, h.ref.line) for h in second.children] == [("基本支出情况", 878), ("项目支出情况", 881)]
    assert rep.headings[6].text_len > 50 and rep.end_line == 910


@seeds
def test_000_attachment_list_six_items():
    r = checked("000")
    att = reports(r.doc, r.forms)[0].attachments
    assert att.ref.line == 904
    assert [(a.number, a.title, a.ref.line) for a in att.items] == [
        (1, "部门整体支出绩效评价基础数据表", 905), (2, "部门整体支出绩效自评表", 906),
        (3, "项目支出绩效自评表（一个一级项目支出一张表）", 907), (4, "政府性基金预算支出情况表", 908),
        (5, "国有资本经营预算支出情况表", 909), (6, "社会保险基金预算支出情况表", 910)]
    # 附件1–3 are printed before the report (lines 2, 134, 478); 4–6 are not, and the report
    # itself says the unit had none of that spending (lines 884, 886, 888)
    assert [a.found[0].line for a in att.items[:3]] == [2, 134, 478]
    assert [(a.present, a.none_stated.line) for a in att.items[3:]] == [(False, 884), (False, 886), (False, 888)]


@seeds
def test_000_findings_attachments_info_and_no_missing_part():
    r = checked("000")
    assert found(r) == {("JX802", 908), ("JX802", 909), ("JX802", 910)}
    f = next(f for f in r.findings if f.code == "JX802")
    assert f.severity == "info" and "第884行" in f.message and f.message.endswith("。")


def _edited_000(tmp_path, drop: tuple[int, ...]):
    lines = seed_path("000").read_text(encoding="utf-8").split("\n")
    assert lines[893] == "七、存在的问题及原因分析" and lines[894].startswith("预算绩效管理工作有待加强")
    p = tmp_path / "000_edited.txt"
    p.write_text("\n".join(x for i, x in enumerate(lines, 1) if i not in drop), encoding="utf-8")
    return p


@seeds
def test_a_part_removed_from_000_fires_jx801(tmp_path):
    r = check_path(_edited_000(tmp_path, (894, 895)))
    hits = [f for f in r.findings if f.code == "JX801"]
    assert [(f.subject, f.ref.line, f.severity) for f in hits] == [("存在的问题及原因分析", 865, "warning")]
    assert "岳阳市部门整体支出绩效自评报告提纲" in hits[0].message
    assert "JX801" not in {f.code for f in checked("000").findings}


@seeds
def test_a_regional_part_is_required_only_where_the_region_applies(tmp_path):
    # drop 三、政府性基金预算支出情况 (883–884): the 岳阳 outline wants it ...
    lines = seed_path("000").read_text(encoding="utf-8").split("\n")
    text = "\n".join(x for i, x in enumerate(lines, 1) if i not in (883, 884))
    p = tmp_path / "000_no_fund.txt"
    p.write_text(text, encoding="utf-8")
    assert ("政府性基金预算支出情况", 865) in {(f.subject, f.ref.line) for f in check_path(p).findings
                                          if f.code == "JX801"}
    # ... a report of a place without that outline does not
    q = tmp_path / "elsewhere.txt"
    q.write_text(text.replace("岳阳市君山区", "青禾县"), encoding="utf-8")
    assert "JX801" not in {f.code for f in check_path(q, "national").findings}


# --- seed 003: 江西 南昌市西湖区 -------------------------------------------------------------------

@seeds
def test_003_report_title_over_three_lines_and_a_quoted_summary_nested():
    r = checked("003")
    (rep,) = reports(r.doc, r.forms)
    assert rep.title == "南昌市西湖区医疗保障局整体支出绩效自评报告（2022年度）" and rep.ref.line == 4
    assert roots(rep) == [("一、部门概况", 7), ("二、部门（单位）整体支出绩效实现情况", 330),
                          ("三、部门整体支出绩效中存在问题及改进措施", 559), ("四、绩效自评结果拟应用和公开情况", 581)]
    one, two = rep.headings[0], rep.headings[1]
    assert ("当年部门（单位）年度整体支出绩效目标", 70) in [(h.title, h.ref.line) for h in one.children]
    # the work summary quoted inside （一） restarts at 一、: nested, not taken for the report's parts
    assert [(h.title, h.ref.line) for h in two.children] == [
        ("履职完成情况", 332), ("履职效果情况", 476), ("社会满意度及可持续性影响（如有）", 555)]
    nested = two.children[0].children
    assert [(h.marker, h.title, h.ref.line, h.level) for h in nested] == [
        ("一、", "2022年工作完成情况", 336, 3), ("二、", "2023年工作安排和打算", 353, 3)]
    assert found(r) == set()


# --- seed 004: 山西 汾阳 决算公开 with project reports ------------------------------------------

@seeds
def test_004_final_accounts_outline():
    r = checked("004")
    top = outline(r.doc)
    assert [(h.marker + h.title, h.ref.line) for h in top[:3]] == [
        ("第一部分概况", 37), ("第二部分2024年部门决算表", 47), ("第三部分情况说明", 385)]
    part3 = top[2]
    assert [(h.marker, h.ref.line) for h in part3.children] == [
        ("一、", 387), ("二、", 391), ("三、", 396), ("四、", 402), ("五、", 406), ("六、", 429), ("七、", 437),
        ("八、", 441), ("九、", 445), ("十、", 473)]
    assert part3.children[9].title == "其他重要事项情况说明"


@seeds
def test_004_project_reports():
    r = checked("004")
    reps = reports(r.doc, r.forms)
    assert [(x.kind, x.title, x.ref.line) for x in reps] == [
        ("project", "汾阳市医疗保险服务中心2024年度肾透析病人政府补助绩效自评报告", 517),
        ("project", "肾病透析患者医疗费政府补助资金绩效自评报告", 615),
        ("project", "办公经费绩效自评报告", 754),
        ("project", "临时工工资绩效自评报告", 877)]
    assert reps[0].end_line < 597                      # ends before 第四部分 名词解释
    assert roots(reps[0]) == [("一、基本情况", 519), ("二、绩效评价工作开展情况", 537), ("三、评价结论", 553),
                              ("四、有关建议", 585), ("五、其他需要说明的事项", 589)]
    assert roots(reps[1]) == [("一、项目基本信息", 617), ("二、项目绩效完成情况", 669), ("三、项目自评结果", 694),
                              ("四、项目主要经验做法", 736), ("五、项目管理中存在的主要问题及原因分析", 740),
                              ("六、下一步改进措施及管理建议", 744)]
    # "(一) 项目概况" then "（二）项目绩效目标": half- and full-width parentheses, one sequence
    assert [(h.title, h.ref.line) for h in reps[1].headings[0].children] == [
        ("项目概况", 619), ("项目绩效目标", 641), ("项目实施计划", 663)]
    assert reps[3].end_line < 984                      # the appendix form's title ends the last report
    assert found(r) == set()


@seeds
@pytest.mark.parametrize("prefix", ["001", "002"])
def test_no_report_no_finding(prefix):
    r = checked(prefix)
    assert reports(r.doc, r.forms) == [] and found(r) == set()


# --- documents not seen before ---------------------------------------------------------------

REPORT = """青禾县医疗保障局2024年度项目支出绩效自评报告

第一部分 项目基本情况
项目资金80万元，用于医保经办。
第二部分 绩效目标完成情况
1.产出情况
参保人数21.5万人。
2.效益情况
群众满意度92%。
第三部分 存在问题
资金拨付不及时。
附件：1.项目支出绩效自评表 2.绩效目标表
"""


def _doc(text: str):
    return read_text(text.encode("utf-8"), "x.txt")


def test_part_numbered_report_without_measures():
    (rep,) = reports(_doc(REPORT))
    assert rep.kind == "project" and roots(rep) == [
        ("第一部分项目基本情况", 3), ("第二部分绩效目标完成情况", 5), ("第三部分存在问题", 10)]
    assert [(h.title, h.ref.line, h.level) for h in rep.headings[1].children] == [
        ("产出情况", 6, 2), ("效益情况", 8, 2)]
    assert [(a.number, a.title) for a in rep.attachments.items] == [(1, "项目支出绩效自评表"), (2, "绩效目标表")]


def test_jx801_on_an_unseen_layout(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    hits = {(f.code, f.subject) for f in check_path(p).findings if f.code.startswith("JX8")}
    assert ("JX801", "改进措施及建议") in hits
    assert not any(s in ("基本情况", "存在的问题及原因分析", "绩效目标完成情况") for _, s in hits)
    assert ("JX802", "项目支出绩效自评表") in hits and ("JX802", "绩效目标表") in hits


def test_a_report_with_too_few_parts_claims_nothing(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("某项目绩效自评报告\n一、项目概况\n资金已拨付。\n二、其他\n无。\n", encoding="utf-8")
    assert "JX801" not in {f.code for f in check_path(p).findings}


def test_a_mention_of_a_report_is_not_a_report():
    doc = _doc("详见：部门整体支出绩效自评报告\n根据《关于开展2024年度绩效自评工作的通知》，本单位编写了自评报告。\n")
    assert reports(doc) == []


def test_attachment_list_openings():
    doc = _doc("附件：1.部门整体支出绩效评价基础数据表 2.部门整体支出绩效自评表\n附件5\n报告需要以下附件：\n")
    first, label, wanted = doc.blocks
    assert [a.title for a in list_start(first).items] == ["部门整体支出绩效评价基础数据表", "部门整体支出绩效自评表"]
    assert list_start(label) is None
    assert list_start(wanted).items == []


def test_a_form_title_inside_a_report_does_not_end_it(tmp_path):
    text = ("附件2：青禾县医疗保障局2024年度部门整体支出绩效自评报告\n"
            "一、部门基本情况\n本局内设3个股室。\n"
            "二、绩效目标实现情况\n2024年部门整体支出绩效目标表\n指标\t目标值\n参保率\t≥95%\n全年目标均已完成。\n"
            "三、存在的问题\n资金拨付不及时。\n四、改进措施\n加快拨付。\n"
            "附件3\n2024年度部门整体支出绩效自评表\n")
    (rep,) = reports(_doc(text))
    assert rep.title == "青禾县医疗保障局2024年度部门整体支出绩效自评报告" and rep.kind == "dept"
    assert [h.title for h in rep.headings] == ["部门基本情况", "绩效目标实现情况", "存在的问题", "改进措施"]
    assert rep.headings[1].tables == 1 and rep.end_line == 12   # 附件3 (line 13) ends it
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    assert "JX801" not in {f.code for f in check_path(p, "national").findings}
