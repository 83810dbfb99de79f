"""Exports (导出): the register (台账) as XLSX and CSV, the findings CSV, Parquet and the Fiscal Data Package.

The records are real: the seeds, the bundled examples and field files (016 final accounts, 018
a budget, 023 target tables) run through the pipeline, plus a damaged copy of 023, each record
round-tripped through ``dumps``/``loads``/``FileRecord.from_json`` as the store keeps it. Every
output is read back with its own reader (openpyxl, csv, pyarrow, json) and compared with the
records; the workbook is also opened by LibreOffice.
"""

from __future__ import annotations

import csv
import dataclasses
import glob
import json
import re
import subprocess
import tracemalloc
from collections import Counter
from decimal import Decimal
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jixiao.classify.kind import kind_name
from jixiao.contract import FileRecord
from jixiao.exports import (ExportError, LedgerRow, ledger_rows, write_findings_csv, write_fiscal_data_package,
                            write_ledger_csv, write_ledger_xlsx, write_parquet)
from jixiao.exports.csvfiles import FINDING_HEADERS, cell_text, unescape_formula
from jixiao.exports.fdp import FACTORS, FIELDS
from jixiao.exports.ledger import HEADERS, main_totals
from jixiao.forms.model import DISCLOSURE_KINDS
from jixiao.pipeline import check_path
from jixiao.readers import office
from jixiao.render.findings import record_of
from jixiao.render.json import dumps, loads

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_office = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed; .ci/run installs it")


def _paths() -> list[str]:
    field = [glob.glob(str(SHARED / "field" / p))[0] for p in ("016_*.pdf", "018_*.pdf", "023_*.xlsx")]
    return sorted(glob.glob(str(SHARED / "seeds" / "*.txt"))) + sorted(glob.glob(str(ROOT / "examples" / "*"))) + field


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[FileRecord]:
    damaged = tmp_path_factory.mktemp("damaged") / "损坏的目标表.xlsx"
    damaged.write_bytes(Path(_paths()[-1]).read_bytes()[:4096])   # a truncated workbook: unreadable
    out = []
    for p in _paths() + [str(damaged)]:
        text = dumps({"schema": "jixiao/1", "files": [record_of(check_path(p)).to_json()]})
        out.append(FileRecord.from_json(loads(text)["files"][0]))
    return out


def _by_name(records, part: str) -> FileRecord:
    return next(r for r in records if part in Path(r.file).name)


def _reviewed(record: FileRecord) -> dict[str, str]:
    """A reviewer's states: the first error dismissed, the first warning fixed, every hint confirmed."""
    states = {f.fingerprint: "confirmed" for f in record.findings if f.severity == "info"}
    for severity, state in (("error", "dismissed"), ("warning", "fixed")):
        first = next((f for f in record.findings if f.severity == severity and f.fingerprint), None)
        if first is not None:
            states[first.fingerprint] = state
    return states


# --- the register's rows -------------------------------------------------------------------------

def test_one_row_per_file_with_the_records_figures(records):
    rows = list(ledger_rows(records))
    assert [r.file for r in rows] == [r.file for r in records]
    for row, rec in zip(rows, records):
        counts = Counter(f.severity for f in rec.findings)
        assert (row.errors, row.warnings, row.infos) == (counts["error"], counts["warning"], counts["info"])
        assert row.open_findings == counts["error"] + counts["warning"]   # no review yet: all open
        assert row.checked is rec.checked and row.sha256 == rec.sha256
        totals = main_totals(rec)
        assert row.recomputed_score == (totals.score if totals else None)
        assert row.reported_score == (totals.reported_score if totals else None)
        for value in (row.reported_score, row.recomputed_score):
            assert value is None or type(value) is Decimal
    seed1 = rows[[Path(r.file).name for r in records].index("001_dde57a799df0e585.txt")]
    assert (seed1.errors, seed1.reported_score, seed1.recomputed_score, seed1.reported_grade, seed1.recomputed_grade) \
        == (0, Decimal("99"), Decimal("99.02"), "优", "优")
    assert seed1.unit == "黔南州医疗保障局" and seed1.kind == kind_name("dept_self_eval") and seed1.year == 2023
    assert seed1.place.startswith("贵州省")
    seed4 = next(r for r in rows if r.file.endswith("004_aaa8797094ddd64f.txt"))
    assert seed4.kind == "部门决算公开" == kind_name("final_accounts") and seed4.place == "山西省吕梁市汾阳市"
    seed0 = next(r for r in rows if r.file.endswith("000_376eac14ce8ad9a3.txt"))
    assert (seed0.reported_score, seed0.recomputed_score) == (Decimal("98"), Decimal("100.00"))  # the 部门整体 table
    budget = next(r for r in rows if "018_" in r.file)
    assert budget.kind == "部门预算公开" and budget.recomputed_score is None   # 申报表 are never scored
    damaged = rows[-1]
    assert damaged.read_error.startswith("JX002 ") and damaged.checked is False and damaged.kind == ""


