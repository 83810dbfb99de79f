"""Scale bench (规模): documents per second per core and peak memory, plain process pool vs Dask.

Makes corpora of 1,000, 5,000 and 10,000 documents (our examples, each with its own department
name so that every file has its own content), checks each with ``jixiao check -j N`` (the plain
pool of budgeted worker processes) and with ``jixiao check --dask local -j N`` (a local Dask
cluster of N worker processes, one task per document), both writing a JSON-lines journal, and
prints a table: wall time, documents per second per core, the peak resident memory of the whole
process tree (sampled every 0.2 s), and Dask's ratio against the pool. Flat memory across sizes
is what the streaming design promises.

    .venv/bin/python bench/scale.py                 # 1000, 5000, 10000
    .venv/bin/python bench/scale.py --sizes 200 1000 --jobs 2
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
JIXIAO = [sys.executable, "-c", "from jixiao.cli import main; main()"]


def corpus(folder: Path, n: int) -> None:
    texts = [p.read_text("utf-8") for p in EXAMPLES]
    for i in range(n):
        text = texts[i % len(texts)].replace("青禾县", f"青禾{i:05d}县")
        (folder / f"doc{i:05d}.txt").write_text(text, "utf-8")


def run(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS of the process tree in bytes, exit code."""
    start = time.monotonic()
    proc = subprocess.Popen(JIXIAO + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    top = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            total = 0
            try:
                for p in [top] + top.children(recursive=True):
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, total)
            stop.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    code = proc.wait()
    stop.set()
    t.join()
    return time.monotonic() - start, peak, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--jobs", type=int, default=psutil.cpu_count() or 2)
    args = ap.parse_args()
    table = Table(title=f"规模测试 / scale bench（{args.jobs} 个进程 / processes）")
    for col in ("文档数 docs", "方式 engine", "用时 s", "文档/秒/核 docs/s/core", "峰值内存 MB peak", "对进程池 vs pool"):
        table.add_column(col, justify="right")
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="jixiao-scale-"))
        try:
            docs = work / "docs"
            docs.mkdir()
            corpus(docs, n)
            base = None
            for engine, extra in (("进程池 pool", []), ("Dask", ["--dask", "local"])):
                journal = work / f"{engine[:2]}.jsonl"
                secs, peak, code = run(["check", str(docs), "-j", str(args.jobs), "--resume", str(journal),
                                        "-f", "jsonl"] + extra)
                done = sum(1 for _ in journal.open(encoding="utf-8"))
                rate = done / secs / args.jobs
                base = base or rate
                table.add_row(str(n), engine, f"{secs:.1f}", f"{rate:.1f}", f"{peak / 2**20:.0f}",
                              f"{rate / base:.2f}×" + ("" if done == n else f"（{done}/{n}）"))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    Console().print(table)


if __name__ == "__main__":
    main()
