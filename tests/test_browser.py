"""The review workbench in a real browser (审核工作台浏览器测试): Chromium drives ``jixiao serve``.

One server (a real ``jixiao serve`` subprocess over a fresh SQLite store) and one headless
Chromium per module; the tests are the steps of a reviewer's walk, in order: log in, upload the
seeds and examples as a zip, wait for the batch, read the 台账, open seed 000, dismiss a finding,
score 附件5, download the 审核意见 DOCX and the 台账 XLSX, look at the charts, log out; then a
department user who sees only its own unit, a document holding ``<script>`` shown as text, POSTs
without the CSRF token refused, and the audit log. What the pages must show is computed here
from the same documents by the pipeline (``check_path``, ``record_of``, ``assess``), never
written down by hand.

Screenshots go to a temp folder (each checked ≤ 300 KB); ``python tests/test_browser.py
--screenshots docs/web`` runs the walk and keeps them in ``docs/web``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser_fixtures import (MAX_SHOT, ROOT, Shots, Workbench, chrome, client, csrf_of, http_login,  # noqa: E402
                              quit_chrome, zip_of)

SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))     # ../shared beside the checkout
assert len(SEEDS) == 5, "the browser walk needs the seeds in ../shared/seeds"
EXAMPLES = sorted((ROOT / "examples").iterdir())
SEED_000, SEED_001 = SEEDS[0], SEEDS[1]
DEPT_DOC = ROOT / "examples" / "qinghe_dept_2024.txt"     # the department user's unit is this one's
REVIEWER, DEPARTMENT, ADMIN = ("alice", "审核员-甲-2024-pw"), ("dora", "部门填报-乙-pw"), ("root", "管理员-丙-secret")
NOTE = "经核实系口径差异，不作为问题（浏览器测试备注）"
XSS = "<script>alert(1)</script>"
WAIT = 60


@dataclass(frozen=True)
class Expect:
    """What the workbench must show of one file, from the pipeline run here."""

    name: str
    sha: str
    unit: str | None
    errors: int
    warnings: int
    fingerprints: dict[str, str]     # fingerprint → severity


def _expect(path: Path) -> Expect:
    from jixiao.exports.ledger import ledger_row
    from jixiao.pipeline import check_path
    from jixiao.render.findings import record_of

    record = record_of(check_path(path))
    row = ledger_row(record)
    return Expect(path.name, record.sha256, row.unit, row.errors, row.warnings,
                  {f.fingerprint: f.severity for f in record.findings})


@pytest.fixture(scope="module")
def expected() -> dict[str, Expect]:
    return {p.name: _expect(p) for p in [*SEEDS, *EXAMPLES]}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def bench(request, tmp_path_factory, expected):
    """The workbench served on a fresh store: the whole walk runs once on SQLite, once on PostgreSQL."""
    root = tmp_path_factory.mktemp("workbench")
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'jixiao.db'}"
    else:
        url = request.getfixturevalue("pg_server").database()
    walk.clear()
    wb = Workbench(root, url)
    wb.add_user(REVIEWER[0], "reviewer", REVIEWER[1])
    wb.add_user(DEPARTMENT[0], "department", DEPARTMENT[1], unit=expected[DEPT_DOC.name].unit)
    wb.add_user(ADMIN[0], "admin", ADMIN[1])
    wb.start()
    yield wb
    wb.stop()


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    d = chrome(tmp_path_factory.mktemp("downloads"))
    yield d
    quit_chrome(d)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Shots:
    folder = os.environ.get("JIXIAO_SCREENSHOTS")
    return Shots(Path(folder) if folder else tmp_path_factory.mktemp("shots"))


walk: dict[str, object] = {}      # what one step hands the next (the batch, the dismissed finding)


# ---------------------------------------------------------------- helpers


def _until(test, what: str, seconds: float = WAIT, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = test()
        if got:
            return got
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def _mark(driver) -> str:
    """Mark the page now shown, so that the next one can be told from it."""
    token = uuid.uuid4().hex
    driver.execute_script("document.documentElement.dataset.jxLeft = arguments[0]", token)
    return token


def _page_changed(driver, token: str) -> None:
    """Wait until a new document (without the mark) has loaded.

    While the browser swaps documents the driver may answer with any of several
    errors (a stale element, an inspector node "not in the document", a lost
    execution context), depending on how far the swap has gone: each is "not yet".
    """
    from selenium.common.exceptions import WebDriverException
    def arrived():
        try:
            return driver.execute_script(
                "return document.readyState === 'complete'"
                " && document.documentElement.dataset.jxLeft !== arguments[0]", token)
        except WebDriverException:
            return False
    _until(arrived, "the next page")


def _submit(driver, form) -> None:
    """Submit a form as a user does (its submit button), and wait for the next page."""
    from selenium.webdriver.common.by import By
    token = _mark(driver)
    buttons = form.find_elements(By.CSS_SELECTOR, "button:not([type=button]):not([type=reset]), input[type=submit]")
    if buttons:
        buttons[0].click()
    else:
        form.submit()
    _page_changed(driver, token)


def _open(driver, url: str) -> None:
    driver.get(url)
    assert driver.find_element("css selector", "html").get_attribute("lang") == "zh-CN", url


def _local_only(driver, base: str) -> None:
    """Every asset the page loaded came from the workbench itself (no CDN)."""
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    foreign = [n for n in names if not n.startswith(base) and not n.startswith("data:")]
    assert not foreign, f"assets fetched from elsewhere: {foreign}"


def _login(driver, base: str, user: tuple[str, str]) -> None:
    from selenium.webdriver.common.by import By
    _open(driver, base + "/login")
    form = driver.find_element(By.CSS_SELECTOR, "form#login")
    form.find_element(By.NAME, "username").send_keys(user[0])
    form.find_element(By.NAME, "password").send_keys(user[1])
    _submit(driver, form)
    assert driver.current_url.rstrip("/") == base, driver.current_url


def _logout(driver, base: str) -> None:
    from selenium.webdriver.common.by import By
    _open(driver, base + "/")
    forms = driver.find_elements(By.CSS_SELECTOR, "form[action$='/logout']")
    assert forms, "no logout form (POST /logout) on the page"
    _submit(driver, forms[0])
    _open(driver, base + "/")
    assert "/login" in driver.current_url, driver.current_url


def _ledger(driver) -> dict[str, dict[str, str]]:
    """The 台账 as shown: each row's cells by their Chinese header, by the row's SHA-256."""
    from selenium.webdriver.common.by import By
    table = driver.find_element(By.CSS_SELECTOR, "table#ledger")
    heads = [h.text.strip() for h in table.find_elements(By.CSS_SELECTOR, "thead th")]
    for col in ("单位", "类型", "年度", "填报总分", "复核总分", "错误", "警告", "未处理", "审核状态"):
        assert any(col in h for h in heads), f"台账 has no column {col}: {heads}"
    rows = {}
    for tr in table.find_elements(By.CSS_SELECTOR, "tr.doc"):
        cells = [td.text.strip() for td in tr.find_elements(By.CSS_SELECTOR, "td, th")]
        assert len(cells) == len(heads), (heads, cells)
        rows[tr.get_attribute("data-sha")] = dict(zip(heads, cells))
    return rows


def _cell(row: dict[str, str], header: str) -> str:
    return next(v for h, v in row.items() if header in h)


def _no_alert(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text


def _wait_batch(driver, base: str) -> str:
    """Wait on the batch page until ``#progress[data-state]`` is done; the batch's id."""
    from selenium.webdriver.common.by import By
    m = re.fullmatch(re.escape(base) + r"/batches/(\d+)", driver.current_url)
    assert m, f"upload did not lead to /batches/<id>: {driver.current_url}"
    deadline = time.monotonic() + WAIT
    while True:
        progress = driver.find_element(By.CSS_SELECTOR, "#progress[data-state]")
        state = progress.get_attribute("data-state")
        assert state in ("running", "done", "failed"), state
        if state != "running":
            break
        assert time.monotonic() < deadline, "the batch was still running after 60 s"
        time.sleep(0.5)
        if progress.get_attribute("data-state") == "running":
            driver.refresh()
    assert state == "done", f"batch state {state}: {driver.find_element(By.TAG_NAME, 'body').text[:800]}"
    _no_alert(driver)
    return m.group(1)


