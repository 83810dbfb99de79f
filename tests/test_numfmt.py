"""Cells as the office application shows them: a corpus of (value, number format) pairs saved as
XLSX and as XLS, read by jixiao, gives cell for cell the text LibreOffice itself shows for the
same files (converted headless to CSV with “save cell contents as shown”)."""

from __future__ import annotations

import csv
import io
import itertools
from decimal import Decimal

import pytest
from openpyxl import Workbook

from jixiao.blocks import Paragraph, Table
from jixiao.readers import read_bytes
from jixiao.readers import office
from jixiao.readers.numfmt import general, render

needs_office = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed; .ci/run installs it")
AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"

VALUES = [0, 0.125, 2.5, -2.5, 1234.5, -1234.5, 0.0565, 1234567.891, 2.675, -0.4, 0.1 + 0.2, 1 / 3, 12,
          1.5e-7, 98765.4321, 100, -0.005, 45000.25]
FORMATS = ["General", "0", "0.0", "0.00", "0.000", "#,##0", "#,##0.00", "0%", "0.0%", "0.00%",
           '#,##0.00,"万"', '#,##0,"千"', '0.00"万元"', '0"分"', "#,##0.00_);(#,##0.00)",
           "#,##0.00;[Red]-#,##0.00", '0.00;-0.00;"—"', "[$¥-804]#,##0.00", '#,##0.00 "元"',
           '"合计："0.00', "0.00E+00", "000", "#.##", "0.0#", "#,##0;(#,##0)", '0.00%;-0.00%;"-"',
           "#,##0.000", "@", "¥#,##0", "0.00_ ", "#,##0.00;-#,##0.00;0.00"]
# date formats with date serials of this century: before 1900-03-01 Excel (its 1900 leap-year bug)
# and LibreOffice show one serial as different days, and no budget document holds such a date
DATES = [45000, 45000.25, 44927, 45291.5, 43466.75]
DATE_FORMATS = ['yyyy"年"m"月"d"日"', "yyyy-mm-dd", "yyyy/m/d", "yyyy-mm-dd hh:mm", 'yyyy"年"m"月"', "m/d/yyyy",
                "[$-804]yyyy年m月d日", "hh:mm:ss"]
PAIRS = list(itertools.product(VALUES, FORMATS)) + list(itertools.product(DATES, DATE_FORMATS))


def workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "格式"
    for row, (value, fmt) in enumerate(PAIRS, 1):
        ws.cell(row=row, column=1, value=f"第{row}行")
        ws.cell(row=row, column=2, value=value).number_format = fmt
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def shown_by_jixiao(data: bytes, name: str) -> dict[str, str]:
    doc = read_bytes(data, name)
    cells: dict[str, str] = {}
    for b in doc.blocks:
        if isinstance(b, Table):
            cells.update({c.ref.cell.split("!")[-1]: c.text for row in b.rows for c in row if c.ref.cell})
        elif isinstance(b, Paragraph) and b.ref.cell:
            cells[b.ref.cell.split("!")[-1]] = b.text
    return cells


def shown_by_libreoffice(data: bytes, name: str) -> list[str]:
    text = office.convert(data, name, AS_SHOWN, name).decode("utf-8")
    return [row[1] if len(row) > 1 else "" for row in csv.reader(io.StringIO(text))]


def test_the_corpus_is_large_enough():
    assert len(PAIRS) >= 200


@needs_office
@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_cells_read_as_libreoffice_shows_them(suffix):
    data = workbook()
    if suffix == "xls":
        data = office.convert(data, "pairs.xlsx", "xls", "pairs.xlsx")
    want = shown_by_libreoffice(data, f"pairs.{suffix}")
    got = shown_by_jixiao(data, f"pairs.{suffix}")
    differ = [(v, f, want[k], got.get(f"B{k + 1}", "")) for k, (v, f) in enumerate(PAIRS)
              if want[k].strip() != got.get(f"B{k + 1}", "")]
    assert differ == [], differ[:10]


@pytest.mark.parametrize("value,fmt,shown", [
    (0.125, "0.00", "0.13"), (2.5, "0", "3"), (-2.5, "0", "-3"), (1234.5, "#,##0", "1,235"),
    (0.0565, "0.0%", "5.7%"), (1234567.891, '#,##0.00,"万"', "1,234.57万"), (2.675, "0.00", "2.68"),
    (-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"), (0, '0.00;-0.00;"—"', "—"), (12, '0"分"', "12分"),
    (45000, 'yyyy"年"m"月"d"日"', "2023年3月15日"), (Decimal("58.93"), "0.00", "58.93"),
])
def test_formats_without_libreoffice(value, fmt, shown):
    assert render(value, fmt) == shown


def test_general_keeps_fifteen_significant_digits():
    assert general(1 / 3) == "0.333333333333333" and general(0.1 + 0.2) == "0.3" and general(1.5e-7) == "0.00000015"


def test_a_cell_that_shows_another_number_than_it_holds(tmp_path):
    from jixiao.pipeline import check_path
    wb = Workbook()
    ws = wb.active
    ws.append(["项目", "金额"])
    ws.append(["基本支出", 1234567.891])
    ws["B2"].number_format = '#,##0.00,"万"'
    ws.append(["项目支出", 0.125])
    ws["B3"].number_format = "0.00"
    path = tmp_path / "shown.xlsx"
    wb.save(path)
    found = [f for f in check_path(path).findings if f.code == "JX012"]
    assert len(found) == 1 and found[0].ref.cell.endswith("!B2") and "1,234.57万" in found[0].message


def test_what_the_reader_left_out_is_a_finding(tmp_path):
    """Hidden rows and a formula saved without its value (openpyxl, like many programs, does not
    calculate) are said: JX013 lists them, since a total may depend on them."""
    from jixiao.pipeline import check_path
    wb = Workbook()
    ws = wb.active
    ws.title = "表2"
    ws.append(["项目", "金额"])
    ws.append(["基本支出", 100])
    ws.append(["项目支出", 50])
    ws.append(["合计", "=SUM(B2:B3)"])
    ws.row_dimensions[3].hidden = True
    path = tmp_path / "left_out.xlsx"
    wb.save(path)
    [f] = [f for f in check_path(path).findings if f.code == "JX013"]
    assert f.severity == "warning" and "表2!B4" in f.message and "1个隐藏行" in f.message
    wb = Workbook()
    wb.active.append(["项目", "金额"])
    wb.active.append(["合计", 150])
    wb.save(path)
    assert "JX013" not in {f.code for f in check_path(path).findings}