def test_review_states_decide_what_is_open(records):
    seed0 = _by_name(records, "000_")
    states = _reviewed(seed0)
    row = next(ledger_rows([seed0], _reviewed))
    assert row.open_findings == next(ledger_rows([seed0])).open_findings - 2
    assert sum(1 for s in states.values() if s == "confirmed") > 0   # confirmed hints are not problems
    assert row.errors == Counter(f.severity for f in seed0.findings)["error"]   # counts stay as found


# --- XLSX ----------------------------------------------------------------------------------------

def _odd(row: LedgerRow) -> LedgerRow:
    return dataclasses.replace(row, file="=SUM(A1)", unit='逗号,引号"与\n换行', read_error="@cmd|' /C calc'!A0")


def test_xlsx_reads_back_exactly(records, tmp_path):
    rows = list(ledger_rows(records)) + [_odd(next(ledger_rows(records[:1])))]
    path = tmp_path / "台账.xlsx"
    assert write_ledger_xlsx(iter(rows), path) == len(rows)
    assert not list(tmp_path.glob("*.part"))
    ws = load_workbook(path)["台账"]
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref == f"A2:P{len(rows) + 2}"
    assert ws.column_dimensions["A"].width == 40
    assert [c.value for c in ws[2]] == list(HEADERS)
    assert "台账" in ws["A1"].value
    for n, row in enumerate(rows, start=3):
        cells = ws[n]
        for cell, value in zip(cells, row.values()):
            if value is None or value == "":
                assert cell.value is None
            elif isinstance(value, bool):
                assert cell.value == ("是" if value else "否")
            elif isinstance(value, Decimal):
                assert cell.data_type == "n" and Decimal(repr(cell.value)) == value
                places = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
                assert cell.number_format == ("0." + "0" * places if places else "0")
            elif isinstance(value, int):
                assert cell.value == value and cell.number_format == "0"
            else:
                assert cell.data_type in ("s", "inlineStr") and cell.value == value   # never "f"
    seed1 = next(n for n, r in enumerate(rows, start=3) if r.file.endswith("001_dde57a799df0e585.txt"))
    assert ws.cell(seed1, 8).number_format == "0.00" and ws.cell(seed1, 7).number_format == "0"