def _upload(driver, base: str, files: list[Path]) -> None:
    from selenium.webdriver.common.by import By
    _open(driver, base + "/upload")
    form = driver.find_element(By.CSS_SELECTOR, "form#upload")
    assert (form.get_attribute("enctype") or "").lower() == "multipart/form-data"
    field = form.find_element(By.CSS_SELECTOR, "input[type=file][name=files]")
    assert field.get_attribute("multiple") is not None
    field.send_keys("\n".join(str(f) for f in files))
    _submit(driver, form)


# ---------------------------------------------------------------- the reviewer's walk


def test_login_page_refuses_a_bad_password_then_logs_in(bench, driver, shots):
    from selenium.webdriver.common.by import By
    _open(driver, bench.url + "/")
    assert "/login" in driver.current_url, "the 台账 was shown without logging in"
    form = driver.find_element(By.CSS_SELECTOR, "form#login")
    assert (form.get_attribute("method") or "").lower() == "post"
    _local_only(driver, bench.url)
    shots.take(driver, "login")
    form.find_element(By.NAME, "username").send_keys(REVIEWER[0])
    form.find_element(By.NAME, "password").send_keys("wrong-" + REVIEWER[1])
    _submit(driver, form)
    assert driver.find_elements(By.CSS_SELECTOR, ".error"), "a bad password gave no .error"
    assert driver.find_elements(By.CSS_SELECTOR, "form#login")
    _login(driver, bench.url, REVIEWER)
    assert driver.find_elements(By.CSS_SELECTOR, "table#ledger")


