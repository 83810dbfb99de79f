"""Every check fires on a case made to fire it, and stays silent on the clean table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from mini import codes, run

from jixiao.checks import REGISTRY, selected


def test_clean_table_has_no_findings():
    r = run()
    assert r.error is None and len(r.forms) == 1
    assert [f.code for f in r.findings] == []


# (code, changes that make it fire, changes that are close but must not)
CASES = [
    ("JX101", dict(rate="97.00%"), dict(rate="95.0%")),
    ("JX102", dict(initial="1250.00", p_initial="830.00", rate="89.68%", exec_score="9"),
     dict(initial="1250.00", p_initial="830.00")),
    ("JX103", dict(exec_score="8"), dict(exec_score="9")),
    ("JX105", dict(p_adjusted="750.00"), dict(p_adjusted="760")),
    ("JX201", dict(s1="15", n1="x", a1="22万人", total="94.5", w7="5", s7="5"), dict()),
    ("JX202", dict(w5="10", s5="10", w7="15", s7="15"), dict()),
    ("JX203", dict(s1="25", total="104.5"), dict(s1="20")),
    ("JX204", dict(s1="18", total="97.5", n1="酌情扣分"), dict(s1="20")),
    ("JX205", dict(a1="19.35万人", n1="参保人数下降"), dict(a1="19.35万人", s1="18", total="97.5", n1="参保人数下降")),
    ("JX209", dict(a1="19.35万人", s1="10", total="89.5", n1="参保人数下降"),
     dict(a1="19.35万人", s1="18", total="97.5", n1="参保人数下降")),
    ("JX206", dict(a1=""), dict(a1="21.6万人")),
    ("JX208", dict(a1="21.6万户"), dict(a1="216000人")),
    ("JX210", dict(a1="≥21.5万人"), dict(a1="21.5万人")),
    ("JX211", dict(t5="定性"), dict(t5="明显减轻")),
    ("JX301", dict(total="98"), dict(total="99")),  # 99 is 99.5 printed to a whole point
    ("JX303", dict(grade="良"), dict(grade="优")),
    ("JX304", dict(a1="10万人", n1="参保人数统计口径调整"), dict(a1="21.6万人")),
    ("JX401", dict(problems="结合自评情况，分析存在的问题及原因。（200字以内）"), dict(problems="资金拨付不及时。")),
    ("JX402", dict(a2="", s2="0", total="89.5"), dict(a2="0.3%")),
    ("JX403", dict(s2="", total="89.5"), dict(s2="10")),
    ("JX404", dict(a1="19.35万人", s1="18", total="97.5", n1="参保人数下降", problems=""),
     dict(executed="1180.00", rate="100.00%", exec_score="10", p_executed="761.50", total="100", problems="")),
    ("JX405", dict(signer=""), dict(signer="林晓")),
    ("JX406", dict(date=""), dict(date="2025/03/10")),
    ("JX407", dict(a1="19.35万人", s1="18", total="97.5"), dict(a1="19.35万人", s1="18", total="97.5", n1="参保人数下降")),
    ("JX501", dict(problems="项目支出全年执行702.5元。"), dict(problems="项目支出全年执行702.5万元。")),
    ("JX502", dict(problems="截止2025年6月底已全部拨付。"), dict(problems="截止2025年3月10日已全部拨付。")),
    ("JX503", dict(problems="项目执行率=（702.5/760）×100%=95.00%。"), dict(problems="项目执行率=（702.5/760）×100%=92.43%。")),
    ("JX503", dict(problems="全年预算数为1180万元，执行数为1121万元，执行率为97%。"),
     dict(problems="全年预算数为1180万元，执行数为1121万元，执行率为95%。")),
    ("JX410", dict(rate=""), dict(rate="95.00%")),
    ("JX410", dict(grade=""), dict(grade="优")),
    ("JX410", dict(t5=""), dict(t5="明显减轻")),
    ("JX514", dict(problems="截至年底基本医保参保人数20.5万人。"), dict(problems="截至年底基本医保参保人数21.6万人。")),
    ("JX514", dict(problems="截至年底基本医保参保人数20.5万人。"), dict(problems="基本医保参保人数比上年减少1.1万人。")),
    ("JX514", dict(problems="截至年底基本医保参保人数20.5万人。"), dict(problems="基本医保参保人数21.5万人以上。")),
    ("JX514", dict(problems="截至年底基本医保参保人数20.5万人。"), dict(problems="上半年基本医保参保人数20.5万人。")),
    ("JX514", dict(problems="截至12月底基本医保参保人数20.5万人。"), dict(problems="截至6月底基本医保参保人数20.5万人。")),
    ("JX514", dict(problems="截至年底基本医保参保人数20.5万人。"), dict(problems="2023年基本医保参保人数20.5万人。")),
    ("JX514", dict(problems="截至年底基本医保参保人数20.5万人。"),
     dict(problems="参保人数21.6万人，其中基本医保参保人数20.5万人。")),
]


@pytest.mark.parametrize("code,fires,quiet", CASES, ids=[c[0] for c in CASES])
def test_check_fires_and_stays_quiet(code, fires, quiet):
    assert code in codes(**fires)
    assert code not in codes(**quiet)


def test_every_check_has_a_case_here_or_on_the_seeds():
    seed_tested = {"JX010", "JX011", "JX012", "JX013", "JX104", "JX207", "JX302", "JX212", "JX213", "JX214", "JX409", "JX411", "JX512", "JX513", "JX106", "JX107", "JX108", "JX215", "JX408", "JX601", "JX602", "JX504", "JX505", "JX506", "JX507", "JX508", "JX509", "JX510", "JX603", "JX604", "JX701", "JX702", "JX703", "JX704", "JX801", "JX802", "JX901", "JX902", "JX014"}  # tests on seeds, test_claims.py, test_cross_tables.py, test_scan.py, test_classify.py, test_entry.py
    assert set(REGISTRY) == {c for c, _, _ in CASES} | seed_tested


def test_explanation_needed_only_where_the_profile_says():
    low = dict(executed="720.30", rate="61.04%", exec_score="6.1", p_executed="301.80", total="96.1")
    assert "JX104" in codes("sichuan", **low)
    assert "JX104" not in codes("national", **low)
    assert "JX104" not in codes("sichuan")


def test_finding_is_a_sentence_with_expected_and_found():
    r = run(exec_score="8")
    f = next(f for f in r.findings if f.code == "JX103")
    assert f.severity == "error" and f.expected == "9.5" and f.found == "8"
    assert f.message.endswith("。") and "9.5" in f.message and f.ref.line == 7


def test_select_and_ignore_by_prefix():
    assert {c.code for c in selected(["JX3"], None)} == {"JX301", "JX302", "JX303", "JX304"}
    assert "JX301" not in {c.code for c in selected(None, ["JX301"])}
    assert all(c.code.startswith("JX1") for c in selected(["jx1"], ["JX104"])) and \
        "JX104" not in {c.code for c in selected(["jx1"], ["JX104"])}


def test_duplicate_names_under_one_heading_only(tmp_path):
    """JX207: the same name twice under one 二级指标 fires; under two headings (a scan cuts two long
    names alike) it does not."""
    from mini import CLEAN, TEMPLATE

    from jixiao.pipeline import check_path
    same = TEMPLATE.replace("\t\t时效\t{name3}", "\t\t数量\t{name3}").format(**(CLEAN | {"name3": "基本医保参保人数"}))
    other = TEMPLATE.format(**(CLEAN | {"name3": "基本医保参保人数"}))
    for text, fires in ((same, True), (other, False)):
        path = tmp_path / "mini.txt"
        path.write_text(text, encoding="utf-8")
        assert ("JX207" in {f.code for f in check_path(path).findings}) is fires


def test_a_score_written_with_its_unit_is_the_number():
    """“20分”, “10 分”: a score typed with its unit is read as the number, not as a blank (which
    made JX403 fire and the total be recomputed wrongly)."""
    from mini import run as run_mini
    r = run_mini(s1="20分", s2="10 分", total="99.5分")
    assert [i.score for i in r.forms[0].indicators[:2]] == [20, 10] and r.forms[0].total_score == Decimal("99.5")
    assert [f.code for f in r.findings] == []


def test_weights_not_totalling_100_and_one_problem_once(tmp_path):
    """JX302 fires on 10 + 95 = 105; run with JX201, whose block over its header is the cause,
    the two are one finding with both places."""
    from mini import text

    from jixiao.checks import REGISTRY
    from jixiao.pipeline import check_path
    path = tmp_path / "mini.txt"
    path.write_text(text(w7="15", s7="15", total="104.5"), encoding="utf-8")
    assert [f.code for f in check_path(path, checks=[REGISTRY["JX302"]]).findings] == ["JX302"]
    both = [f for f in check_path(path).findings if f.code in ("JX201", "JX302")]
    assert [f.code for f in both] == ["JX201"] and "105" in both[0].message and both[0].also
    path.write_text(text(), encoding="utf-8")
    assert check_path(path, checks=[REGISTRY["JX302"]]).findings == []


def test_a_blank_total_score_is_said():
    from mini import run as run_mini
    [f] = [f for f in run_mini(total="").findings if f.code == "JX403"]
    assert f.subject == "合计得分" and f.expected == "99.5"