@needs_office
def test_libreoffice_opens_the_register(records, tmp_path):
    rows = list(ledger_rows(records)) + [_odd(next(ledger_rows(records[:1])))]
    path = tmp_path / "ledger.xlsx"
    write_ledger_xlsx(rows, path)
    out = tmp_path / "lo"
    subprocess.run([office.soffice(), f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=120)
    with (out / "ledger.csv").open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    assert table[1] == list(HEADERS) and len(table) == len(rows) + 2
    by_file = {t[0]: dict(zip(HEADERS, t)) for t in table[2:]}
    seed1 = by_file[next(r.file for r in records if r.file.endswith("001_dde57a799df0e585.txt"))]
    assert (seed1["错误"], seed1["填报总分"], seed1["复核总分"], seed1["复核等级"], seed1["是否复核完成"]) \
        == ("0", "99", "99.02", "优", "是")
    seed4 = by_file[next(r.file for r in records if r.file.endswith("004_aaa8797094ddd64f.txt"))]
    assert seed4["类型"] == "部门决算公开" and seed4["地区"] == "山西省吕梁市汾阳市"
    assert by_file[records[-1].file]["读取错误"].startswith("JX002")
    odd = by_file["=SUM(A1)"]   # text, not a formula: LibreOffice would print its result
    assert odd["单位"] == '逗号,引号"与\n换行' and odd["读取错误"] == "@cmd|' /C calc'!A0"


# --- CSV -----------------------------------------------------------------------------------------

def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")   # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _expected(value: object) -> str:
    return unescape_formula(cell_text(value))


def test_ledger_csv_reads_back_exactly(records, tmp_path):
    rows = list(ledger_rows(records, _reviewed))
    path = tmp_path / "台账.csv"
    assert write_ledger_csv(rows, path) == len(rows)
    table = _read_csv(path)
    assert table[0] == list(HEADERS)
    for got, row in zip(table[1:], rows, strict=True):
        assert [unescape_formula(c) for c in got] == [_expected(v) for v in row.values()]
        if row.recomputed_score is not None:
            assert Decimal(got[7]) == row.recomputed_score and got[7] == format(row.recomputed_score, "f")


def test_findings_csv_one_row_per_finding(records, tmp_path):
    path = tmp_path / "问题.csv"
    assert write_findings_csv(records, _reviewed, path) == sum(len(r.findings) for r in records)
    table = _read_csv(path)
    assert table[0] == list(FINDING_HEADERS)
    got = iter(table[1:])
    names = {"open": "待处理", "confirmed": "已确认", "dismissed": "已排除", "fixed": "已修正"}
    for rec in records:
        states = _reviewed(rec)
        for f in rec.findings:
            row = dict(zip(FINDING_HEADERS, (unescape_formula(c) for c in next(got))))
            assert (row["文件"], row["sha256"], row["代码"], row["说明"], row["位置"], row["指纹"]) == \
                (rec.file, rec.sha256 or "", f.code, f.message, f.place, f.fingerprint)
            assert row["级别"] == {"error": "错误", "warning": "警告", "info": "提示"}[f.severity]
            assert row["复核状态"] == names[states.get(f.fingerprint, "open")]
            assert (row["应为"], row["实为"], row["对象"]) == (f.expected or "", f.found or "", f.subject)
            assert row["表"] == ("" if f.form is None else str(f.form + 1))
    assert next(got, None) is None
    places = [r[12] for r in table[1:]]
    assert any(p.startswith("第") and "页" in p for p in places) and any("!" in p for p in places)


_TEXT = st.text(max_size=40) | st.sampled_from(["=SUM(A1)", "+1+1", "-2+3", "@SUM(1)", "'quoted", "''",
                                                 "-12.50", "\t=1", "a,b", 'say "hi"', "第一行\n第二行", "\r"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=_TEXT, unit=_TEXT, grade=_TEXT)
def test_csv_survives_odd_text(tmp_path_factory, file, unit, grade):
    row = LedgerRow(file, None, unit, "类型", 2024, "", Decimal("-0.50"), None, grade, None, 0, 0, 0, 0, False, None)
    path = tmp_path_factory.mktemp("odd") / "odd.csv"
    write_ledger_csv([row], path)
    got = _read_csv(path)[1]
    assert [unescape_formula(c) for c in got] == [_expected(v) for v in row.values()]
    assert (unescape_formula(got[0]), unescape_formula(got[2]), unescape_formula(got[8])) == (file, unit, grade)
    assert got[6] == "-0.50"   # a negative number is not a formula
    for cell in got:
        assert not cell.startswith(("=", "@", "\t", "\r"))
        assert not cell.startswith(("-", "+")) or re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)%?", cell)   # numbers only


# --- Parquet -------------------------------------------------------------------------------------

def test_parquet_reads_back_exactly(records, tmp_path):
    counts = write_parquet(iter(records), tmp_path)
    forms = pq.read_table(tmp_path / "forms.parquet")
    inds = pq.read_table(tmp_path / "indicators.parquet")
    accounts = pq.read_table(tmp_path / "accounts_rows.parquet")
    assert counts == {"forms.parquet": forms.num_rows, "indicators.parquet": inds.num_rows,
                      "accounts_rows.parquet": accounts.num_rows}
    for table in (forms, inds, accounts):   # money is never a float
        for field in table.schema:
            assert not pa.types.is_floating(field.type), field
    assert forms.schema.field("budget_executed").type == pa.decimal128(38, 6)
    assert accounts.schema.field("values").type == pa.list_(pa.decimal128(38, 6))
    by_file = {r.file: r for r in records}
    form_rows = forms.to_pylist()
    assert len(form_rows) == sum(len(r.forms) for r in records)
    for row in form_rows:
        form = by_file[row["file"]].forms[row["form"]]
        main = form.budget.main if form.budget else None
        assert (row["kind"], row["title"], row["project"], row["year"]) == (form.kind, form.title, form.project,
                                                                             form.year)
        assert row["total_score"] == form.total_score and row["budget_executed"] == (main.executed if main else None)
        assert row["budget_rate"] == (main.rate if main else None)
    seed1 = next(r for r in form_rows if r["file"].endswith("001_dde57a799df0e585.txt"))
    assert seed1["recomputed_score"] == Decimal("99.02") and seed1["total_score"] == Decimal("99")
    ind_rows = inds.to_pylist()
    assert len(ind_rows) == sum(len(f.indicators) for r in records for f in r.forms)
    for row in ind_rows:
        ind = by_file[row["file"]].forms[row["form"]].indicators[row["row"]]
        assert (row["name"], row["weight"], row["score"], row["line"]) == (ind.name, ind.weight, ind.score,
                                                                          ind.ref.line)
        assert row["target_value"] == (ind.target.value if ind.target else None)
        assert row["actual_text"] == (ind.actual.text if ind.actual else None)
    acc_rows = accounts.to_pylist()
    expected = [(r.file, n, k) for r in records for n, f in enumerate(r.forms) if f.kind in DISCLOSURE_KINDS
                for k in range(len(f.data["rows"]))]
    assert [(a["file"], a["form"], a["row"]) for a in acc_rows] == expected
    amounts = 0
    for a in acc_rows:
        form = by_file[a["file"]].forms[a["form"]]
        source = form.data["rows"][a["row"]]
        assert a["cells"] == source["cells"] and a["line"] == source["line"] and a["amount_unit"] == form.data["unit"]
        assert a["values"] == source["values"]   # every amount equals the Decimal of the form
        amounts += sum(v is not None for v in a["values"])
    assert amounts > 500
    swu = next(a for a in acc_rows if "016_" in a["file"] and a["cells"][:2] == ["205", "教育支出"])
    assert swu["values"][2] == Decimal("399693.48") and swu["addresses"][2] == "表2!C3"


def test_parquet_refuses_to_round(records, tmp_path):
    rec = _by_name(records, "001_")
    form = rec.forms[0]
    bad = dataclasses.replace(form, indicators=[dataclasses.replace(form.indicators[0], weight=Decimal("1.1234567"))])
    broken = dataclasses.replace(rec, forms=[bad])
    with pytest.raises(ExportError) as err:
        write_parquet([broken], tmp_path)
    assert "decimal128" in str(err.value) and rec.file in str(err.value)
    assert not list(tmp_path.iterdir())   # nothing half-written


# --- Fiscal Data Package -------------------------------------------------------------------------

# The model part of https://schemas.frictionlessdata.io/fiscal-data-package.json (0.3.0: ``mapping``
# renamed ``model``), for jsonschema to hold the descriptor to.
_ATTRIBUTE = {"type": "object", "required": ["source"],
              "properties": {"source": {"type": "string"}, "resource": {"type": "string"},
                             "parent": {"type": "string"}, "labelfor": {"type": "string"}}}
FDP_SCHEMA = {
    "type": "object", "required": ["name", "title", "resources", "model"],
    "properties": {
        "profile": {"const": "fiscal-data-package"},
        "granularity": {"enum": ["aggregated", "transactional"]},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "schema"],
            "properties": {"schema": {"type": "object", "required": ["fields"]}}}},
        "model": {"type": "object", "required": ["measures", "dimensions"], "properties": {
            "measures": {"type": "object", "minProperties": 1, "patternProperties": {r"^\w+": {
                "type": "object", "required": ["source", "currency"],
                "properties": {"source": {"type": "string"}, "resource": {"type": "string"},
                               "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}, "factor": {"type": "number"},
                               "direction": {"enum": ["expenditure", "revenue"]},
                               "phase": {"enum": ["proposed", "approved", "adjusted", "executed"]}}}}},
            "dimensions": {"type": "object", "minProperties": 1, "patternProperties": {r"^\w+": {
                "type": "object", "required": ["attributes", "primaryKey"],
                "properties": {"attributes": {"type": "object", "minProperties": 1,
                                              "patternProperties": {r"^\w+": _ATTRIBUTE}},
                               "primaryKey": {"oneOf": [{"type": "string"},
                                                        {"type": "array", "minItems": 1, "items": {"type": "string"}}]},
                               "dimensionType": {"enum": ["datetime", "entity", "classification", "activity",
                                                          "fact", "location", "other"]},
                               "classificationType": {"enum": ["functional", "administrative", "economic"]}}}}}}}}}


