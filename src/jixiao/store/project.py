"""Projections (投影): a run's columns, forms and findings, made from its contract record.

The record (``FileRecord``) is what the run keeps as its truth (``contract``); these rows are
only what queries need, and can always be made again from it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..contract import FileRecord, Totals
from ..forms.model import Form


@dataclass
class Projected:
    """The rows of one run, ready to insert: the run's columns, its forms and its findings."""

    run: dict
    forms: list[dict]
    findings: list[dict]


def headline(record: FileRecord) -> Totals | None:
    """The document's total (总分): ``FileRecord.headline``, as the 台账 export shows it."""
    return record.headline()


def run_columns(record: FileRecord) -> dict:
    """The run's columns from its record: what the document is, its total and its counts."""
    info, total = record.document, headline(record)
    counts = Counter(f.severity for f in record.findings)
    place = info.place if info else None
    error = record.error or {}
    return {
        "profile": record.profile, "kind": info.kind if info else None, "unit": record.unit,
        "year": info.year if info else None, "place_code": place.code if place else None,
        "place": "".join(place.names()) or None if place else None,
        "reported_total": total.reported_score if total else None, "recomputed_total": total.score if total else None,
        "reported_grade": total.reported_grade if total else None, "grade": total.grade if total else None,
        "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
        "checked": record.checked, "error_code": error.get("code"),
        "error_message": f"{error.get('zh')} / {error.get('en')}" if error else None,
    }


def form_rows(record: FileRecord) -> list[dict]:
    """One row per form, with its totals reported and recomputed."""
    totals = {t.form: t for t in record.totals}
    return [_form_row(n, f, totals.get(n)) for n, f in enumerate(record.forms)]


def _form_row(n: int, f: Form, t: Totals | None) -> dict:
    main = f.budget.main if f.budget else None
    return {"index": n, "kind": f.kind, "title": f.title, "project": f.project, "department": f.department,
            "unit": f.unit, "year": f.year, "line": f.ref.line if f.ref else None, "page": f.ref.page if f.ref else None,
            "budget_unit": f.budget.unit if f.budget else None,
            "budget_adjusted": main.adjusted if main else None, "budget_executed": main.executed if main else None,
            "budget_rate": main.rate if main else None, "total_weight": f.total_weight, "total_score": f.total_score,
            "grade": f.grade, "recomputed_score": t.score if t else None, "recomputed_grade": t.grade if t else None}


def finding_rows(record: FileRecord) -> list[dict]:
    """One row per finding, with its fingerprint and its place in the user's terms."""
    out = []
    for f in record.findings:
        r = f.ref
        out.append({"form": f.form, "code": f.code, "severity": f.severity, "fingerprint": f.fingerprint,
                    "subject": f.subject, "message": f.message, "expected": f.expected, "found": f.found,
                    "line": r.line if r else None, "page": r.page if r else None, "cell": r.cell if r else None,
                    "paragraph": r.paragraph if r else None, "place": f.place})
    return out


def project(record: FileRecord) -> Projected:
    """All the rows of one run."""
    return Projected(run_columns(record), form_rows(record), finding_rows(record))
