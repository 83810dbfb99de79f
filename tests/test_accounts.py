"""Classification code tables and the 类/款/项 checks."""

from __future__ import annotations

import pytest
from golden_compare import SEEDS, seed_path
from places import lines_of

from jixiao.classification import as_code, lookup, same_name, table
from jixiao.pipeline import check_path

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


@pytest.mark.parametrize("scheme", ["functional", "economic"])
def test_code_tables_are_consistent_and_sourced(scheme):
    codes = table(scheme)
    assert codes
    for code, c in codes.items():
        assert c.source and c.year >= 2020 and c.name
        assert c.level == {3: "类", 5: "款", 7: "项"}[len(code)]
        assert (c.parent is None) == (len(code) == 3)
        assert c.parent is None or c.parent in codes, code


def test_code_cells_and_names():
    assert as_code("208 05 05") == "2080505" and as_code("2080505") == "2080505"
    assert as_code("20805.05") == "2080505" and as_code("2024") is None and as_code("合计") is None
    assert lookup("2101506").name == "医疗保障经办事务"
    assert same_name("资本性支出(基本建设)", "资本性支出（基本建设）")
    assert not same_name("事业运行", "医疗保障经办事务")


@needs_seeds
def test_004_tables_only_have_rounding_tails():
    found = [f for f in check_path(seed_path("004")).findings if f.code in ("JX601", "JX602")]
    assert found and all(f.severity == "info" for f in found)
    # the tails RULES.md §5.3 computed by hand: 208's items, 210's 款, 302's items
    lines = {line for f in found for line in lines_of(f)}
    assert {113, 117, 148, 152, 262} <= lines


def _edited(tmp_path, old: str, new: str):
    text = seed_path("004").read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "004_edited.txt"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return check_path(p).findings


@needs_seeds
def test_a_mistyped_item_is_an_error(tmp_path):
    found = _edited(tmp_path, "2080506\t机关事业单位职业年金缴费支出\t30.02\t30.02",
                    "2080506\t机关事业单位职业年金缴费支出\t20.02\t30.02")
    errors = [f for f in found if f.code == "JX601" and f.severity == "error"]
    assert len(errors) == 1 and errors[0].expected == "68.17" and errors[0].found == "78.18"
    assert "本年收入合计" in errors[0].subject


@needs_seeds
def test_a_wrong_name_is_reported(tmp_path):
    found = _edited(tmp_path, "2101506\t医疗保障经办事务\t69.62\t69.62", "2101506\t事业运行\t69.62\t69.62")
    [f] = [f for f in found if f.code == "JX602"]
    assert f.expected == "医疗保障经办事务" and f.found == "事业运行"


@needs_seeds
def test_row_identities_hold_in_004_up_to_tails():
    found = [f for f in check_path(seed_path("004")).findings if f.code == "JX603"]
    assert {(line, f.severity) for f in found for line in lines_of(f)} == {(152, "info"), (234, "info")}   # 459.24 + 180.07 = 639.31


def test_three_public_expenses_columns_are_found():
    from jixiao.checks.accounts import _identity_columns, identities
    cols = ["预算数·合计", "因公出国 (境) 费", "公务用车购置及运行维护费·小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"] * 2
    cols[6] = "决算数·合计"
    sangong = next(i for i in identities()["row_sum"] if i["name"].startswith("“三公”"))
    assert _identity_columns(cols, sangong) == [(0, [1, 2, 5]), (6, [7, 8, 11])]


@needs_seeds
def test_a_broken_row_identity_is_an_error(tmp_path):
    found = _edited(tmp_path, "210\t卫生健康支出\t639.32\t459.24\t180.07", "210\t卫生健康支出\t639.32\t459.24\t170.07")
    [f] = [f for f in found if f.code == "JX603" and f.severity == "error"]
    assert f.ref.line == 152 and f.expected == "629.31" and f.found == "639.32"


@needs_seeds
def test_three_public_expenses_identity(tmp_path):
    found = _edited(tmp_path, "3.20\t\t3.20\t\t3.20\t\t3.20\t\t3.20\t\t3.20\t", "3.20\t\t3.20\t\t3.20\t\t3.20\t\t3.20\t\t3.00\t")
    errors = [f for f in found if f.code == "JX603" and f.severity == "error"]
    # 运行维护费 3.00 breaks 公务用车 小计 3.20; the 合计 (出国 + 小计 + 接待) still holds
    [f] = errors
    assert f.expected == "3.00" and f.found == "3.20" and "小计" in f.subject
