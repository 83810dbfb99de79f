"""`jixiao assess`: the 自评工作考核评分表 with its objective items scored from the document.

Hand computation for seed 000 (its own 附件5, lines 912–978; figures read off the seed):

- 完整性（1） 正文 (8分, "每少一个部分扣2分，最多扣8分"): the report (865–902) has all ten parts
  of its outline, 一、部门（单位）基本情况 … 十、其他需要说明的情况 → 8 − 2×0 = 8.
- 完整性（2） 附件 (7分, "每少一个部分扣2分，最多扣7分"): six listed (905–910); 1 基础数据表 (line 2),
  2 部门整体支出绩效自评表 (134), 3 项目支出绩效自评表 (478) are printed; 4 政府性基金, 5 国有资本经营,
  6 社会保险基金预算支出情况表 are not → 7 − min(7, 2×3) = 1.
- 绩效自评表（1） 权重 (5分, "按比例扣除"): per the 湖南 profile 预算执行10 / 产出50 / 效益30 / 满意度10.
  部门整体 form (134): 执行 10 ✓ (line 154), 产出 10+10+10+10 = 40 ✗ (205/235/255/285),
  效益 10+10+10+10 = 40 ✗ (319/350/360/411), 满意度 10 ✓ (443). 项目 form (478): 执行 10 ✓ (522),
  产出 10+5+5+10+10+10 = 50 ✓, 效益 10+10+10 = 30 ✓, 满意度 10 ✓. 6 of 8 conform → 5 × 6/8 = 3.75.
- 绩效自评表（2） 三级 (5分): all 9 + 10 indicators have a third-level name → 5.
- Objective: 8 + 1 + 3.75 + 5 = 17.75 of 8 + 7 + 5 + 5 = 25.
- Judgement: 自评通知 2 + 6, 工作小组 2, 单位自查 10, 提交报告 10, 指标内涵 10, 反映问题 20, 建议 15 = 75.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache

import pytest
from golden_compare import SEEDS, seed_path
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.pipeline import check_path
from jixiao.readers import read_text
from jixiao.report.assess import assess
from jixiao.report.scoring import builtin, find_table

seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
runner = CliRunner()


@cache
def assessed(prefix: str, profile: str | None = None):
    return assess(check_path(seed_path(prefix), profile, checks=[]))


def scores(a) -> dict[str, Decimal | None]:
    return {s.item.name: s.score for s in a.items}


@seeds
def test_000_table_read_from_the_document():
    t = find_table(check_path(seed_path("000"), checks=[]).doc)
    assert (t.title, t.ref.line, t.total) == ("部门整体支出绩效自评工作考核评分表", 913, 100)
    assert [(i.level1, i.name, i.points, i.ref.line) for i in t.items] == [
        ("布置工作", "自评通知（1）", 2, 924), ("布置工作", "自评通知（2）", 6, 925), ("布置工作", "工作小组", 2, 931),
        ("实施评价", "单位自查", 10, 939), ("实施评价", "提交报告", 10, 946),
        ("自评报告", "完整性（1）", 8, 953), ("自评报告", "完整性（2）", 7, 954),
        ("自评报告", "绩效自评表（1）", 5, 960), ("自评报告", "绩效自评表（2）", 5, 961),
        ("自评报告", "绩效自评表（3）", 10, 962), ("自评报告", "反映问题情况", 20, 969), ("自评报告", "建议情况", 15, 974)]
    assert sum(i.points for i in t.items) == t.total


@seeds
def test_000_objective_scores_by_hand():
    a = assessed("000")
    assert a.table.origin == "document" and a.profile_id == "hunan" and a.report.ref.line == 865
    objective = {s.item.name: s.score for s in a.items if s.kind == "objective"}
    assert objective == {"完整性（1）": Decimal(8), "完整性（2）": Decimal(1), "绩效自评表（1）": Decimal("3.75"),
                         "绩效自评表（2）": Decimal(5)}
    assert (a.objective_score, a.objective_points, a.awaiting, a.total_points) == (
        Decimal("17.75"), 25, 75, 100)
    assert a.summary == "objective 17.75 of 25; 75 points await the reviewer"


@seeds
def test_000_judgement_items_are_never_scored():
    a = assessed("000")
    judged = [(s.item.name, s.item.points) for s in a.items if s.kind == "judgement"]
    assert judged == [("自评通知（1）", 2), ("自评通知（2）", 6), ("工作小组", 2), ("单位自查", 10), ("提交报告", 10),
                      ("绩效自评表（3）", 10), ("反映问题情况", 20), ("建议情况", 15)]
    assert all(s.score is None and s.basis[0].text.startswith("评分标准：") for s in a.items if s.kind == "judgement")


@seeds
def test_000_basis_names_the_source_lines():
    a = assessed("000")
    by = {s.item.name: s for s in a.items}
    att = by["完整性（2）"].basis
    assert [f.line for f in att if f.text.startswith("✗")] == [908, 909, 910]
    weights = {f.line: f.text for f in by["绩效自评表（1）"].basis if f.line}
    assert "产出指标40分（应为50分）✗" in weights[134] and "效益指标40分（应为30分）✗" in weights[134]
    assert "✗" not in weights[478]
    problems = [f for f in by["反映问题情况"].basis if f.text.startswith("报告相关部分")]
    assert problems[0].line == 894


@seeds
def test_000_a_missing_part_costs_two_points(tmp_path):
    lines = seed_path("000").read_text(encoding="utf-8").split("\n")
    assert lines[893] == "七、存在的问题及原因分析"
    p = tmp_path / "000_edited.txt"
    p.write_text("\n".join(x for i, x in enumerate(lines, 1) if i not in (894, 895)), encoding="utf-8")
    a = assess(check_path(p, checks=[]))
    assert scores(a)["完整性（1）"] == 6      # 8 − 2×1
    assert any(f.text == "✗存在的问题及原因分析：未见" for s in a.items for f in s.basis)


@seeds
def test_the_profile_decides_the_weights():
    # 四川 fixes only 预算执行10 and 绩效指标合计90: 000's forms (10 + 90, 10 + 90) conform
    assert scores(assessed("000", "sichuan"))["绩效自评表（1）"] == 5
    assert scores(assessed("000", "national"))["绩效自评表（1）"] == Decimal("3.75")


@seeds
def test_builtin_table_where_the_document_has_none():
    a = assessed("003")
    assert a.table.origin == "builtin" and a.table.ref is None
    assert [(i.name, i.points, i.measure) for i in a.table.items] == \
        [(i.name, i.points, i.measure) for i in builtin().items]
    by = {s.item.name: s for s in a.items}
    assert by["完整性（1）"].kind == "objective" and by["完整性（1）"].score == 8   # 4 parts, all present
    # 003 has a target table but no scored self-evaluation form, and lists no attachments
    for name in ("完整性（2）", "绩效自评表（1）", "绩效自评表（2）"):
        assert by[name].kind == "judgement" and by[name].score is None and by[name].note


def test_builtin_table_is_000s_appendix():
    t = builtin()
    assert sum(i.points for i in t.items) == t.total == 100
    assert {i.name: i.measure for i in t.items if i.measure} == {
        "完整性（1）": "report_sections", "完整性（2）": "attachments", "绩效自评表（1）": "weights",
        "绩效自评表（2）": "level3"}


def test_a_row_per_line_scoring_table():
    text = ("附件3\n某市部门整体支出绩效自评工作考核表\n"
            "一级指标\t二级指标\t分值\t评分标准\n"
            "自评报告\t完整性\t10\t1.报告正文部分内容齐全的，得6分；每缺一个部分扣3分。\n"
            "\t\t\t\n"
            "\t及时性\t5\t按时报送的得5分。\n")
    t = find_table(read_text(text.encode("utf-8"), "t.txt"))
    assert [(i.name, i.points, i.measure) for i in t.items] == [("完整性", 10, "report_sections"), ("及时性", 5, None)]


def test_a_self_evaluation_form_is_not_a_scoring_table():
    text = "一级指标\t二级指标\t三级指标\t指标值\t评分标准\t分值\n产出指标\t数量指标\t参保人数\t≥20万人\t达标得满分\t10\n"
    assert find_table(read_text(text.encode("utf-8"), "t.txt")) is None


# --- the command line ------------------------------------------------------------------------

@seeds
def test_cli_json():
    res = runner.invoke(app, ["assess", str(seed_path("000")), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["total"] == {"points": 100, "objective_points": 25, "objective_score": 17.75,
                            "awaiting_reviewer": 75, "summary": "objective 17.75 of 25; 75 points await the reviewer"}
    items = {i["name"]: i for i in out["items"]}
    assert {k for k in items["完整性（2）"]} >= {"name", "points", "kind", "score", "basis"}
    assert items["完整性（2）"]["kind"] == "objective" and items["完整性（2）"]["score"] == 1
    assert items["提交报告"]["kind"] == "judgement" and items["提交报告"]["score"] is None
    assert {"text", "line"} <= set(items["完整性（2）"]["basis"][0])


@seeds
def test_cli_table():
    res = runner.invoke(app, ["assess", str(seed_path("000"))])
    assert res.exit_code == 0, res.output
    assert "待评审" in res.stdout and "3.75" in res.stdout
    assert "objective 17.75 of 25; 75 points await the reviewer" in res.stdout


def test_cli_bad_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = runner.invoke(app, ["assess", str(tmp_path / "empty.txt")])
    err = "".join(res.stderr.split())   # the console wraps long paths
    assert res.exit_code == 2
    assert "empty.txt" in err and "文件为空/fileisempty" in err
    assert "Traceback" not in res.output
    res = runner.invoke(app, ["assess", str(tmp_path / "missing.txt"), "-f", "json"])
    err = "".join(res.stderr.split())
    assert res.exit_code == 2 and "missing.txt" in err and "文件不存在/filenotfound" in err and res.stdout == ""


def test_cli_unknown_profile(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("某项目绩效自评报告\n一、项目概况\n", encoding="utf-8")
    res = runner.invoke(app, ["assess", str(p), "--profile", "nowhere"])
    assert res.exit_code == 2 and "nowhere" in res.stderr
