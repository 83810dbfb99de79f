"""Report checks (自评报告): required parts of the report and the attachments it lists."""

from __future__ import annotations

from ..report import KIND_NAMES, check_sections, document_names
from . import SELF_EVAL_DOCUMENTS, Context, check, hit


def _short(title: str) -> str:
    return title if len(title) <= 30 else title[:28] + "…"


@check("JX801", "warning", "report", scope="document", documents=SELF_EVAL_DOCUMENTS)
def section_missing(ctx: Context):
    """自评报告缺少必备部分 — a required part missing from a self-evaluation report.

    **What it checks.** Each recognised 自评报告 (部门整体支出 or 项目支出) that is divided into
    numbered parts, against the parts its outline requires (``data/report_sections.toml``):
    everywhere 基本情况, 绩效目标实现情况, 存在的问题 and 改进措施; where the document names 岳阳
    the ten parts of the 岳阳市 outline (一般公共预算 / 政府性基金 / 国有资本经营 / 社会保险基金
    预算支出情况, 结果应用和公开, 其他需要说明的情况 …); under the 江西 profile also 结果应用和公开.
    A part counts as present when any heading of the report, at any depth, names it — titles
    vary (“存在的问题及原因分析”, “项目管理中存在的主要问题”, “存在问题及改进措施”).

    **Why it matters.** The outline is part of the rules: the 岳阳 考核评分表 deducts 2 points for
    each missing part of the report's body, and a report without its problems or measures
    says nothing a reviewer can act on.

    **Fires:** a 岳阳 部门整体 report whose parts run 一、基本情况 … 六、部门整体支出绩效情况,
    八、下一步改进措施 with no part naming 问题.

    **Does not fire:** the same report with “七、存在的问题及原因分析”; a report with fewer than
    three numbered parts (its structure cannot be read, so nothing is claimed); a document
    without a report.
    """
    names = document_names(ctx.doc, ctx.forms)
    for rep in ctx.reports:
        if not rep.structured:
            continue
        for st in check_sections(rep, names, ctx.profile.id):
            if st.found is None:
                s = st.section
                yield hit(rep.ref, s.name,
                          f"{KIND_NAMES[rep.kind]}《{_short(rep.title)}》未见“{s.name}”部分（{s.outline}要求），"
                          "报告正文不完整。", s.name, "未找到")


@check("JX802", "info", "report", scope="document", documents=SELF_EVAL_DOCUMENTS)
def attachment_missing(ctx: Context):
    """报告所列附件未见于文件 — an attachment the report lists is not in the document.

    **What it checks.** The attachment list at the end of a report (“报告需要以下附件：1.… 2.…”,
    “附件：…”). Each item is looked for among the recognised forms (基础数据表, 部门整体支出
    绩效自评表, 项目支出绩效自评表 …, by kind or title) and among the document's title lines and
    table headers.

    **Why it matters.** The 岳阳 考核评分表 deducts 2 points for each missing attachment; a
    reviewer must know which listed tables were not submitted.

    **Why info, not warning.** The file at hand may not be the whole submission: attachments
    are often sent as separate files, and a table for spending the unit did not have (the
    report itself may say “无政府性基金预算支出”, which the message then quotes) is often left
    out on purpose. Whether that costs points is the reviewer's call; ``jixiao assess`` shows the
    deduction the rule gives.

    **Fires:** “4.政府性基金预算支出情况表” listed, no such table or title in the file.

    **Does not fire:** “2.部门整体支出绩效自评表” listed and the 部门整体支出绩效自评表 printed
    as 附件2; a document without an attachment list.
    """
    for rep in ctx.reports:
        if rep.attachments is None:
            continue
        for a in rep.attachments.missing:
            why = (f"报告第{a.none_stated.line}行称本单位无此项支出，如确无数据，可附空表或在报告中说明" if a.none_stated
                   else "请核对是否另行报送")
            yield hit(a.ref, a.title, f"报告所列附件{a.number}“{a.title}”在本文件中未找到（{why}）。", "附件", "未找到")
