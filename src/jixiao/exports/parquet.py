"""Parquet exports (Parquet 导出): forms, indicators and final-accounts rows for analysts.

Three files in one folder, written in batches with pyarrow so thousands of documents take
constant memory:

- ``forms.parquet`` — one row per form (表单): file, sha256, form index, kind, title, project,
  unit, year, the budget's main row (年初预算 / 全年预算 / 执行数 / 执行率 / 分值 / 得分), the
  total weight, score and grade as printed and as recomputed.
- ``indicators.parquet`` — one row per third-level indicator (三级指标): levels and name, target
  and actual (text, value, unit), weight, score, and where it was (line, page, cell).
- ``accounts_rows.parquet`` — one row per row of a final-accounts or budget table (决算/预算公开表):
  table number and name, the unit of amount (元/万元), line and page, every cell as printed,
  the numbers the form read from them and the classification codes of the row.

Every amount is ``decimal128(38, 6)`` — never float. A number with more than six decimals, or
too large for 38 digits, stops the export with its file and place rather than being rounded.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..contract import FileRecord, Totals
from ..forms.model import DISCLOSURE_KINDS, BudgetRow, Form
from ..render.terminal import KIND_NAMES
from .base import ExportError, folder_of, output

DECIMAL = pa.decimal128(38, 6)
_SCALE = Decimal("0.000001")
_LIMIT = Decimal(10) ** 32
_CONTEXT = Context(prec=38)   # 32 + 6 digits, beyond the default 28
BATCH = 2048
BUDGET = ("declared", "initial", "adjusted", "executed", "balance", "rate", "weight", "score")


def _text(name: str) -> pa.Field:
    return pa.field(name, pa.string())


def _dec(name: str) -> pa.Field:
    return pa.field(name, DECIMAL)


def _int(name: str) -> pa.Field:
    return pa.field(name, pa.int32())


_HEAD = [_text("file"), _text("sha256"), _int("form")]
FORMS = pa.schema(_HEAD + [
    _text("kind"), _text("kind_name"), _text("title"), _text("project"), _text("project_code"),
    _text("department"), _text("unit"), _int("year"), _text("budget_unit"), _text("budget_label"),
    *[_dec(f"budget_{f}") for f in BUDGET], _dec("total_weight"), _dec("total_score"), _text("grade"),
    _dec("recomputed_weight"), _dec("recomputed_score"), _text("recomputed_grade"), _int("indicators"),
    _int("line"), _int("page")])
INDICATORS = pa.schema(_HEAD + [
    _int("row"), _text("level1"), _text("level2"), _text("name"), _text("target_text"), _text("target_op"),
    _dec("target_value"), _text("target_unit"), _dec("target_low"), _dec("target_high"), _text("actual_text"),
    _dec("actual_value"), _text("actual_unit"), _dec("weight"), _dec("score"), _text("note"),
    _int("line"), _int("page"), _text("cell")])
ACCOUNTS = pa.schema(_HEAD + [
    _text("kind"), _text("table"), _text("table_name"), _text("amount_unit"), _int("row"), _int("line"),
    _int("page"), pa.field("cells", pa.list_(pa.string())), pa.field("columns", pa.list_(pa.string())),
    pa.field("values", pa.list_(DECIMAL)), pa.field("addresses", pa.list_(pa.string())),
    pa.field("codes", pa.list_(pa.struct([_text("code"), _text("name")])))])
FILES = {"forms.parquet": FORMS, "indicators.parquet": INDICATORS, "accounts_rows.parquet": ACCOUNTS}


def exact(value: object, file: str, place: str) -> Decimal | None:
    """An amount as ``decimal128(38, 6)`` holds it, unchanged; an export error where it cannot be."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise ExportError(f"不是数值：{value!r}", f"not a number: {value!r}", file, place)
    d = Decimal(value)
    try:
        q = _CONTEXT.quantize(d, _SCALE) if d.is_finite() and abs(d) < _LIMIT else None
    except InvalidOperation:
        q = None
    if q is None or q != d:
        raise ExportError(f"数值 {d} 超出 decimal128(38,6) 的精度（最多 32 位整数、6 位小数），未导出",
                          f"{d} does not fit decimal128(38,6) (32 integer digits, 6 decimals); not exported",
                          file, place)
    return q


class _Table:
    """One Parquet file being written, a batch of rows at a time (分批写入)."""

    def __init__(self, path: Path, schema: pa.Schema):
        self.schema, self.rows, self.count, self.open = schema, [], 0, True
        self.writer = pq.ParquetWriter(path, schema)

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.count += len(self.rows)
            self.rows = []

    def close(self) -> int:
        self.flush()
        self.release()
        return self.count

    def release(self) -> None:
        """Close the file (also when the export failed half-way: ``output`` then removes it)."""
        if self.open:
            self.open = False
            self.writer.close()


