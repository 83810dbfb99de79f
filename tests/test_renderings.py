"""JX901/JX902: one project's renderings must agree; pasted problems and measures are noted."""

from __future__ import annotations

import pytest
from golden_compare import SEEDS, seed_path

from jixiao.checks.renderings import _alike, project_key
from jixiao.pipeline import check_path

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


def _found(path, code):
    return [f for f in check_path(path).findings if f.code == code]


def test_project_names_match_across_renderings():
    assert project_key("“办公经费”项目") == project_key("办公经费") == "办公经费"
    assert project_key("肾病透析患者医疗费政府补助资金") == "肾病透析患者医疗费政府补助"


def test_near_identical_texts():
    a = "2024年我单位按照要求做好三保工作，保障临时工人员基本工资补助，财政下达的118800元已按时全部发放。"
    assert _alike(a, a.replace("下达的", "下达了"))
    assert not _alike(a, "资金拨付滞后，部分指标设置不够细化，下一步将加强预算执行监控和指标管理。")
    assert not _alike("无", "无")   # too short to call pasted


@needs_seeds
def test_004_office_funds_disagree_between_report_appendix_and_summary():
    found = _found(seed_path("004"), "JX901")
    # 办公经费: 577394.19元 (report table) = 57.74万元 (summary) ≠ 67.739万元 (appendix);
    # indicator 完成工作资金 57.74万元 vs 67.74万元. 临时工工资 118800元 = 11.88万元 agrees.
    assert {(f.ref.line, f.expected, f.found) for f in found} == {
        (1026, "577394.19元", "67.739万元"), (1034, "57.74万元", "67.74万元")}
    assert all(f.severity == "error" and "办公经费" in f.subject for f in found)


@needs_seeds
def test_agreeing_renderings_are_quiet(tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    text = text.replace("66\t66\t67.739\t67.739", "66\t66\t57.739\t57.739").replace("=67.74万元", "=57.74万元")
    p = tmp_path / "004_agreeing.txt"
    p.write_text(text, encoding="utf-8")
    assert _found(p, "JX901") == []


@needs_seeds
def test_pasted_problems_and_measures():
    found = {(f.ref.line, f.subject) for f in _found(seed_path("004"), "JX902")}
    # the 临时工工资 summary repeats 办公经费's problems and measures; its appendix form's
    # 存在问题 box repeats its 实施过程 box
    assert {(507, "临时工工资·存在问题"), (507, "临时工工资·改进措施"), (1008, "临时工工资·存在问题")} <= found
    assert all(f.severity == "info" for f in _found(seed_path("004"), "JX902"))
    assert _found(seed_path("001"), "JX902") == []
