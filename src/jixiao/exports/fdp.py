"""Fiscal Data Package (财政数据包): budgets (预算) and final accounts (决算) as open data.

Follows the Fiscal Data Package specification 0.3.0 of Open Knowledge / Frictionless Data,
https://specs.frictionlessdata.io/fiscal-data-package/ (JSON Schema
https://schemas.frictionlessdata.io/fiscal-data-package.json): a folder with ``datapackage.json``
(``profile: "fiscal-data-package"``) and one CSV resource, ``data/amounts.csv``, described by a
Table Schema, and a ``model`` that maps its columns to measures and dimensions.

One CSV row per amount cell of every final-accounts table (部门决算公开表) and budget table
(部门预算公开表): who (单位, 地区), the year, the phase, the direction, the table, the row's label,
its functional (功能分类科目编码, 2080505 社会保障…) or economic (经济分类, 30101 基本工资) code and
name, the amount column, and the amount.

- Amounts are normalised to 元 (measure ``amount``, ``currency: "CNY"``, ``factor: 1``): a table
  printed in 万元 is multiplied by 10000, exactly (Decimal, never float); the figure as printed
  and its unit stay beside it (``amount_printed``, ``unit_printed``). A table whose unit was not
  read keeps its printed figure and leaves ``amount`` blank.
- Phase (阶段): a budget table is the approved budget (``approved``, 预算 — the 部门预算 a bureau
  publishes is the one the people's congress approved); a final-accounts table is ``executed``
  (决算). A column that names its own phase wins: 预算数 in a 三公经费决算表 is ``approved``,
  调整预算 / 全年预算 ``adjusted``, 决算数 / 执行数 ``executed``.
- Quantities are not money and are left out: columns of rates or percentages (执行率, 增减%),
  row numbers (行次, 栏次), and counts (车辆数(辆), the 国有资产占用情况 section of 公开10).
- The data are written as read, for machines: no spreadsheet formula escaping here (the
  reviewer's CSVs have it), UTF-8 without a byte-order mark, RFC 4180 quoting.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from .. import __version__
from ..classification import as_code, scheme_of
from ..contract import FileRecord
from ..forms.ledger import entries
from ..forms.model import DISCLOSURE_KINDS, FINAL_ACCOUNTS, Form
from ..values import norm
from .base import folder_of, output, place_of, plain, unit_of

SPEC = "https://specs.frictionlessdata.io/fiscal-data-package/"
RESOURCE = "amounts"
DATA = "data/amounts.csv"
FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
PHASES_ZH = {"approved": "预算", "adjusted": "调整预算", "executed": "决算"}

_SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_COUNTED = re.compile(r"[(（](辆|台|套|个|人|户|件|处|平方米|㎡)[)）]|国有资产占用|车辆数")
_NOT_MONEY = re.compile(r"%|％|率|比例|比重|人数|个数|数量|行次|栏次|代码|编码")
_CODE_LABEL = re.compile(r"^([12]\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)\s*(\D.*)$")

# (field, Table Schema type, title)
FIELDS = (
    ("id", "string", "行标识 / row id"), ("file", "string", "文件 / file"), ("sha256", "string", "文件摘要 / sha256"),
    ("department", "string", "单位 / department"), ("place", "string", "地区 / place"), ("year", "integer", "年度 / year"),
    ("phase", "string", "阶段 / phase"), ("phase_zh", "string", "阶段（中文）/ phase in Chinese"),
    ("direction", "string", "收支 / revenue or expenditure"), ("table", "string", "表号 / table number"),
    ("table_name", "string", "表名 / table name"), ("side", "string", "栏 / side"), ("item", "string", "项目 / row label"),
    ("column", "string", "金额栏 / amount column"),
    ("function_level1", "string", "功能分类类级 / functional class"),
    ("function_level2", "string", "功能分类款级 / functional section"),
    ("function_code", "string", "功能分类科目编码 / functional code"),
    ("function_name", "string", "功能分类科目名称 / functional name"),
    ("economic_code", "string", "经济分类科目编码 / economic code"),
    ("economic_name", "string", "经济分类科目名称 / economic name"),
    ("amount", "number", "金额（元）/ amount in yuan"), ("amount_printed", "string", "金额（原表）/ amount as printed"),
    ("unit_printed", "string", "金额单位（原表）/ unit as printed"), ("line", "integer", "行 / line"),
    ("page", "integer", "页 / page"), ("cell", "string", "单元格 / cell"),
)
NAMES = tuple(f[0] for f in FIELDS)


@dataclass(frozen=True)
class Amount:
    """One amount cell of a table (金额), with what it is about."""

    row: int
    col: int
    side: str
    item: str
    code: str | None
    column: str
    value: Decimal
    line: int | None
    page: int | None
    cell: str | None


def _stated(column: str) -> str | None:
    c = norm(column)
    if "决算" in c or "执行" in c:
        return "executed"
    if "调整" in c or "全年预算" in c:
        return "adjusted"
    if "预算" in c:
        return "approved"
    return None


def table_phase(kind: str) -> str:
    """A table's own phase: a final-accounts table is executed (决算), a budget table approved (预算)."""
    return "executed" if kind == FINAL_ACCOUNTS else "approved"


