"""Ingest bench (入库): documents per second and peak memory of ``jixiao db ingest``, against
plain ``jixiao check -f jsonl`` of the same documents (the library underneath).

Makes corpora of N documents (500, 1,000 and 2,000 by default): copies of the examples and the
seeds, each made distinct by one line changed (its copy number), so that every copy is a new
content to store. Each is ingested into a fresh SQLite file (and, with ``--pg URL``, into that
PostgreSQL database, which the bench empties first), and checked with ``check -f jsonl``; the
table gives wall time, documents per second, the peak resident memory of the whole process tree
(sampled every 0.2 s, as ``bench/scale.py`` does) and ingest's rate against check's. Flat memory
across sizes is what writing each result as it comes promises.

    .venv/bin/python bench/ingest.py                     # 500, 1000, 2000
    .venv/bin/python bench/ingest.py --sizes 500 2000 --jobs 2 --pg postgresql+psycopg://me@/bench
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import run  # noqa: E402  (the same way of measuring as the scale bench)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TEXTS = sorted((ROOT / "examples").glob("*.txt")) + sorted(SEEDS.glob("*.txt"))


def corpus(folder: Path, n: int) -> None:
    """N documents: the examples and seeds in turn, each with a last line of its own."""
    texts = [p.read_text("utf-8").rstrip("\n") for p in TEXTS]
    for i in range(n):
        (folder / f"doc{i:05d}.txt").write_text(f"{texts[i % len(texts)]}\n（副本{i:05d}）\n", "utf-8")


def stored(url: str) -> int:
    """How many documents the store holds."""
    from sqlalchemy import func, select

    from jixiao.store.engine import open_store
    from jixiao.store.models import Document
    with open_store(url) as store, store.reading() as s:
        return s.scalar(select(func.count()).select_from(Document))


def emptied(url: str) -> str:
    """The PostgreSQL database emptied (its schema migrated down and up again)."""
    from jixiao.store.engine import migrate, open_store
    with open_store(url) as store:
        migrate(store.engine, "base", down=True)
    return url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    ap.add_argument("--jobs", type=int, default=psutil.cpu_count() or 2)
    ap.add_argument("--pg", help="a PostgreSQL URL whose database the bench may empty")
    args = ap.parse_args()
    table = Table(title=f"入库测试 / ingest bench（{args.jobs} 个进程 / processes）")
    for col in ("文档数 docs", "方式 how", "用时 s", "文档/秒 docs/s", "峰值内存 MB peak", "对 check vs check"):
        table.add_column(col, justify="right")
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="jixiao-ingest-"))
        try:
            docs = work / "docs"
            docs.mkdir()
            corpus(docs, n)
            journal = work / "check.jsonl"   # as bench/scale.py: the records also kept, to count them
            secs, peak, code = run(["check", str(docs), "-j", str(args.jobs), "-f", "jsonl", "--resume", str(journal)])
            done = sum(1 for _ in journal.open(encoding="utf-8")) if journal.exists() else 0
            base = done / secs
            table.add_row(str(n), "check -f jsonl", f"{secs:.1f}", f"{base:.1f}", f"{peak / 2**20:.0f}",
                          "1.00×" + ("" if done == n and code in (0, 1) else f"（{done}/{n}, exit {code}）"))
            targets = [("SQLite", str(work / "store.db"))] + ([("PostgreSQL", emptied(args.pg))] if args.pg else [])
            for how, url in targets:
                secs, peak, code = run(["db", "ingest", str(docs), "--db", url, "-j", str(args.jobs)])
                done = stored(url)
                rate = done / secs
                table.add_row(str(n), f"ingest {how}", f"{secs:.1f}", f"{rate:.1f}", f"{peak / 2**20:.0f}",
                              f"{rate / base:.2f}×" + ("" if done == n and code == 0 else f"（{done}/{n}, exit {code}）"))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    Console().print(table)


if __name__ == "__main__":
    main()
