"""History (历次比对): ``compare``, ``history`` and ``jixiao diff`` on real documents.

Every comparison here is of a seed or an example and a copy edited as a unit edits its
resubmission or next year's table: a wrong figure put right, a new mistake made, lines moved,
a target lowered, an indicator dropped. Both sides go through the whole pipeline.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.contract import FileRecord
from jixiao.history import Comparison, History, compare, history
from jixiao.history.inputs import load_record
from jixiao.history.render import print_history
from jixiao.render.json import dumps, loads

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

SEEDS = SHARED / "seeds"
SEED_000 = SEEDS / "000_376eac14ce8ad9a3.txt"     # 君山区医疗保障事务中心, 2023, 部门整体 + 项目
SEED_002 = SEEDS / "002_74b81ede0226e4f1.txt"     # 昭化区医疗保障局, 2024, six 项目支出自评表
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _set(lines: list[str], index: int, old: str, new: str) -> None:
    """Change one cell of the text rendition, after making sure it is the cell meant."""
    assert lines[index].strip() == old, (index, lines[index])
    lines[index] = lines[index].replace(old, new)


def _row(lines: list[str], name: str) -> int:
    """The line of an indicator's name cell (one only)."""
    [k] = [k for k, line in enumerate(lines) if line.strip() == name]
    return k


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("history")


@pytest.fixture(scope="module")
def resubmitted(tmp) -> Path:
    """000 resubmitted: the execution rate put right (JX102: 91.55% on the wrong denominator, 100.00%
    on the right one; its score and the total with it), and a new mistake: 定点医药机构稽核次数
    done 12 times against ≥15 with full marks kept (JX205)."""
    lines = _lines(SEED_000)
    _set(lines, 154, "91.55%", "100.00%")
    _set(lines, 155, "8", "10")
    _set(lines, 471, "98", "100")
    _set(lines, _row(lines, "定点医药机构稽核次数") + 2, "20次", "12次")
    return _write(tmp / "000_resubmitted.txt", lines)


@pytest.fixture(scope="module")
def next_year(tmp) -> Path:
    """002 as next year's table: 2025; 居民医保参保人数 ≥17万人 (last year ≥18, done 17.67); 召开医保业务培训
    会议次数 dropped; 医保工作总成本 capped at ≤90万元 (last year ≤88); 监管工作经费 capped at ≤6万元
    (last year ≤50000元, spent 50000元)."""
    lines = _lines(SEED_002)
    _set(lines, _row(lines, "居民医保参保人数") + 2, "18", "17")
    _set(lines, _row(lines, "医保工作总成本") + 2, "88", "90")
    k = _row(lines, "（成本控制额）")                    # the name cell runs over three lines
    assert lines[k - 2].strip() == "监管工作经费"
    _set(lines, k + 2, "50000", "6")
    _set(lines, k + 3, "元", "万元")
    k = _row(lines, "召开医保业务培训会议次数")
    assert lines[k - 4] == "" and lines[k + 8] == ""   # the row: a blank line, its cells, the next blank line
    del lines[k - 4:k + 8]
    return _write(tmp / "002_next_year.txt", "\n".join(lines).replace("（2024年度）", "（2025年度）").split("\n"))


@pytest.fixture(scope="module")
def records(resubmitted, next_year) -> dict[str, FileRecord]:
    return {"000": load_record(SEED_000), "000r": load_record(resubmitted),
            "002": load_record(SEED_002), "002n": load_record(next_year)}


def _fps(findings) -> set[str]:
    return {f.fingerprint for f in findings}


# --- findings: fixed, new, still open ------------------------------------------------------

