"""A small clean self-evaluation table (青禾县, invented) with fields a test can change.

``codes(**changes)`` writes the table with the changes, runs the whole pipeline on it and
returns the codes found. The clean table must give no finding at all.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from jixiao.pipeline import check_path

TEMPLATE = """部门整体支出绩效目标自评表
(2024年度)
单位(盖章): 青禾县医疗保障局
填报日期: {date}
部门(单位)名称\t\t青禾县医疗保障局
部门(单位)总体 资金(万元)\t资金来源\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率\t得分
\t年度资金总额:\t{initial}\t1180.00\t{executed}\t10\t{rate}\t{exec_score}
\t基本支出\t420.00\t420.00\t418.50\t—\t—\t—
\t项目支出\t{p_initial}\t{p_adjusted}\t{p_executed}\t—\t—\t—
绩效指标 (90分)\t一级指标\t二级指标\t三级指标\t年度指标值(A)\t实际完成值(B)\t分值\t得分\t未完成原因分析
\t产出指标\t数量\t基本医保参保人数\t≥21.5万人\t{a1}\t20\t{s1}\t{n1}
\t\t质量\t医保基金结算差错率\t≤0.5%\t{a2}\t10\t{s2}\t
\t\t时效\t{name3}\t≥98%\t99%\t10\t10\t
\t\t成本\t项目支出成本控制\t≤760万元\t702.5万元\t10\t10\t
\t效益指标\t社会效益\t群众就医负担减轻程度\t{t5}\t{a5}\t{w5}\t{s5}\t
\t\t可持续影响\t医保基金可支付月数\t6-9\t8\t15\t15\t
\t满意度指标\t服务对象满意度\t参保群众满意度\t≥90%\t92%\t{w7}\t{s7}\t
总分\t\t\t\t\t\t100\t{total}
自评结论\t{grade}
存在问题\t{problems}
改进措施\t{measures}
填表人: {signer}
"""

CLEAN = dict(
    date="2025/03/10", initial="1180.00", executed="1121.00", rate="95.00%", exec_score="9.5",
    p_initial="760.00", p_adjusted="760.00", p_executed="702.50",
    a1="21.6万人", s1="20", n1="", a2="0.3%", s2="10", name3="待遇支付及时率",
    t5="明显减轻", a5="明显减轻", w5="15", s5="15", w7="10", s7="10",
    total="99.5", grade="优", problems="个别定点机构结算不及时。", measures="按月通报结算进度。", signer="林晓",
)


def text(**changes: str) -> str:
    return TEMPLATE.format(**(CLEAN | changes))


def run(profile: str | None = None, **changes: str):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "mini.txt"
        p.write_text(text(**changes), encoding="utf-8")
        return check_path(p, profile)


def codes(profile: str | None = None, **changes: str) -> set[str]:
    return {f.code for f in run(profile, **changes).findings}
