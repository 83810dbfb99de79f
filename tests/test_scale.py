"""A batch on a real Dask cluster (a local cluster of worker processes): the same records as the
plain process pool, every file named, results resumable by content."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def _records(text: str) -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in map(json.loads, text.strip().splitlines())}


def test_dask_cluster_gives_the_pool_s_records_and_resumes(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for p in EXAMPLES.glob("*.txt"):
        (root / p.name).write_bytes(p.read_bytes())
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not a document")
    pool = runner.invoke(app, ["check", str(root), "-j", "2", "-f", "jsonl"])
    journal = tmp_path / "run.jsonl"
    on_dask = runner.invoke(app, ["check", str(root), "--dask", "local", "-j", "2", "-f", "jsonl",
                                  "--resume", str(journal)])
    assert on_dask.exit_code == pool.exit_code == 2, on_dask.output
    want, got = _records(pool.stdout), _records(on_dask.stdout)
    assert set(got) == set(want) == {p.name for p in root.iterdir()}
    for name in want:
        assert [f["fingerprint"] for f in got[name]["findings"]] == [f["fingerprint"] for f in want[name]["findings"]]
    assert got["broken.docx"]["error"]["code"] == want["broken.docx"]["error"]["code"] == "JX002"
    assert len(journal.read_text("utf-8").splitlines()) == len(want)
    again = runner.invoke(app, ["check", str(root), "--dask", "local", "-j", "2", "--resume", str(journal)])
    assert "跳过" in again.stderr and again.exit_code == 2   # the unreadable file done before still counts
    assert runner.invoke(app, ["check", str(root), "--dask", "local"]).exit_code == 2   # findings would be lost