def test_resubmission_lists_exactly_the_fixed_and_the_new(records):
    old, new = records["000"], records["000r"]
    c = compare(old, new)
    [fixed] = c.fixed
    assert (fixed.code, fixed.severity, fixed.place, fixed.expected, fixed.found) == \
        ("JX102", "error", "第155行", "100.00%", "91.55%")
    [added] = c.added
    assert (added.code, added.severity, added.subject, added.expected, added.found) == \
        ("JX205", "error", "定点医药机构稽核次数", "8", "10")
    assert "12次" in added.message and added.place == "第209行"
    assert _fps(s.old for s in c.still) == _fps(old.findings) - {fixed.fingerprint}
    assert _fps(s.new for s in c.still) == _fps(new.findings) - {added.fingerprint}
    assert len(c.still) == len(old.findings) - 1 == 15
    assert c.counts() == {"fixed": 1, "new": 1, "still_open": 15, "new_errors": 1}
    assert c.same_unit is True and c.same_kind and c.notes == []
    dept = next(f for f in c.forms if f.new.kind == "dept_self_eval")
    assert dept.figure("rate").old == Decimal("91.55") and dept.figure("rate").new == Decimal("100.00")
    assert dept.figure("total_reported").delta == 2
    assert dept.lowered == [] and dept.removed == [] and dept.added == []   # one year: no year-on-year targets


def test_the_same_document_twice_changes_nothing(records):
    rec = records["002"]
    c = compare(rec, rec)
    assert c.fixed == [] and c.added == [] and len(c.still) == len(rec.findings) == 38
    assert all(s.old == s.new for s in c.still)
    assert [(f.old.index, f.new.index, f.matched_by) for f in c.forms] == [(k, k, "name") for k in range(6)]
    assert all(x.delta in (None, 0) for f in c.forms for x in f.figures)
    assert not any(f.lowered or f.removed or f.added for f in c.forms)


def test_lines_moved_are_not_findings_fixed_or_new(tmp, records):
    moved = _write(tmp / "000_moved.txt", ["", "", "", *_lines(SEED_000)])
    c = compare(records["000"], load_record(moved))
    assert c.fixed == [] and c.added == [] and len(c.still) == 16
    jx102 = next(s for s in c.still if s.new.code == "JX102")
    assert (jx102.old.place, jx102.new.place) == ("第155行", "第158行")


# --- next year: targets and indicators -----------------------------------------------------

def test_next_year_target_lowered_and_indicator_removed(records):
    c = compare(records["002"], records["002n"])
    assert (c.old.year, c.new.year, c.same_unit, c.same_kind) == (2024, 2025, True, True)
    work = next(f for f in c.forms if f.new.name == "医保工作经费*")
    low = {x.name: x for x in work.lowered}
    people = low["居民医保参保人数"]
    assert (people.new_target, people.old_actual, people.old_target, people.unit) == \
        (Decimal("17"), Decimal("17.67"), Decimal("18"), "万人")
    assert people.below_actual and people.below_target and people.direction == "floor"
    cost = low["医保工作总成本"]                       # a ceiling raised is the loosening
    assert cost.direction == "ceiling" and cost.below_target and cost.below_actual
    trips = low["医保征收、业务培训、考察学习等下乡及出差次数"]   # unchanged ≥500, done 580 last year
    assert trips.below_actual and not trips.below_target
    assert "全区参保群众医疗保险参保率" not in low          # ≥98%, done 98%: not under it
    assert [i.name for i in work.removed] == ["召开医保业务培训会议次数"] and work.added == []
    assert work.removed[0].target == "≥8次" and work.removed[0].actual == "15次"
    assert work.figure("total_recomputed").old == Decimal("109.38")
    assert work.figure("total_recomputed").new != work.figure("total_recomputed").old
    guard = next(f for f in c.forms if f.new.name == "基金监管工作经费")
    fee = next(x for x in guard.lowered if x.name == "监管工作经费（成本控制额）")   # ≤6万元 against ≤50000元 spent
    assert (fee.name, fee.unit, fee.old_target, fee.old_actual) == \
        ("监管工作经费（成本控制额）", "万元", Decimal("5"), Decimal("5"))
    assert fee.below_target and fee.below_actual


def test_a_resubmission_is_not_held_against_its_own_actuals(records):
    c = compare(records["002"], records["002"])
    assert all(f.lowered == [] for f in c.forms)      # ≥50次 done 180次 in one year is simply exceeded


