"""Row vocabulary (行标签): the printed labels that tell what a table row or paragraph is.

Patterns match the normalised text (NFKC, no spaces), so 全角/半角 and stray spaces from
scans do not matter. They name what the national and provincial templates print; a label
not listed is read as plain text, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..values import norm

# key → field for "label | value" cells
INFO_KEYS: list[tuple[str, str]] = [
    (r"^项目(支出)?名称$|^项目名称及代码$", "project"),
    (r"^主管(部门|单位)(及代码)?$|^(市级)?预算部门名称$|^部门(\(单位\))?名称$|^单位名称$|^部门名称$|^一级预算单位$",
     "department"),
    (r"^实施单位(\(盖章\))?$|^预算单位(及代码)?$|^项目实施单位$|^申请单位$|^项目单位$", "unit"),
]

# key → text field for the narrative boxes of a form
TEXT_KEYS: list[tuple[str, str]] = [
    (r"评价结论|自评结论|综合评价", "conclusion"),
    (r"存在(的)?(主要)?问题|主要问题", "problems"),
    (r"改进措施|改进意见|管理建议|下一步", "measures"),
    (r"年度总体目标|项目年度(绩效)?目标|^年度目标$|^预期目标$", "goal"),
    (r"年度目标完成情况|实际完成情况|目标完成情况", "goal_actual"),
    (r"实施内容及过程|项目实施和预算执行|项目背景和预算执行", "process"),
]

PEOPLE = re.compile(
    r"(项目负责人|财务负责人|填表人|填报人|联系人|单位负责人(签字)?|审核人|经办人)\s*[:：]\s*([^\s:：]*)")
# a date label with nothing after it is kept as "" (a blank date is a finding, not noise)
DATES = re.compile(r"(填报日期|填表日期|报送日期|评价日期)\s*[:：]\s*([\d]{4}\s*[./年-]\s*\d{1,2}\s*[./月-]\s*\d{1,2}\s*日?)?")
TOTAL_LABEL = re.compile(r"^(合计|总分|总计|总得分|得分合计|分值合计|综合得分)$")
GRADE_LABEL = re.compile(r"^(自评结论|评价等级|自评等级|等级|评价结果)$")
GRADE_ONLY = re.compile(r"^(评价等级|自评等级|绩效等级|综合评价等级|等级)[:：]?$")   # never a text box's label
FUNDING_TOTAL = re.compile(r"^(年度)?资金总额|^总额$|^合计$|^总计$|^预算资金总额")
BREAKDOWN = re.compile(r"^(?:其中[:：]?)?\s*([^:：\d]{2,20})[:：]\s*([\d,，]+(?:\.\d+)?)?$")
YEAR = re.compile(r"(20\d{2})\s*年度")

# form titles → kind
TITLE_KINDS: list[tuple[str, str]] = [
    (r"基础数据表", "basic_data"),
    (r"整体(支出)?绩效目标(申报)?表", "dept_targets"),
    (r"项目.{0,40}绩效目标(申报)?表|目标申报表", "project_targets"),
    (r"绩效目标表$|绩效目标表[(（]", "dept_targets"),
    (r"整体支出绩效(目标)?自评表|整体绩效自评表|部门整体.*自评表", "dept_self_eval"),
    (r"项目支出绩效自评表|项目绩效自评表|项目支出绩效目标自评表", "project_self_eval"),
]
REPORT_TITLE = re.compile(r"^(.{2,40}?)(项目)?(绩效)?自评报告$")


def match_key(text: str, table: list[tuple[str, str]]) -> str | None:
    """The field a label names, per a (pattern, field) table."""
    s = norm(text)
    if not s:
        return None
    for pat, name in table:
        if _pattern(pat).search(s):
            return name
    return None


@lru_cache(maxsize=1024)
def _pattern(pat: str) -> re.Pattern:
    return re.compile(pat)


def title_kind(text: str) -> str | None:
    """The form kind a title line announces, if any."""
    s = norm(text)
    if len(s) > 60:
        return None
    return match_key(s, TITLE_KINDS)


def year_in(text: str) -> int | None:
    m = YEAR.search(norm(text))
    return int(m.group(1)) if m else None


def split_code(text: str) -> tuple[str | None, str]:
    """'51081122T000006557674-医疗服务…' → (code, name); '403-汾阳市医疗保险局' too."""
    s = text.strip()
    m = re.match(r"^([0-9A-Za-z]{3,30})\s*[-－—_]\s*(.+)$", s)
    if m and re.search(r"\d", m.group(1)):
        return m.group(1), m.group(2).strip()
    return None, s
