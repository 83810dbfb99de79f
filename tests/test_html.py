"""HTML input: our own documents published as portal pages read back to the same findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_compare import SEEDS, seed_path
from render_fixtures import checked_both, essence, to_html

from jixiao.readers import read_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _both(text_path: Path, tmp_path: Path, encoding: str = "utf-8"):
    return checked_both(text_path, tmp_path, lambda d: to_html(d, encoding), ".html")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.txt")))
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_examples_as_html_read_to_the_same_forms_and_findings(tmp_path, name, encoding):
    text, page = _both(EXAMPLES / name, tmp_path, encoding)
    assert page.error is None and page.forms
    assert essence(page) == essence(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
@pytest.mark.parametrize("seed", ["001", "004"])
def test_seeds_as_html(tmp_path, seed):
    text, page = _both(seed_path(seed), tmp_path)
    assert essence(page) == essence(text)


def test_rowspan_colspan_and_nested_tables(tmp_path):
    page = tmp_path / "spans.html"
    page.write_text("""<html><body><h2>收入支出决算总表</h2><p>单位：万元</p>
    <table><tr><th colspan="2">收入</th><th rowspan="2">备注</th></tr>
    <tr><td>项目</td><td>金额</td></tr>
    <tr><td rowspan="2">财政拨款</td><td>1.00</td><td><table><tr><td>内</td><td>表</td></tr></table></td></tr>
    <tr><td>2.00</td><td>x</td></tr></table><script>document.write('<p>脚本</p>')</script></body></html>""",
                    encoding="utf-8")
    doc = read_path(page)
    title, unit, table = doc.blocks
    assert title.text == "收入支出决算总表" and unit.text == "单位：万元"
    assert [[c.text for c in r] for r in table.rows] == [
        ["收入", "", "备注"], ["项目", "金额", ""], ["财政拨款", "1.00", "内 表"], ["", "2.00", "x"]]
    assert table.rows[3][1].ref.cell == "表1!B4" and "脚本" not in "".join(doc.lines)