def test_login_form_carries_a_csrf_token(bench):
    """The contract: every form POSTs a hidden ``csrf_token``, every POST without it is 403 —
    the login form too (a forged login would sign the victim in as the attacker)."""
    import httpx
    with httpx.Client(base_url=bench.url, follow_redirects=False, timeout=30) as c:
        page = c.get("/login")
        assert re.search(r'<form[^>]*id="login"', page.text)
        assert csrf_of(page.text)
        r = c.post("/login", data={"username": REVIEWER[0], "password": REVIEWER[1]})
        assert r.status_code == 403, r.status_code


def test_upload_zip_of_seeds_and_examples_runs_to_done(bench, driver, shots, tmp_path_factory):
    import httpx
    from selenium.webdriver.common.by import By
    archive = zip_of([*SEEDS, *EXAMPLES], tmp_path_factory.mktemp("upload") / "送审材料.zip")
    _upload(driver, bench.url, [archive])
    shots.take(driver, "upload-progress")
    batch = _wait_batch(driver, bench.url)
    progress = driver.find_element(By.CSS_SELECTOR, "#progress")
    n = len(SEEDS) + len(EXAMPLES)
    assert progress.get_attribute("data-done") == progress.get_attribute("data-total") == str(n)
    with client(driver, bench.url) as c:
        got = c.get(f"/batches/{batch}.json")
        assert got.status_code == 200, got.text
        progress_json = got.json()
        assert {k: progress_json.get(k) for k in ("done", "total", "state", "failed")} == \
            {"done": n, "total": n, "state": "done", "failed": []}
    with httpx.Client(base_url=bench.url, follow_redirects=False, timeout=30) as anonymous:
        assert anonymous.get(f"/batches/{batch}.json").status_code in (303, 401, 403, 404)
    shots.take(driver, "upload-done")
    walk["batch"] = batch


def test_ledger_lists_every_document_with_its_counts(bench, driver, shots, expected):
    _open(driver, bench.url + "/")
    rows = _ledger(driver)
    assert set(rows) == {e.sha for e in expected.values()}
    for e in expected.values():
        row = rows[e.sha]
        assert _cell(row, "单位") == (e.unit or ""), (e.name, row)
        assert _cell(row, "错误") == str(e.errors), (e.name, row)
        assert _cell(row, "警告") == str(e.warnings), (e.name, row)
        assert _cell(row, "未处理") == str(e.errors + e.warnings), (e.name, row)
    assert _cell(rows[expected[SEED_001.name].sha], "错误") == "0"
    _local_only(driver, bench.url)
    shots.take(driver, "ledger")
    _open(driver, bench.url + "/?q=" + "黔南")
    assert set(_ledger(driver)) == {expected[SEED_001.name].sha}
    unit = expected[DEPT_DOC.name].unit
    _open(driver, bench.url + "/?unit=" + unit)
    assert set(_ledger(driver)) == {e.sha for e in expected.values() if e.unit == unit}


