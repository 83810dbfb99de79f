"""The store (存储库) on SQLite and on a real PostgreSQL server: ingest of the seeds, the examples
and the field files, idempotent by content; names, re-runs and reviews; migrations; listing.

Every test runs on both databases. The field files are checked once per database (module-scoped
``corpus``); the tests that change a store make their own from the seeds.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from jixiao.batch import sources
from jixiao.cli import app
from jixiao.pipeline import check_path
from jixiao.render.findings import record_of
from jixiao.render.json import dumps, loads
from jixiao.store import query
from jixiao.store.engine import current, head, migrate, open_store
from jixiao.store.ingest import Failed, Options, Summary, ingest
from jixiao.store.models import Base, Document, FindingRow, Name, Review, Run

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

ROOT = Path(__file__).resolve().parent.parent
SEEDS = SHARED / "seeds"
FIELD = SEEDS.parent / "field"
EXAMPLES = ROOT / "examples"
SEED_001 = SEEDS / "001_dde57a799df0e585.txt"
BACKENDS = ["sqlite", "postgresql"]
runner = CliRunner()


def _new_db(request, backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return str(folder / "store.db")   # a plain path, as a user gives it
    return request.getfixturevalue("pg_server").database()


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path) -> str:
    """A fresh, empty store."""
    return _new_db(request, request.param, tmp_path)


def db_cli(*args: str):
    return runner.invoke(app, ["db", *args])


def expected_records(paths: list[Path]) -> dict[str, dict]:
    """What ``jixiao check`` makes of the files, independently of the store: records by sha256."""
    out = {}
    for s in sources(paths):
        rec = record_of(check_path(s.name)).to_json()
        out[rec["sha256"]] = rec
    return out


@pytest.fixture(scope="module")
def seed_records() -> dict[str, dict]:
    return expected_records([SEEDS, EXAMPLES])


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request, tmp_path_factory):
    """A store with the seeds, the examples and the field files, ingested once with ``-j 2``."""
    url = _new_db(request, request.param, tmp_path_factory.mktemp("corpus"))
    res = db_cli("ingest", "--db", url, str(SEEDS), str(EXAMPLES), str(FIELD), "-j", "2")
    return url, res


def _count(url: str, model) -> int:
    with open_store(url) as store, store.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def _files(*folders: Path) -> list[Path]:
    return [p for f in folders for p in sorted(f.iterdir()) if p.is_file() and p.suffix != ".json"]


def test_corpus_is_stored_with_the_unreadable_input_named(corpus):
    url, res = corpus
    n = len(_files(SEEDS, EXAMPLES, FIELD))
    assert res.exit_code == 2, res.output          # manifest.json is not a document: an unreadable input
    assert f"{n} new, 0 already stored, 1 failed" in res.stdout
    assert "JX002" in res.stdout and "manifest.json" in res.stdout and "不支持的文件类型" in res.stdout
    assert _count(url, Document) == n and _count(url, Run) == n and _count(url, Name) == n


def test_second_ingest_stores_nothing_new(corpus):
    url, _ = corpus
    before = [_count(url, m) for m in (Document, Run, Name, FindingRow)]
    res = db_cli("ingest", "--db", url, str(SEEDS), str(EXAMPLES), str(FIELD))
    n = len(_files(SEEDS, EXAMPLES, FIELD))
    assert f"已存 {n}" in res.stdout and f"0 new, {n} already stored, 1 failed" in res.stdout, res.stdout
    assert res.exit_code == 2
    assert [_count(url, m) for m in (Document, Run, Name, FindingRow)] == before


def test_records_come_back_type_exact_and_as_checked(corpus, seed_records):
    url, _ = corpus
    with open_store(url) as store, store.reading() as s:
        records = list(query.records(s))
        contracts = dict(s.execute(select(Run.document_id, Run.contract)).all())
        shas = dict(s.execute(select(Document.id, Document.sha256)).all())
    assert len(records) == len(_files(SEEDS, EXAMPLES, FIELD))
    by_sha = {shas[d]: c for d, c in contracts.items()}
    for rec in records:
        assert dumps(rec.to_json(), indent=None) == by_sha[rec.sha256]   # the contract read back, unchanged
        if rec.sha256 in seed_records:   # what the store keeps is what check says
            assert loads(dumps(rec.to_json())) == loads(dumps(seed_records[rec.sha256]))
    assert {r.sha256 for r in records} >= set(seed_records)
    with open_store(url) as store, store.reading() as s:
        dept = list(query.records(s, kind="dept_self_eval", year=2023))
        unit = list(query.records(s, unit="黔南州医疗保障局"))
    assert {r.document.department for r in dept} == {"岳阳市君山区医疗保障事务中心", "黔南州医疗保障局"}
    assert [r.file for r in unit] == [str(SEED_001)]


def test_ls_json_and_csv_rows_are_those_of_check(corpus, seed_records):
    url, _ = corpus
    res = db_cli("ls", "--db", url, "-f", "json")
    assert res.exit_code == 0, res.output
    rows = {r["sha256"]: r for r in loads(res.stdout)}
    res = db_cli("ls", "--db", url, "-f", "csv")
    assert res.exit_code == 0, res.output
    as_csv = {r["sha256"]: r for r in csv.DictReader(io.StringIO(res.stdout))}
    assert set(rows) == set(as_csv) and len(rows) == len(_files(SEEDS, EXAMPLES, FIELD))
    for sha, rec in seed_records.items():
        counts = Counter(f["severity"] for f in rec["findings"])
        row = rows[sha]
        assert (row["errors"], row["warnings"], row["infos"]) == (counts["error"], counts["warning"], counts["info"])
        assert row["open"] == counts["error"] + counts["warning"]     # nothing reviewed yet
        assert (row["unit"], row["kind"], row["year"]) == (rec["document"]["department"], rec["document"]["kind"],
                                                           rec["document"]["year"])
        assert int(as_csv[sha]["errors"]) == counts["error"] and as_csv[sha]["unit"] == row["unit"]
    seed1 = next(r for r in rows.values() if r["name"] == str(SEED_001))
    assert seed1["errors"] == 0 and seed1["unit"] == "黔南州医疗保障局" and seed1["year"] == 2023
    assert str(seed1["reported_total"]) == "99" and str(seed1["recomputed_total"]) == "99.02"
    assert as_csv[seed1["sha256"]]["recomputed_total"] == "99.02" and seed1["grade"] == "优"


def test_ls_filters(corpus):
    url, _ = corpus

    def names(*args):
        res = db_cli("ls", "--db", url, "-f", "json", *args)
        assert res.exit_code == 0, res.output
        return {Path(r["name"]).name for r in loads(res.stdout)}
    assert names("--kind", "dept_self_eval", "--year", "2023") == {SEED_001.name, "000_376eac14ce8ad9a3.txt"}
    assert names("--unit", "西南大学", "--kind", "budget_disclosure") == {"018_chongqing_swu_2024_budget.pdf",
                                                                        "020_chongqing_swu_2021_budget.pdf"}
    assert "qinghe_project_2024.txt" in names("--status", "无问题") and SEED_001.name not in names("--status", "clean")
    assert SEED_001.name in names("--status", "待核") and names("--status", "dismissed") == set()
    res = db_cli("ls", "--db", url, "--status", "maybe")
    assert res.exit_code == 2 and "复核状态" in res.stderr


def test_show_by_name_and_by_hash(corpus):
    url, _ = corpus
    res = db_cli("show", "--db", url, SEED_001.name, "-f", "json")
    assert res.exit_code == 0, res.output
    shown = loads(res.stdout)
    assert shown["names"][0]["name"] == str(SEED_001) and len(shown["runs"]) == 1 and shown["runs"][0]["current"]
    assert {f["code"] for f in shown["findings"]} and all(f["status"] == "open" for f in shown["findings"])
    res = db_cli("show", "--db", url, shown["sha256"][:10])
    assert res.exit_code == 0 and shown["sha256"] in res.stdout and shown["findings"][0]["fingerprint"] in res.stdout
    res = db_cli("show", "--db", url, "no_such_file.txt")
    assert res.exit_code == 2 and "存储库中没有文件" in res.stderr


def test_a_new_name_for_known_bytes_is_kept(db, tmp_path):
    assert db_cli("ingest", "--db", db, str(SEED_001)).exit_code == 0
    other = tmp_path / "in"
    other.mkdir()
    shutil.copy(SEED_001, other / "黔南州自评表.txt")
    with zipfile.ZipFile(other / "batch.zip", "w") as z:
        z.write(SEED_001, "退回/001.txt")
    res = db_cli("ingest", "--db", db, str(other))
    assert res.exit_code == 0 and "0 new, 2 already stored, 0 failed, 2 new names" in res.stdout, res.stdout
    shown = loads(db_cli("show", "--db", db, "黔南州自评表.txt", "-f", "json").stdout)
    assert sorted(n["name"] for n in shown["names"]) == sorted([str(SEED_001), str(other / "batch.zip!退回/001.txt"),
                                                                str(other / "黔南州自评表.txt")])
    member = next(n for n in shown["names"] if n["member"])
    assert member["path"] == str(other / "batch.zip") and member["member"] == "退回/001.txt"
    assert _count(db, Document) == 1 and _count(db, Run) == 1


def test_recheck_adds_a_run_and_keeps_every_review(db):
    assert db_cli("ingest", "--db", db, str(SEEDS)).exit_code == 0
    shown = loads(db_cli("show", "--db", db, "000_376eac14ce8ad9a3.txt", "-f", "json").stdout)
    errors = [f for f in shown["findings"] if f["severity"] == "error"]
    first, second = errors[0]["fingerprint"], errors[1]["fingerprint"]
    before = loads(db_cli("ls", "--db", db, "-f", "json").stdout)
    res = db_cli("review", "--db", db, shown["sha256"][:8], first[:10], "--status", "排除", "--note", "已电话核实",
                 "--reviewer", "李四")
    assert res.exit_code == 0 and "排除" in res.stdout, res.output
    assert db_cli("review", "--db", db, shown["sha256"], second, "-s", "confirmed", "-r", "李四").exit_code == 0
    assert db_cli("review", "--db", db, shown["sha256"], second, "-s", "确认", "-r", "王五").exit_code == 0
    res = db_cli("ingest", "--db", db, "--recheck")
    assert res.exit_code == 0 and "5 checked again" in res.stdout, res.output
    assert _count(db, Run) == 10 and _count(db, Review) == 3
    after = loads(db_cli("show", "--db", db, shown["sha256"], "-f", "json").stdout)
    assert len(after["runs"]) == 2 and after["runs"][1]["current"]
    status = {f["fingerprint"]: f for f in after["findings"]}
    assert status[first]["status"] == "dismissed" and not status[first]["open"]
    assert status[first]["review"]["note"] == "已电话核实" and status[first]["review"]["reviewer"] == "李四"
    assert status[second]["status"] == "confirmed" and status[second]["open"]
    assert status[second]["review"]["reviewer"] == "王五"                     # the latest wins
    with open_store(db) as store, store.reading() as s:
        verdicts = query.review_status(s, shown["sha256"])
    assert verdicts[first] == "dismissed" and verdicts[second] == "confirmed"
    assert set(verdicts) == set(status) and list(verdicts.values()).count("open") == len(status) - 2
    ls_after = {r["sha256"]: r for r in loads(db_cli("ls", "--db", db, "-f", "json").stdout)}
    old = next(r for r in before if r["sha256"] == shown["sha256"])
    assert ls_after[shown["sha256"]]["open"] == old["open"] - 1 and ls_after[shown["sha256"]]["runs"] == 2
    assert [Path(r["name"]).name for r in loads(db_cli("ls", "--db", db, "-f", "json", "--status", "排除").stdout)] \
        == ["000_376eac14ce8ad9a3.txt"]
    assert db_cli("review", "--db", db, shown["sha256"], first, "-s", "maybe").exit_code == 2
    res = db_cli("review", "--db", db, shown["sha256"], "ffffffffffff", "-s", "fixed")
    assert res.exit_code == 2 and "没有指纹" in res.stderr


def test_an_unreadable_file_is_counted_failed_and_the_rest_stored(db, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED_001, folder / "good.txt")
    (folder / "broken.pdf").write_bytes((FIELD / "002_jiangsu_rdcwh_2019_budget_tables.pdf").read_bytes()[:4000])
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    res = db_cli("ingest", "--db", db, str(folder), "-j", "2")
    assert res.exit_code == 2, res.output
    assert "1 new, 0 already stored, 2 failed" in res.stdout
    assert "JX001" in res.stdout and "broken.pdf" in res.stdout and "notes.bin" in res.stdout
    rows = {Path(r["name"]).name: r for r in loads(db_cli("ls", "--db", db, "-f", "json").stdout)}
    assert rows["good.txt"]["error_code"] is None and rows["broken.pdf"]["error_code"] == "JX001"
    failed = loads(db_cli("ls", "--db", db, "-f", "json", "--status", "failed").stdout)
    assert [Path(r["name"]).name for r in failed] == ["broken.pdf"]
    again = db_cli("ingest", "--db", db, str(folder))
    assert again.exit_code == 2 and "0 new, 1 already stored, 2 failed" in again.stdout and "broken.pdf" in again.stdout
    assert Summary(failed=[Failed("x", "JX006", "")]).status == 3 and Summary().status == 0


def test_a_mistyped_store_file_is_named_not_made(tmp_path):
    """Only ingest makes a store: ls, show, history, export and review on a missing file say so."""
    gone = tmp_path / "typo.db"
    for args in (["ls"], ["show", "abc"], ["history", "某单位"], ["export", str(tmp_path / "out")],
                 ["review", "abc", "def", "-s", "排除", "-n", "x"]):
        res = db_cli(*args, "--db", str(gone))
        assert res.exit_code == 2 and "存储库文件不存在" in res.output and str(gone) in res.output, (args, res.output)
    assert not gone.exists()


def test_migration_makes_the_schema_from_empty_and_back(db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    store = open_store(db)
    try:
        assert current(store.engine) == head()
        assert set(inspect(store.engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
        with store.engine.connect() as conn:   # the migration makes exactly what the models say
            assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata) == []
        migrate(store.engine, "base", down=True)
        assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"} and current(store.engine) is None
    finally:
        store.close()
    with open_store(db) as again:
        assert current(again.engine) == head()


def test_migration_0003_finds_the_documents_of_earlier_uploads(db, tmp_path):
    """Batches uploaded before revision 0003 get their documents from the names under their folders."""
    from sqlalchemy import text
    folder = tmp_path / "uploads" / "7"
    folder.mkdir(parents=True)
    shutil.copy(SEEDS / "001_dde57a799df0e585.txt", folder / "a.txt")
    store = open_store(db)
    try:
        ingest(store, [folder])
        ingest(store, [SEEDS / "002_74b81ede0226e4f1.txt"])
        migrate(store.engine, "0002", down=True)
        assert "batch_documents" not in inspect(store.engine).get_table_names()
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO batches (id, folder, files, total, done, state, failed, created) "
                              "VALUES (7, :f, 1, 1, 1, 'done', '[]', CURRENT_TIMESTAMP)"), {"f": str(folder)})
        migrate(store.engine, "head")
        with store.engine.connect() as conn:
            got = conn.execute(text("SELECT b.batch_id, d.name FROM batch_documents b "
                                    "JOIN documents d ON d.id = b.document_id")).all()
        assert [(b, Path(n).name) for b, n in got] == [(7, "a.txt")]
    finally:
        store.close()


def _pdf_with_nul() -> bytes:
    """A one-page PDF whose font maps a character code to U+0000 (a broken character map)."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/Differences [0 /uni0000 1 /A] >> >>")
    content = b"BT /F1 12 Tf 50 700 Td (Title \\000 here) Tj 0 -20 Td (Line\\000two \\001) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", font]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def test_a_text_with_nul_characters_is_stored_on_either_database(db, tmp_path):
    """A PDF whose text holds NUL (PostgreSQL's text refuses it) is stored with the file beside it."""
    from jixiao.readers import read_bytes
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nul.pdf").write_bytes(_pdf_with_nul())
    shutil.copy(SEEDS / "001_dde57a799df0e585.txt", folder / "a.txt")
    assert not any("\x00" in line for line in read_bytes(_pdf_with_nul(), "nul.pdf").lines)
    with open_store(db) as store:
        summary = ingest(store, [folder])
        assert summary.new == 2 and summary.failed == [], summary
        with store.reading() as s:
            kept = [t for t in s.scalars(select(Document.rendition)) if t is not None]
        assert len(kept) == 2 and not any("\x00" in t for t in kept)


