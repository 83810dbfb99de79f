"""Typed records of the forms (表单记录), with their JSON contract.

Every record keeps the source place of what it holds: ``ref`` for the record, ``refs`` for
single fields (``refs["score"]`` is where the score cell was). ``to_json`` writes the public
contract of ARCHITECTURE.md; ``from_json`` reads it back, so ``from_json(to_json(x)) == x``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..blocks import SourceRef
from ..values import Actual, Target

# Form kinds (表单类型), as the JSON contract names them.
PROJECT = "project_self_eval"      # 项目支出绩效自评表
DEPT = "dept_self_eval"            # 部门整体支出绩效自评表 / 目标自评表
TARGETS = "dept_targets"           # 部门整体支出绩效目标表 (+ completion tables)
PROJECT_TARGETS = "project_targets"  # 项目支出绩效目标表 / 目标申报表
BASIC = "basic_data"               # 部门整体支出绩效评价基础数据表
FINAL_ACCOUNTS = "final_accounts"  # 部门决算公开表 (公开01–10 …)
BUDGET_TABLE = "budget_table"      # 部门预算公开表 (收支预算总表 …)
SELF_EVAL_KINDS = (PROJECT, DEPT, TARGETS, BASIC)
DISCLOSURE_KINDS = (FINAL_ACCOUNTS, BUDGET_TABLE)

BUDGET_FIELDS = ("declared", "initial", "adjusted", "executed", "balance", "rate", "weight", "score")


def _ref_json(ref: SourceRef | None) -> dict | None:
    return ref.to_json(grid=True) if ref else None


def ref_from(d: dict | None, file: str) -> SourceRef | None:
    """A SourceRef back from the contract (出处)."""
    if not d:
        return None
    return SourceRef(file, d["line"], d.get("page"), d.get("row"), d.get("col"), d.get("cell"), d.get("paragraph"))


def _refs_json(refs: dict[str, SourceRef]) -> dict:
    return {k: v.to_json(grid=True) for k, v in refs.items()}


def _refs_from(d: dict | None, file: str) -> dict[str, SourceRef]:
    return {k: ref_from(v, file) for k, v in (d or {}).items()}


def _dec(x: Any) -> Decimal | None:
    if x is None:
        return None
    return x if isinstance(x, Decimal) else Decimal(str(x))


@dataclass
class BudgetRow:
    """One funding row (资金行): 年度资金总额, 其中：当年财政拨款, 其他资金 …"""

    label: str
    ref: SourceRef
    initial: Decimal | None = None    # 年初预算数 (预算编制数 where it is split)
    declared: Decimal | None = None   # 目标申报数 (Shanxi)
    adjusted: Decimal | None = None   # 全年预算数 / 调整后预算数
    executed: Decimal | None = None   # 全年执行数 / 预算执行数
    balance: Decimal | None = None    # 资金结(转)余
    rate: Decimal | None = None       # 执行率, in percent as printed
    weight: Decimal | None = None     # 分值 / 权重
    score: Decimal | None = None      # 得分
    reason: str | None = None         # 原因 / 偏差原因
    is_total: bool = False
    refs: dict[str, SourceRef] = field(default_factory=dict)

    @property
    def filled(self) -> bool:
        return any(getattr(self, f) is not None for f in BUDGET_FIELDS)

    @property
    def name(self) -> str:
        """The label without its trailing colon, for sentences ("年度资金总额:" → "年度资金总额")."""
        return self.label.rstrip("：:")

    def to_json(self) -> dict:
        out: dict = {"label": self.label}
        out.update({f: getattr(self, f) for f in BUDGET_FIELDS})
        out.update(reason=self.reason, total=self.is_total, source=_ref_json(self.ref), sources=_refs_json(self.refs))
        return out

    @classmethod
    def from_json(cls, d: dict, file: str) -> BudgetRow:
        return cls(label=d["label"], ref=ref_from(d["source"], file), reason=d.get("reason"),
                   is_total=d.get("total", False), refs=_refs_from(d.get("sources"), file),
                   **{f: _dec(d.get(f)) for f in BUDGET_FIELDS})


@dataclass
class Budget:
    """The funding block (项目资金 / 年度预算申请) of a self-evaluation table."""

    unit: str | None
    rows: list[BudgetRow] = field(default_factory=list)
    breakdown: list[dict] = field(default_factory=list)  # "按收入性质分：1787.04" lines
    columns: list[str] = field(default_factory=list)     # the roles its header names (rate, score …)

    @property
    def total_row(self) -> BudgetRow | None:
        return next((r for r in self.rows if r.is_total), None)

    @property
    def main(self) -> BudgetRow | None:
        """The row the contract's ``budget`` shows: the total, or its only filled sub-row."""
        total = self.total_row
        if total is not None and total.filled:
            return total
        filled = [r for r in self.rows if r.filled and not r.is_total]
        if len(filled) == 1:
            return filled[0]
        return total or (self.rows[0] if self.rows else None)

    def to_json(self) -> dict:
        main = self.main
        out: dict = {f: (getattr(main, f) if main else None) for f in BUDGET_FIELDS}
        out["unit"] = self.unit
        out["label"] = main.label if main else None
        out["rows"] = [r.to_json() for r in self.rows]
        out["breakdown"] = [{**b, "source": _ref_json(b["source"])} for b in self.breakdown]
        out["columns"] = list(self.columns)
        return out

    @classmethod
    def from_json(cls, d: dict, file: str) -> Budget:
        rows = [BudgetRow.from_json(r, file) for r in d.get("rows", [])]
        bd = [{**b, "amount": _dec(b.get("amount")), "source": ref_from(b.get("source"), file)}
              for b in d.get("breakdown", [])]
        return cls(unit=d.get("unit"), rows=rows, breakdown=bd, columns=list(d.get("columns") or []))