def test_document_page_shows_forms_findings_scores_and_source(bench, driver, shots, expected):
    from selenium.webdriver.common.by import By
    e = expected[SEED_000.name]
    _open(driver, bench.url + "/")
    link = driver.find_element(By.CSS_SELECTOR, f"tr.doc[data-sha='{e.sha}'] a.open")
    token = _mark(driver)
    link.click()
    _page_changed(driver, token)
    assert driver.current_url == f"{bench.url}/documents/{e.sha}"
    assert driver.find_elements(By.CSS_SELECTOR, "#forms table.form")
    shown = [li.get_attribute("data-fingerprint") for li in driver.find_elements(By.CSS_SELECTOR, "#findings li.finding")]
    assert sorted(shown) == sorted(e.fingerprints)
    flagged = {td.get_attribute("data-fingerprint") for td in driver.find_elements(By.CSS_SELECTOR, "td.flagged")}
    assert flagged and flagged <= set(e.fingerprints)
    for part in ("#scores", "#claims", "#history"):
        assert driver.find_elements(By.CSS_SELECTOR, part), part
    assert driver.find_elements(By.CSS_SELECTOR, "#claims li.claim")
    source = driver.find_element(By.CSS_SELECTOR, "#source").get_attribute("href")
    assert source.endswith(f"/documents/{e.sha}/source")
    _local_only(driver, bench.url)
    shots.take(driver, "document")
    driver.execute_script("document.querySelector('td.flagged').scrollIntoView({block: 'center'})")
    shots.take(driver, "document-forms")
    _open(driver, source)
    assert driver.find_element(By.ID, "L1")
    lines = SEED_000.read_text(encoding="utf-8").splitlines()
    assert driver.find_elements(By.ID, f"L{len(lines)}")


def test_dismissing_a_finding_with_a_reason_shows_after_reload(bench, driver, expected):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    e = expected[SEED_000.name]
    fp = next(f for f, sev in e.fingerprints.items() if sev == "error")
    _open(driver, f"{bench.url}/documents/{e.sha}")
    item = driver.find_element(By.CSS_SELECTOR, f"li.finding[data-fingerprint='{fp}']")
    form = item.find_element(By.CSS_SELECTOR, f"form[action$='/documents/{e.sha}/findings/{fp}/review']")
    assert form.find_element(By.CSS_SELECTOR, "input[type=hidden][name=csrf_token]").get_attribute("value")
    status = form.find_element(By.NAME, "status")
    if status.tag_name == "select":
        choice = Select(status)
        values = [o.get_attribute("value") for o in choice.options]
        choice.select_by_value("dismissed" if "dismissed" in values else "排除")
    else:
        form.find_element(By.CSS_SELECTOR, "input[name=status][value=dismissed], input[name=status][value=排除]").click()
    form.find_element(By.NAME, "note").send_keys(NOTE)
    _submit(driver, form)
    assert driver.current_url.split("#")[0] == f"{bench.url}/documents/{e.sha}"
    driver.refresh()
    item = driver.find_element(By.CSS_SELECTOR, f"li.finding[data-fingerprint='{fp}']")
    assert re.search(r"已排除|排除|dismissed", item.find_element(By.CSS_SELECTOR, ".status").text), item.text
    assert NOTE in item.text or NOTE in driver.find_element(By.TAG_NAME, "body").text
    _open(driver, bench.url + "/")
    assert _cell(_ledger(driver)[e.sha], "未处理") == str(e.errors + e.warnings - 1)
    walk["dismissed"] = fp