# --- inputs: contract JSON, unreadable files -----------------------------------------------

@pytest.fixture(scope="module")
def contracts(tmp, resubmitted) -> tuple[Path, Path]:
    out = []
    for path, name in ((SEED_000, "old.json"), (resubmitted, "new.json")):
        res = runner.invoke(app, ["check", str(path), "-f", "json"])
        assert res.exit_code == 1, res.output
        (tmp / name).write_text(res.stdout, encoding="utf-8")
        out.append(tmp / name)
    return out[0], out[1]


def test_contract_json_gives_what_the_documents_give(contracts, records):
    from_docs = compare(records["000"], records["000r"])
    from_json = compare(load_record(contracts[0]), load_record(contracts[1]))
    assert from_json.fixed == from_docs.fixed and from_json.added == from_docs.added
    assert from_json.still == from_docs.still and from_json.forms == from_docs.forms
    assert from_json.old.file == from_docs.old.file and from_json.new.sha256 == from_docs.new.sha256
    res = runner.invoke(app, ["diff", str(contracts[0]), str(contracts[1])])
    assert res.exit_code == 1 and "已修正 1，新增 1（其中错误 1），仍未修正 15" in res.stdout
    res = runner.invoke(app, ["check", str(SEED_000), "-f", "jsonl"])     # one line of -f jsonl is a side too
    line = contracts[0].with_name("old.jsonl")
    line.write_text(res.stdout, encoding="utf-8")
    assert compare(load_record(line), load_record(contracts[1])).still == from_docs.still


def test_cli_table_and_exit_status(resubmitted, tmp):
    res = runner.invoke(app, ["diff", str(SEED_000), str(resubmitted)])
    assert res.exit_code == 1, res.output                       # a new error, as check does
    out = res.stdout
    assert "已修正 / fixed" in out and "新增 / new" in out and "仍未修正 / still open" in out
    assert out.index("JX102") < out.index("新增 / new") < out.index("JX205")
    res = runner.invoke(app, ["diff", str(resubmitted), str(SEED_000)])   # back: JX205 fixed, JX102 new
    assert res.exit_code == 1
    fixed_only = _lines(SEED_000)
    _set(fixed_only, 154, "91.55%", "100.00%")
    _set(fixed_only, 155, "8", "10")
    _set(fixed_only, 471, "98", "100")
    res = runner.invoke(app, ["diff", str(SEED_000), str(_write(tmp / "000_fixed.txt", fixed_only))])
    assert res.exit_code == 0 and "已修正 1，新增 0" in res.stdout


def test_cli_json_round_trips(next_year, records):
    res = runner.invoke(app, ["diff", str(SEED_002), str(next_year), "-f", "json"])
    assert res.exit_code == 1, res.output                       # dropping a row breaks the weights: JX201
    obj = loads(res.stdout)
    assert obj["schema"] == "jixiao-diff/1" and obj["counts"]["new_errors"] >= 1
    back = Comparison.from_json(obj)
    assert back == compare(records["002"], records["002n"], str(SEED_002), str(next_year))
    assert dumps(back.to_json()) == res.stdout.rstrip("\n")
    lowered = [x for f in obj["forms"] for x in f["indicators"]["lowered"] if x["name"] == "居民医保参保人数"]
    assert '"old_actual": 17.67' in res.stdout and lowered[0]["new_target"] == 17
    assert isinstance(back.forms[4].lowered[0].old_actual, Decimal)


