"""Batches: folders and .zip archives, in parallel, with every unreadable file a finding."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from render_fixtures import to_docx, to_xlsx
from typer.testing import CliRunner

from jixiao.batch import Source, check_all, sources
from jixiao.cli import app
from jixiao.readers import read_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def _zip(members: dict[str, bytes], gbk_names: bool = False) -> bytes:
    buf = io.BytesIO()
    raw = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(members.items()):
            if gbk_names:   # ASCII stand-ins of the same length, swapped for the GBK bytes below
                gbk = name.encode("gbk")
                stand_in = f"~{i}~".ljust(len(gbk), "~")
                raw[stand_in.encode()] = gbk
                name = stand_in
            z.writestr(name, data)
    data = buf.getvalue()
    for stand_in, gbk in raw.items():   # as Chinese Windows writes names: GBK bytes, no UTF-8 flag
        data = data.replace(stand_in, gbk)
    return data


def _bomb() -> bytes:
    """A member declaring its true size: 300 MB of zeros packed into a few hundred KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("bomb.txt", "w", force_zip64=True) as f:
            block = bytes(2**20)
            for _ in range(300):
                f.write(block)
    return buf.getvalue()


def _folder(tmp_path: Path) -> Path:
    dept = read_path(EXAMPLES / "qinghe_dept_2024.txt")
    root = tmp_path / "submissions"
    (root / "county").mkdir(parents=True)
    (root / "dept.txt").write_text((EXAMPLES / "qinghe_dept_2024.txt").read_text("utf-8"), "utf-8")
    (root / "county" / "dept.xlsx").write_bytes(to_xlsx(dept))
    (root / "county" / "broken.docx").write_bytes(to_docx(dept)[:3000])
    (root / "county" / "notes.rar").write_bytes(b"Rar!\x1a\x07\x00" + bytes(50))
    (root / "~$dept.docx").write_bytes(b"lock")                      # Word's lock file: not a submission
    project = (EXAMPLES / "qinghe_project_2024.txt").read_bytes()
    (root / "bundle.zip").write_bytes(_zip({"项目/医保经办能力建设.txt": project, "项目/说明.docx": to_docx(dept)},
                                           gbk_names=True))
    (root / "bomb.zip").write_bytes(_bomb())
    (root / "cut.zip").write_bytes(_zip({"a.txt": project})[:200])
    return root


def test_sources_walk_folders_and_archives(tmp_path):
    root = _folder(tmp_path)
    found = {Path(s.name).name if "!" not in s.name else s.name.split("!", 1)[1]: s for s in sources([root])}
    assert set(found) == {"dept.txt", "dept.xlsx", "broken.docx", "notes.rar", "项目/医保经办能力建设.txt",
                          "项目/说明.docx", "bomb.txt", "cut.zip"}
    assert found["项目/医保经办能力建设.txt"].load() == (EXAMPLES / "qinghe_project_2024.txt").read_bytes()
    assert "zip bomb" in found["bomb.txt"].error.en and found["bomb.txt"].error.file.endswith("bomb.zip!bomb.txt")
    assert found["notes.rar"].error.code == "JX002" and found["cut.zip"].error.code == "JX001"


def test_check_goes_on_past_every_bad_file_in_parallel(tmp_path):
    root = _folder(tmp_path)
    res = runner.invoke(app, ["check", str(root), "-j", "2", "-f", "json"])
    assert res.exit_code == 2, res.output
    out = json.loads(res.stdout)
    files = {f["file"].replace(str(root), ""): f for f in out["files"]}
    assert len(files) == 8
    errors = {k: f["error"]["code"] for k, f in files.items() if f.get("error")}
    assert set(errors) == {"/county/broken.docx", "/county/notes.rar", "/bomb.zip!bomb.txt", "/cut.zip"}
    good = [k for k in files if k not in errors]
    assert sorted(good) == sorted(["/dept.txt", "/county/dept.xlsx", "/bundle.zip!项目/医保经办能力建设.txt",
                                   "/bundle.zip!项目/说明.docx"])
    # the same findings, whether checked one by one or in parallel
    one = json.loads(runner.invoke(app, ["check", str(root), "-f", "json"]).stdout)
    assert one["findings"] == out["findings"]


def test_a_worker_that_dies_costs_only_its_own_file(tmp_path, monkeypatch):
    """A file that kills its worker process (as a crash inside a native library would) is a
    finding; the files beside it are checked again in a fresh process and come through."""
    import os

    from jixiao import batch
    real = batch.check_path

    def crashing(name, *args, **kwargs):   # the workers are forked, so they run this too
        if name == "killer.txt":
            os._exit(1)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(batch, "check_path", crashing)
    good = (EXAMPLES / "qinghe_dept_2024.txt").read_bytes()
    items = [Source("a.txt", good), Source("killer.txt", good), Source("b.txt", good)]
    results = check_all(items, jobs=2)
    assert [r.path for r in results] == ["a.txt", "killer.txt", "b.txt"]
    assert results[0].error is None and results[2].error is None and results[0].forms
    assert results[1].error is not None and results[1].findings[0].code == "JX005"


def test_members_read_in_the_parent_then_in_workers_come_out_whole(tmp_path):
    """The store hashes every member in the parent before the workers check them: a forked worker
    must open the archive itself, not read through the parent's open file (their shared offset
    gave members that read as damaged, now and then)."""
    archive = tmp_path / "batch.zip"
    texts = sorted(EXAMPLES.glob("*.txt"))
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(24):
            z.writestr(f"{n:02d}_{texts[n % len(texts)].name}", texts[n % len(texts)].read_bytes() * 3)
    for _ in range(3):
        items = sources([archive])
        assert all(s.load() for s in items)              # the parent has read them all
        results = check_all(items, jobs=2)
        assert [r.error for r in results] == [None] * len(items)
