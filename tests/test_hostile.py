"""The hostile corpus (tests/hostile/: 346 cases made in the run — bombs, damaged and truncated
files, spans of 100,000, links and loops, pipes, 1,100-deep folders, 20,000-member archives) checked
in one batch by the real command: no traceback, no crash of jixiao's own, nothing stopped over its
time or memory, no process over 2 GB, and every input named in the output."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from hostile import build
from hostile.folders import _remove


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cases = build(root)
    done = subprocess.run([sys.executable, "-c", "from jixiao.cli import main; main()", "check", str(root),
                           "-j", "2", "-f", "jsonl", "--timeout", "120"],
                          capture_output=True, timeout=1800)
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024   # the largest process, in bytes
    yield root, cases, done, records, peak
    _remove(root)   # 1,100-deep folders: pytest's own (recursive) clean-up of old runs would overflow


def test_at_least_150_cases(run):
    _, cases, *_ = run
    assert len(cases) >= 150 and len({c.kind for c in cases}) >= 8


def test_no_traceback_and_no_failure_of_jixiao_s_own(run):
    _, _, done, records, _ = run
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")[-3000:]
    own = [(r["file"], r["error"]["code"]) for r in records if (r.get("error") or {}).get("code") in
           ("JX005", "JX006", "JX007")]
    internal = [(r["file"], f["message"]) for r in records for f in r["findings"] if f["code"] == "JX000"]
    assert own == [] and internal == []
    assert done.returncode == 2   # some inputs cannot be read; jixiao itself never failed (that is 3)


def test_every_input_is_named(run):
    root, cases, _, records, _ = run
    named = [r["file"] for r in records]
    missing = [c.name for c in cases if not any(n == str(c.path) or n.startswith((f"{c.path}!", f"{c.path}/"))
                                              for n in named)]
    assert missing == []


def test_memory_stays_under_2_gb(run):
    *_, peak = run
    assert peak < 2 * 2**30, f"{peak / 2**20:.0f} MB"
