"""Data files, validated (数据文件校验): every profile, identity table, layout and word list jixiao
ships or a user adds is read through one schema, so a typo is an error, not a silent default.

``load_toml(path, SCHEMA)`` parses a TOML file and checks it against its schema: an unknown key
(``denominater``), a value of the wrong type, or a missing required key (a section without its
``source``) stops with a bilingual JX003 message naming the file and the key. ``check_csv``
does the same for a code table's header. The schemas are below, one per kind of file.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import JixiaoError


@dataclass(frozen=True)
class F:
    """One key's rule: its type, whether it must be there, and what a list or table holds."""

    kind: type | tuple[type, ...]
    required: bool = False
    items: Any = None      # a list's items: a type, or a schema (dict) for a list of tables
    fields: Any = None     # a table's keys: a schema (dict); None with ``values`` for a free mapping
    values: Any = None     # a free mapping's value type (levels: {"产出指标": 50})


NUMBER = (int, float)
_TYPE_ZH = {str: "文字", int: "整数", float: "数", bool: "true/false", list: "列表", dict: "表"}


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return "或".join(dict.fromkeys(_TYPE_ZH.get(k, k.__name__) for k in kinds))


def _fail(path: Path, where: str, zh: str, en: str) -> JixiaoError:
    return JixiaoError("JX003", f"数据文件“{path.name}”中“{where}”{zh}", f"data file {path.name}: {where}: {en}",
                       str(path), where)


def validate(data: Any, schema: dict[str, F], path: Path, where: str = "") -> None:
    """Raise JX003 on the first unknown key, wrong type or missing key of ``data``."""
    for key, value in data.items():
        here = f"{where}.{key}" if where else key
        rule = schema.get(key)
        if rule is None:
            known = "、".join(schema)
            raise _fail(path, here, f"是未知的键（可用：{known}）", f"unknown key (known: {', '.join(schema)})")
        if isinstance(value, bool) and rule.kind is not bool and bool not in (rule.kind if isinstance(rule.kind, tuple) else ()):
            raise _fail(path, here, f"应为{_type_name(rule.kind)}，文件中为{value!r}", f"should be {rule.kind}, got {value!r}")
        if not isinstance(value, rule.kind):
            raise _fail(path, here, f"应为{_type_name(rule.kind)}，文件中为{value!r}", f"should be {rule.kind}, got {value!r}")
        if isinstance(value, list) and rule.items is not None:
            for n, item in enumerate(value):
                at = f"{here}[{n + 1}]"
                if isinstance(rule.items, dict):
                    if not isinstance(item, dict):
                        raise _fail(path, at, "应为表", "should be a table")
                    validate(item, rule.items, path, at)
                elif not isinstance(item, rule.items):
                    raise _fail(path, at, f"应为{_type_name(rule.items)}，文件中为{item!r}",
                                f"should be {rule.items}, got {item!r}")
        if isinstance(value, dict):
            if rule.fields is not None:
                validate(value, rule.fields, path, here)
            elif rule.values is not None:
                for k, v in value.items():
                    if not isinstance(v, rule.values) or isinstance(v, bool):
                        raise _fail(path, f"{here}.{k}", f"应为{_type_name(rule.values)}，文件中为{v!r}",
                                    f"should be {rule.values}, got {v!r}")
    for key, rule in schema.items():
        if rule.required and key not in data:
            here = f"{where}.{key}" if where else key
            raise _fail(path, here, "缺失（必须填写）", "missing (required)")


def load_toml(path: Path, schema: dict[str, F]) -> dict:
    """A TOML data file, parsed and validated."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise JixiaoError("JX003", f"数据文件“{Path(path).name}”格式错误：{exc}", f"bad data file "
                          f"{Path(path).name}: {exc}", str(path)) from None
    validate(data, schema, Path(path))
    return data


def check_csv(path: Path, columns: tuple[str, ...], filled: tuple[str, ...] = ()) -> None:
    """A code table's header must name exactly ``columns``, in order; the ``filled`` columns (its
    ``source``) may be blank in no row."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows, [])
        if tuple(header) != columns:
            raise _fail(Path(path), "表头", f"应为 {','.join(columns)}，文件中为 {','.join(header)}",
                        f"header should be {','.join(columns)}, got {','.join(header)}")
        for n, row in enumerate(rows, 2):
            for name in filled:
                k = columns.index(name)
                if k >= len(row) or not row[k].strip():
                    raise _fail(Path(path), f"第{n}行.{name}", "缺失（必须填写）", f"line {n}: {name} missing")


