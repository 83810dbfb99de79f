"""Layouts (表样): the official tables as data, read from ``entry/layouts/*.toml``.

A layout names the rows of an official table in order — info lines (项目名称 | …), the funding
block (资金), the year's goals (年度目标), the indicator block (绩效指标), the total and grade
rows, text boxes and signatures — and, for each block, the column header and each column's
role. Which cells are typed and which computed follows from the roles (``entry/plan.py``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ..errors import JixiaoError
from ..resources import package_file

LAYOUT_DIR = package_file("entry", "layouts")
PROPERTY = "jixiao.layout"   # the custom document property naming layout@version
ROWS_PROPERTY = "jixiao.rows"  # the number of indicator rows the workbook was made with

# funding-block roles (资金列) and indicator roles (指标列)
BUDGET_ROLES = ("label", "declared", "initial", "adjusted", "executed", "balance", "rate", "weight", "score", "reason")
INDICATOR_ROLES = ("level1", "level2", "name", "op", "target", "target_initial", "unit", "target_text",
                   "actual", "qual_note", "weight", "score", "note")


@dataclass(frozen=True)
class Block:
    """A block of the table (资金块 / 指标块): its side label, header and column roles."""

    label: str
    header: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[str, ...] = ()       # funding: the row labels; indicators: none (``--rows``)
    total: str = "sum"               # funding: "sum" (first row adds the others) | "input"


@dataclass(frozen=True)
class Layout:
    """One official table (表样) with where it comes from."""

    id: str
    version: int
    name: str
    kind: str            # "project" | "dept" | "targets"
    profile: str         # the rule profile that scores it (jixiao.rules.profile)
    title: str           # with {year}
    subtitle: str
    source: str
    info: tuple[tuple[str, ...], ...]        # label cells and "=key" input cells, one tuple a row
    budget: Block
    goals: tuple[str, str] | None            # (预期目标 header, 实际完成情况 header)
    goals_label: str
    indicators: Block
    footer: tuple[tuple[str, ...], ...]      # "@total_weight" "@total_score" "@grade" computed, "=key" typed
    notes: tuple[str, ...]
    rows: int                                # indicator rows by default

    @property
    def tag(self) -> str:
        """The value of the custom property: ``sichuan_project@1``."""
        return f"{self.id}@{self.version}"

    @property
    def scored(self) -> bool:
        return "score" in self.indicators.roles


def available() -> list[str]:
    return sorted(p.stem for p in LAYOUT_DIR.glob("*.toml"))


def _block(d: dict) -> Block:
    return Block(d["label"], tuple(d["header"]), tuple(d["roles"]), tuple(d.get("rows", ())), d.get("total", "sum"))


@lru_cache(maxsize=32)
def load(layout_id: str) -> Layout:
    """The layout ``layout_id`` (``hunan_project``); JX003 naming the layouts there are if none."""
    path = LAYOUT_DIR / f"{layout_id}.toml"
    if not layout_id.replace("_", "").isalnum() or not path.is_file():
        raise JixiaoError("JX003", f"没有表样“{layout_id}”（可用：{'、'.join(available())}）",
                          f"no layout {layout_id!r} (available: {', '.join(available())})", None, "LAYOUT")
    with path.open("rb") as f:
        d = tomllib.load(f)
    budget, indicators = _block(d["budget"]), _block(d["indicators"])
    for role in budget.roles:
        assert role in BUDGET_ROLES, (layout_id, role)
    for role in indicators.roles:
        assert role in INDICATOR_ROLES, (layout_id, role)
    goals = d.get("goals")
    return Layout(
        id=d["id"], version=int(d["version"]), name=d["name"], kind=d["kind"], profile=d["profile"],
        title=d["title"], subtitle=d.get("subtitle", ""), source=d["source"],
        info=tuple(tuple(r) for r in d.get("info", ())), budget=budget,
        goals=(goals["header"][0], goals["header"][1]) if goals else None,
        goals_label=goals["label"] if goals else "",
        indicators=indicators, footer=tuple(tuple(r) for r in d.get("footer", ())),
        notes=tuple(d.get("notes", ())), rows=int(d.get("rows", 12)))


def from_tag(tag: str) -> tuple[Layout, int] | None:
    """The layout a workbook names (``sichuan_project@1``) and that version, or None when the
    tag names no layout jixiao has."""
    ident, _, version = tag.partition("@")
    if ident not in available() or not version.isdigit():
        return None
    return load(ident), int(version)
