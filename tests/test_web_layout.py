"""The document page lays each form out as its table and marks each finding at its own cell
(文件页的表样与标注): a disclosure table row by row, a finding on one amount marks that amount only."""

from __future__ import annotations

from pathlib import Path

from jixiao.pipeline import check_path
from jixiao.render.findings import findings_json
from jixiao.render.json import dumps, loads
from jixiao.contract import load
from jixiao.web.document import lay_out

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_a_final_accounts_table_is_laid_out_and_marked_at_the_cell():
    checked = check_path(EXAMPLES / "qinghe_final_accounts_2024.txt")
    [record] = load(loads(dumps(findings_json([checked]))))     # as the store gives it back
    placed = {(f.ref.line, f.ref.col): f.fingerprint for f in record.findings if f.ref and f.ref.col is not None}
    assert placed
    marked = {}
    for n, form in enumerate(record.forms):
        laid = lay_out(n, form, record.findings)
        body = [row for row in laid.rows if not row[0].head]
        assert len(body) == len(form.data["rows"])             # every row of the table, as printed
        for row, data in zip(body, form.data["rows"]):
            assert [c.text for c in row] == data["cells"]
            marked.update({(c.line, k): c.fingerprint for k, c in enumerate(row) if c.fingerprint})
    assert marked == {k: v for k, v in placed.items() if k in marked} and set(placed) <= set(marked)
    assert len(marked) == len(placed)                         # no other cell of those rows is marked