def column_phases(kind: str, columns: list[str]) -> list[str]:
    """The budget phase of each column (预算/调整预算/决算 → approved/adjusted/executed): the one
    its name states, else the one stated last to its left (预算数 printed once over its group of
    columns in a 三公经费表), else the table's own."""
    out, current = [], table_phase(kind)
    for column in columns:
        current = _stated(column) or current
        out.append(current)
    return out


def direction_of(side: str, column: str, table_name: str) -> str:
    """Revenue (收入) or expenditure (支出), from the side, the column, else the table's name."""
    for text in (side, column, table_name):
        income, spending = "收入" in text, "支出" in text
        if income != spending:
            return "revenue" if income else "expenditure"
    return ""


def _code_and_name(code: str | None, label: str) -> tuple[str | None, str]:
    if code:
        return code, label
    m = _CODE_LABEL.match(label)   # "2010301 行政运行" in one cell
    return (m.group(1), m.group(2).strip()) if m else (None, label)


def amounts(form: Form) -> Iterator[Amount]:
    """The money cells of one final-accounts or budget table, row by row, quantities left out."""
    columns = form.data.get("columns") or []
    code_columns = [k for k, c in enumerate(columns) if re.search("(代码|编码)$", norm(c))]
    counted = False
    for k, row in enumerate(form.data.get("rows") or ()):
        cells = row.get("cells") or []
        first = norm(cells[0]) if cells else ""
        if _SECTION.match(first):
            counted = bool(_COUNTED.search(first))
        if counted or _COUNTED.search(first):
            continue
        # the row's own code, where the ledger splits a code from its name (类 | 款 | 项 | 科目名称)
        own = next((as_code(cells[c]) for c in code_columns if c < len(cells) and as_code(cells[c])), None)
        found = [e for e in entries(replace(form, data={**form.data, "rows": [row]})) if e.value is not None]
        addresses = row.get("addresses") or []
        if found:
            cells_found = [(e.ref.col, e.side, e.label, e.code or (own if not _CODE_LABEL.match(e.label) else None),
                            e.column, e.value) for e in found if not _COUNTED.search(e.label)]
        else:   # a row of amounts without a label (三公经费表, 收入预算表): one per column
            cells_found = [(c, "", "", None, columns[c] if c < len(columns) else "", v)
                           for c, v in enumerate(row.get("values") or ()) if isinstance(v, Decimal)]
        for col, side, label, code, column, value in cells_found:
            if not _NOT_MONEY.search(norm(column)):
                yield Amount(k, col, side, label, code, column, value, row.get("line"), row.get("page"),
                             addresses[col] if col < len(addresses) else None)


def csv_rows(ordinal: int, record: FileRecord) -> Iterator[dict]:
    """The CSV rows of one file (its budget and final-accounts tables)."""
    department, place = unit_of(record) or "", place_of(record)
    year = record.document.year if record.document is not None and record.document.year else None
    for n, form in enumerate(record.forms):
        if form.kind not in DISCLOSURE_KINDS:
            continue
        data = form.data
        unit, number, name = data.get("unit") or "", data.get("table") or "", data.get("name") or form.title or ""
        factor = FACTORS.get(unit)
        phases = column_phases(form.kind, data.get("columns") or [])
        for a in amounts(form):
            code, label = _code_and_name(a.code, a.item)
            functional = code if code and scheme_of(code) == "functional" else None
            economic = code if code and scheme_of(code) == "economic" else None
            phase = phases[a.col] if a.col < len(phases) else table_phase(form.kind)
            yield {"id": f"f{ordinal}-t{n}-r{a.row}-c{a.col}", "file": record.file, "sha256": record.sha256 or "",
                   "department": department, "place": place, "year": year or form.year or "",
                   "phase": phase, "phase_zh": PHASES_ZH[phase], "direction": direction_of(a.side, a.column, name),
                   "table": number, "table_name": name, "side": a.side, "item": label, "column": a.column,
                   "function_level1": functional[:3] if functional else "",
                   "function_level2": functional[:5] if functional and len(functional) >= 5 else "",
                   "function_code": functional or "", "function_name": label if functional else "",
                   "economic_code": economic or "", "economic_name": label if economic else "",
                   "amount": plain(a.value * factor) if factor is not None else "",
                   "amount_printed": plain(a.value), "unit_printed": unit, "line": a.line or "",
                   "page": a.page or "", "cell": a.cell or ""}


