"""Entry workbooks (填报工作簿): ``jixiao new`` → typed in → saved by LibreOffice → ``jixiao check``.

Every layout is made, filled the way a user types (openpyxl writing values into the input
cells only), and saved by LibreOffice headless so that a real spreadsheet computes the formulas;
then the cached rate, scores, total and grade must equal jixiao's own recomputation, with no
error of the execution, indicator or total families. A formula overwritten by a typed value is
JX014 at its cell. All the files go through one ``soffice`` call.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.entry.cli import make
from jixiao.entry.layout import PROPERTY, available, load
from jixiao.entry.plan import SHEET, plan
from jixiao.pipeline import check_path
from jixiao.rules.profile import load as load_profile

DEPARTMENTS = {"hunan": "岳阳市君山区医疗保障局", "sichuan": "广元市昭化区医疗保障局", "shanxi": "汾阳市医疗保险服务中心",
               "guizhou": "黔南州医疗保障局", "jiangxi": "南昌市西湖区医疗保障局", "national": "青禾县医疗保障局"}
# (一级, 二级, 三级, 性质, 指标值, 单位, 完成值, 分值, 偏差原因): met, short, inverse, qualitative
INDICATORS = [
    ("产出指标", "数量指标", "基本医保参保人数", "≥", 21.5, "万人", 21.6, 20, ""),
    ("产出指标", "质量指标", "医保基金结算差错率", "≤", 0.5, "%", 0.6, 10, "个别机构结算复核不及时"),
    ("产出指标", "时效指标", "待遇支付及时率", "≥", 98, "%", 90, 20, "系统切换期间支付延后"),
    ("效益指标", "社会效益指标", "群众就医负担减轻程度", "定性", "明显减轻", "", "部分达成", 30, "门诊统筹待遇调整滞后"),
    ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥", 90, "%", 92, 10, ""),
]
BUDGET = [(1614.08, 1614.08, 1489.33), (120, 130, 118.5)]


def _typed(layout_id: str) -> dict[str, object]:
    """What a user types into the layout's input cells, by input key."""
    lay = load(layout_id)
    out: dict[str, object] = {"project": "城乡居民基本医疗保险区级补助", "department": DEPARTMENTS[lay.profile],
                              "unit": DEPARTMENTS[lay.profile], "goal": "巩固参保率，达到95%。", "achieved": "参保率达95.47%。",
                              "conclusion": "基本完成年度目标。", "problems": "个别定点机构结算不及时。",
                              "measures": "按月通报结算进度。"}
    first = 1 if lay.budget.total == "sum" and len(lay.budget.rows) > 1 else 0
    for k, (initial, adjusted, executed) in enumerate(BUDGET):
        row = first + k
        out |= {f"budget.{row}.declared": initial, f"budget.{row}.initial": initial,
                f"budget.{row}.adjusted": adjusted, f"budget.{row}.executed": executed,
                f"budget.{row}.balance": round(adjusted - executed, 2)}
    for i, (l1, l2, name, op, target, unit, actual, weight, note) in enumerate(INDICATORS):
        out |= {f"ind.{i}.level1": l1, f"ind.{i}.level2": l2, f"ind.{i}.name": name, f"ind.{i}.op": op,
                f"ind.{i}.target": target, f"ind.{i}.target_initial": target, f"ind.{i}.unit": unit,
                f"ind.{i}.actual": actual, f"ind.{i}.weight": weight, f"ind.{i}.note": note,
                f"ind.{i}.target_text": f"{'' if op == '定性' else op}{target}{unit}"}
    return out


def _plan(layout_id: str, rows: int | None = len(INDICATORS)):
    lay = load(layout_id)
    return plan(lay, load_profile(lay.profile), rows)


def _fill(layout_id: str, path: Path, overwrite: dict[str, object] | None = None,
          rows: int | None = len(INDICATORS)) -> None:
    """Make the workbook, then type into its input cells only (and, for a test, over a formula)."""
    path.write_bytes(make(layout_id, rows))
    wb = load_workbook(path)
    ws = wb[SHEET]
    inputs = _plan(layout_id, rows).inputs()
    for key, value in _typed(layout_id).items():
        if key in inputs and value != "":
            ws[inputs[key]] = value
    for addr, value in (overwrite or {}).items():
        ws[addr] = value
    wb.save(path)


