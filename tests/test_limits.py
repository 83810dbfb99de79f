"""Never crash, never hang, lose nothing: bounded readers, a walker that names every input,
workers with a time and memory budget, results written as they come, exit 3 for jixiao's own
failures."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao import limits
from jixiao.batch import Source, check_all, sources
from jixiao.cli import app
from jixiao.readers import read_bytes, read_path
from jixiao.workers import Budget

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOD = (EXAMPLES / "qinghe_dept_2024.txt").read_bytes()
runner = CliRunner()


def test_spans_are_clamped():
    assert limits.clamp_span("3") == 3 and limits.clamp_span("abc") == 1 and limits.clamp_span("-5") == 1
    assert limits.clamp_span("1e9") == 1 and limits.clamp_span(None) == 1 and limits.clamp_span("100000") == limits.SPAN


def test_html_spans_of_a_hundred_thousand_read_in_bounds():
    page = ("<html><body><p>青禾县医疗保障局</p><table><tr><td colspan='100000' rowspan='100000'>甲</td><td>1</td></tr>"
            "<tr><td colspan='abc'>乙</td><td rowspan='-3'>2</td></tr></table></body></html>").encode()
    start = time.monotonic()
    doc = read_bytes(page, "span.html")
    assert time.monotonic() - start < 5
    table = next(b for b in doc.blocks if hasattr(b, "rows"))
    assert len(table.rows) == 2 and len(table.rows[0]) <= limits.TABLE_COLUMNS


def _xlsx_with(sheet_xml_extra: str, cells: str) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"] = "部门整体支出绩效自评表"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace("</sheetData>", cells + "</sheetData>" + sheet_xml_extra)
                data = text.encode()
            z.writestr(info, data)
    return out.getvalue()


def test_a_merge_over_the_whole_sheet_and_a_far_cell_cost_nothing():
    data = _xlsx_with('<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>',
                      '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>远</t></is></c></row>')
    start = time.monotonic()
    doc = read_bytes(data, "far.xlsx")
    assert time.monotonic() - start < 10
    assert any("部门整体支出绩效自评表" in (getattr(b, "text", "") or "") for b in doc.blocks)
    assert any("列之后" in x for x in doc.left_out)   # the cell past the column limit is said


def test_a_reader_failure_is_a_damaged_file_not_a_crash():
    data = _xlsx_with("", '<row r="2"><c r="A2" t="inlineStr"><is><t>断</t></is></c></row><row r="3"><c>')
    with pytest.raises(Exception) as info:
        read_bytes(data, "bad.xlsx")
    assert getattr(info.value, "code", None) == "JX001" and "已损坏" in info.value.zh


def test_a_pipe_is_named_not_read(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    with pytest.raises(Exception) as info:
        read_path(fifo)
    assert info.value.code == "JX002"


def test_the_walker_names_every_input(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_bytes(GOOD)
    (root / "loop").symlink_to(root / "loop")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "up").symlink_to(root)                 # a link to a folder: not followed
    os.mkfifo(root / "pipe.txt")
    (root / "empty").mkdir()
    deep = root / "deep"
    path = deep
    for _ in range(limits.FOLDER_DEPTH + 2):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "lost.txt").write_bytes(GOOD)
    found = {Path(s.name).name: s for s in sources([root])}
    assert found["a.txt"].error is None
    assert found["loop"].error.code == "JX001" and found["dangling.txt"].error.code == "JX001"
    assert found["up"].error.code == "JX002"
    assert "嵌套" in found["d"].error.zh
    results = check_all([found["pipe.txt"]], jobs=1)
    assert results[0].error.code == "JX002"


def test_an_empty_archive_and_a_deep_one_are_named(tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    inner = GOOD
    name = "a.txt"
    for k in range(6):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, inner)
        inner, name = buf.getvalue(), f"n{k}.zip"
    deep = tmp_path / "deep.zip"
    deep.write_bytes(inner)
    got = sources([empty, deep])
    assert [s.error.code for s in got] == ["JX001", "JX001"]
    assert "没有文件" in got[0].error.zh and "嵌套过深" in got[1].error.zh


def test_a_file_over_its_time_is_stopped_and_the_batch_goes_on(monkeypatch):
    from jixiao import batch
    real = batch.check_path

    def slow(name, *args, **kwargs):   # forked workers run this too
        if name == "slow.txt":
            time.sleep(60)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(batch, "check_path", slow)
    start = time.monotonic()
    items = [Source("a.txt", GOOD), Source("slow.txt", GOOD), Source("b.txt", GOOD)]
    results = check_all(items, jobs=2, budget=Budget(seconds=3))
    assert time.monotonic() - start < 30
    assert [r.error.code if r.error else None for r in results] == [None, "JX006", None]
    assert results[0].forms and results[2].forms


def test_a_file_over_its_memory_is_stopped(monkeypatch):
    from jixiao import batch
    real = batch.check_path

    def greedy(name, *args, **kwargs):
        if name == "greedy.txt":
            hog = []
            for _ in range(400):
                hog.append(bytearray(8 * 2**20))   # touched pages: resident memory grows
                time.sleep(0.01)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(batch, "check_path", greedy)
    items = [Source("greedy.txt", GOOD), Source("b.txt", GOOD)]
    results = check_all(items, jobs=1, budget=Budget(seconds=60, memory=600 * 2**20))
    assert results[0].error.code == "JX007" and results[1].error is None


def test_results_are_written_as_they_come_and_a_rerun_resumes(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_bytes(GOOD)
    (root / "b.txt").write_bytes((EXAMPLES / "qinghe_project_2024.txt").read_bytes())
    (root / "c.docx").write_bytes(b"PK\x03\x04broken")
    journal = tmp_path / "run.jsonl"
    first = runner.invoke(app, ["check", str(root), "--resume", str(journal), "-f", "jsonl"])
    assert first.exit_code == 2, first.output
    lines = [json.loads(x) for x in journal.read_text("utf-8").splitlines()]
    assert sorted(Path(x["file"]).name for x in lines) == ["a.txt", "b.txt", "c.docx"]
    assert len(first.stdout.strip().splitlines()) == 3          # one JSON line per file on stdout too
    with journal.open("a", encoding="utf-8") as f:
        f.write('{"file": "cut off by a kil')                    # a killed run's last line
    (root / "d.txt").write_bytes(GOOD.replace("青禾县".encode(), "青山县".encode()))
    second = runner.invoke(app, ["check", str(root), "--resume", str(journal), "-f", "json"])
    checked = [Path(x["file"]).name for x in json.loads(second.stdout)["files"]]
    assert checked == ["d.txt"]                                  # done ones skipped, the damaged one too
    assert "已在" in second.stderr


def test_exit_3_when_jixiao_itself_fails(tmp_path, monkeypatch):
    from jixiao import batch

    def boom(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr(batch, "check_path", boom)
    (tmp_path / "a.txt").write_bytes(GOOD)
    res = runner.invoke(app, ["check", str(tmp_path / "a.txt")])
    assert res.exit_code == 3 and "JX005" in res.output


def test_workers_leave_when_the_batch_is_killed(tmp_path):
    """A batch killed outright (SIGKILL, an out-of-memory kill, a CI timeout) leaves no worker
    behind: a worker holding a sibling's pipe would never see its end and wait forever."""
    import signal
    import subprocess
    import sys
    for n in range(12):
        (tmp_path / f"{n:02d}.txt").write_bytes(GOOD)
    main = subprocess.Popen([sys.executable, "-c", "from jixiao.cli import main; main()", "check", str(tmp_path),
                             "-j", "2", "-f", "jsonl"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline and main.poll() is None:
        try:
            children = [int(x) for x in open(f"/proc/{main.pid}/task/{main.pid}/children").read().split()]
        except OSError:
            break
        time.sleep(0.05)
    assert len(children) >= 2, "the workers did not start"
    main.send_signal(signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 15
    alive = children
    while alive and time.monotonic() < deadline:
        alive = [p for p in children if os.path.exists(f"/proc/{p}") and
                 open(f"/proc/{p}/stat").read().split(")")[1].split()[0] != "Z"]
        time.sleep(0.2)
    for p in alive:
        os.kill(p, signal.SIGKILL)
    assert alive == []
