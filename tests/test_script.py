"""Traditional characters (readers/script.py): a 繁體 page is read in simplified characters, one
character for one, with its lines where they were; a simplified document is left untouched."""

from __future__ import annotations

from jixiao.blocks import Paragraph, SourceRef
from jixiao.pipeline import check_path
from jixiao.readers import read_path
from jixiao.readers.script import NOTE, _paragraph, is_traditional, table

SIMPLE = ("某某县文化旅游局2023年度部门决算公开说明\n"
          "一、收入支出决算总体情况说明\n"
          "2023年度收入总计1,234.56万元，支出总计1,234.56万元。与2022年相比，收入总计增加34.56万元，增长2.88%。\n"
          "主要原因是显著加强了文物保护工作。\n")
TRADITIONAL = ("某某縣文化旅遊局2023年度部門決算公開說明\n"
               "一、收入支出決算總體情況說明\n"
               "2023年度收入總計1,234.56萬元，支出總計1,234.56萬元。與2022年相比，收入總計增加34.56萬元，增長2.88%。\n"
               "主要原因是顯著加強了文物保護工作。\n")


def test_a_traditional_page_is_read_as_the_simplified_one(tmp_path):
    (tmp_path / "s.txt").write_text(SIMPLE, encoding="utf-8")
    (tmp_path / "t.txt").write_text(TRADITIONAL, encoding="utf-8")
    s, t = check_path(tmp_path / "s.txt"), check_path(tmp_path / "t.txt")
    assert t.info.kind == s.info.kind == "final_accounts"
    assert t.info.department == s.info.department == "某某县文化旅游局"
    assert [(c.kind, c.ok, c.ref.line) for c in t.claims] == [(c.kind, c.ok, c.ref.line) for c in s.claims]
    assert t.claims, "the year-on-year change was not read"
    assert NOTE in t.doc.notes and NOTE not in s.doc.notes
    assert len(t.doc.lines) == len(s.doc.lines) and t.doc.lines[0] == SIMPLE.splitlines()[0]


def test_a_simplified_document_with_a_few_traditional_forms_is_untouched(tmp_path):
    text = SIMPLE + "其著作权归于本单位，乾坤未定。\n" * 2     # 著, 於-like forms a simplified text may hold
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    doc = read_path(tmp_path / "s.txt")
    assert doc.lines == text.split("\n") and NOTE not in doc.notes
    assert not is_traditional(text) and is_traditional(TRADITIONAL * 3)


def test_pinyin_readings_go_and_line_marks_move_with_them():
    t = table()
    p = Paragraph("烏魯木齊市政務(wù)服務(wù)中心。預(yù)算執行", SourceRef("x", 3), [(0, 3), (19, 4)])
    assert p.text[19] == "。"
    _paragraph(p, t)
    assert p.text == "乌鲁木齐市政务服务中心。预算执行"
    assert p.line_starts == [(0, 3), (11, 4)] and p.text[11] == "。"


def test_the_character_table_is_shipped():
    t = table()
    assert len(t) > 2000 and t[ord("決")] == "决" and t[ord("說")] == "说"
