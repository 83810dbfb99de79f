"""Charts (图表): server-rendered SVG of the documents the user may see, no script, no CDN.

Self-score vs recomputed score, execution rate vs score, findings by code, units side by side
and year on year. Figures stay ``Decimal``; only the drawing's coordinates are computed from
them, and every label is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.models import FindingRow, FormRow, Run
from ..store.query import current_ids
from .security import Viewer, visible

W, H, PAD = 520, 300, 48
ZERO = Decimal(0)


@dataclass(frozen=True)
class Chart:
    """One chart: its id, Chinese title and SVG."""

    id: str
    title: str
    svg: str


def _c(x: Decimal) -> str:
    return format(x.quantize(Decimal("0.1")), "f")


def _frame(title: str, body: list[str], xlabel: str, ylabel: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - 10}" y2="{H - PAD}" class="axis"/>'
            f'<line x1="{PAD}" y1="10" x2="{PAD}" y2="{H - PAD}" class="axis"/>'
            f'<text x="{W // 2}" y="{H - 8}" text-anchor="middle" class="label">{escape(xlabel)}</text>'
            f'<text x="12" y="{H // 2}" text-anchor="middle" class="label" transform="rotate(-90 12 {H // 2})">'
            f'{escape(ylabel)}</text>' + "".join(body) + "</svg>")


def scatter(title: str, points: list[tuple[Decimal, Decimal, str]], xlabel: str, ylabel: str,
            diagonal: bool = False) -> str:
    """Points (x, y, label) on axes from 0 to the largest value (at least 100)."""
    top_x = max([p[0] for p in points] + [Decimal(100)])
    top_y = max([p[1] for p in points] + [Decimal(100)])
    sx = (W - 10 - PAD) / top_x
    sy = (H - PAD - 10) / top_y

    def xy(x: Decimal, y: Decimal) -> tuple[str, str]:
        return _c(PAD + x * sx), _c(H - PAD - y * sy)
    body = [f'<text x="{PAD - 4}" y="{H - PAD}" text-anchor="end" class="tick">0</text>',
            f'<text x="{PAD - 4}" y="16" text-anchor="end" class="tick">{_c(top_y)}</text>',
            f'<text x="{W - 10}" y="{H - PAD + 14}" text-anchor="end" class="tick">{_c(top_x)}</text>']
    if diagonal:
        x1, y1 = xy(ZERO, ZERO)
        x2, y2 = xy(min(top_x, top_y), min(top_x, top_y))
        body.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="diagonal"/>')
    for x, y, label in points:
        cx, cy = xy(x, y)
        body.append(f'<circle cx="{cx}" cy="{cy}" r="4" class="point"><title>{escape(label)}：'
                    f'{format(x, "f")}，{format(y, "f")}</title></circle>')
    return _frame(title, body, xlabel, ylabel)


def bars(title: str, items: list[tuple[str, Decimal]], xlabel: str, ylabel: str) -> str:
    """Vertical bars with their labels under them."""
    items = items[:30]
    top = max([v for _, v in items] + [Decimal(1)])
    width = Decimal(W - 10 - PAD) / max(len(items), 1)
    body = [f'<text x="{PAD - 4}" y="16" text-anchor="end" class="tick">{format(top, "f")}</text>']
    for n, (label, value) in enumerate(items):
        h = value * (H - PAD - 20) / top
        x = PAD + width * n + width / 10
        body.append(f'<rect x="{_c(x)}" y="{_c(H - PAD - h)}" width="{_c(width * 8 / 10)}" height="{_c(h)}" '
                    f'class="bar"><title>{escape(label)}：{format(value, "f")}</title></rect>')
        body.append(f'<text x="{_c(x + width * 4 / 10)}" y="{H - PAD + 14}" text-anchor="middle" class="tick">'
                    f'{escape(label[:8])}</text>')
    return _frame(title, body, xlabel, ylabel)


def charts(session: Session, viewer: Viewer) -> list[Chart]:
    """The five charts of the documents the user may see."""
    cur = visible(select(Run.id).where(Run.id.in_(current_ids())), viewer).scalar_subquery()
    runs = session.execute(select(Run.unit, Run.year, Run.reported_total, Run.recomputed_total, Run.errors,
                                  Run.warnings).where(Run.id.in_(cur))).all()
    scores = [(r.reported_total, r.recomputed_total, r.unit or "") for r in runs
              if r.reported_total is not None and r.recomputed_total is not None]
    rate = session.execute(select(FormRow.budget_rate, FormRow.recomputed_score, FormRow.unit)
                           .where(FormRow.run_id.in_(cur), FormRow.budget_rate.is_not(None),
                                  FormRow.recomputed_score.is_not(None))).all()
    codes = session.execute(select(FindingRow.code, func.count()).where(FindingRow.run_id.in_(cur))
                            .group_by(FindingRow.code).order_by(func.count().desc(), FindingRow.code)).all()
    units: dict[str, Decimal] = defaultdict(Decimal)
    years: dict[int, list[Decimal]] = defaultdict(list)
    for r in runs:
        units[r.unit or "未识别单位"] += r.errors + r.warnings
        if r.year is not None and r.recomputed_total is not None:
            years[r.year].append(r.recomputed_total)
    yearly = [(str(y), (sum(v, ZERO) / len(v)).quantize(Decimal("0.01"))) for y, v in sorted(years.items())]
    return [
        Chart("self-vs-recomputed", "填报总分与复核总分", scatter("填报总分与复核总分", scores, "填报总分", "复核总分", True)),
        Chart("rate-vs-score", "预算执行率与复核得分", scatter("预算执行率与复核得分", [
            (r.budget_rate, r.recomputed_score, r.unit or "") for r in rate], "执行率(%)", "复核得分")),
        Chart("by-code", "各类问题数量", bars("各类问题数量", [(c, Decimal(n)) for c, n in codes], "问题代码", "数量")),
        Chart("units", "各单位错误与警告", bars("各单位错误与警告", sorted(units.items(), key=lambda kv: -kv[1]),
                                          "单位", "错误+警告")),
        Chart("years", "历年平均复核总分", bars("历年平均复核总分", yearly, "年度", "平均复核总分")),
    ]
