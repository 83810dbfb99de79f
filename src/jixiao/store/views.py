"""The store's views (存储库输出): ``db ls`` as a table, JSON or CSV, ``db show``, and the
summary of an ingest. Amounts are written as their exact literal; times in local time."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import UTC, datetime
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checks import SEVERITY_ZH
from ..classify import kind_name
from ..render.json import dumps
from .ingest import Summary
from .query import Listed, Shown
from .reviews import ZH, is_open

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def local(t: datetime) -> str:
    """A stored UTC time as the user's local time, to the minute."""
    return t.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def iso(t: datetime) -> str:
    return t.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _num(x: Decimal | None) -> str:
    return "" if x is None else format(x, "f")


def listed_json(row: Listed) -> dict:
    """One ``db ls`` row for JSON and CSV."""
    d = asdict(row)
    d["checked_at"] = iso(row.checked_at)
    d["kind_name"] = kind_name(row.kind) if row.kind else None
    return d


LISTED_FIELDS = ["sha256", "name", "unit", "kind", "kind_name", "year", "reported_total", "recomputed_total",
                 "reported_grade", "grade", "errors", "warnings", "infos", "open", "checked", "error_code", "runs",
                 "checked_at"]


def ls_json(rows) -> str:
    return dumps([listed_json(r) for r in rows])


def ls_csv(rows) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, LISTED_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        d = listed_json(r)
        w.writerow({k: _num(v) if isinstance(v, Decimal) else ("" if v is None else v) for k, v in d.items()})
    return out.getvalue()


def ls_table(console: Console, rows) -> int:
    """The documents as a table; how many."""
    t = Table(show_lines=False, header_style="bold")
    for col, justify in (("文件 name", "left"), ("单位 unit", "left"), ("类型 kind", "left"), ("年度 year", "right"),
                         ("填报 reported", "right"), ("复核 recomputed", "right"), ("等级 grade", "left"),
                         ("错误 err", "right"), ("警告 warn", "right"), ("待处理 open", "right"), ("SHA-256", "left")):
        t.add_column(col, justify=justify, overflow="fold")
    n = 0
    for r in rows:
        n += 1
        grade = r.grade or ""
        if r.reported_grade and r.reported_grade != r.grade:
            grade = f"{r.reported_grade}→{r.grade or '?'}"
        t.add_row(r.name, r.unit or "", kind_name(r.kind) if r.kind else "",
                  str(r.year or ""), _num(r.reported_total), _num(r.recomputed_total), grade,
                  Text(r.error_code, style="red") if r.error_code else str(r.errors), str(r.warnings),
                  Text(str(r.open), style="bold" if r.open else "green"), r.sha256[:12])
    console.print(t)
    console.print(f"{n} 个文件 / {n} documents", highlight=False)
    return n


def show_json(shown: Shown) -> str:
    d = shown.document
    current = shown.runs[-1] if shown.runs else None

    def finding(f) -> dict:
        v = shown.verdicts.get(f.fingerprint)
        return {"code": f.code, "severity": f.severity, "fingerprint": f.fingerprint, "form": f.form,
                "subject": f.subject, "message": f.message, "expected": f.expected, "found": f.found,
                "line": f.line, "page": f.page, "cell": f.cell, "place": f.place,
                "status": v.status if v else "open", "open": is_open(v.status if v else None),
                "review": {"reviewer": v.reviewer, "note": v.note, "time": iso(v.created)} if v else None}
    return dumps({
        "sha256": d.sha256, "name": d.name, "size": d.size, "format": d.format, "stored": iso(d.stored),
        "names": [{"name": n.name, "path": n.path, "member": n.member, "first_seen": iso(n.first_seen),
                   "last_seen": iso(n.last_seen)} for n in shown.names],
        "runs": [{"id": r.id, "time": iso(r.created), "jixiao": r.jixiao, "schema": r.schema, "profile": r.profile,
                  "profile_option": r.profile_option, "current": r is current, "unit": r.unit, "kind": r.kind,
                  "year": r.year, "reported_total": r.reported_total, "recomputed_total": r.recomputed_total,
                  "grade": r.grade, "errors": r.errors, "warnings": r.warnings, "infos": r.infos,
                  "checked": r.checked, "error_code": r.error_code} for r in shown.runs],
        "findings": [finding(f) for f in shown.findings]})


def show_table(console: Console, shown: Shown) -> None:
    d = shown.document
    console.print(Text(d.name, style="bold"))
    console.print(f"  SHA-256 {d.sha256}；{d.size} 字节；格式 {d.format or '未知'}；入库 {local(d.stored)}", highlight=False)
    console.print(Text("  收件名 / names", style="bold"))
    for n in shown.names:
        console.print(f"    {n.name}（首次 {local(n.first_seen)}，最近 {local(n.last_seen)}）", highlight=False)
    console.print(Text("  复核记录 / runs", style="bold"))
    for r in shown.runs:
        mark = "当前" if r is shown.runs[-1] else "    "
        what = f"{r.error_code} {r.error_message}" if r.error_code else \
            f"错误 {r.errors}，警告 {r.warnings}，提示 {r.infos}；总分 {_num(r.reported_total) or '—'} → " \
            f"{_num(r.recomputed_total) or '—'}"
        console.print(f"    {mark} #{r.id} {local(r.created)} jixiao {r.jixiao} 规则 {r.profile or '—'}：{what}",
                      highlight=False)
    if not shown.findings:
        console.print(Text("  当前记录无问题 / no findings in the current run", style="green"))
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2)
    for _ in range(4):
        grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for f in shown.findings:
        v = shown.verdicts.get(f.fingerprint)
        status = ZH[v.status if v else "open"]
        body = Text(f.message)
        if v:
            body.append(f"\n复核：{ZH[v.status]}（{v.reviewer}，{local(v.created)}）{v.note}", style="dim")
        grid.add_row("", Text(f"{f.code} {SEVERITY_ZH.get(f.severity, f.severity)}", style=STYLE.get(f.severity, "")),
                     f.place or "", f.fingerprint, Text(status, style="bold" if is_open(v.status if v else None) else "dim"), body)
    console.print(Text("  问题 / findings", style="bold"))
    console.print(grid)


def print_summary(console: Console, s: Summary) -> None:
    """The end of an ingest: counts, then every failure with its reason."""
    parts = [f"新存 {s.new}", f"已存 {s.stored}"]
    en = [f"{s.new} new", f"{s.stored} already stored"]
    if s.rechecked:
        parts.append(f"重新复核 {s.rechecked}")
        en.append(f"{s.rechecked} checked again")
    parts.append(f"失败 {len(s.failed)}")
    en.append(f"{len(s.failed)} failed")
    if s.names:
        parts.append(f"新收件名 {s.names}")
        en.append(f"{s.names} new names")
    console.print(Text("入库：" + "，".join(parts) + " / ingest: " + ", ".join(en), style="bold"))
    for f in s.failed:
        console.print(Text(f"  {f.code} {f.name}：{f.message}", style="red"))