def test_two_processes_open_and_fill_one_store_at_once(db, tmp_path):
    code = ("import sys; from pathlib import Path; from jixiao.store.engine import open_store; "
            "from jixiao.store.ingest import ingest; "
            "s = open_store(sys.argv[1]); r = ingest(s, [Path(sys.argv[2])]); print(r.new, r.stored); s.close()")
    seeds = sorted(SEEDS.glob("*.txt"))
    procs = [subprocess.Popen([sys.executable, "-c", code, db, str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for p in seeds[:3]]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    assert sorted(o.split() for o, _ in outs) == [["1", "0"]] * 3
    res = db_cli("ls", "--db", db, "-f", "json")
    assert len(loads(res.stdout)) == 3 and _count(db, Run) == 3


def test_ingest_api_and_options_decide_what_is_already_stored(db):
    with open_store(db) as store:
        first = ingest(store, [SEED_001])
        same = ingest(store, [SEED_001])
        other = ingest(store, [SEED_001], Options(select=("JX1",)))   # other checks: a new run
        assert (first.new, same.stored, other.rechecked) == (1, 1, 1)
        with store.reading() as s:
            runs = s.execute(select(Run.options, Run.options_key)).all()
            assert len(runs) == 2 and json.loads(runs[1][0])["select"] == ["JX1"] and runs[0][1] != runs[1][1]
            [rec] = list(query.records(s))
            assert all(f.code.startswith("JX1") for f in rec.findings)
    assert db_cli("ingest", "--db", db).exit_code == 2             # nothing named, no --recheck
    assert db_cli("ingest", "--db", db, str(SEED_001), "--select", "JX9999").exit_code == 2
