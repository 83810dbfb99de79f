"""jixiao draft: prose written from the tables (据表起草说明), every figure computed and checked."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.draft.cli import Part, build
from jixiao.draft.docx import to_docx
from jixiao.pipeline import check_path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"   # ../shared beside the checkout

SEEDS = SHARED / "seeds"
FIELD = SHARED / "field"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def seed(n: str) -> Path:
    return next(SEEDS.glob(f"{n}_*.txt"))


def pct(a: Decimal, b: Decimal) -> str:
    return f"{(a / b * 100).quantize(Decimal('0.01'), ROUND_HALF_UP):f}"


def drafted(path: Path, tmp_path: Path, part: Part | None = None, tables: bool = True):
    d, forms = build(path, part)
    out = tmp_path / (path.stem + ".draft.docx")
    out.write_bytes(to_docx(d, forms if tables else []))
    return d, check_path(out)


def prose_findings(checked, severities=("error", "warning")):
    return [(f.code, f.severity, f.message) for f in checked.findings
            if f.code.startswith("JX5") and f.severity in severities]


def _rows(text: str, table: str) -> list[list[str]]:
    """The tab-separated rows of the seed's table after its printed name, read here without jixiao."""
    lines = text.splitlines()
    start = next(k for k, s in enumerate(lines) if s.strip() == table)
    out = []
    for s in lines[start + 1:]:
        if s.startswith("注："):
            break
        if "\t" in s:
            out.append(s.split("\t"))
    return out


def test_seed_004_statement_every_figure(tmp_path):
    """Every figure of the 情况说明 drafted from seed 004, against the table rows read in the test."""
    text = seed("004").read_text(encoding="utf-8")
    d, checked = drafted(seed("004"), tmp_path)
    prose = d.text()
    spend = next(r for r in _rows(text, "支出决算表") if r[0] == "合计")
    total, basic, project = (Decimal(x) for x in spend[2:5])
    assert f"支出合计{total}万元" in prose
    assert f"基本支出{basic}万元，占比{pct(basic, total)}%" in prose          # 76.26
    assert f"项目支出{project}万元，占比{pct(project, total)}%" in prose      # 23.74
    general = _rows(text, "一般公共预算财政拨款支出决算表")
    whole = Decimal(next(r for r in general if r[0] == "合计")[2])
    for r in general:
        if re.fullmatch(r"\d{3}", r[0]):
            assert f"{r[1]}（类）{Decimal(r[2])}万元，占比{pct(Decimal(r[2]), whole)}%" in prose
        if re.fullmatch(r"\d{7}", r[0]):
            assert f"{r[1]}（项）：年初预算【请填写：年初预算数】万元，支出决算{Decimal(r[2])}万元" in prose
    summary = _rows(text, "收入支出决算总表")
    grand = [r for r in summary if r[0] == "总计"][0]
    assert f"收入总计{grand[2]}万元，支出总计{grand[5]}万元" in prose
    basic_rows = _rows(text, "一般公共预算财政拨款基本支出决算明细表")
    personnel = next(r[2] for r in basic_rows if r[0] == "人员经费合计")
    public = next(r[-1] for r in basic_rows if "公用经费合计" in r)
    assert f"人员经费{personnel}万元，公用经费{public}万元" in prose
    three = next(r for r in _rows(text, "财政拨款“三公”经费支出决算表") if r[0] and r[0][0].isdigit() and "." in r[0])
    assert f"全年预算{three[0]}万元，支出决算{three[6]}万元，完成全年预算的{pct(Decimal(three[6]), Decimal(three[0]))}%" in prose
    info = _rows(text, "部门决算公开相关信息统计表")
    amounts = {r[0]: r[2] for r in info if len(r) > 2}
    assert f"政府采购支出总额{amounts['合计']}万元，其中：政府采购货物支出{amounts['货物']}万元、政府采购工程支出0.00万元、" \
           f"政府采购服务支出{amounts['服务']}万元" in prose
    assert "本年度无政府性基金预算财政拨款收入" in prose and "本年度无国有资本经营预算财政拨款支出" in prose
    assert "收入总计、支出总计增减【请填写：较上年增减额" in prose   # last year's figure is not in the tables
    # nothing but the tables' own figures: every amount of the prose is printed in a table or computed here
    assert "2,433.55" not in prose and "2433.55" not in prose
    assert checked.info.kind == "final_accounts"
    assert prose_findings(checked) == []
    assert sum(c.kind == "share" and c.ok for c in checked.claims) >= 7
    assert all(c.ok for c in checked.claims)