def test_assessment_takes_the_judgement_scores_and_shows_the_total(bench, driver, shots, expected):
    from selenium.webdriver.common.by import By
    from jixiao.pipeline import check_path
    from jixiao.precision import pts
    from jixiao.report.assess import JUDGEMENT, assess
    done = assess(check_path(SEED_000))
    judged = [s for s in done.items if s.kind == JUDGEMENT]
    e = expected[SEED_000.name]
    _open(driver, f"{bench.url}/documents/{e.sha}/assessment")
    inputs = driver.find_elements(By.CSS_SELECTOR, "input[name^='item_']")
    assert len(inputs) == len(judged), [i.get_attribute("name") for i in inputs]
    given = Decimal(1)           # every judgement item is worth at least 1 point
    total = pts(done.objective_score + given * len(judged))
    assert not re.search(rf"(?<![\d.]){re.escape(total)}(?![\d])", driver.find_element(By.TAG_NAME, "body").text)
    for field in inputs:
        field.clear()
        field.send_keys(str(given))
    _submit(driver, inputs[0].find_element(By.XPATH, "./ancestor::form"))
    driver.get(f"{bench.url}/documents/{e.sha}/assessment")
    body = driver.find_element(By.TAG_NAME, "body").text
    assert re.search(rf"(?<![\d.]){re.escape(total)}(?![\d])", body), f"total {total} not shown:\n{body[-1500:]}"
    kept = [i.get_attribute("value") for i in driver.find_elements(By.CSS_SELECTOR, "input[name^='item_']")]
    assert all(Decimal(v) == given for v in kept), kept
    walk["quality"] = total
    _local_only(driver, bench.url)
    shots.take(driver, "assessment")


def test_opinion_docx_numbers_the_findings_and_carries_the_review(bench, driver, expected):
    import docx
    e = expected[SEED_000.name]
    with client(driver, bench.url) as c:
        got = c.get(f"/documents/{e.sha}/opinion.docx")
    assert got.status_code == 200, got.text[:500]
    assert "wordprocessingml" in got.headers["content-type"]
    opinion = docx.Document(io.BytesIO(got.content))
    paragraphs = [p for p in opinion.paragraphs if p.text.strip()]
    cells = [c.text for t in opinion.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in paragraphs] + cells)
    assert e.unit in text
    numbered = [p for p in paragraphs if re.match(r"\s*(\d+[.、．]|[（(]\d+[)）])", p.text)
                or p._p.pPr is not None and p._p.pPr.numPr is not None]
    open_count = e.errors + e.warnings - 1
    assert len(numbered) >= open_count, f"{len(numbered)} numbered paragraphs for {open_count} open findings"
    assert re.search(rf"(?<![\d.]){re.escape(walk['quality'])}(?![\d])", text), "no quality score (附件5 total)"
    assert NOTE in text or re.search(r"已排除|排除", text), \
        f"the dismissed finding's note (or its status 已排除) is not in the 审核意见:\n{text[:3000]}"


def test_ledger_xlsx_has_one_row_per_document_with_its_unit(bench, driver, expected):
    import openpyxl
    e = expected[SEED_000.name]
    with client(driver, bench.url) as c:
        book = c.get("/ledger.xlsx")
    assert book.status_code == 200, book.text[:500]
    assert "spreadsheetml" in book.headers["content-type"]
    ws = openpyxl.load_workbook(io.BytesIO(book.content), read_only=True)["台账"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if "单位" in r and "sha256" in r)
    sha_col, unit_col, open_col = rows[head].index("sha256"), rows[head].index("单位"), rows[head].index("未处理问题")
    body = [r for r in rows[head + 1:] if any(v is not None for v in r)]
    assert len(body) == len(expected)
    assert {r[sha_col]: r[unit_col] for r in body} == {x.sha: x.unit for x in expected.values()}
    assert {r[sha_col]: r[open_col] for r in body}[e.sha] == e.errors + e.warnings - 1   # one dismissed


def test_charts_are_server_rendered_svg(bench, driver, shots):
    from selenium.webdriver.common.by import By
    _open(driver, bench.url + "/charts")
    svgs = driver.find_elements(By.CSS_SELECTOR, "svg")
    assert len(svgs) >= 5, f"{len(svgs)} charts; the contract names five"
    with client(driver, bench.url) as c:
        assert c.get("/charts").text.count("<svg") >= 5     # in the HTML as served, not drawn by a script
    _local_only(driver, bench.url)
    shots.take(driver, "charts")


