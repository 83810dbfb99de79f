"""Basic data table checks (JX7xx), on seed 000 and on edited copies of it."""

from __future__ import annotations

import pytest
from golden_compare import SEEDS, seed_path

from jixiao.pipeline import check_path

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


def _codes(tmp_path, old: str | None = None, new: str = "") -> dict[str, list]:
    path = seed_path("000")
    if old is not None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path = tmp_path / "000_edited.txt"
        path.write_text(text.replace(old, new), encoding="utf-8")
    out: dict[str, list] = {}
    for f in check_path(path).findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_000_basic_data_adds_up_but_disagrees_with_the_dept_table(tmp_path):
    found = _codes(tmp_path)
    assert "JX701" not in found and "JX702" not in found   # 19 ÷ 21 = 90.48%; 59.38 + 1489.33 + 19.47 = 1568.18
    [f] = found["JX703"]
    assert (f.ref.line, f.expected, f.found) == (168, "1568.18", "1521.58")


def test_staff_rate_recomputed(tmp_path):
    [f] = _codes(tmp_path, "\t90.48%", "\t92.48%")["JX701"]
    assert f.expected == "90.48%" and f.found == "92.48%"


def test_expense_items_summed(tmp_path):
    [f] = _codes(tmp_path, "\t19.47\n", "\t9.47\n")["JX702"]
    assert f.expected == "1558.18" and f.found == "1568.18" and f.severity == "error"


def test_agreeing_tables_are_quiet(tmp_path):
    assert "JX703" not in _codes(tmp_path, "项目支出：1521.58", "项目支出：1568.18")


def test_003_headcount_in_text_differs_from_its_table(tmp_path):
    found = [f for f in check_path(seed_path("003")).findings if f.code == "JX704"]
    # “编制人数 24人（其中：行政编制为5人；事业编为19人）” against 编制控制数 23; 实有 36 = 36
    assert [(f.ref.line, f.expected, f.found) for f in found] == [(38, "23人", "24人")]
    text = seed_path("003").read_text(encoding="utf-8").replace("编制人数 24人", "编制人数 23人", 1)
    p = tmp_path / "003_agreeing.txt"
    p.write_text(text, encoding="utf-8")
    assert [f for f in check_path(p).findings if f.code == "JX704"] == []
