"""The review workbench (审核工作台) through its HTTP API, on SQLite and on a real PostgreSQL server.

One store per database (module-scoped): the seeds, the examples, a field PDF and a hostile text
file uploaded once as a .zip through ``POST /upload`` and checked in the background; the tests
then read, review and export through every route, as each role.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as Docx
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner

from jixiao.pipeline import check_path
from jixiao.render.findings import record_of
from jixiao.store.ingest import ingest
from jixiao.store.workbench import AuditEntry, User
from jixiao.web.app import UploadLimits, create_app
from jixiao.web.cli import user_app
from jixiao.web.users import add_user

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

ROOT = Path(__file__).resolve().parent.parent
SEEDS = SHARED / "seeds"
PDF = SEEDS.parent / "field" / "002_jiangsu_rdcwh_2019_budget_tables.pdf"
EXAMPLES = ROOT / "examples"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
INPUTS = SEED_FILES + sorted(EXAMPLES.glob("*.txt")) + [PDF]
EVIL = "恶意文件.txt"
EVIL_TEXT = "部门整体支出绩效自评表\n<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n"
PASSWORD = "secret-pass-1"
UNIT_001 = "黔南州医疗保障局"
LIMITS = UploadLimits(file_bytes=1 << 20, request_bytes=3 << 20, files=12)
BACKENDS = ["sqlite", "postgresql"]


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(app, name: str, password: str = PASSWORD) -> tuple[TestClient, str]:
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": name, "password": password, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/", r.text
    return client, csrf_of(client.get("/upload").text)


def zipped(paths: list[Path], extra: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in paths:
            z.write(p, p.name)
        for name, text in extra.items():
            z.writestr(name, text)
    return buf.getvalue()


class Bench:
    """One workbench on one database, with a client per role."""

    def __init__(self, url: str, folder: Path):
        self.url = url
        self.app = create_app(url, folder, limits=LIMITS)
        store = self.app.state.workbench.store
        with store.writing() as s, s.begin():
            add_user(s, "admin", "admin", PASSWORD)
            add_user(s, "rev", "reviewer", PASSWORD)
            add_user(s, "qn", "department", PASSWORD, UNIT_001)
            add_user(s, "other", "department", PASSWORD, "别的单位")
        self.admin, self.csrf = login(self.app, "admin")
        r = self.admin.post("/upload", data={"csrf_token": self.csrf}, follow_redirects=False, files=[
            ("files", ("seeds.zip", zipped(INPUTS, {EVIL: EVIL_TEXT}), "application/zip"))])
        assert r.status_code == 303, r.text
        self.batch = r.headers["location"]
        deadline = time.monotonic() + 120
        while (state := self.admin.get(self.batch + ".json").json())["state"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        self.state = state
        self.shas = {}
        for p in INPUTS:
            rec = record_of(check_path(p))
            self.shas[p.name] = rec
        self.rev, self.rev_csrf = login(self.app, "rev")
        self.qn, self.qn_csrf = login(self.app, "qn")

    @property
    def store(self):
        return self.app.state.workbench.store

    def sha(self, name: str) -> str:
        return self.shas[name].sha256

    def ledger(self, client=None, **params) -> list[str]:
        html = (client or self.admin).get("/", params=params).text
        return re.findall(r'<tr class="doc[^"]*" data-sha="([0-9a-f]{64})"', html)

    def row(self, sha: str, client=None, **params) -> dict[str, str]:
        html = (client or self.admin).get("/", params=params).text
        m = re.search(rf'data-sha="{sha}">(.*?)</tr>', html, re.S)
        return dict(re.findall(r'<td class="([a-z-]+)[^"]*">([^<]*)</td>', m.group(1)))


@pytest.fixture(scope="module", params=BACKENDS)
def wb(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    url = str(folder / "store.db") if request.param == "sqlite" else request.getfixturevalue("pg_server").database()
    bench = Bench(url, folder / "data")
    yield bench
    bench.store.close()


SEED_001 = "001_dde57a799df0e585.txt"
SEED_000 = "000_376eac14ce8ad9a3.txt"


def test_login_logout_and_bad_password(wb):
    anon = TestClient(wb.app)
    assert anon.get("/", follow_redirects=False).headers["location"] == "/login"
    page = anon.get("/login").text
    assert '<html lang="zh-CN">' in page and 'id="login"' in page
    assert anon.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 403   # no token
    bad = anon.post("/login", data={"username": "admin", "password": "wrong", "csrf_token": csrf_of(page)})
    assert bad.status_code == 401 and 'class="error"' in bad.text and "用户名或密码错误" in bad.text
    client, csrf = login(wb.app, "rev")
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403   # no CSRF token
    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and client.get("/", follow_redirects=False).status_code == 303


def test_csrf_is_required_on_every_post(wb):
    sha = wb.sha(SEED_000)
    fp = wb.shas[SEED_000].findings[0].fingerprint
    for url, data in [(f"/documents/{sha}/findings/{fp}/review", {"status": "confirmed"}),
                      (f"/documents/{sha}/status", {"status": "已审核"}), (f"/documents/{sha}/assessment", {}),
                      ("/admin/users", {"username": "x", "role": "reviewer", "password": "longenough"})]:
        for token in (None, "forged"):
            r = wb.admin.post(url, data=data | ({"csrf_token": token} if token else {}), follow_redirects=False)
            assert r.status_code == 403 and "CSRF" in r.text, url
    r = wb.admin.post("/upload", data={}, files=[("files", ("a.txt", b"x"))], follow_redirects=False)
    assert r.status_code == 403


def test_batch_done_and_every_document_in_the_ledger_with_its_figures(wb):
    assert wb.state["state"] == "done" and wb.state["done"] == wb.state["total"] == len(INPUTS) + 1
    assert wb.state["failed"] == []
    page = wb.admin.get(wb.batch).text
    assert re.search(r'id="progress" data-done="\d+" data-total="\d+" data-state="done"', page)
    listed = wb.ledger()
    for p in INPUTS:
        rec = wb.shas[p.name]
        assert rec.sha256 in listed, p.name
        row = wb.row(rec.sha256)
        errors = sum(f.severity == "error" for f in rec.findings)
        assert row["errors"] == str(errors), p.name
        assert row["warnings"] == str(sum(f.severity == "warning" for f in rec.findings)), p.name
    assert wb.row(wb.sha(SEED_001))["errors"] == "0"
    r001 = wb.row(wb.sha(SEED_001))
    assert r001["unit"] == UNIT_001 and r001["year"] == "2023" and r001["recomputed"] == "99.02"
    assert r001["reported"] == "99" and r001["status"] == "待审核"


def test_filters_sort_search_and_pages(wb):
    assert set(wb.ledger(year=2023)) >= {wb.sha(SEED_001), wb.sha(SEED_000)}
    assert wb.sha("002_74b81ede0226e4f1.txt") not in wb.ledger(year=2023)
    assert wb.ledger(unit="黔南") == [wb.sha(SEED_001)]
    assert wb.ledger(q="001_dde57") == [wb.sha(SEED_001)]
    assert wb.ledger(q="无此单位") == []
    with_102 = wb.ledger(code="JX102")
    assert wb.sha(SEED_000) in with_102 and wb.sha(SEED_001) not in with_102
    assert wb.sha(SEED_001) not in wb.ledger(severity="error")
    kind = wb.shas[SEED_001].document.kind
    same = {r.sha256 for r in wb.shas.values() if r.document and r.document.kind == kind}
    assert set(wb.ledger(kind=kind)) >= same and not set(wb.ledger(kind=kind)) & (set(wb.ledger()) - same - {
        s for s in wb.ledger() if s not in {r.sha256 for r in wb.shas.values()}})
    errors = [int(wb.row(s)["errors"]) for s in wb.ledger(sort="-errors")]
    assert errors == sorted(errors, reverse=True) and errors[0] > 0
    scores = [Decimal(wb.row(s)["recomputed"]) for s in wb.ledger(sort="recomputed") if wb.row(s)["recomputed"]]
    assert scores == sorted(scores)
    assert wb.ledger(year="abc") == wb.ledger()   # a bad number is ignored, not a traceback


def test_document_page_holds_findings_with_places_forms_scores_claims(wb):
    rec = wb.shas[SEED_000]
    html = wb.admin.get(f"/documents/{rec.sha256}").text
    found = re.findall(r'<li class="finding[^"]*" id="f-[0-9a-f]+" data-fingerprint="([0-9a-f]+)"', html)
    assert found == [f.fingerprint for f in rec.findings]
    for f in rec.findings:
        assert f.place in html and f.code in html
    assert 'id="forms"' in html and html.count('<table class="form"') == len(rec.forms)
    assert re.search(r'<td class="flagged" data-fingerprint="[0-9a-f]+"', html)
    assert 'id="scores"' in html and html.count('<tr class="total') == len(rec.totals)
    assert html.count('<li class="claim') == len(rec.claims) and "✓" in html
    assert 'id="history"' in html and f'href="/documents/{rec.sha256}/source"' in html
    src = wb.admin.get(f"/documents/{rec.sha256}/source").text
    assert 'id="L155"' in src
    lines = (SEEDS / SEED_000).read_text(encoding="utf-8").splitlines()
    placed = [f for f in rec.findings if f.ref and f.ref.line]
    assert placed
    for f in placed:   # each finding quotes its own source line, marked, beside it
        item = re.search(rf'data-fingerprint="{f.fingerprint}">(.*?)</li>', html, re.S).group(1)
        hit = re.search(r'class="ln hit">(\d+)</a><mark>(.*?)</mark>', item, re.S)
        assert hit and int(hit.group(1)) == f.ref.line, (f.code, item[:500])
        assert html_unescape(hit.group(2)).strip() == lines[f.ref.line - 1].strip()
        pre = re.search(r'<pre class="excerpt">(.*?)</pre>', item, re.S).group(1)
        assert pre.count("\n") == pre.count('class="ln') >= 2, pre    # one line of the source a line


def html_unescape(text: str) -> str:
    import html
    return html.unescape(text)


def test_source_without_a_kept_text_says_so_and_never_reads_the_file(wb, monkeypatch):
    from sqlalchemy import update

    import jixiao.readers as readers
    from jixiao.store.models import Document
    sha = wb.sha(SEED_001)
    with wb.store.writing() as s, s.begin():
        kept = s.scalar(select(Document.rendition).where(Document.sha256 == sha))
        s.execute(update(Document).where(Document.sha256 == sha).values(rendition=None))
    monkeypatch.setattr(readers, "read_bytes", lambda *a, **k: pytest.fail("the server read the file"))
    try:
        page = wb.admin.get(f"/documents/{sha}/source").text
        assert "原文文本未保存" in page and "--recheck" in page
        assert wb.admin.get(f"/documents/{sha}").status_code == 200
    finally:
        with wb.store.writing() as s, s.begin():
            s.execute(update(Document).where(Document.sha256 == sha).values(rendition=kept))


def test_review_needs_a_note_to_dismiss_and_survives_recheck(wb):
    sha = wb.sha(SEED_000)
    fp = wb.shas[SEED_000].findings[0].fingerprint
    url = f"/documents/{sha}/findings/{fp}/review"
    r = wb.rev.post(url, data={"status": "排除", "csrf_token": wb.rev_csrf}, follow_redirects=False)
    assert r.status_code == 400 and "理由" in r.text
    assert wb.rev.post(url, data={"status": "bogus", "note": "x", "csrf_token": wb.rev_csrf}).status_code == 400
    before = int(wb.row(sha)["open"])
    r = wb.rev.post(url, data={"status": "排除", "note": "口径已说明", "csrf_token": wb.rev_csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert int(wb.row(sha)["open"]) == before - 1
    ingest(wb.store, [], recheck=True)
    html = wb.admin.get(f"/documents/{sha}").text
    li = re.search(rf'data-fingerprint="{fp}">(.*?)</li>', html, re.S).group(1)
    assert 'data-status="dismissed">已排除</span>' in li and "口径已说明" in li
    assert int(wb.row(sha)["open"]) == before - 1
    assert wb.qn.post(f"/documents/{wb.sha(SEED_001)}/findings/{wb.shas[SEED_001].findings[0].fingerprint}/review",
                      data={"status": "确认", "csrf_token": wb.qn_csrf}).status_code == 403


def test_a_comment_keeps_the_status_and_every_review_is_listed(wb):
    sha = wb.sha(SEED_000)
    fp = wb.shas[SEED_000].findings[1].fingerprint
    url = f"/documents/{sha}/findings/{fp}/review"
    for note in ("请单位补充说明", "已电话沟通，待补材料"):
        r = wb.rev.post(url, data={"status": "confirmed", "note": note, "csrf_token": wb.rev_csrf}, follow_redirects=False)
        assert r.status_code == 303
    html = wb.admin.get(f"/documents/{sha}").text
    item = re.search(rf'data-fingerprint="{fp}">(.*?)</form>', html, re.S).group(1)
    trail = re.search(r'<ul class="trail">(.*?)</ul>', item, re.S).group(1)
    assert trail.index("请单位补充说明") < trail.index("已电话沟通，待补材料") and trail.count("rev：已确认") == 2
    assert '<option value="confirmed" selected>' in item     # the form starts from the finding's status


def test_document_status(wb):
    sha = wb.sha("002_74b81ede0226e4f1.txt")
    r = wb.rev.post(f"/documents/{sha}/status", data={"status": "退回", "note": "请更正", "csrf_token": wb.rev_csrf},
                    follow_redirects=False)
    assert r.status_code == 303 and wb.row(sha)["status"] == "退回"
    assert sha in wb.ledger(status="退回") and wb.sha(SEED_001) not in wb.ledger(status="退回")
    assert wb.rev.post(f"/documents/{sha}/status", data={"status": "乱写", "csrf_token": wb.rev_csrf}).status_code == 400
    assert "请更正" in wb.admin.get(f"/documents/{sha}").text


def test_assessment_entry_and_total(wb):
    sha = wb.sha(SEED_000)
    html = wb.rev.get(f"/documents/{sha}/assessment").text
    items = re.findall(r'name="item_(\d+)"', html)
    objective = [Decimal(x) for x in re.findall(r'<span class="score">([0-9.]+)</span>', html)]
    assert items and objective
    r = wb.rev.post(f"/documents/{sha}/assessment", data={f"item_{items[0]}": "999", "csrf_token": wb.rev_csrf})
    assert r.status_code == 400 and "无效" in r.text
    data = {f"item_{i}": "1" for i in items} | {"csrf_token": wb.rev_csrf}
    assert wb.rev.post(f"/documents/{sha}/assessment", data=data, follow_redirects=False).status_code == 303
    html = wb.rev.get(f"/documents/{sha}/assessment").text
    total = Decimal(re.search(r'id="total">([0-9.]+)<', html).group(1))
    assert total == sum(objective) + len(items)


def test_opinion_docx(wb):
    sha = wb.sha(SEED_000)
    r = wb.rev.get(f"/documents/{sha}/opinion.docx")
    assert r.status_code == 200 and r.headers["content-type"].endswith("wordprocessingml.document")
    text = "\n".join(p.text for p in Docx(io.BytesIO(r.content)).paragraphs)
    assert "审核意见" in text and "岳阳市君山区医疗保障事务中心" in text and "一、审核发现的问题" in text
    rec = wb.shas[SEED_000]
    kept = [f for f in rec.findings if f.severity == "error"][1:]   # the first was dismissed above (or not)
    assert all(f.message in text for f in kept)
    assert "1. 【" in text and "自评工作质量得分" in text


def test_ledger_xlsx_of_the_filter(wb):
    r = wb.admin.get("/ledger.xlsx", params={"year": 2023})
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    rows = rows[next(n for n, row in enumerate(rows) if "sha256" in row):]
    assert "单位" in rows[0] and "复核总分" in rows[0]
    shas = {row[rows[0].index("sha256")] for row in rows[1:]}
    assert shas == set(wb.ledger(year=2023)) and wb.sha(SEED_001) in shas


def test_charts_are_svg(wb):
    html = wb.admin.get("/charts").text
    assert html.count("<svg") == 5 and "填报总分与复核总分" in html and "<circle" in html and "<rect" in html
    assert "JX102" in html


def test_audit_rows(wb):
    wb.admin.get(f"/documents/{wb.sha(SEED_001)}/opinion.docx")
    with wb.store.reading() as s:
        actions = {a for a in s.scalars(select(AuditEntry.action))}
    assert {"login", "upload", "review", "status", "assessment", "export"} <= actions
    html = wb.admin.get("/audit").text
    assert 'data-action="upload"' in html and "rev" in html
    assert wb.rev.get("/audit").status_code == 403 and wb.rev.get("/admin/users").status_code == 403


def test_department_sees_only_its_unit(wb):
    assert wb.ledger(wb.qn) == [wb.sha(SEED_001)]
    other = wb.sha(SEED_000)
    pdf = wb.sha(PDF.name)
    for url in [f"/documents/{other}", f"/documents/{other}/source", f"/documents/{other}/opinion.docx",
                f"/documents/{other}/assessment", f"/documents/{pdf}/pages/1.png", wb.batch, wb.batch + ".json"]:
        assert wb.qn.get(url).status_code == 404, url
    r = wb.qn.post(f"/documents/{other}/status", data={"status": "已整改", "csrf_token": wb.qn_csrf})
    assert r.status_code == 404
    assert wb.qn.get(f"/documents/{wb.sha(SEED_001)}").status_code == 200
    assert wb.qn.get("/ledger.xlsx").status_code == 200
    ws = load_workbook(io.BytesIO(wb.qn.get("/ledger.xlsx").content)).active
    cells = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert wb.sha(SEED_001) in cells and other not in cells
    assert "JX102" not in wb.qn.get("/charts").text   # seed 000's codes are not the department's
    assert wb.qn.get("/admin/users").status_code == 403


def test_pdf_page_png(wb):
    r = wb.rev.get(f"/documents/{wb.sha(PDF.name)}/pages/1.png")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    assert wb.rev.get(f"/documents/{wb.sha(SEED_001)}/pages/1.png").status_code == 404
    assert wb.rev.get("/documents/" + "0" * 64).status_code == 404


def test_script_in_a_document_is_escaped(wb):
    html = wb.admin.get(wb.batch).text
    sha = re.search(r'href="/documents/([0-9a-f]{64})">[^<]*' + EVIL, html).group(1)
    src = wb.admin.get(f"/documents/{sha}/source").text
    assert "&lt;script&gt;alert(" in src and "<script>alert" not in src and "<img src=x" not in src


def test_upload_limits(wb):
    big = wb.admin.post("/upload", data={"csrf_token": wb.csrf}, files=[("files", ("big.txt", b"x" * (LIMITS.file_bytes + 1)))])
    assert big.status_code == 413 and "big.txt" in big.text and "过大" in big.text
    many = wb.admin.post("/upload", data={"csrf_token": wb.csrf},
                         files=[("files", (f"{n}.txt", b"x")) for n in range(LIMITS.files + 1)])
    assert many.status_code == 400 and "文件过多" in many.text
    huge = wb.admin.post("/upload", data={"csrf_token": wb.csrf}, files=[
        ("files", (f"{n}.txt", b"x" * (LIMITS.file_bytes - 10))) for n in range(4)])
    assert huge.status_code == 413 and "上传内容过大" in huge.text
    assert wb.admin.post("/upload", data={"csrf_token": wb.csrf}).status_code == 400
    uploads = wb.app.state.workbench.data_dir / "uploads"
    assert not list(uploads.glob("incoming-*")), "a refused upload left its files behind"


def test_forged_upload_is_refused_before_any_file_is_kept(wb):
    """A POST whose CSRF token is missing or wrong before its first file stores nothing."""
    uploads = wb.app.state.workbench.data_dir / "uploads"
    before = sorted(uploads.iterdir())
    for data in ({"csrf_token": "forged"}, {}):
        r = wb.admin.post("/upload", data=data, files=[("files", ("a.txt", b"x" * 1000))])
        assert r.status_code == 403 and "CSRF" in r.text
    bad = wb.admin.post("/upload", content=b"not a form", headers={"Content-Type": "multipart/form-data; boundary=zz"})
    assert bad.status_code == 400 and "multipart" in bad.text
    assert sorted(uploads.iterdir()) == before


def test_admin_adds_users_and_cli(wb):
    r = wb.admin.post("/admin/users", data={"username": "新审核", "role": "reviewer", "password": "abcdefgh1",
                                            "csrf_token": wb.csrf}, follow_redirects=False)
    assert r.status_code == 303 and "新审核" in wb.admin.get("/admin/users").text
    login(wb.app, "新审核", "abcdefgh1")
    dup = wb.admin.post("/admin/users", data={"username": "新审核", "role": "reviewer", "password": "abcdefgh1",
                                              "csrf_token": wb.csrf})
    assert dup.status_code == 400 and "已存在" in dup.text
    res = CliRunner().invoke(user_app, ["add", "cli用户", "--role", "department", "--unit", UNIT_001,
                                        "--password-stdin", "--db", wb.url], input="clipassword\n")
    assert res.exit_code == 0, res.output
    client, _ = login(wb.app, "cli用户", "clipassword")
    assert wb.ledger(client) == [wb.sha(SEED_001)]
    res = CliRunner().invoke(user_app, ["ls", "--db", wb.url])
    assert "cli用户\tdepartment" in res.output
    bad = CliRunner().invoke(user_app, ["add", "x", "--role", "boss", "--password-stdin", "--db", wb.url], input="longpassword\n")
    assert bad.exit_code == 4 and "角色" in bad.output


def _upload(client, csrf: str, files: list[tuple[str, bytes]]) -> str:
    r = client.post("/upload", data={"csrf_token": csrf}, follow_redirects=False,
                    files=[("files", (name, data)) for name, data in files])
    assert r.status_code == 303, r.text
    deadline = time.monotonic() + 120
    while client.get(r.headers["location"] + ".json").json()["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    return r.headers["location"]


def test_a_department_uploading_another_units_file_sees_it_flagged(wb):
    """The uploader is kept; a department's upload naming another unit (or none) is its own to see,
    flagged 单位不符 on the batch, the document page and the reviewer's 台账; no other department sees it."""
    with wb.store.writing() as s, s.begin():
        add_user(s, "zz", "department", PASSWORD, "某某县文化旅游局")
    zz, zz_csrf = login(wb.app, "zz")
    theirs = (SEEDS / SEED_000).read_bytes() + "\n（部门自查稿）\n".encode()
    nameless = "部门整体支出绩效自评表\n（未写单位的草稿）\n".encode()
    batch = _upload(zz, zz_csrf, [("别人的表.txt", theirs), ("草稿.txt", nameless)])
    page = zz.get(batch).text
    shas = dict((name, sha) for sha, name in re.findall(r'href="/documents/([0-9a-f]{64})">([^<]+)</a>', page))
    assert set(shas) == {"别人的表.txt", "草稿.txt"}, page
    assert page.count("单位不符") == 2
    assert set(wb.ledger(zz)) == set(shas.values())
    for sha in shas.values():
        doc = zz.get(f"/documents/{sha}")
        assert doc.status_code == 200 and "上传单位不符" in doc.text and "某某县文化旅游局" in doc.text
        assert wb.qn.get(f"/documents/{sha}").status_code == 404     # another department: as if absent
    # a self-check: the reviewers do not see it, nor its batch, until the department submits it
    assert 'id="self-check"' in page and 'id="submit-batch"' in page
    for sha in shas.values():
        assert wb.rev.get(f"/documents/{sha}").status_code == 404
        assert 'id="draft"' in zz.get(f"/documents/{sha}").text
    assert wb.rev.get(batch).status_code == 404 and wb.admin.get(batch).status_code == 200
    assert not set(shas.values()) & set(wb.ledger(wb.rev))
    batch_id = batch.rsplit("/", 1)[-1]
    assert zz.post(f"/batches/{batch_id}/submit", data={}).status_code == 403             # CSRF
    assert wb.qn.post(f"/batches/{batch_id}/submit", data={"csrf_token": wb.qn_csrf}).status_code == 404
    r = zz.post(f"/batches/{batch_id}/submit", data={"csrf_token": zz_csrf}, follow_redirects=False)
    assert r.status_code == 303 and 'id="submitted"' in zz.get(batch).text
    assert set(shas.values()) <= set(wb.ledger(wb.rev)) and 'id="draft"' not in zz.get(f"/documents/{sha}").text
    html = wb.rev.get("/", params={"q": "别人的表"}).text
    row = re.search(r'<tr class="doc[^"]*" data-sha="%s">.*?</tr>' % shas["别人的表.txt"], html, re.S).group(0)
    assert '<td class="uploader">zz' in row and "单位不符" in row
    own = wb.rev.get("/", params={"q": Path(SEED_000).stem}).text
    mine = re.search(r'<tr class="doc[^"]*" data-sha="%s">.*?</tr>' % wb.sha(SEED_000), own, re.S).group(0)
    assert '<td class="uploader">admin' in mine and "单位不符" not in mine
    assert "上传记录" in wb.rev.get(f"/documents/{shas['别人的表.txt']}").text


