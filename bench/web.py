"""Benchmark (基准): the workbench's 台账 (``GET /``) over 1,000 stored documents.

Stores 1,000 documents (the seeds and examples, each made distinct by a trailing comment line)
in a fresh SQLite store, then times 20 requests of ``GET /`` (one page of 100, rendered) against
the store query alone (``web.ledger.rows``), and prints p50/p95 of each.

    .venv/bin/python bench/web.py [--docs 1000] [--db URL]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from jixiao.store.ingest import ingest
from jixiao.web.app import create_app
from jixiao.web.ledger import Filters, rows
from jixiao.web.security import viewer_of
from jixiao.web.users import add_user

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

ROOT = Path(__file__).resolve().parent.parent
SEEDS = SHARED / "seeds"


def fill(folder: Path, count: int) -> Path:
    """``count`` distinct text documents made from the seeds and examples."""
    bases = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    out = folder / "docs"
    out.mkdir()
    for n in range(count):
        base = bases[n % len(bases)]
        (out / f"{n:04d}_{base.name}").write_bytes(base.read_bytes() + f"\n（副本 {n}）\n".encode())
    return out


def pct(times: list[float], p: int) -> float:
    return sorted(times)[max(0, round(len(times) * p / 100) - 1)] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--jobs", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        folder = Path(tmp)
        db = args.db or str(folder / "bench.db")
        app = create_app(db, folder / "data")
        store = app.state.workbench.store
        started = time.monotonic()
        summary = ingest(store, [fill(folder, args.docs)], jobs=args.jobs)
        print(f"stored {summary.new} documents in {time.monotonic() - started:.1f} s")
        with store.writing() as s, s.begin():
            add_user(s, "bench", "admin", "bench-password")
        client = TestClient(app)
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        signed = client.post("/login", data={"username": "bench", "password": "bench-password", "csrf_token": token},
                             follow_redirects=False)
        assert signed.status_code == 303, "could not sign in"
        page, query = [], []
        for _ in range(20):
            t = time.perf_counter()
            r = client.get("/")
            page.append(time.perf_counter() - t)
            assert r.status_code == 200 and r.text.count('class="doc') == 100
        with store.reading() as s:
            request = type("R", (), {"cookies": client.cookies})()
            v = viewer_of(s, request)
            for _ in range(20):
                t = time.perf_counter()
                found, total = rows(s, v, Filters())
                query.append(time.perf_counter() - t)
        print(f"{'what':<24}{'p50 ms':>10}{'p95 ms':>10}")
        print(f"{'GET / (page of 100)':<24}{pct(page, 50):>10.1f}{pct(page, 95):>10.1f}")
        print(f"{'store query alone':<24}{pct(query, 50):>10.1f}{pct(query, 95):>10.1f}")
        print(f"rows in all: {total}; mean GET /: {statistics.mean(page) * 1000:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
