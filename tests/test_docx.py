"""DOCX input: our own documents saved as Word files read back to the same forms and findings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from golden_compare import SEEDS, seed_path
from render_fixtures import checked_both, essence, to_docx, without_place

from jixiao.errors import ReadError
from jixiao.pipeline import check_path
from jixiao.readers import read_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _same(text_path: Path, tmp_path: Path, merge: bool = True):
    return checked_both(text_path, tmp_path, lambda d: to_docx(d, merge), ".docx")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.txt")))
@pytest.mark.parametrize("merge", [True, False])
def test_examples_as_docx_read_to_the_same_forms_and_findings(tmp_path, name, merge):
    text, word = _same(EXAMPLES / name, tmp_path, merge)
    assert word.error is None and word.forms
    assert essence(word) == essence(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seeds_as_docx(tmp_path, seed):
    text, word = _same(seed_path(seed), tmp_path)
    assert essence(word) == essence(text)
    assert without_place(word) == []   # every finding at a cell or paragraph the user can open


def test_cells_keep_their_address_and_quotes_their_line(tmp_path):
    path = tmp_path / "dept.docx"
    path.write_bytes(to_docx(read_path(EXAMPLES / "qinghe_dept_2024.txt")))
    result = check_path(path)
    f = next(f for f in result.findings if f.code == "JX102")
    assert result.doc.quote(f.ref.line)
    cells = [c for b in result.doc.blocks if hasattr(b, "rows") for row in b.rows for c in row]
    assert cells[0].ref.cell == "表1!A1" and cells[-1].ref.cell.startswith("表")


def test_merged_header_cells_sit_in_their_first_column(tmp_path):
    from docx import Document as new_docx
    d = new_docx()
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "收入"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "支出"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "项目"
    t.cell(1, 1).text, t.cell(2, 1).text = "金额", "1.00"
    buf = io.BytesIO()
    d.save(buf)
    p = tmp_path / "merged.docx"
    p.write_bytes(buf.getvalue())
    table = read_path(p).blocks[0]
    assert [[c.text for c in r] for r in table.rows] == [["收入", "", "支出", ""], ["项目", "金额", "", ""],
                                                        ["", "1.00", "", ""]]


def test_a_damaged_word_file_is_a_clear_error(tmp_path):
    good = to_docx(read_path(EXAMPLES / "qinghe_project_2024.txt"))
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError) as e:
        read_path(bad)
    assert e.value.code in ("JX001", "JX002") and "truncated.docx" in str(e.value.file)
    result = check_path(bad)
    assert result.error is not None and result.findings[0].code in ("JX001", "JX002")