def test_a_resubmission_shows_the_review_its_finding_got_before(wb):
    from jixiao.store.models import Document, Review
    """A finding reviewed on one submission is shown, on another of the same unit, kind and year,
    with that review as a hint; the new one's own status stays 待处理 until a reviewer decides."""
    sha = wb.sha(SEED_000)
    fp = wb.shas[SEED_000].findings[2].fingerprint
    r = wb.rev.post(f"/documents/{sha}/findings/{fp}/review",
                    data={"status": "dismissed", "note": "已核实为口径差异", "csrf_token": wb.rev_csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    batch = _upload(wb.admin, wb.csrf, [("第二次报送.txt", (SEEDS / SEED_000).read_bytes() + "\n\n".encode())])
    new = re.search(r'href="/documents/([0-9a-f]{64})">第二次报送', wb.admin.get(batch).text).group(1)
    html = wb.rev.get(f"/documents/{new}").text
    item = re.search(rf'data-fingerprint="{fp}">(.*?)</form>', html, re.S).group(1)
    assert 'data-status="open"' in item
    assert re.search(r'<p class="elsewhere">[^<]*rev[^<]*“已排除”（已核实为口径差异）', item), item[:800]
    with wb.store.reading() as s:
        reviewed = set(s.scalars(select(Review.fingerprint).join(Document, Document.id == Review.document_id)
                                 .where(Document.sha256 == sha)))
    for f in wb.shas[SEED_000].findings:   # a hint where, and only where, the other submission has a review
        there = re.search(rf'data-fingerprint="{f.fingerprint}">(.*?)</form>', html, re.S).group(1)
        assert ('class="elsewhere"' in there) == (f.fingerprint in reviewed), f.code
    assert len(reviewed) < len(wb.shas[SEED_000].findings)


def test_a_finding_in_a_pdf_links_to_its_page_image(wb):
    from render_pdf import to_pdf

    from jixiao.readers import read_path
    pdf = to_pdf(read_path(SEEDS / SEED_001))
    batch = _upload(wb.admin, wb.csrf, [("黔南自评.pdf", pdf)])
    sha = re.search(r'href="/documents/([0-9a-f]{64})">黔南自评.pdf', wb.admin.get(batch).text).group(1)
    html = wb.rev.get(f"/documents/{sha}").text
    pages = re.findall(rf'<a class="page" href="/documents/{sha}/pages/(\d+)\.png">第(\d+)页图像</a>', html)
    assert pages and all(a == b for a, b in pages), html[:2000]
    r = wb.rev.get(f"/documents/{sha}/pages/{pages[0][0]}.png")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")


def test_uploading_a_copy_of_another_units_file_opens_nothing(wb):
    """Documents are known by their bytes: a department that uploads a copy of a document already in
    the store does not see it, its reviews or its status, and cannot set its status."""
    other, other_csrf = login(wb.app, "other")
    sha = wb.sha(SEED_000)
    _upload(other, other_csrf, [("抄件.txt", (SEEDS / SEED_000).read_bytes())])
    for url in (f"/documents/{sha}", f"/documents/{sha}/source", f"/documents/{sha}/opinion.docx",
                f"/documents/{sha}/assessment"):
        assert other.get(url).status_code == 404, url
    r = other.post(f"/documents/{sha}/status", data={"status": "已整改", "csrf_token": other_csrf})
    assert r.status_code == 404
    assert sha not in wb.ledger(other)
    mine = wb.rev.get(f"/documents/{sha}").text    # the reviewer sees the upload, the department not others'
    assert "抄件.txt" in mine
    assert "抄件.txt" not in wb.qn.get(f"/documents/{wb.sha(SEED_001)}").text


def test_a_long_chinese_file_name_is_kept_within_the_file_system_limit(wb):
    name = "关于" + "某某市某某区某某局" * 12 + "部门预算公开说明.txt"
    batch = _upload(wb.admin, wb.csrf, [(name, (SEEDS / SEED_001).read_bytes() + b"\n")])
    folder = wb.app.state.workbench.data_dir / "uploads" / batch.rsplit("/", 1)[-1]
    kept = [p.name for p in folder.iterdir()]
    assert len(kept) == 1 and kept[0].endswith(".txt") and len(kept[0].encode("utf-8")) <= 200


def test_a_batch_cut_short_by_a_stopped_server_keeps_what_it_had_stored(wb, tmp_path):
    """At startup a batch left running is failed, and the documents it had stored are its own."""
    from jixiao.store.workbench import Batch, BatchDocument
    folder = wb.app.state.workbench.data_dir / "uploads" / "cut-short"
    folder.mkdir(parents=True)
    (folder / "半途.txt").write_bytes((SEEDS / SEED_001).read_bytes() + b"\n\n\n")
    with wb.store.writing() as s, s.begin():
        qn = s.scalar(select(User.id).where(User.name == "qn"))
        batch = Batch(user_id=qn, folder=str(folder), files=1, state="running", failed="[]")
        s.add(batch)
        s.flush()
        batch_id = batch.id
    ingest(wb.store, [folder])       # the server had stored the file, then stopped
    create_app(wb.url, wb.app.state.workbench.data_dir, limits=LIMITS)
    with wb.store.reading() as s:
        assert s.get(Batch, batch_id).state == "failed"
        kept = s.execute(select(BatchDocument.name, BatchDocument.first).where(BatchDocument.batch_id == batch_id)).all()
    assert [tuple(k) for k in kept] == [("半途.txt", True)]
    page = wb.qn.get(f"/batches/{batch_id}").text
    assert "半途.txt" in page and "服务器在复核完成前停止" in page


def test_a_department_may_submit_as_it_uploads(wb):
    r = wb.qn.post("/upload", data={"csrf_token": wb.qn_csrf, "submit": "1"}, follow_redirects=False,
                   files=[("files", ("直接报送.txt", (SEEDS / SEED_001).read_bytes() + b"\n\n\n\n"))])
    assert r.status_code == 303
    deadline = time.monotonic() + 120
    while wb.qn.get(r.headers["location"] + ".json").json()["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    page = wb.rev.get(r.headers["location"])
    assert page.status_code == 200 and 'id="submitted"' in page.text and "直接报送.txt" in page.text
    assert 'id="upload"' in wb.qn.get("/upload").text and 'name="submit"' in wb.qn.get("/upload").text
    assert 'name="submit"' not in wb.rev.get("/upload").text