@pytest.mark.parametrize("path", [EXAMPLES / "qinghe_final_accounts_2024.txt", *sorted(FIELD.glob("016_*.pdf"))],
                         ids=lambda p: p.name)
def test_accounts_drafts_pass_the_prose_checks(path, tmp_path):
    d, checked = drafted(path, tmp_path)
    assert checked.claims and all(c.ok for c in checked.claims)
    assert prose_findings(checked) == []
    if path.suffix == ".txt":   # the example's 总表 prints 卫生健康支出 401.00 against 410.00 in 公开03: said, not hidden
        assert any("卫生健康支出" in n for n in d.notes)
        assert "卫生健康支出（类）410.00万元，占比82.00%" in d.text()


@pytest.mark.parametrize("path", [seed("000"), seed("001"), seed("002"), EXAMPLES / "qinghe_dept_2024.txt",
                                  EXAMPLES / "qinghe_project_2024.txt"], ids=lambda p: p.name)
def test_selfeval_drafts_have_no_prose_error(path, tmp_path):
    d, checked = drafted(path, tmp_path, Part.selfeval)
    assert d.sections
    assert prose_findings(checked, ("error",)) == []


def test_seed_000_states_the_recomputed_rate(tmp_path):
    source = check_path(seed("000"))
    row = next(f.budget.main for f in source.forms if f.budget and f.budget.main and f.budget.main.rate)
    assert row.rate == Decimal("91.55")   # what the form printed
    d, _ = drafted(seed("000"), tmp_path, Part.selfeval)
    prose = d.text()
    assert f"执行率为{pct(row.executed, row.adjusted)}%" in prose
    assert "原表所填执行率为91.55%，与复核结果不符" in prose


def test_unmet_indicator_asks_for_the_reason(tmp_path):
    d, _ = build(seed("004"), Part.selfeval)
    prose = d.text()
    assert "2024年参保人数" in prose
    para = next(p for s in d.sections for p in s.paragraphs if "2024年参保人数" in p)
    assert "未达到指标值" in para and "得19.23分" in para   # 317360 ÷ 330000 × 20, not the printed 20
    assert "偏差原因：【请说明偏差原因】" in prose


def test_an_unmarked_unit_is_flagged_not_assumed(tmp_path):
    """Tables without 金额单位 are drafted in 万元 with a note to check; a form without one asks."""
    marked, _ = build(EXAMPLES / "qinghe_final_accounts_2024.txt", Part.accounts)
    assert not any("未注明金额单位" in n for n in marked.notes)
    bare = tmp_path / "bare.txt"
    bare.write_text((EXAMPLES / "qinghe_final_accounts_2024.txt").read_text(encoding="utf-8").replace("金额单位：万元", ""),
                    encoding="utf-8")
    d, _ = build(bare, Part.accounts)
    assert any("未注明金额单位" in n and "万元" in n for n in d.notes), d.notes
    form = tmp_path / "form.txt"
    text = (EXAMPLES / "qinghe_project_2024.txt").read_text(encoding="utf-8")
    assert "年度预算数（万元）" in text
    form.write_text(text.replace("年度预算数（万元）", "年度预算数"), encoding="utf-8")
    budget = next(line for line in build(form, Part.selfeval)[0].text().splitlines() if "年初预算数" in line)
    assert "40.00【请填写：金额单位（表中未注明）】" in budget and "万元" not in budget, budget