def test_post_without_csrf_token_is_forbidden(bench, driver, expected):
    e, fp = expected[SEED_000.name], walk["dismissed"]
    with client(driver, bench.url) as c:
        page = c.get(f"/documents/{e.sha}")
        assert page.status_code == 200
        token = csrf_of(page.text)
        url = f"/documents/{e.sha}/findings/{fp}/review"
        assert c.post(url, data={"status": "confirmed", "note": "无令牌"}).status_code == 403
        assert c.post(url, data={"status": "confirmed", "note": "错令牌", "csrf_token": token[::-1] + "x"}).status_code == 403
        assert c.post(f"/documents/{e.sha}/status", data={"status": "退回", "note": "x"}).status_code == 403
        assert c.post("/logout").status_code == 403
        assert NOTE in c.get(f"/documents/{e.sha}").text      # the review stands


def test_logout_ends_the_session(bench, driver):
    _open(driver, bench.url + "/")
    _logout(driver, bench.url)


def test_department_user_sees_only_its_own_unit(bench, driver, expected):
    from selenium.webdriver.common.by import By
    own = expected[DEPT_DOC.name]
    _login(driver, bench.url, DEPARTMENT)
    assert set(_ledger(driver)) == {e.sha for e in expected.values() if e.unit == own.unit}
    other = expected[SEED_000.name]
    _open(driver, f"{bench.url}/documents/{other.sha}")
    assert not driver.find_elements(By.CSS_SELECTOR, "#findings li.finding")
    with client(driver, bench.url) as c:
        assert c.get(f"/documents/{own.sha}").status_code == 200
        for tail in ("", "/source", "/opinion.docx", "/assessment"):
            assert c.get(f"/documents/{other.sha}{tail}").status_code == 404, tail
        page = c.get("/")
        assert other.sha not in page.text
        token = csrf_of(page.text)
        fp = next(iter(other.fingerprints))
        r = c.post(f"/documents/{other.sha}/findings/{fp}/review",
                   data={"status": "confirmed", "note": "越权", "csrf_token": token})
        assert r.status_code == 404
        import openpyxl
        ws = openpyxl.load_workbook(io.BytesIO(c.get("/ledger.xlsx").content), read_only=True)["台账"]
        shas = {v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str) and len(v) == 64}
        assert shas == {own.sha}
    _logout(driver, bench.url)


def test_script_in_an_uploaded_document_is_shown_as_text(bench, driver, tmp_path_factory):
    from selenium.webdriver.common.by import By
    page = tmp_path_factory.mktemp("xss") / "情况说明.txt"
    page.write_text(f"关于预算绩效自评的情况说明\n{XSS}\n以上情况特此说明。\n", encoding="utf-8")
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    _login(driver, bench.url, REVIEWER)
    _upload(driver, bench.url, [page])
    _wait_batch(driver, bench.url)
    for tail in ("", "/source"):
        _open(driver, f"{bench.url}/documents/{sha}{tail}")
        _no_alert(driver)
        assert XSS not in driver.page_source
        assert not driver.find_elements(By.XPATH, "//script[contains(., 'alert(1)')]")
    assert XSS in driver.find_element(By.TAG_NAME, "body").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in driver.page_source
    _open(driver, bench.url + "/")
    assert sha in _ledger(driver)
    _no_alert(driver)


def test_admin_sees_users_and_the_audit_log(bench, expected):
    with http_login(bench.url, *ADMIN) as c:
        users = c.get("/admin/users")
        assert users.status_code == 200
        for name in (REVIEWER[0], DEPARTMENT[0], ADMIN[0]):
            assert name in users.text
        audit = c.get("/audit")
        assert audit.status_code == 200
        assert REVIEWER[0] in audit.text and DEPARTMENT[0] in audit.text
        e = expected[SEED_000.name]
        assert e.sha in audit.text or e.sha[:12] in audit.text or e.name in audit.text
    with http_login(bench.url, *REVIEWER) as c:
        assert c.get("/admin/users").status_code in (403, 404)


def test_screenshots_are_small_enough(shots):
    assert set(shots.taken) >= {"login", "ledger", "upload-progress", "document", "assessment", "charts"}
    assert all(0 < size <= MAX_SHOT for size in shots.taken.values()), shots.taken


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="run the browser walk and keep its screenshots / 运行并保存截图")
    parser.add_argument("--screenshots", type=Path, required=True, help="folder for the PNGs (docs/web)")
    args = parser.parse_args()
    os.environ["JIXIAO_SCREENSHOTS"] = str(args.screenshots.resolve())
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
