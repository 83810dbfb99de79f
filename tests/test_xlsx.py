"""XLSX input: our own documents saved as workbooks read back to the same forms and findings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from golden_compare import SEEDS, seed_path
from render_fixtures import checked_both, essence, to_xlsx, without_place

from jixiao.errors import ReadError
from jixiao.pipeline import check_path
from jixiao.readers import read_path
from jixiao.readers.xlsx import cell_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _both(text_path: Path, tmp_path: Path, sheets: int = 1):
    return checked_both(text_path, tmp_path, lambda d: to_xlsx(d, sheets), ".xlsx")


def test_cells_display_as_excel_shows_them():
    assert cell_text(0.8968, "0.00%") == "89.68%" and cell_text(1, "0%") == "100%"
    assert cell_text(1121.0, "0.00") == "1121.00" and cell_text(1121.0) == "1121"
    assert cell_text(0.1 + 0.2, "0.00") == "0.30" and cell_text(2200000, "#,##0") == "2,200,000"
    assert cell_text(None) == "" and cell_text(" 产出指标 ") == "产出指标"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.txt")))
@pytest.mark.parametrize("sheets", [1, 2])
def test_examples_as_xlsx_read_to_the_same_forms_and_findings(tmp_path, name, sheets):
    text, book = _both(EXAMPLES / name, tmp_path, sheets)
    assert book.error is None and book.forms
    assert essence(book) == essence(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seeds_as_xlsx(tmp_path, seed):
    text, book = _both(seed_path(seed), tmp_path)
    assert essence(book) == essence(text)
    assert without_place(book) == []   # every finding at a cell or paragraph the user can open


def test_merged_cells_formulas_and_hidden_rows(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "项目支出绩效自评表"
    ws.merge_cells("A1:D1")
    ws.append(["项目", "预算数", "执行数", "执行率"])
    ws.append(["资金总额", 100, 90, 0.9])
    ws["D3"].number_format = "0.00%"
    ws.append(["隐藏行", 1, 2, 3])
    ws.row_dimensions[4].hidden = True
    ws.append(["合计", 100, 90, "=C3/B3"])
    buf = io.BytesIO()
    wb.save(buf)
    p = tmp_path / "book.xlsx"
    p.write_bytes(buf.getvalue())
    doc = read_path(p)
    title, table = doc.blocks
    assert title.text == "项目支出绩效自评表" and title.ref.cell == "自评表!A1"
    assert [[c.text for c in r] for r in table.rows][:2] == [["项目", "预算数", "执行数", "执行率"],
                                                             ["资金总额", "100", "90", "90.00%"]]
    assert "隐藏行" not in doc.lines[3] and any("隐藏" in n for n in doc.notes)
    # a formula never computed by Excel has no cached value: it reads as blank, not as its source
    assert table.rows[-1][3].text == "" and table.rows[-1][3].ref.cell == "自评表!D5"


def test_a_damaged_workbook_is_a_clear_error(tmp_path):
    good = to_xlsx(read_path(EXAMPLES / "qinghe_project_2024.txt"))
    bad = tmp_path / "truncated.xlsx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError):
        read_path(bad)
    assert check_path(bad).error is not None