def test_cli_writes_docx_and_refuses_a_file_without_tables(tmp_path):
    out = tmp_path / "x.docx"
    r = runner.invoke(app, ["draft", str(EXAMPLES / "qinghe_final_accounts_2024.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "已起草" in r.output and "drafted" in r.output and out.stat().st_size > 5000
    from docx import Document
    doc = Document(str(out))
    assert doc.sections[0].page_width.cm == pytest.approx(21, abs=0.01)
    xml = doc.paragraphs[0].runs[0]._element.xml
    assert "黑体" in xml
    assert any("仿宋_GB2312" in p.runs[0]._element.xml for p in doc.paragraphs if p.runs and "万元" in p.text)
    bare = tmp_path / "bare.txt"
    bare.write_text("关于2024年工作的说明\n\n本年度各项工作顺利完成。\n", encoding="utf-8")
    r = runner.invoke(app, ["draft", str(bare)])
    assert r.exit_code == 2
    assert "没有可据以起草" in r.output and "no " in r.output
    r = runner.invoke(app, ["draft", str(EXAMPLES / "qinghe_final_accounts_2024.txt"), "--part", "selfeval",
                            "-o", str(tmp_path / "y.docx")])
    assert r.exit_code == 2 and "自评表" in r.output


def _document(classes: list[tuple[str, str, list[tuple[str, str, int, int]]]]) -> str:
    """A final-accounts text in seed 004's layout from generated class → items (basic, project in cents)."""
    def w(c: int) -> str:
        return f"{Decimal(c) / 100:.2f}" if c else ""
    rows, total_b, total_p, summary = [], 0, 0, []
    for code, name, items in classes:
        b, p = sum(i[2] for i in items), sum(i[3] for i in items)
        total_b, total_p = total_b + b, total_p + p
        rows.append(f"{code}\t{name}\t{w(b + p)}\t{w(b)}\t{w(p)}")
        for icode, iname, ib, ip in items:
            rows.append(f"{icode}\t{iname}\t{w(ib + ip)}\t{w(ib)}\t{w(ip)}")
        summary.append((name, w(b + p)))
    total = w(total_b + total_p)
    head = "部门名称：测试县医疗保障局\n\n2024年度\n\n金额单位：万元\n\n"
    s = ["测试县医疗保障局2024年度部门决算", "", "收入支出决算总表", "", "公开01表", "", head,
         "收入\t\t\t支出\t\t", "项目\t行次\t金额\t项目\t行次\t金额", "栏次\t\t1\t栏次\t\t2"]
    for k, (name, amount) in enumerate(summary):
        first = f"一、一般公共预算财政拨款收入\t1\t{total}" if k == 0 else f"\t{k + 1}\t"
        s.append(f"{first}\t{name}\t{30 + k}\t{amount}")
    s += [f"本年收入合计\t20\t{total}\t本年支出合计\t50\t{total}", f"总计\t21\t{total}\t总计\t51\t{total}", "",
          "注：本表反映部门本年度的总收支和年末结转结余情况。", ""]
    for name, number in (("支出决算表", "公开03表"), ("一般公共预算财政拨款支出决算表", "公开05表")):
        s += [name, "", number, "", head, "项目\t\t本年支出合计\t基本支出\t项目支出", "科目代码\t科目名称\t\t\t",
              "栏次\t\t1\t2\t3", f"合计\t\t{total}\t{w(total_b)}\t{w(total_p)}", *rows, "", "注：本表反映支出情况。", ""]
    return "\n".join(s) + "\n"


_CLASSES = [("208", "社会保障和就业支出", [("2080505", "机关事业单位基本养老保险缴费支出"), ("2080506", "机关事业单位职业年金缴费支出")]),
            ("210", "卫生健康支出", [("2101101", "行政单位医疗"), ("2101501", "行政运行"), ("2101506", "医疗保障经办事务")]),
            ("221", "住房保障支出", [("2210201", "住房公积金")])]
_cents = st.integers(min_value=0, max_value=50_000_00)


@st.composite
def ledgers(draw):
    out = []
    for code, name, items in _CLASSES[:draw(st.integers(1, 3))]:
        amounts = [(c, n, draw(_cents), draw(_cents)) for c, n in items]
        if sum(a[2] + a[3] for a in amounts) == 0:
            amounts[0] = (amounts[0][0], amounts[0][1], 100, 0)
        out.append((code, name, amounts))
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ledgers())
def test_generated_ledgers_drafts_hold_under_the_claim_checks(tmp_path, classes):
    src = tmp_path / "gen.txt"
    src.write_text(_document(classes), encoding="utf-8")
    d, checked = drafted(src, tmp_path)
    assert checked.claims, d.text()
    assert [c for c in checked.claims if not c.ok] == []
    assert prose_findings(checked) == []