DATA_YAML = """year: 2024
project: 城乡居民基本医疗保险区级补助
department: 岳阳市君山区医疗保障局
unit: 岳阳市君山区医疗保障事务中心
goal: 巩固参保率，达到95%。
achieved: 参保率达95.47%。
budget:
  - {initial: 1614.08, adjusted: 1614.08, executed: 1489.33}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 基本医保参保人数, op: "≥", target: 21.5, unit: 万人, actual: 21.6, weight: 40}
  - {level1: 效益指标, level2: 社会效益指标, name: 群众就医负担减轻程度, op: 定性, target: 明显减轻, actual: 达成, weight: 40}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 参保群众满意度, op: "≥", target: 90, unit: "%", actual: 85, weight: 10, note: 宣传不到位}
"""


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """Every layout typed in, two with a formula overwritten, one from --from; saved by LibreOffice."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed for these tests"
    src = tmp_path_factory.mktemp("typed")
    out = tmp_path_factory.mktemp("saved")
    for ident in available():
        _fill(ident, src / f"{ident}.xlsx")
    rate = next(a for a, p in _plan("national_project").cells.items() if p.what.startswith("预算执行率"))
    score = next(a for a, p in _plan("sichuan_project").cells.items() if p.what.startswith("指标得分"))
    _fill("national_project", src / "tampered_rate.xlsx", {rate: 0.95})
    _fill("sichuan_project", src / "tampered_score.xlsx", {score: 18})
    _fill("guizhou_dept", src / "rows_left_blank.xlsx", rows=None)   # 20 rows, 5 typed
    (src / "data.yaml").write_text(DATA_YAML, encoding="utf-8")
    res = CliRunner().invoke(app, ["new", "hunan_project", "-o", str(src / "from_yaml.xlsx"), "--from", str(src / "data.yaml")])
    assert res.exit_code == 0, res.output
    profile_dir = Path("/tmp") / f"jixiao-lo-{uuid.uuid4().hex}"
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "xlsx",
                        "--outdir", str(out), *sorted(str(p) for p in src.glob("*.xlsx"))],
                       check=True, capture_output=True, timeout=80)
    finally:
        shutil.rmtree(profile_dir, ignore_errors=True)
    return {p.stem: p for p in out.glob("*.xlsx")}


def _cached(path: Path) -> dict[str, object]:
    ws = load_workbook(path, data_only=True)[SHEET]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def _role_cell(layout_id: str, prefix: str) -> list[str]:
    return [a for a, p in _plan(layout_id).cells.items() if p.kind == "formula" and p.what.startswith(prefix)]


def _near(a, b) -> bool:
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.000001")


SCORED = [i for i in available() if load(i).scored]


@pytest.mark.parametrize("ident", SCORED)
def test_libreoffice_computes_what_jixiao_recomputes(saved, ident):
    checked = check_path(saved[ident])
    assert checked.error is None
    errors = [f for f in checked.findings if f.severity == "error" and f.code[2] in "123"]
    assert not errors, [(f.code, f.message) for f in errors]
    assert len(checked.forms) == 1 and checked.profile.id == load(ident).profile
    ev, cached = checked.evals[0], _cached(saved[ident])
    assert ev.form.kind == ("project_self_eval" if load(ident).kind == "project" else "dept_self_eval")
    (rate,) = _role_cell(ident, "预算执行率")
    assert _near(Decimal(str(cached[rate])) * 100, ev.rate.point)
    (exec_score,) = _role_cell(ident, "预算执行得分")
    assert _near(cached[exec_score], ev.execution_score.expected)
    scores = _role_cell(ident, "指标得分")
    figures = [i.figure for i in ev.indicators]
    assert len(figures) == len(INDICATORS) == len(scores)
    for addr, fig in zip(scores, figures):
        if fig.expected is not None:          # quantitative: one exact score
            assert _near(cached[addr], fig.expected), (addr, cached[addr], fig.expected)
        else:                                 # qualitative: within the band
            assert fig.accepted.lo <= Decimal(str(cached[addr])) <= fig.accepted.hi
    (total,) = _role_cell(ident, "总分")
    assert _near(cached[total], ev.recomputed_total)
    (grade,) = _role_cell(ident, "自评等级")
    assert cached[grade] == checked.profile.grade_of(ev.recomputed_total) == ev.form.grade
    assert "JX014" not in {f.code for f in checked.findings}


def test_shortfall_scores_follow_the_profile(saved):
    """The short, inverse and qualitative rows score below their weights, as the profile says."""
    cached = _cached(saved["national_project"])
    scores = [Decimal(str(cached[a])) for a in _role_cell("national_project", "指标得分")]
    assert scores[0] == 20 and _near(scores[1], Decimal("0.5") / Decimal("0.6") * 10)
    assert _near(scores[2], Decimal(90) / Decimal(98) * 20) and scores[3] == 21 and scores[4] == 10


@pytest.mark.parametrize("name,ident,what", [("tampered_rate", "national_project", "预算执行率"),
                                             ("tampered_score", "sichuan_project", "指标得分")])
def test_a_formula_typed_over_is_jx014_at_its_cell(saved, name, ident, what):
    checked = check_path(saved[name])
    hits = [f for f in checked.findings if f.code == "JX014"]
    addr = _role_cell(ident, what)[0]
    assert [f.ref.cell for f in hits] == [f"{SHEET}!{addr}"]
    assert hits[0].severity == "warning" and what in hits[0].message and hits[0].found in ("95.00%", "18.00")


def test_jiangxi_target_table_is_read_as_targets(saved):
    checked = check_path(saved["jiangxi_targets"])
    assert [f.kind for f in checked.forms] == ["dept_targets"]
    form = checked.forms[0]
    assert [i.name for i in form.indicators] == [i[2] for i in INDICATORS]
    total = _cached(saved["jiangxi_targets"])[_role_cell("jiangxi_targets", "年初预算数合计")[0]]
    assert _near(total, Decimal("1734.08"))
    assert not [f for f in checked.findings if f.severity == "error"]


def test_from_yaml_fills_and_computes(saved):
    checked = check_path(saved["from_yaml"])
    ev = checked.evals[0]
    assert checked.forms[0].unit == "岳阳市君山区医疗保障事务中心" and checked.forms[0].year == 2024
    assert len(ev.indicators) == 3 and ev.form.total_score == ev.recomputed_total.quantize(Decimal("0.01"))
    assert not [f for f in checked.findings if f.severity == "error"]
    assert checked.doc.properties[PROPERTY] == "hunan_project@1"


def test_from_data_problems_are_named_by_key(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"project": "x", "colour": 1, "budget": [{"executed": "abc"}],'
                   '"indicators": [{"op": "≈", "weight": 120, "target": "九十"}]}', encoding="utf-8")
    res = CliRunner().invoke(app, ["new", "national_project", "-o", str(tmp_path / "x.xlsx"), "--from", str(bad)])
    assert res.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    for key in ("colour：不认识的键", "budget[0].executed：“abc”不是数字", "indicators[0].op", "indicators[0].weight：分值应在0到100之间"):
        assert key in res.output
    assert "problems in the data" in res.output and "Traceback" not in res.output


def test_list_and_unknown_layout():
    runner = CliRunner()
    listed = runner.invoke(app, ["new", "--list"])
    assert listed.exit_code == 0 and all(i in listed.output for i in available()) and "种子文件" in listed.output
    res = runner.invoke(app, ["new", "atlantis_project"])
    assert res.exit_code == 2 and "没有表样" in res.output and "no layout" in res.output


def test_reader_keeps_formulas_and_properties(tmp_path):
    """Unsaved by a spreadsheet, the workbook's formula cells are marked and its property is read."""
    from jixiao.readers import read_path
    p = tmp_path / "n.xlsx"
    _fill("national_project", p)
    doc = read_path(p)
    assert doc.properties[PROPERTY] == "national_project@1"
    cells = {c.ref.cell: c for b in doc.blocks for row in getattr(b, "rows", ()) for c in row}
    label = next(a for a, q in _plan("national_project").cells.items() if q.kind == "label" and q.value == "三级指标")
    assert not cells[f"{SHEET}!{label}"].formula
    wb = load_workbook(p)
    assert wb[SHEET].protection.sheet and wb["评分规则"]["A2"].value.startswith("1. 表样：")
    inputs = _plan("national_project").inputs()
    assert wb[SHEET][inputs["ind.0.weight"]].protection.locked is False


