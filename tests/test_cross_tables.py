"""JX604: identities between the final-accounts tables and down each table (data/accounts.toml)."""

from __future__ import annotations

import pytest
from golden_compare import SEEDS, seed_path
from places import lines_of

from jixiao.forms.ledger import Ledger, label_of
from jixiao.pipeline import check_path

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


def _edited(tmp_path, *edits: tuple[str, str]):
    text = seed_path("004").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    p = tmp_path / "004_edited.txt"
    p.write_text(text, encoding="utf-8")
    return [f for f in check_path(p).findings if f.code == "JX604"]


def test_labels_lose_their_numbering():
    assert label_of("八、社会保障和就业支出") == "社会保障和就业支出"
    assert label_of("（一）行政单位") == "行政单位" and label_of("1. 副部(省)级及以上领导用车") == "副部(省)级及以上领导用车"
    assert label_of("“三公”经费") == "三公经费" and label_of("2024.5") == "2024.5"


@needs_seeds
def test_ledger_reads_both_sides_and_far_totals():
    ledger = Ledger.of(check_path(seed_path("004")).forms)
    total = ledger.find("^收入支出决算总表$", "^卫生健康支出$", side="支出")
    assert [(str(e.value), e.ref.line, e.column) for e in total] == [("639.32", 70, "金额")]
    # 公用经费合计 prints its amount in the last column of the row, not the first after the label
    public = ledger.find("基本支出决算明细表$", "^公用经费合计$")
    assert [str(e.value) for e in public] == ["17.20"]
    assert [str(e.value) for e in ledger.find("支出决算表$", "^210$", "基本支出")] == ["459.24", "459.24"]


@needs_seeds
def test_004_tables_agree_up_to_tails():
    found = [f for f in check_path(seed_path("004")).findings if f.code == "JX604"]
    # 78.18 + 639.32 + 40.99 = 758.49 against 758.48 printed: 尾数误差 in four tables, nothing else
    [tails] = found   # one finding for the document's tails, listing every place
    assert tails.severity == "info" and tails.message.count("758.49与758.48") == 5
    assert lines_of(tails) == {89, 111, 146, 206, 228}


@needs_seeds
def test_a_class_mistyped_in_one_table_is_an_error(tmp_path):
    found = _edited(tmp_path, ("210\t卫生健康支出\t639.32\t459.24\t180.07", "210\t卫生健康支出\t693.32\t459.24\t180.07"))
    errors = {(f.ref.line, f.expected, f.found) for f in found if f.severity == "error"}
    # the 总表 row 卫生健康支出 against 支出决算表 类 210, and the 支出决算表 合计 against its 类 rows
    assert (70, "693.32", "639.32") in errors and (146, "812.49", "758.48") in errors
    assert all(line in (70, 89, 146) for line, _, _ in errors)


@needs_seeds
def test_personnel_and_basic_expenditure(tmp_path):
    found = _edited(tmp_path, ("人员经费合计\t\t561.21", "人员经费合计\t\t516.21"))
    errors = {(f.ref.line, f.expected, f.found) for f in found if f.severity == "error"}
    assert errors == {(291, "561.21", "516.21"), (228, "533.41", "578.41")}


@needs_seeds
def test_procurement_total(tmp_path):
    found = _edited(tmp_path, ("货物\t2\t4.96", "货物\t2\t4.69"))
    assert [(f.ref.line, f.expected, f.found, f.severity) for f in found if f.ref.line == 363] == [
        (363, "5.68", "5.95", "error")]
    # one unit in the last digit is a tail, not an error
    found = _edited(tmp_path, ("货物\t2\t4.96", "货物\t2\t4.97"))
    assert [f.severity for f in found if 363 in lines_of(f)] == ["info"]


@needs_seeds
def test_income_totals_between_tables(tmp_path):
    found = _edited(tmp_path, ("本年收入合计\t27\t758.48\t本年支出合计\t58", "本年收入合计\t27\t785.48\t本年支出合计\t58"))
    errors = {(f.ref.line, f.expected, f.found) for f in found if f.severity == "error"}
    assert (89, "758.48", "785.48") in errors  # against 一般公共预算财政拨款收入 and 收入决算表 合计
    assert (93, "785.48", "758.48") in errors  # 总计 = 本年收入合计 + 结余 + 结转


def test_no_final_accounts_no_finding(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("合计\t1\t2\n", encoding="utf-8")
    assert not [f for f in check_path(p).findings if f.code == "JX604"]


def test_bundled_disclosure_example_has_exactly_its_two_planted_mistakes():
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "examples" / "qinghe_final_accounts_2024.txt"
    result = check_path(path)
    # planted: 卫生健康支出 401.00 in 公开01 (410.00 in 公开03), and 完成年初预算的96.74% (410 ÷ 425 = 96.47%)
    assert {(f.code, f.ref.line, f.expected) for f in result.findings} == {
        ("JX604", 17, "410.00"), ("JX604", 19, "491.00"), ("JX503", 90, "96.47%")}
    assert len(result.claims) >= 8 and sum(not c.ok for c in result.claims) == 1