def _where(form: Form, line: int | None = None) -> str:
    return f"表{form.data.get('table') or ''}第{line or form.ref.line}行"


def form_row(record: FileRecord, n: int, form: Form, totals: Totals | None) -> dict:
    """The row of ``forms.parquet`` for one form."""
    budget = form.budget
    main: BudgetRow | None = budget.main if budget is not None else None
    where = _where(form)
    row = {"file": record.file, "sha256": record.sha256, "form": n, "kind": form.kind,
           "kind_name": KIND_NAMES.get(form.kind, form.kind), "title": form.title, "project": form.project,
           "project_code": form.project_code, "department": form.department, "unit": form.unit, "year": form.year,
           "budget_unit": budget.unit if budget else None, "budget_label": main.label if main else None,
           "total_weight": exact(form.total_weight, record.file, where),
           "total_score": exact(form.total_score, record.file, where), "grade": form.grade,
           "recomputed_weight": exact(totals.weight, record.file, where) if totals else None,
           "recomputed_score": exact(totals.score, record.file, where) if totals else None,
           "recomputed_grade": totals.grade if totals else None, "indicators": len(form.indicators),
           "line": form.ref.line, "page": form.ref.page}
    for f in BUDGET:
        row[f"budget_{f}"] = exact(getattr(main, f), record.file, where) if main else None
    return row


def indicator_rows(record: FileRecord, n: int, form: Form) -> Iterable[dict]:
    """The rows of ``indicators.parquet`` for one form's indicators."""
    for k, ind in enumerate(form.indicators):
        t, a, ref = ind.target, ind.actual, ind.ref
        where = ref.where if ref else _where(form)

        def num(x: object) -> Decimal | None:
            return exact(x, record.file, where)
        yield {"file": record.file, "sha256": record.sha256, "form": n, "row": k, "level1": ind.level1,
               "level2": ind.level2, "name": ind.name, "target_text": t.text if t else None,
               "target_op": t.op if t else None, "target_value": num(t.value) if t else None,
               "target_unit": t.unit if t else None, "target_low": num(t.low) if t else None,
               "target_high": num(t.high) if t else None, "actual_text": a.text if a else None,
               "actual_value": num(a.value) if a else None, "actual_unit": a.unit if a else None,
               "weight": num(ind.weight), "score": num(ind.score), "note": ind.note,
               "line": ref.line if ref else None, "page": ref.page if ref else None, "cell": ref.cell if ref else None}


def account_rows(record: FileRecord, n: int, form: Form) -> Iterable[dict]:
    """The rows of ``accounts_rows.parquet`` for one final-accounts or budget table."""
    if form.kind not in DISCLOSURE_KINDS:
        return
    data = form.data
    for k, row in enumerate(data.get("rows") or ()):
        where = _where(form, row.get("line"))
        yield {"file": record.file, "sha256": record.sha256, "form": n, "kind": form.kind,
               "table": data.get("table"), "table_name": data.get("name"), "amount_unit": data.get("unit"),
               "row": k, "line": row.get("line"), "page": row.get("page"), "cells": list(row.get("cells") or ()),
               "columns": list(data.get("columns") or ()),
               "values": [exact(v, record.file, where) for v in row.get("values") or ()],
               "addresses": row.get("addresses"),
               "codes": [{"code": c.get("code"), "name": c.get("name")} for c in row.get("codes") or ()]}


def write_parquet(records: Iterable[FileRecord], folder: str | Path) -> dict[str, int]:
    """Write ``forms.parquet``, ``indicators.parquet`` and ``accounts_rows.parquet`` into
    ``folder``; returns the number of rows of each file."""
    out = folder_of(folder)
    with output(out / "forms.parquet") as p1, output(out / "indicators.parquet") as p2, \
            output(out / "accounts_rows.parquet") as p3:
        tables = [_Table(p, s) for p, s in zip((p1, p2, p3), FILES.values())]
        forms, indicators, accounts = tables
        try:
            for record in records:
                totals = {t.form: t for t in record.totals}
                for n, form in enumerate(record.forms):
                    forms.add(form_row(record, n, form, totals.get(n)))
                    for row in indicator_rows(record, n, form):
                        indicators.add(row)
                    for row in account_rows(record, n, form):
                        accounts.add(row)
            counts = [t.close() for t in tables]
        finally:
            for t in tables:
                t.release()
    return dict(zip(FILES, counts))
