"""What the store gives back (导出与历次比对): ``db export`` and ``db history``, on SQLite and on a
real PostgreSQL server — a seed, its resubmission with one figure fixed, and the examples."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from jixiao.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_000 = SEEDS / "000_376eac14ce8ad9a3.txt"
EXAMPLES = ROOT / "examples"
runner = CliRunner()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    """Seed 000, its resubmission (the 年初 denominator fixed: 91.55% → 100.00%, score 8 → 10, total
    98 → 100), the
    examples; one finding of seed 000 dismissed."""
    folder = tmp_path_factory.mktemp("outputs")
    url = str(folder / "store.db") if request.param == "sqlite" else request.getfixturevalue("pg_server").database()
    text = SEED_000.read_text("utf-8")
    assert "\t91.55%\n\t8\n" in text
    first, again = folder / "first", folder / "again"
    first.mkdir()
    again.mkdir()
    (first / "000.txt").write_text(text, "utf-8")
    fixed = text.replace("\t91.55%\n\t8\n", "\t100.00%\n\t10\n", 1).replace(
        "\t总分\n\t100\n\t　98\n", "\t总分\n\t100\n\t　100\n", 1)   # and the total that follows
    (again / "000_resubmitted.txt").write_text(fixed, "utf-8")
    for step in (first, again, EXAMPLES):
        res = runner.invoke(app, ["db", "ingest", "--db", url, str(step)])
        assert res.exit_code == 0, res.output
    return url


def test_history_lists_the_fix_of_the_resubmission(store):
    res = runner.invoke(app, ["db", "history", "君山区医疗保障", "--db", store, "-f", "json"])
    assert res.exit_code == 0, res.output
    histories = json.loads(res.stdout)
    dept = next(h for h in histories if len(h["records"]) == 2)
    [step] = dept["steps"]
    fixed = [f["code"] for f in step["findings"]["fixed"]]
    assert fixed == ["JX102"] and step["findings"]["new"] == []
    assert step["findings"]["still_open"]               # the other findings stay open
    res = runner.invoke(app, ["db", "history", "青禾县医疗保障局", "--db", store])
    assert res.exit_code == 0 and "历次提交 1 份" in res.stdout
    res = runner.invoke(app, ["db", "history", "没有这个单位", "--db", store])
    assert res.exit_code == 2 and "没有" in res.output


def test_export_writes_the_ledger_findings_parquet_and_package(store, tmp_path):
    shown = json.loads(runner.invoke(app, ["db", "ls", "--db", store, "-f", "json"]).stdout)
    target = next(r for r in shown if r["name"].endswith("000.txt"))
    seed = json.loads(runner.invoke(app, ["db", "show", target["sha256"], "--db", store, "-f", "json"]).stdout)
    fingerprint = next(f["fingerprint"] for f in seed["findings"] if f["severity"] == "error")
    res = runner.invoke(app, ["db", "review", target["sha256"], fingerprint, "-s", "排除", "-n", "已核实", "--db", store])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["db", "export", str(tmp_path), "--db", store])
    assert res.exit_code == 0, res.output
    sheet = openpyxl.load_workbook(tmp_path / "台账.xlsx").active
    rows = [r for r in sheet.iter_rows(values_only=True) if any(r)]
    names = [str(r[0]) for r in rows]
    assert sum("000" in n for n in names) == 2 and sum("qinghe" in n for n in names) == 3
    with open(tmp_path / "问题清单.csv", encoding="utf-8-sig", newline="") as f:
        findings = list(csv.DictReader(f))
    ours = [f for f in findings if fingerprint in f.values() and f.get(next(k for k in f if "sha256" in k.lower()))
            == target["sha256"]]
    assert ours and all("已排除" in f.values() for f in ours)
    assert {p.name for p in (tmp_path / "parquet").iterdir()} == {"forms.parquet", "indicators.parquet",
                                                                    "accounts_rows.parquet"}
    package = json.loads((tmp_path / "fiscal-data-package" / "datapackage.json").read_text("utf-8"))
    assert package["profile"] == "fiscal-data-package"
    only = runner.invoke(app, ["db", "export", str(tmp_path / "ledger"), "--db", store, "--part", "ledger"])
    assert only.exit_code == 0 and sorted(p.name for p in (tmp_path / "ledger").iterdir()) == ["台账.csv", "台账.xlsx"]