def test_shanxi_balance_is_computed(saved):
    """资金结(转)余 computes as 全年预算数 − 全年执行数 on each row, and sums on the total row."""
    cached = _cached(saved["shanxi_project"])
    cells = _role_cell("shanxi_project", "资金结(转)余")
    assert [round(Decimal(str(cached[a])), 2) for a in cells] == [Decimal("136.25"), Decimal("124.75"), Decimal("11.50")]
    checked = check_path(saved["shanxi_project"])
    assert checked.forms[0].budget.total_row.balance == Decimal("136.25")


def test_rows_left_blank_are_computed_not_uncached(saved):
    """A score formula of a row not typed in computes "" — LibreOffice keeps that empty result, and
    the reader does not take it for an uncalculated formula (no JX013), nor for an indicator."""
    checked = check_path(saved["rows_left_blank"])
    assert "JX013" not in {f.code for f in checked.findings}
    assert len(checked.forms[0].indicators) == len(INDICATORS)
    assert not [f for f in checked.findings if f.severity == "error"]


def test_fill_values_say_what_is_wrong():
    from jixiao.entry.fill import values
    p = _plan("national_project")
    _, problems = values({"indicators": [{"op": "定性", "actual": "很好"}, {"op": "≥", "target": "95%", "actual": "高"}],
                          "budget": [{}, {}, {}, {}]}, p)
    said = {x.key: str(x) for x in problems}
    assert "达成、部分达成、未达成" in said["indicators[0].actual"]
    assert "indicators[1].target" in said and "indicators[1].actual" in said and "at most 3 funding rows" in said["budget"]


