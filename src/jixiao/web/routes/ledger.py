"""The 台账 page (台账): every document's current run, filtered, sorted, a page at a time."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ..app import render, signed_in
from ...checks import SEVERITY_ZH
from ..ledger import PAGE, STATUS_ZH, Filters, choices, rows

router = APIRouter()


def filters_of(request: Request) -> Filters:
    """The filters from the query string (a year or page that is not a number is ignored)."""
    p = request.query_params

    def number(key: str) -> int | None:
        value = (p.get(key) or "").strip()
        return int(value) if value.isdigit() and len(value) < 9 else None
    text = {k: (p.get(k) or "").strip()[:200] or None for k in ("unit", "kind", "severity", "code", "status", "q",
                                                                 "sort")}
    return Filters(year=number("year"), page=number("page") or 1, **text)


@router.get("/")
def ledger_page(request: Request):
    f = filters_of(request)
    with signed_in(request) as (session, v):
        found, total = rows(session, v, f)
        offered = choices(session, v)
    pages = max(1, -(-total // PAGE))
    return render(request, "ledger.html", v, rows=found, total=total, f=f, pages=pages, offered=offered,
                  statuses=STATUS_ZH, severities=SEVERITY_ZH)