# --- schemas -------------------------------------------------------------------------------

_BAND = {"level": F(str, True), "low": F(NUMBER, True), "high": F(NUMBER, True)}
_GRADE = {"name": F(str, True), "min": F(NUMBER, True)}
PROFILE = {
    "id": F(str, True), "name": F(str, True), "description": F(str), "extends": F(str), "regions": F(list, items=str),
    "weights": F(dict, fields={"execution": F(NUMBER), "indicators": F(NUMBER), "levels": F(dict, values=NUMBER),
                               "fixed_levels": F(bool), "source": F(str, True)}),
    "execution": F(dict, fields={"denominator": F(str), "formula": F(str), "cap": F(bool),
                                 "explain_below": F(NUMBER), "source": F(str, True)}),
    "quantitative": F(dict, fields={"positive": F(str), "negative": F(str), "equal": F(str), "cost_equal": F(str),
                                    "source": F(str, True)}),
    "qualitative": F(dict, fields={"bands": F(list, items=_BAND), "source": F(str, True)}),
    "grades": F(dict, fields={"bands": F(list, items=_GRADE), "source": F(str, True)}),
}

_REF = {"table": F(str), "side": F(str), "item": F(str, True), "column": F(str), "same": F(bool),
        "above": F(bool), "first": F(bool)}
IDENTITIES = {
    "source": F(str, True),
    "row_sum": F(list, True, items={"name": F(str, True), "total": F(str, True), "parts": F(list, True, items=str),
                                    "complete": F(bool)}),
    "across": F(list, True, items={"name": F(str, True), "each": F(str), "total": F(dict, True, fields=_REF),
                                   "parts": F(list, True, items=_REF)}),
}
KINDS = {
    "source": F(str, True), "title_weight": F(int, True), "prose_per": F(int, True), "prose_cap": F(int, True),
    "kind": F(list, True, items={"id": F(str, True), "name": F(str, True), "title": F(list, True, items=str),
                                 "table": F(list, True, items=str), "prose": F(list, items=str)}),
}
NOISE = {"source": F(str, True), "watermark_lines": F(list, True, items=str), "page_lines": F(list, True, items=str),
         "inline_debris": F(list, True, items=str)}
TEMPLATES = {"source": F(str, True), "patterns": F(list, True, items=str), "prose_patterns": F(list, items=str)}
SECTIONS = {"outline": F(list, True, items={
    "id": F(str, True), "kind": F(str, True), "name": F(str, True), "source": F(str, True),
    "regions": F(list, items=str), "profiles": F(list, items=str), "attachments": F(list, items=str),
    "section": F(list, True, items={"id": F(str, True), "name": F(str, True), "patterns": F(list, True, items=str)})})}
MEASURES = {"measure": F(dict, True, values=dict)}
_MEASURE = {"name": F(str, True), "all": F(list, True, items=str), "per_missing": F(NUMBER), "basis": F(str, True)}
ASSESSMENT = {"id": F(str, True), "name": F(str, True), "source": F(str, True), "total": F(NUMBER, True),
              "item": F(list, True, items={"level1": F(str, True), "level2": F(str, True), "criterion": F(str, True),
                                           "evidence": F(str), "points": F(NUMBER, True), "measure": F(str)})}


def load_measures(path: Path) -> dict:
    """The scoring measures: a table of tables, each checked."""
    data = load_toml(path, MEASURES)
    for key, value in data["measure"].items():
        validate(value, _MEASURE, Path(path), f"measure.{key}")
    return data
