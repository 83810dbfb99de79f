"""The contract's JSON Schema (数据契约的结构说明), with a description of every field.

``schema()`` is the JSON Schema (draft 2020-12) of ``jixiao/1``; ``docs/contract.md`` and
``docs/jixiao-1.schema.json`` are generated from it (``python -m jixiao.docs docs``) and the tests
validate every output of every seed, example and field file against it, so the text written by
``to_json`` and this description cannot drift apart. Amounts are JSON numbers written as their
exact decimal literal ("0.00", "61.04"): read them as decimals, never as binary floats.
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .contract import SCHEMA

DESCRIPTION = ("What jixiao read from each file, what the file is, and what it found: one record per file. "
               "Amounts are JSON numbers written as their exact decimal literal (0.00, 61.04): read them as "
               "decimals, never as binary floats. Every value keeps its place (line, page, cell, paragraph). "
               "数据契约：每个文件一条记录，金额为精确十进制，每个值都带出处。")

STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}


def opt(s: dict) -> dict:
    """The schema, or null."""
    return {"anyOf": [s, {"type": "null"}]}


def obj(props: dict[str, tuple[dict, str]], required: tuple[str, ...] | None = None, open_: bool = False) -> dict:
    """An object of named fields, each ``(schema, description)``; closed unless ``open_``."""
    out: dict[str, Any] = {"type": "object",
                           "properties": {k: {**s, "description": d} for k, (s, d) in props.items()},
                           "required": list(props if required is None else required)}
    if not open_:
        out["additionalProperties"] = False
    return out


def arr(s: dict) -> dict:
    return {"type": "array", "items": s}


def ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


SOURCE = obj({
    "line": (INT, "第N行 of the text rendition jixiao read (`jixiao blocks` shows it)"),
    "page": (opt(INT), "第N页 of a PDF or a scan"),
    "row": (INT, "the reader's table row: with `col`, which cell of a form's row (`show`) the value is in"),
    "col": (INT, "the reader's table column"),
    "cell": (STR, "a spreadsheet cell as the office application names it: Sheet1!C7"),
    "paragraph": (INT, "第N段 of a Word document"),
}, required=("line", "page"))

TARGET = obj({
    "text": (STR, "指标值 as printed"), "op": (opt(STR), ">=, <=, =, >, <, range, qual (定性) …"),
    "value": (opt(NUM), "the figure"), "unit": (opt(STR), "its unit as printed: %, 人次, 万元 …"),
    "low": (opt(NUM), "a range's low end"), "high": (opt(NUM), "a range's high end"),
}, required=("text", "op", "value", "unit"))

ACTUAL = obj({"text": (STR, "实际完成值 as printed"), "value": (opt(NUM), "the figure"),
              "unit": (opt(STR), "its unit"), "op": (STR, "a bound the actual is stated as (≥98%)")},
             required=("text", "value", "unit"))

AMOUNTS = {"declared": "目标申报数", "initial": "年初预算数", "adjusted": "全年预算数 / 调整后预算数",
           "executed": "全年执行数", "balance": "结转结余", "rate": "执行率, percent as printed",
           "weight": "分值", "score": "得分"}

BUDGET_ROW = obj({
    "label": (STR, "资金行: 年度资金总额, 其中：财政拨款, 其他资金 …"),
    **{k: (opt(NUM), d) for k, d in AMOUNTS.items()}, "reason": (opt(STR), "偏差原因"),
    "total": (BOOL, "the total row (合计 / 年度资金总额)"), "source": (SOURCE, "the row's place"),
    "sources": ({"type": "object", "additionalProperties": SOURCE}, "each filled cell's place, by field"),
})

BUDGET = obj({
    **{k: (opt(NUM), f"{d} of the main row (the total, or its only filled row)") for k, d in AMOUNTS.items()},
    "unit": (opt(STR), "金额单位: 元 or 万元"), "label": (opt(STR), "the main row's label"),
    "rows": (arr(BUDGET_ROW), "every funding row"),
    "breakdown": (arr(obj({"label": (STR, "按收入性质分 …"), "amount": (opt(NUM), "the amount"),
                           "column": (opt(INT), "its reader column"), "source": (opt(SOURCE), "its place")},
                          required=("label", "amount", "source"))), "a funding breakdown printed in words"),
    "columns": (arr(STR), "the roles the funding header names (rate, score …)"),
})

INDICATOR = obj({
    "level1": (opt(STR), "一级指标"), "level2": (opt(STR), "二级指标"), "name": (opt(STR), "三级指标"),
    "target": (opt(TARGET), "指标值 (年度指标值 / 调整后)"), "target_initial": (TARGET, "年初指标值, where both print"),
    "actual": (opt(ACTUAL), "实际完成值"), "weight": (opt(NUM), "分值"), "score": (opt(NUM), "得分"),
    "note": (opt(STR), "偏差原因分析"), "qual_note": (STR, "定性值情况说明"), "source": (SOURCE, "the row's place"),
    "sources": ({"type": "object", "additionalProperties": SOURCE}, "each cell's place, by field"),
}, required=("level1", "level2", "name", "target", "actual", "weight", "score", "note", "source", "sources"))

TABLE_ROW = obj({
    "line": (INT, "第N行"), "page": (opt(INT), "第N页"),
    "cells": (arr(STR), "each cell as printed"), "values": (arr(opt(NUM)), "each cell's amount, or null"),
    "addresses": (arr(opt(STR)), "each cell's spreadsheet address, where the file is a workbook"),
    "codes": (arr({"type": "object"}), "功能分类/经济分类 codes read from the row, with their amounts"),
}, required=("line", "page", "cells", "values"))

DATA = {"type": "object", "description": (
    "what a kind of form holds beyond the common fields. 决算/预算公开表: `table` (公开01 …), `name`, `unit` "
    "(金额单位), `header` (rows of header cells), `columns` (column names), `rows` (each row's cells, amounts and "
    "places). 基础数据表: `staff` (authorized, actual, control_rate), `expenses` (label, line, values by column), "
    "`buildings`, `info`. Target tables: `info` (the header's fields) and `unmatched_completion`. Every number "
    "not under `line`, `page`, `row`, `col`, `column` or `paragraph` is an amount or quantity (decimal)."),
    "properties": {"rows": arr(TABLE_ROW), "table": opt(STR), "name": opt(STR), "unit": opt(STR),
                   "columns": arr(STR), "header": arr(arr(STR))}}

FORM = obj({
    "kind": ({"enum": ["project_self_eval", "dept_self_eval", "dept_targets", "project_targets", "basic_data",
                       "final_accounts", "budget_table"]}, "表单类型"),
    "title": (opt(STR), "the form's title as printed"), "department": (opt(STR), "主管部门 / 部门名称"),
    "unit": (opt(STR), "实施单位 / 预算单位"), "project": (opt(STR), "项目名称"),
    "project_code": (opt(STR), "项目编码"), "year": (opt(INT), "年度"), "source": (SOURCE, "the form's first line"),
    "budget": (opt(BUDGET), "项目资金 / 年度预算"), "indicators": (arr(INDICATOR), "三级指标, in order"),
    "declared_weights": ({"type": "object", "additionalProperties": NUM}, "weights printed in headings: 产出指标(50分)"),
    "total": (obj({"weight": (opt(NUM), "总分值"), "score": (opt(NUM), "合计得分 as reported")}), "the form's total"),
    "grade": (opt(STR), "评价等级 as reported"), "texts": ({"type": "object", "additionalProperties": STR},
                                                       "prose fields: goal, completion, conclusion, problems …"),
    "people": ({"type": "object", "additionalProperties": STR}, "项目负责人, 填表人 … as printed"),
    "dates": ({"type": "object", "additionalProperties": STR}, "填报日期 …"), "data": (DATA, "kind-specific tables"),
    "sources": ({"type": "object", "additionalProperties": SOURCE}, "places of single fields"),
})

PLACE = obj({"province": (opt(STR), "省"), "city": (opt(STR), "市/州"), "county": (opt(STR), "县/区"),
             "code": (opt(STR), "行政区划代码 (民政部)"), "evidence": (STR, "how the place was found")})

DOCUMENT = obj({
    "kind": (STR, "文件类型: project_self_eval, dept_self_eval, dept_targets, project_targets, final_accounts, "
                  "budget, self_eval_report, other …"),
    "kind_name": (STR, "the kind in Chinese: 部门决算公开 …"), "parts": (arr(STR), "kinds of the parts a bundle holds"),
    "department": (opt(STR), "单位 the document is of"), "place": (PLACE, "地区"), "year": (opt(INT), "年度"),
    "evidence": (obj({"kind": (arr(STR), "why this kind"), "department": (STR, "where the unit was read"),
                      "place": (STR, "how the place was found")}), "the evidence, in Chinese"),
})

FINDING = obj({
    "file": (opt(STR), "the file"), "line": (opt(INT), "第N行"), "page": (opt(INT), "第N页"),
    "cell": (opt(STR), "Sheet!C7"), "table": (opt(STR), "the sheet of the cell"),
    "place": (STR, "where, in the user's terms: 第3页, 表2!C5, 第12段, 第N行, 全文"),
    "source": (opt(SOURCE), "the place as a record"), "form": (opt(INT), "the form's index in `forms`"),
    "code": (STR, "the check: JX102 (`jixiao rule JX102`)"), "severity": ({"enum": ["error", "warning", "info"]}, "级别"),
    "subject": (STR, "what is wrong: 执行率, 得分 …"), "message": (STR, "the finding, in Chinese"),
    "expected": (opt(STR), "the value the rule gives"), "found": (opt(STR), "the value printed"),
    "fingerprint": (STR, "the problem's identity without its place: the same problem in a resubmission keeps it"),
    "places": (arr(SOURCE), "every place the same problem shows"),
}, required=("file", "line", "page", "place", "source", "form", "code", "severity", "subject", "message",
             "expected", "found", "fingerprint", "places"))

CLAIM = obj({
    "kind": (STR, "rate, share, change, sum, arithmetic, table, years, indicator"),
    "quote": (STR, "the statement as printed"), "line": (INT, "第N行"), "page": (opt(INT), "第N页"),
    "cell": (STR, "the cell, where the prose is in one"), "paragraph": (INT, "第N段"),
    "source": (SOURCE, "its place"), "stated": (STR, "as printed: 76.26%"), "expected": (STR, "as recomputed"),
    "ok": (BOOL, "whether the two agree within the printed precision"), "rule": (STR, "how it was recomputed"),
}, required=("kind", "quote", "line", "page", "source", "stated", "expected", "ok", "rule"))

TOTALS = obj({
    "form": (INT, "the form's index"),
    "reported": (obj({"weight": (opt(NUM), "总分值"), "score": (opt(NUM), "合计得分"), "grade": (opt(STR), "等级")}),
                 "as the form reports"),
    "recomputed": (obj({"weight": (opt(NUM), "Σ 分值"), "score_sum": (opt(NUM), "Σ 得分 as printed"),
                        "score": (opt(NUM), "the total by the rules"), "grade": (opt(STR), "its grade")}),
                   "as jixiao recomputes"),
})

RECORD = obj({
    "schema": ({"const": SCHEMA}, "on a JSON-lines record: the contract's version"),
    "key": (opt(STR), "on a --resume journal's record: options and content hash"),
    "file": (STR, "the file as named (an archive member: archive.zip!member)"),
    "sha256": (opt(STR), "SHA-256 of the file's bytes; null when it could not be read"),
    "size": (opt(INT), "bytes"), "format": (opt(STR), "read as: docx, xlsx, pdf, image, ole, html, text"),
    "document": (opt(DOCUMENT), "what the file is (文件判别)"),
    "checked": (BOOL, "every check ran (false: unread, or a scan jixiao would not judge)"),
    "profile": (opt(STR), "the rule profile used"), "profile_reason": (STR, "why that profile"),
    "error": (opt(obj({"code": (STR, "JX001 …"), "zh": (STR, "in Chinese"), "en": (STR, "in English")})),
              "why the file could not be read"),
    "forms": (arr(FORM), "the forms recognised"), "totals": (arr(TOTALS), "per scored form"),
    "claims": (arr(CLAIM), "every claim of the prose, recomputed"),
    "findings": (arr(FINDING), "问题 — on a JSON-lines record; in a whole output they are in the top-level list"),
}, required=("file", "sha256", "size", "format", "document", "checked", "profile", "profile_reason", "error",
             "forms", "totals", "claims"))


def schema() -> dict:
    """The JSON Schema of a whole output (``check -f json``, ``show -f json``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://jixiao.invalid/schema/{SCHEMA}.json",
        "title": f"jixiao contract {SCHEMA}",
        "description": DESCRIPTION,
        **obj({"schema": ({"const": SCHEMA}, "the contract's version"),
               "jixiao": (STR, f"the jixiao version that wrote it ({__version__} …)"),
               "files": (arr(ref("record")), "one record per file, in the order given"),
               "findings": (arr(FINDING), "every file's findings (问题), file by file, each naming its file")}),
        "$defs": {"record": RECORD},
    }


def record_schema() -> dict:
    """The JSON Schema of one record (a line of ``check -f jsonl``)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **RECORD}
