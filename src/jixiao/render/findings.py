"""Findings for people and scripts (问题清单): terminal view grouped by file and form, and JSON."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checks import SEVERITY_ZH
from ..checks.reading import NOT_CHECKED
from ..contract import SCHEMA, FileRecord, Totals, envelope
from ..pipeline import Checked
from .scores import form_totals
from .terminal import KIND_NAMES

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _form_heading(result: Checked, n: int | None) -> str:
    if n is None:
        return "全文"
    f = result.forms[n]
    name = KIND_NAMES.get(f.kind, f.kind)
    project = f"“{f.project}”" if f.project else ""
    return f"表{n + 1} {name}{project}（第{f.ref.line}行）"


def _document_line(r: Checked) -> str:
    """“类型：部门预算公开（标题“…”）；单位：…；地区：…；年度：…” under the file's name."""
    info = r.info
    parts = [f"类型：{info.kind_name}（{'；'.join(info.kind_evidence[:2])}）"]
    if info.department:
        parts.append(f"单位：{info.department}")
    parts.append(f"地区：{''.join(info.place.names())}" if info.place.known else "地区：未能确定")
    if info.year:
        parts.append(f"年度：{info.year}")
    return "；".join(parts)


def print_findings(console: Console, results: list[Checked]) -> Counter:
    """Print every file's findings; return counts by severity (files not checked apart)."""
    counts: Counter = Counter()
    for r in results:
        head = Text(r.path, style="bold")
        if r.info:
            head.append(f"\n  {_document_line(r)}", style="dim")
        if r.profile:
            head.append(f"\n  规则：{r.profile.name}（{r.profile_reason}）", style="dim")
        console.print(head)
        if r.error:
            console.print(Text(f"  {r.error.code} {r.error.message}", style=STYLE["error"]))
            counts["error"] += 1
            continue
        if not r.findings:
            console.print(Text(f"  未发现问题（{len(r.forms)}张表）/ no findings", style="green"))
        forms = sorted({f.form for f in r.findings}, key=lambda n: (n is None, n or 0))
        for n in forms:
            console.print(Text(f"  {_form_heading(r, n)}", style="bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", width=7)
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for f in (x for x in r.findings if x.form == n):
                counts["unchecked" if f.code == NOT_CHECKED else f.severity] += 1
                body = Text(f.message)
                quote = r.doc.quote(f.ref.line) if (r.doc and f.ref) else None
                if quote:
                    body.append(f"\n│ {quote[:90]}{'…' if len(quote) > 90 else ''}", style="dim")
                grid.add_row(str(f.ref.line) if f.ref else "", Text(f"{f.code} {SEVERITY_ZH[f.severity]}", style=STYLE[f.severity]),
                             body)
            console.print(grid)
    unchecked = (f"，未经复核 {counts['unchecked']} 个文件", f", {counts['unchecked']} not checked") \
        if counts["unchecked"] else ("", "")
    console.print(Text(f"{len(results)} 个文件：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}"
                       f"{unchecked[0]} / {len(results)} files: {counts['error']} errors, {counts['warning']} warnings, "
                       f"{counts['info']} info{unchecked[1]}", style="bold"))
    return counts


def record_of(r: Checked, **extra) -> FileRecord:
    """One file's record of the contract: what it is, its forms, totals, claims and findings."""
    doc = r.doc
    return FileRecord(
        r.path, doc.sha256 if doc else None, doc.size if doc else None, doc.format if doc else None, r.info,
        r.profile.id if r.profile else None, r.profile_reason,
        r.error is None and not any(f.code == NOT_CHECKED for f in r.findings),
        {"code": r.error.code, "zh": r.error.zh, "en": r.error.en} if r.error else None,
        list(r.forms),
        [Totals.from_json({"form": n, **form_totals(ev)}) for n, ev in enumerate(r.evals)
         if ev.form.total_score is not None or ev.recomputed_total is not None],
        [c.to_json() for c in r.claims], list(r.findings), extra)


def findings_json(results: list[Checked]) -> dict:
    """The contract for a batch: ``{"schema", "jixiao", "files": [record…]}``, every file with its
    forms, the profile chosen, every claim of the prose recomputed (held or not) and its findings."""
    return envelope([record_of(r).to_json() for r in results])


def file_record(result: Checked, **extra) -> dict:
    """One file's line of the JSON-lines output (its record, with the schema named)."""
    return record_of(result, schema=SCHEMA, **extra).to_json()