def test_the_layout_decides_the_rules_and_blank_goals_lose_no_indicator(tmp_path):
    """A Hunan workbook filled in for a unit whose name says no province is scored by Hunan's
    rules (the layout names its profile), not the national default; with the goal boxes left
    blank, the indicators' header is not taken for the goal and every indicator is read."""
    data = "\n".join(line for line in DATA_YAML.splitlines() if not line.startswith(("goal:", "achieved:")))
    data = data.replace("岳阳市君山区", "青禾县")
    (tmp_path / "data.yaml").write_text(data, encoding="utf-8")
    out = tmp_path / "qinghe.xlsx"
    res = CliRunner().invoke(app, ["new", "hunan_project", "-o", str(out), "--from", str(tmp_path / "data.yaml")])
    assert res.exit_code == 0, res.output
    checked = check_path(out)
    assert checked.profile.id == "hunan" and "表样" in checked.profile_reason
    assert [i.name for i in checked.forms[0].indicators] == ["基本医保参保人数", "群众就医负担减轻程度", "参保群众满意度"]


def test_yaml_values_are_read_as_typed(tmp_path):
    """YAML 1.1 would turn 0100 into 64 and 1:30 into 90: the data keeps the text typed, numbers
    are made from it (grouping commas and underscores as a reader means them), the year is a year."""
    from jixiao.entry.fill import read_data, values
    (tmp_path / "d.yaml").write_text("year: 2024\nproject: 0100号工程\nunit: 1:30\nbudget:\n"
                                     "  - initial: 1,614.08\n    adjusted: 0100\n    executed: 1_000\n"
                                     "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: 件数, op: \"≥\", "
                                     "target: 0100, unit: 件, actual: 1.50, weight: 20}\n", encoding="utf-8")
    data = read_data(tmp_path / "d.yaml")
    assert data["year"] == "2024" and data["unit"] == "1:30" and data["project"] == "0100号工程"
    got, problems = values(data, _plan("hunan_project", 1))
    assert got["budget.1.initial"] == Decimal("1614.08") and got["budget.1.adjusted"] == Decimal("100")
    assert got["ind.0.target"] == Decimal("100") and got["ind.0.actual"] == Decimal("1.50")
    assert problems == [] and got["budget.1.executed"] == Decimal("1000")
    out = tmp_path / "y.xlsx"
    (tmp_path / "ok.yaml").write_text(DATA_YAML, encoding="utf-8")
    res = CliRunner().invoke(app, ["new", "hunan_project", "-o", str(out), "--from", str(tmp_path / "ok.yaml")])
    assert res.exit_code == 0, res.output
    assert check_path(out).forms[0].year == 2024
