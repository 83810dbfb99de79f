"""Filling the input cells from data (按数据填写): ``jixiao new LAYOUT --from data.yaml``.

The data name what a user would type: unit and project, the funding rows, the goals, the
indicators (一级/二级/三级, 指标性质, target, unit, actual, weight) and the text boxes. Nothing
computed is accepted — the workbook computes it. Every problem is reported with its key
(``indicators[2].weight``), in Chinese and English, and nothing is written until all are right.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ..errors import JixiaoError
from .plan import OPS, Plan

TEXT_KEYS = ("project", "department", "unit", "goal", "achieved", "conclusion", "problems", "measures")
BUDGET_KEYS = ("declared", "initial", "adjusted", "executed", "balance", "reason")
INDICATOR_KEYS = ("level1", "level2", "name", "op", "target", "target_initial", "unit", "actual",
                  "qual_note", "weight", "note")


@dataclass(frozen=True)
class Problem:
    key: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.key}：{self.zh} / {self.en}"


class _TextLoader(yaml.SafeLoader):
    """YAML whose scalars stay the text the user typed (only ``~``/``null``/empty are None):
    YAML 1.1 would read 0100 as 64, 1_000 as 1000, 1:30 as 90 and a telephone 07315551234 as a
    number without its 0; the validator below makes numbers from the text itself."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_PLAIN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def read_data(path: Path) -> dict:
    """The YAML or JSON file, parsed; JX002 naming the file and the line on a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise JixiaoError("JX002", f"无法读取数据文件（{type(exc).__name__}）",
                          f"cannot read the data file ({type(exc).__name__})", str(path), "--from") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text, parse_float=Decimal)
        else:
            data = yaml.load(text, Loader=_TextLoader)   # noqa: S506 — a SafeLoader with fewer resolvers
    except json.JSONDecodeError as exc:
        raise JixiaoError("JX002", f"JSON 格式错误：第{exc.lineno}行", f"invalid JSON at line {exc.lineno}",
                          str(path), "--from") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第{mark.line + 1}行" if mark else ""
        raise JixiaoError("JX002", f"YAML 格式错误{line}", f"invalid YAML {('at line ' + str(mark.line + 1)) if mark else ''}",
                          str(path), "--from") from None
    if not isinstance(data, dict):
        raise JixiaoError("JX002", "数据文件应为键值结构（mapping）", "the data file must be a mapping", str(path), "--from")
    return data


def _number(v, key: str, out: list[Problem]) -> Decimal | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        out.append(Problem(key, "应为数字", "must be a number"))
        return None
    try:
        d = Decimal(str(v).replace(",", "").strip())
    except InvalidOperation:
        out.append(Problem(key, f"“{v}”不是数字", f"{v!r} is not a number"))
        return None
    if not d.is_finite():
        out.append(Problem(key, "应为有限的数", "must be a finite number"))
        return None
    return d


def _value(v):
    """A target or actual: a number, or the text of a qualitative one."""
    if v is None or v == "":
        return None
    if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
        return Decimal(str(v))
    text = str(v).strip()
    return Decimal(text.replace(",", "")) if _PLAIN_NUMBER.fullmatch(text) else text


def values(data: dict, plan: Plan) -> tuple[dict[str, object], list[Problem]]:
    """Input key → value to write, and the problems found (empty when all is right)."""
    out: dict[str, object] = {}
    problems: list[Problem] = []
    known = set(TEXT_KEYS) | {"budget", "indicators", "year"}
    for k in data:
        if k not in known:
            problems.append(Problem(str(k), "不认识的键", "unknown key"))
    inputs = plan.inputs()
    for k in TEXT_KEYS:
        if data.get(k) is not None:
            if k not in inputs:
                problems.append(Problem(k, f"表样“{plan.layout.id}”没有此项", f"layout {plan.layout.id} has no such field"))
            else:
                out[k] = str(data[k])
    blk = plan.layout.budget
    typed = [k for k in range(len(blk.rows)) if any(key.startswith(f"budget.{k}.") for key in inputs)]
    rows = data.get("budget") or []
    if not isinstance(rows, list):
        problems.append(Problem("budget", "应为列表（按表中资金行的顺序）", "must be a list, in the order of the table's funding rows"))
        rows = []
    if len(rows) > len(typed):
        problems.append(Problem("budget", f"资金行最多{len(typed)}行：{'、'.join(blk.rows[k] for k in typed)}",
                                f"at most {len(typed)} funding rows"))
    for row, k in zip(rows, typed):
        where = f"budget[{typed.index(k)}]"
        if not isinstance(row, dict):
            problems.append(Problem(where, "应为键值结构", "must be a mapping"))
            continue
        for f, v in row.items():
            if f == "label":
                continue
            if f not in BUDGET_KEYS or f"budget.{k}.{f}" not in inputs:
                problems.append(Problem(f"{where}.{f}", f"“{blk.rows[k]}”行没有此项", f"no such field in row {blk.rows[k]!r}"))
                continue
            out[f"budget.{k}.{f}"] = str(v) if f == "reason" else _number(v, f"{where}.{f}", problems)
            if f != "reason" and out[f"budget.{k}.{f}"] is not None and out[f"budget.{k}.{f}"] < 0:
                problems.append(Problem(f"{where}.{f}", "金额不能为负", "an amount cannot be negative"))
    inds = data.get("indicators") or []
    if not isinstance(inds, list):
        problems.append(Problem("indicators", "应为列表", "must be a list"))
        inds = []
    if len(inds) > plan.rows:
        problems.append(Problem("indicators", f"共{len(inds)}个指标，表中只有{plan.rows}行（用 --rows {len(inds)}）",
                                f"{len(inds)} indicators but {plan.rows} rows (use --rows {len(inds)})"))
    for i, ind in enumerate(inds[:plan.rows]):
        _indicator(ind, i, plan, inputs, out, problems)
    return {k: v for k, v in out.items() if v is not None}, problems


def _indicator(ind, i: int, plan: Plan, inputs: dict, out: dict, problems: list[Problem]) -> None:
    where = f"indicators[{i}]"
    if not isinstance(ind, dict):
        problems.append(Problem(where, "应为键值结构", "must be a mapping"))
        return
    for f, v in ind.items():
        key = f"ind.{i}.{f}"
        if f not in INDICATOR_KEYS:
            problems.append(Problem(f"{where}.{f}", "不认识的键", "unknown key"))
        elif f == "target" and key not in inputs and f"ind.{i}.target_text" in inputs:
            out[f"ind.{i}.target_text"] = f"{ind.get('op') or ''}{v}{ind.get('unit') or ''}"
        elif f in ("op", "unit") and key not in inputs and f"ind.{i}.target_text" in inputs:
            continue
        elif key not in inputs:
            problems.append(Problem(f"{where}.{f}", f"表样“{plan.layout.id}”没有此列", f"layout {plan.layout.id} has no such column"))
        elif f == "weight":
            w = _number(v, f"{where}.weight", problems)
            if w is not None and not 0 <= w <= 100:
                problems.append(Problem(f"{where}.weight", "分值应在0到100之间", "a weight is between 0 and 100"))
            out[key] = w
        elif f == "op":
            if v not in OPS:
                problems.append(Problem(f"{where}.op", f"指标性质应为{'、'.join(OPS)}之一", f"op must be one of {', '.join(OPS)}"))
            out[key] = v
        elif f in ("target", "actual", "target_initial"):
            out[key] = _value(v)
        else:
            out[key] = str(v)
    op = ind.get("op")
    levels = [b.level for b in plan.profile.bands]
    if op == "定性" and ind.get("actual") not in (None, "", *levels):
        problems.append(Problem(f"{where}.actual", f"定性指标的完成值应为档次：{'、'.join(levels)}",
                                f"a qualitative actual is one of the levels: {', '.join(levels)}"))
    if op in ("≥", "≤", "=") and not isinstance(out.get(f"ind.{i}.target", Decimal(0)), Decimal):
        problems.append(Problem(f"{where}.target", "定量指标的指标值应为数字（单位写在 unit）",
                                "a quantitative target is a number (its unit goes in unit)"))
    if op in ("≥", "≤", "=") and ind.get("actual") not in (None, "") and not isinstance(out.get(f"ind.{i}.actual"), Decimal):
        problems.append(Problem(f"{where}.actual", "定量指标的完成值应为数字", "a quantitative actual is a number"))


def write(ws, plan: Plan, vals: dict[str, object]) -> None:
    """Type ``vals`` into the input cells of the sheet ``ws``."""
    inputs = plan.inputs()
    for key, v in vals.items():
        ws[inputs[key]].value = v   # a Decimal is written exactly as typed