def test_fiscal_data_package(records, tmp_path):
    counts = write_fiscal_data_package(iter(records), tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(FDP_SCHEMA).validate(package)
    assert package["profile"] == "fiscal-data-package" and package["spec"].startswith("https://specs.frictionlessdata")
    resource = package["resources"][0]
    fields = [f["name"] for f in resource["schema"]["fields"]]
    names = set(fields)
    for dim in package["model"]["dimensions"].values():
        assert {a["source"] for a in dim["attributes"].values()} <= names
    measure = package["model"]["measures"]["amount"]
    assert (measure["currency"], measure["factor"], measure["source"]) == ("CNY", 1, "amount")
    raw = (tmp_path / resource["path"]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / resource["path"]).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == fields == [f[0] for f in FIELDS]
        rows = list(reader)
    assert counts == {"files": 4, "rows": len(rows)} and package["jixiao"]["rows"] == len(rows)
    assert len({r["id"] for r in rows}) == len(rows)
    by_file = {r.file: r for r in records}
    for r in rows:   # every amount: the form's Decimal, times the unit's factor, exactly
        rec = by_file[r["file"]]
        _, t, k, c = r["id"].split("-")
        form = rec.forms[int(t[1:])]
        printed = form.data["rows"][int(k[1:])]["values"][int(c[1:])]
        assert Decimal(r["amount_printed"]) == printed and r["unit_printed"] == form.data["unit"]
        assert Decimal(r["amount"]) == printed * FACTORS[r["unit_printed"]]
        assert r["phase"] in ("approved", "adjusted", "executed") and int(r["year"]) in (2023, 2024)
        assert r["department"] == (rec.document.department or "")
    seed4 = [r for r in rows if r["file"].endswith("004_aaa8797094ddd64f.txt")]
    pension = next(r for r in seed4 if r["table"] == "公开03" and r["function_code"] == "2080502"
                   and r["column"] == "本年支出合计")
    assert (pension["function_name"], pension["amount"], pension["phase"], pension["phase_zh"]) == \
        ("事业单位离退休", "25800.00", "executed", "决算")
    assert (pension["function_level1"], pension["function_level2"], pension["direction"]) == ("208", "20805",
                                                                                             "expenditure")
    assert any(r["economic_code"] == "30101" and r["economic_name"] == "基本工资" for r in seed4)
    three = [r for r in seed4 if r["table"] == "公开09"]   # 预算数 columns of a 决算 table are approved
    assert {r["phase"] for r in three} == {"approved", "executed"}
    assert not any("车辆" in r["item"] or r["item"] == "机要通信用车" for r in seed4)   # counts are not money
    assert {r["phase"] for r in rows if "018_" in r["file"]} == {"approved"}
    swu = [r for r in rows if "016_" in r["file"] and r["function_code"] == "20602"]
    assert swu and all(r["function_name"] == "基础研究" for r in swu)


# --- streaming and errors ------------------------------------------------------------------------

def _peak(write, copies: int) -> int:
    tracemalloc.start()
    try:
        write(copies)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_writers_stream_in_constant_memory(records, tmp_path):
    rows = list(ledger_rows(records))
    disclosure = [r for r in records if any(f.kind in DISCLOSURE_KINDS for f in r.forms)]

    def register(copies):
        gen = (row for _ in range(copies) for row in rows)
        assert write_ledger_xlsx(gen, tmp_path / "big.xlsx") == copies * len(rows)

    def package(copies):
        write_fiscal_data_package((r for _ in range(copies) for r in disclosure), tmp_path / "fdp")

    for write, small, big in ((register, 30, 600), (package, 2, 20)):   # 6600 rows; 11300 amounts
        assert _peak(write, big) < 1.5 * _peak(write, small) + 1_000_000


def test_missing_folder_is_said_in_chinese_and_english(records, tmp_path):
    with pytest.raises(ExportError) as err:
        write_ledger_csv(ledger_rows(records), tmp_path / "没有" / "台账.csv")
    assert "输出目录不存在" in str(err.value) and "no such folder" in str(err.value)
