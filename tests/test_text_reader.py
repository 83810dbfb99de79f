"""The text reader: encodings, both table styles, scanner debris, page breaks, bad files."""

import pytest

from jixiao.blocks import Paragraph, Table
from jixiao.errors import ReadError
from jixiao.readers import read_path
from jixiao.readers.text import read_text

CELL_PER_LINE = "标题\n\t项目名称\n\t甲项目\n\n\t产出指标\n\n(50分)\n\t数量指标\n\n\t度量\n\n单位\n\t次\n\n\n说明：完\n"


def tables(doc):
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_cell_per_line_rows_and_continuations():
    doc = read_text(CELL_PER_LINE.encode(), "t.txt")
    (t,) = tables(doc)
    assert [[c.text for c in r] for r in t.rows] == [
        ["项目名称", "甲项目"], ["产出指标\n\n(50分)", "数量指标"], ["度量\n\n单位", "次"]]
    assert t.rows[1][1].ref.line == 8  # the cell keeps its own line
    assert isinstance(doc.blocks[-1], Paragraph) and doc.blocks[-1].text == "说明：完"


def test_fullwidth_space_line_continues_a_cell():
    doc = read_text("\ta\n\n\t效益指标\n\n（30分）\n　\n\t经济效\n益指标\n".encode(), "t.txt")
    (t,) = tables(doc)
    assert [c.text for c in t.rows[1]] == ["效益指标\n\n（30分）", "经济效\n益指标"]


def test_row_per_line_with_page_break_inside():
    text = "表\na\tb\tc\n1\t2\t3\n\n4\t5\t6\n\n注：本表\n"
    doc = read_text(text.encode(), "t.txt")
    (t,) = tables(doc)
    assert len(t.rows) == 3 and t.rows[2][0].ref.line == 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings(encoding, tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(CELL_PER_LINE.encode(encoding))
    doc = read_path(p)
    assert tables(doc)[0].rows[0][1].text == "甲项目"


def test_watermarks_latex_and_converter_debris():
    text = ("满意度 $\\geq 98\\%$ ，投资是值得的，对于减轻患者负担、提高抵御疾病风险能力意义重大而且深远的事业在于此处给\n\n"
            "CS 扫描全能王\n3亿人都在用的扫描App\n\n与及时补助。\n\t名称\n\t[bookmark: _GoBack]　某单位\n")
    doc = read_text(text.encode(), "t.txt")
    p = doc.blocks[0]
    assert "≥98%" in p.text and "扫描" not in p.text
    assert p.text.endswith("给与及时补助。")  # joined across the page break
    assert p.line_at(p.text.index("与及时")) == 6
    assert tables(doc)[0].rows[0][1].text == "某单位"
    assert doc.notes == ["removed 2 watermark/page-number lines"]


def test_cover_page_title_is_not_joined():
    text = "某某单位整体支出绩效自评报告的标题在这里写得相当长长长长长长\n" + "\n" * 10 + "部门名称：（盖章）\n"
    doc = read_text(text.encode(), "t.txt")
    assert len(doc.blocks) == 2


@pytest.mark.parametrize("content,code", [(b"", "JX001"), (b"   \n", "JX001"), (b"%PDF-1.7 ...", "JX001"),
                                          (b"PK\x03\x04rest", "JX002")])
def test_bad_files_raise_bilingual_errors(tmp_path, content, code):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ReadError) as e:
        read_path(p)
    assert e.value.code == code and str(p) in e.value.message and " / " in e.value.message


def test_missing_file():
    with pytest.raises(ReadError, match="文件不存在 / file not found"):
        read_path("/no/such/file.txt")
