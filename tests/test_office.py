"""Legacy Office and WPS files: .doc/.wps through LibreOffice, .xls/.et through xlrd, locked files.

The legacy files are made from our own DOCX/XLSX fixtures by LibreOffice itself (“save as
Word 97–2003”); .wps and .et are the same binary formats under Kingsoft's names. The workbooks
are then read with LibreOffice hidden, to prove xlrd reads them alone.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from render_fixtures import essence, to_docx, to_xlsx

from jixiao.pipeline import check_path
from jixiao.readers import office, read_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
needs_office = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed; .ci/run installs it")


def _legacy(tmp_path: Path, name: str, modern: str, old: str, suffix: str) -> Path:
    source = read_path(EXAMPLES / f"{name}.txt")
    data = to_docx(source) if modern == "docx" else to_xlsx(source, sheets=2)
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(office.convert(data, f"{name}.{modern}", old, str(path)))
    return path


@needs_office
@pytest.mark.parametrize("modern,old,suffix", [("docx", "doc", ".doc"), ("docx", "doc", ".wps"),
                                               ("xlsx", "xls", ".xls"), ("xlsx", "xls", ".et")])
def test_legacy_files_read_to_the_same_forms_and_findings(tmp_path, monkeypatch, modern, old, suffix):
    path = _legacy(tmp_path, "qinghe_dept_2024", modern, old, suffix)
    assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    if modern == "xlsx":
        monkeypatch.setattr(office, "soffice", lambda: None)   # xlrd reads workbooks alone
    result = check_path(path)
    assert result.error is None
    assert essence(result) == essence(check_path(EXAMPLES / "qinghe_dept_2024.txt"))
    assert any("LibreOffice" in n for n in result.doc.notes) == (modern == "docx")


@needs_office
def test_a_legacy_final_accounts_file(tmp_path):
    path = _legacy(tmp_path, "qinghe_final_accounts_2024", "docx", "doc", ".doc")
    assert essence(check_path(path)) == essence(check_path(EXAMPLES / "qinghe_final_accounts_2024.txt"))


@needs_office
def test_an_xls_keeps_merges_formats_formulas_and_hidden_rows(tmp_path, monkeypatch):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "项目支出绩效自评表"
    ws.merge_cells("A1:D1")
    ws.append(["项目", "预算数", "执行数", "执行率"])
    ws.append(["资金总额", 100, 90.5, "=C3/B3"])
    ws["D3"].number_format = "0.00%"
    ws["C3"].number_format = "#,##0.00"
    ws.append(["隐藏行", 1, 2, 3])
    ws.row_dimensions[4].hidden = True
    ws.append(["日期", "=1/0", None, None])
    ws["C5"] = datetime.date(2024, 12, 31)
    hidden = wb.create_sheet("草稿")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "不读"
    book = io.BytesIO()
    wb.save(book)
    (tmp_path / "book.xls").write_bytes(office.convert(book.getvalue(), "book.xlsx", "xls", "book.xls"))
    monkeypatch.setattr(office, "soffice", lambda: None)
    doc = read_path(tmp_path / "book.xls")
    title, table = doc.blocks
    assert title.text == "项目支出绩效自评表" and title.ref.cell == "自评表!A1"
    assert [[c.text for c in r] for r in table.rows] == [["项目", "预算数", "执行数", "执行率"],
                                                         ["资金总额", "100", "90.50", "90.50%"],
                                                         ["日期", "#DIV/0!", "2024-12-31", ""]]
    assert table.rows[2][2].ref.cell == "自评表!C5"
    assert any("隐藏行" in n or "hidden rows" in n for n in doc.notes)
    assert any("草稿" in n for n in doc.notes) and "不读" not in "".join(doc.lines)


def test_an_unreadable_xls_without_libreoffice_names_the_package(tmp_path, monkeypatch):
    path = tmp_path / "old.xls"
    path.write_bytes(_ole_with_stream("Workbook"))
    monkeypatch.setattr(office, "soffice", lambda: None)
    r = check_path(path)
    assert r.error is not None and r.error.code == "JX001"
    assert "libreoffice-calc-nogui" in r.error.zh and "xlsx" in r.error.en and r.error.file == str(path)


def test_without_libreoffice_the_message_names_the_package(tmp_path, monkeypatch):
    ole = _ole_with_stream("WordDocument")
    path = tmp_path / "old.doc"
    path.write_bytes(ole)
    monkeypatch.setattr(office, "soffice", lambda: None)
    r = check_path(path)
    assert r.error is not None and r.error.code == "JX002"
    assert "libreoffice-writer-nogui" in r.error.zh and "LibreOffice" in r.error.en and r.error.file == str(path)


def test_password_protected_and_damaged_office_files_are_findings(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile
    plain = tmp_path / "plain.docx"
    plain.write_bytes(to_docx(read_path(EXAMPLES / "qinghe_dept_2024.txt")))
    locked = io.BytesIO()
    with plain.open("rb") as f:
        OOXMLFile(f).encrypt("secret", locked)
    (tmp_path / "locked.docx").write_bytes(locked.getvalue())
    (tmp_path / "cut.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    (tmp_path / "cut.docx").write_bytes(plain.read_bytes()[:2000])
    results = {n: check_path(tmp_path / n) for n in ("locked.docx", "cut.doc", "cut.docx")}
    assert "密码" in results["locked.docx"].error.zh and "password" in results["locked.docx"].error.en
    for name, r in results.items():
        assert r.error is not None and r.findings[0].code in ("JX001", "JX002"), name
        assert r.error.file.endswith(name)


def _ole_with_stream(name: str) -> bytes:
    """A minimal OLE compound file holding one small stream called ``name`` (no LibreOffice needed)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x1A] = (0x3E).to_bytes(2, "little")        # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, "little")           # major version 3: 512-byte sectors
    header[0x1C:0x1E] = b"\xfe\xff"                         # little-endian
    header[0x1E:0x20] = (9).to_bytes(2, "little")           # sector shift
    header[0x20:0x22] = (6).to_bytes(2, "little")           # mini sector shift
    header[0x2C:0x30] = (1).to_bytes(4, "little")           # one FAT sector
    header[0x30:0x34] = (1).to_bytes(4, "little")           # directory starts at sector 1
    header[0x38:0x3C] = (512).to_bytes(4, "little")         # mini stream cutoff: the stream is in sectors
    header[0x3C:0x40] = (0xFFFFFFFE).to_bytes(4, "little")  # no mini FAT
    header[0x44:0x48] = (0xFFFFFFFE).to_bytes(4, "little")  # no DIFAT sectors
    header[0x4C:0x50] = (0).to_bytes(4, "little")           # FAT at sector 0
    header[0x50:sector] = b"\xff" * (sector - 0x50)
    fat = bytearray(b"\xff" * sector)
    for i, v in enumerate([0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE, 0xFFFFFFFE]):
        fat[i * 4:i * 4 + 4] = v.to_bytes(4, "little")       # FAT, directory, stream, mini stream end

    def entry(label: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = label.encode("utf-16-le") + b"\x00\x00"
        e[0:len(raw)] = raw
        e[0x40:0x42] = len(raw).to_bytes(2, "little")
        e[0x42] = kind
        e[0x43] = 1
        e[0x44:0x50] = b"\xff" * 12                          # no siblings; child set below
        e[0x4C:0x50] = child.to_bytes(4, "little")
        e[0x74:0x78] = start.to_bytes(4, "little")
        e[0x78:0x7C] = size.to_bytes(4, "little")
        return bytes(e)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(name, 2, 2, sector) + bytes(256)
    return bytes(header) + bytes(fat) + directory + bytes(sector)