def _attr(source: str, **more) -> dict:
    return {"source": source, "resource": RESOURCE, **more}


def descriptor(rows: int, files: int, years: set, phases: set, units: dict[str, int]) -> dict:
    """``datapackage.json``: package metadata, the resource with its Table Schema, and the model."""
    measure = {"source": "amount", "resource": RESOURCE, "currency": "CNY", "factor": 1,
               "title": "金额（元）/ amount (yuan)",
               "description": "按原表金额单位换算为元（万元×10000），原表数字见 amount_printed、unit_printed / "
                              "normalised to yuan from the printed unit (万元 × 10000); as printed in "
                              "amount_printed and unit_printed"}
    if len(phases) == 1:
        measure["phase"] = next(iter(phases))
    out = {
        "profile": "fiscal-data-package",
        "name": "jixiao-budgets-and-final-accounts",
        "title": "部门预算与决算公开表 / departmental budgets and final accounts",
        "description": "由 jixiao 从部门预算、决算公开文件中读出的金额，每行一个金额单元格 / amounts read by jixiao "
                       "from published departmental budgets and final accounts, one row per amount cell",
        "version": __version__, "created": date.today().isoformat(), "countryCode": "CN",
        "granularity": "aggregated", "spec": SPEC,
        "resources": [{
            "name": RESOURCE, "path": DATA, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": n, "type": t, "title": title} for n, t, title in FIELDS],
                       "primaryKey": ["id"], "missingValues": [""]}}],
        "model": {
            "measures": {"amount": measure},
            "dimensions": {
                "administrator": {"dimensionType": "entity", "primaryKey": ["name"],
                                  "attributes": {"name": _attr("department"), "place": _attr("place")}},
                "year": {"dimensionType": "datetime", "primaryKey": ["year"], "attributes": {"year": _attr("year")}},
                "phase": {"dimensionType": "other", "primaryKey": ["phase"],
                          "attributes": {"phase": _attr("phase"), "label": _attr("phase_zh", labelfor="phase")}},
                "direction": {"dimensionType": "other", "primaryKey": ["direction"],
                              "attributes": {"direction": _attr("direction")}},
                "functional": {"dimensionType": "classification", "classificationType": "functional",
                               "primaryKey": ["code"],
                               "attributes": {"level1": _attr("function_level1"),
                                              "level2": _attr("function_level2", parent="level1"),
                                              "code": _attr("function_code", parent="level2"),
                                              "name": _attr("function_name", labelfor="code")}},
                "economic": {"dimensionType": "classification", "classificationType": "economic",
                             "primaryKey": ["code"],
                             "attributes": {"code": _attr("economic_code"),
                                            "name": _attr("economic_name", labelfor="code")}},
                "table": {"dimensionType": "other", "primaryKey": ["number", "name"],
                          "attributes": {"number": _attr("table"), "name": _attr("table_name")}},
                "item": {"dimensionType": "other", "primaryKey": ["side", "item", "column"],
                         "attributes": {"side": _attr("side"), "item": _attr("item"), "column": _attr("column")}},
                "source": {"dimensionType": "fact", "primaryKey": ["id"],
                           "attributes": {k: _attr(k) for k in ("id", "file", "sha256", "line", "page", "cell",
                                                                "amount_printed", "unit_printed")}},
            }},
        "jixiao": {"version": __version__, "files": files, "rows": rows, "units": units,
                   "phases": sorted(phases)},
    }
    if len(years) == 1:
        y = next(iter(years))
        out["fiscalPeriod"] = {"start": f"{y}-01-01", "end": f"{y}-12-31"}   # 预算年度 is the calendar year
    return out


def write_fiscal_data_package(records: Iterable[FileRecord], folder: str | Path) -> dict[str, int]:
    """Write ``datapackage.json`` and ``data/amounts.csv`` into ``folder``; returns the number of
    files whose tables were exported and of amount rows."""
    out = folder_of(folder)
    folder_of(out / "data")
    rows = files = 0
    years: set = set()
    phases: set = set()
    units: dict[str, int] = {}
    with output(out / DATA) as part, part.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=NAMES)
        writer.writeheader()
        for ordinal, record in enumerate(records):
            before = rows
            for row in csv_rows(ordinal, record):
                writer.writerow(row)
                rows += 1
                phases.add(row["phase"])
                units[row["unit_printed"] or "?"] = units.get(row["unit_printed"] or "?", 0) + 1
                if row["year"] != "":
                    years.add(row["year"])
            files += rows > before
    with output(out / "datapackage.json") as part:
        part.write_text(json.dumps(descriptor(rows, files, years, phases, units), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    return {"files": files, "rows": rows}