def test_unreadable_files_exit_2_with_a_bilingual_message(tmp):
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    res = runner.invoke(app, ["diff", str(empty), str(SEED_000)])
    assert res.exit_code == 2 and f"{empty}: 文件为空 / file is empty" in res.stderr
    res = runner.invoke(app, ["diff", str(SEED_000), str(tmp / "missing.txt")])
    assert res.exit_code == 2 and "文件不存在 / file not found" in res.stderr
    future = tmp / "future.json"
    future.write_text('{"schema": "jixiao/9", "files": []}', encoding="utf-8")
    res = runner.invoke(app, ["diff", str(future), str(SEED_000)])
    assert res.exit_code == 2 and "无法读取数据契约版本" in res.stderr and "unknown contract schema" in res.stderr
    two = tmp / "two.json"
    two.write_text('{"schema": "jixiao/1", "files": [{"file": "a"}, {"file": "b"}]}', encoding="utf-8")
    res = runner.invoke(app, ["diff", str(two), str(SEED_000)])
    assert res.exit_code == 2 and "比对须每方一个文件" in res.stderr and "one file on each side" in res.stderr
    assert "Traceback" not in res.output and isinstance(res.exception, SystemExit)


def test_a_profile_that_does_not_exist_is_said(tmp):
    res = runner.invoke(app, ["diff", str(SEED_000), str(SEED_000), "--profile", "nowhere"])
    assert res.exit_code == 2 and " / " in res.stderr and "Traceback" not in res.output


# --- history -------------------------------------------------------------------------------

def test_history_orders_by_year_then_as_given(records):
    h = history([("2025 提交", records["002n"]), ("2024 初次", records["002"]), ("2024 再次", records["002"])])
    assert [s.label for s in h.sides] == ["2024 初次", "2024 再次", "2025 提交"]
    assert [(c.old.label, c.new.label) for c in h.steps] == [("2024 初次", "2024 再次"), ("2024 再次", "2025 提交")]
    assert h.steps[0].added == [] and h.steps[0].fixed == []
    assert h.steps[1] == compare(records["002"], records["002n"], "2024 再次", "2025 提交")
    assert History.from_json(loads(dumps(h.to_json()))) == h
    plain = history([records["002n"], records["002"]])           # records alone: labelled by their file
    assert [s.year for s in plain.sides] == [2024, 2025] and plain.sides[0].label == str(SEED_002)
    console = Console(record=True, width=200)
    print_history(console, h)                                    # what db history UNIT prints
    text = console.export_text()
    assert "历次提交 3 份" in text and "2024 再次 → 2025 提交" in text
    assert "“居民医保参保人数”指标值≥17万人，低于上年实际完成值17.67万人，低于上年指标值≥18万人（第897行）。" in text
    assert "指标删除 1 项" in text and "“召开医保业务培训会议次数”" in text


# --- the examples --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["qinghe_dept_2024.txt", "qinghe_project_2024.txt", "qinghe_final_accounts_2024.txt"])
def test_each_example_against_itself(name):
    rec = load_record(EXAMPLES / name)
    c = compare(rec, rec)
    assert c.fixed == [] and c.added == [] and len(c.still) == len(rec.findings)
    assert c.same_unit is True and c.forms_removed == [] and c.forms_added == []


def test_examples_of_two_units_are_compared_with_a_warning():
    res = runner.invoke(app, ["diff", str(EXAMPLES / "qinghe_project_2024.txt"), str(EXAMPLES / "qinghe_dept_2024.txt"),
                              "-f", "json"])
    obj = loads(res.stdout)
    assert obj["same_unit"] is False and obj["same_kind"] is False
    assert "两份文件不是同一单位" in res.stderr and "not of the same unit" in res.stderr
    assert [f["kind"] for f in obj["forms_removed"]] == ["project_self_eval"]
    assert [f["kind"] for f in obj["forms_added"]] == ["dept_self_eval"]
    assert res.exit_code == 1 and obj["counts"]["new"] == 5    # the dept example's five findings are all new


def test_example_edited_score(tmp):
    lines = _lines(EXAMPLES / "qinghe_project_2024.txt")
    _set(lines, 36, "8.25", "10")                             # 82.50% executed, full execution marks claimed
    res = runner.invoke(app, ["diff", str(EXAMPLES / "qinghe_project_2024.txt"), str(_write(tmp / "qp.txt", lines))])
    assert res.exit_code == 1
    assert "已修正 0，新增 2（其中错误 2），仍未修正 0" in res.stdout
    assert "JX103" in res.stdout and "JX301" in res.stdout