def _target_from(d: dict | None) -> Target | None:
    if d is None:
        return None
    return Target(d["text"], d.get("op"), _dec(d.get("value")), d.get("unit"), _dec(d.get("low")), _dec(d.get("high")))


def _actual_from(d: dict | None) -> Actual | None:
    if d is None:
        return None
    return Actual(d["text"], _dec(d.get("value")), d.get("unit"), d.get("op"))


@dataclass
class Indicator:
    """One third-level indicator row (三级指标)."""

    level1: str | None
    level2: str | None
    name: str | None
    ref: SourceRef
    target: Target | None = None
    target_initial: Target | None = None   # 年初指标值 where 调整后 is printed too
    actual: Actual | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    note: str | None = None                # 偏差原因分析 / 未完成原因分析
    qual_note: str | None = None           # 定性值情况说明
    refs: dict[str, SourceRef] = field(default_factory=dict)

    def to_json(self) -> dict:
        out = {"level1": self.level1, "level2": self.level2, "name": self.name,
               "target": self.target.to_json() if self.target else None,
               "actual": self.actual.to_json() if self.actual else None,
               "weight": self.weight, "score": self.score, "note": self.note,
               "source": _ref_json(self.ref)}
        if self.target_initial is not None:
            out["target_initial"] = self.target_initial.to_json()
        if self.qual_note:
            out["qual_note"] = self.qual_note
        out["sources"] = _refs_json(self.refs)
        return out

    @classmethod
    def from_json(cls, d: dict, file: str) -> Indicator:
        return cls(d.get("level1"), d.get("level2"), d.get("name"), ref_from(d["source"], file),
                   _target_from(d.get("target")), _target_from(d.get("target_initial")),
                   _actual_from(d.get("actual")), _dec(d.get("weight")), _dec(d.get("score")),
                   d.get("note"), d.get("qual_note"), _refs_from(d.get("sources"), file))


@dataclass
class Form:
    """A recognised form (表单): one self-evaluation table, target table or data table."""

    kind: str
    ref: SourceRef
    title: str | None = None
    department: str | None = None   # 主管部门 / 部门名称
    unit: str | None = None         # 实施单位 / 预算单位
    project: str | None = None
    project_code: str | None = None
    year: int | None = None
    budget: Budget | None = None
    indicators: list[Indicator] = field(default_factory=list)
    declared_weights: dict[str, Decimal] = field(default_factory=dict)  # "产出指标" → 50 from "(50分)"
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    texts: dict[str, str] = field(default_factory=dict)        # conclusion, problems, measures, goal …
    people: dict[str, str] = field(default_factory=dict)       # 项目负责人, 填表人 … as printed
    dates: dict[str, str] = field(default_factory=dict)        # 填报日期 …
    data: dict[str, Any] = field(default_factory=dict)         # kind-specific (basic data tables)
    refs: dict[str, SourceRef] = field(default_factory=dict)

    @property
    def is_declaration(self) -> bool:
        """A target table (目标表 / 申报表) with no completion value, score or spending filled in:
        the year's targets as declared, which are never scored."""
        if self.kind not in (TARGETS, PROJECT_TARGETS):
            return False
        done = any((i.actual is not None and (i.actual.value is not None or i.actual.text.strip()))
                   or i.score is not None for i in self.indicators)
        spent = self.budget is not None and any(r.executed is not None or r.score is not None for r in self.budget.rows)
        return not (done or spent or self.total_score is not None)

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "title": self.title, "department": self.department, "unit": self.unit,
            "project": self.project, "project_code": self.project_code, "year": self.year,
            "source": _ref_json(self.ref),
            "budget": self.budget.to_json() if self.budget else None,
            "indicators": [i.to_json() for i in self.indicators],
            "declared_weights": dict(self.declared_weights),
            "total": {"weight": self.total_weight, "score": self.total_score},
            "grade": self.grade, "texts": dict(self.texts), "people": dict(self.people),
            "dates": dict(self.dates), "data": self.data, "sources": _refs_json(self.refs),
        }

    @classmethod
    def from_json(cls, d: dict, file: str) -> Form:
        total = d.get("total") or {}
        return cls(
            kind=d["kind"], ref=ref_from(d["source"], file), title=d.get("title"),
            department=d.get("department"), unit=d.get("unit"), project=d.get("project"),
            project_code=d.get("project_code"), year=d.get("year"),
            budget=Budget.from_json(d["budget"], file) if d.get("budget") else None,
            indicators=[Indicator.from_json(i, file) for i in d.get("indicators", [])],
            declared_weights={k: _dec(v) for k, v in (d.get("declared_weights") or {}).items()},
            total_weight=_dec(total.get("weight")), total_score=_dec(total.get("score")),
            grade=d.get("grade"), texts=dict(d.get("texts") or {}), people=dict(d.get("people") or {}),
            dates=dict(d.get("dates") or {}), data=_decimals_in(d.get("data") or {}),
            refs=_refs_from(d.get("sources"), file),
        )


# Keys of ``data`` whose numbers are counts and places (int); every other number there is an
# amount or a quantity as printed (Decimal), so "60" read back is Decimal("60"), not 60.
INT_KEYS = frozenset({"line", "page", "row", "col", "column", "paragraph"})


def _decimals_in(x: Any, key: str | None = None) -> Any:
    """``data`` read back with the types it was written with (see ``INT_KEYS``)."""
    if isinstance(x, dict):
        return {k: _decimals_in(v, k) for k, v in x.items()}
    if isinstance(x, list):
        return [_decimals_in(v, key) for v in x]
    if isinstance(x, bool) or x is None or key in INT_KEYS:
        return x
    if isinstance(x, (int, float)):
        return Decimal(str(x))
    return x
