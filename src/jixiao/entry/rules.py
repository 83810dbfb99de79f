"""The 评分规则 sheet (评分规则页): the profile's rules in words, each with its source."""

from __future__ import annotations

from ..precision import fmt
from ..rules.profile import Profile
from . import formulas as F
from .layout import Layout
from .plan import Plan

_DEN = {"adjusted": "全年预算数（调整后预算数）", "initial": "年初预算数"}


def rule_lines(layout: Layout, profile: Profile, plan: Plan) -> list[tuple[str, str, str]]:
    """(item, rule, source) rows, first the header."""
    src = profile.sources
    cap = "，不超过分值" if profile.execution_cap else ""
    out = [("项目", "规则", "出处"),
           ("表样", f"{layout.name}（{layout.tag}）", layout.source),
           ("评分规则", f"{profile.name}：{profile.description}", f"jixiao 评分规则“{profile.id}”"),
           ("预算执行率", f"全年执行数÷{_DEN.get(profile.denominator, profile.denominator)}", src.get("execution", "")),
           ("预算执行得分", f"执行率×分值{fmt(profile.execution_weight) if profile.execution_weight else ''}{cap}",
            src.get("execution", ""))]
    if layout.scored:
        out += [("定量指标", F.score_what(profile), src.get("quantitative", "")),
                ("定性指标", "、".join(f"{b.level}：分值的{fmt(b.low)}%～{fmt(b.high)}%" for b in profile.bands) +
                 "；本表取“达成”为满分、其他档次取区间中值，可在审阅时调整",
                 src.get("qualitative", "")),
                ("自评等级", F.bands_text(profile), src.get("grades", ""))]
    if profile.level_weights:
        out.append(("一级指标分值", "、".join(f"{k}{fmt(v)}" for k, v in profile.level_weights.items()),
                    src.get("weights", "")))
    out += [("填写", "浅黄色单元格为填写项；其余单元格为标签或公式，已锁定（工作表保护未设密码）。"
                     "公式单元格请勿改写为数值：jixiao check 会报告 JX014。", "")]
    out += [("说明", n, layout.source) for n in layout.notes]
    return out
