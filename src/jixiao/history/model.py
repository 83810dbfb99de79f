"""Typed results of a comparison (比对结果), with their JSON ``jixiao-diff/1``.

``Comparison.from_json(loads(dumps(c.to_json()))) == c``: amounts stay ``Decimal``, findings come
back as ``Finding`` with their places (the contract's own reader, ``contract.finding_from``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .. import __version__
from ..checks import Finding
from ..contract import finding_from
from ..values import Money

SCHEMA = "jixiao-diff/1"
HISTORY_SCHEMA = "jixiao-history/1"


def _dec(x: Any) -> Decimal | None:
    return None if x is None else (x if isinstance(x, Decimal) else Decimal(str(x)))


@dataclass(frozen=True)
class Side:
    """One side of a comparison (比对的一方): what the file is and whose."""

    label: str                     # what the user named (a path, the store's name of a run)
    file: str                      # the record's file
    sha256: str | None = None
    kind: str | None = None        # document.kind
    kind_name: str | None = None   # 部门整体支出绩效自评 …
    department: str | None = None  # document.department
    units: tuple[str, ...] = ()    # the forms' 实施单位 / 主管部门, as printed
    year: int | None = None
    checked: bool = False

    def to_json(self) -> dict:
        return {"label": self.label, "file": self.file, "sha256": self.sha256, "kind": self.kind,
                "kind_name": self.kind_name, "department": self.department, "units": list(self.units),
                "year": self.year, "checked": self.checked}

    @classmethod
    def from_json(cls, d: dict) -> Side:
        return cls(d["label"], d["file"], d.get("sha256"), d.get("kind"), d.get("kind_name"), d.get("department"),
                   tuple(d.get("units") or ()), d.get("year"), bool(d.get("checked")))


@dataclass(frozen=True)
class Still:
    """A finding still open (仍未修正): the same fingerprint in the old and the new file."""

    old: Finding
    new: Finding


@dataclass(frozen=True)
class Figure:
    """One figure old vs new (逐年数字): a total, a rate, an amount, each with its unit."""

    name: str                     # total_reported, total_recomputed, rate, rate_computed, initial, adjusted, executed
    old: Decimal | None
    new: Decimal | None
    old_unit: str | None = None
    new_unit: str | None = None

    @property
    def delta(self) -> Decimal | None:
        """New minus old, in the new figure's unit (元 ↔ 万元 converted exactly); None when either is blank."""
        if self.old is None or self.new is None:
            return None
        old = self.old
        if self.old_unit != self.new_unit:
            if {self.old_unit, self.new_unit} != {"元", "万元"}:
                return None
            old = Money(old, self.old_unit).to(self.new_unit)
        return self.new - old

    def to_json(self) -> dict:
        return {"name": self.name, "old": self.old, "new": self.new, "old_unit": self.old_unit,
                "new_unit": self.new_unit, "delta": self.delta}

    @classmethod
    def from_json(cls, d: dict) -> Figure:
        return cls(d["name"], _dec(d.get("old")), _dec(d.get("new")), d.get("old_unit"), d.get("new_unit"))


@dataclass(frozen=True)
class Grade:
    """A grade old vs new (等级): as reported, or as recomputed."""

    name: str                     # reported | recomputed
    old: str | None
    new: str | None

    def to_json(self) -> dict:
        return {"name": self.name, "old": self.old, "new": self.new}

    @classmethod
    def from_json(cls, d: dict) -> Grade:
        return cls(d["name"], d.get("old"), d.get("new"))


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator as one side printed it (指标), for one removed or added."""

    name: str
    level1: str | None
    level2: str | None
    target: str | None            # the target as printed
    actual: str | None
    place: str                    # 第3页 / 表2!C5 / 第N行
    line: int

    def to_json(self) -> dict:
        return {"name": self.name, "level1": self.level1, "level2": self.level2, "target": self.target,
                "actual": self.actual, "place": self.place, "line": self.line}

    @classmethod
    def from_json(cls, d: dict) -> IndicatorInfo:
        return cls(d["name"], d.get("level1"), d.get("level2"), d.get("target"), d.get("actual"), d["place"], d["line"])


@dataclass(frozen=True)
class Lowered:
    """A target loosened (指标值下调): the new target under the old actual, or under the old target.

    ``direction`` is ``floor`` for ≥ > = and a bare value (lower is looser) and ``ceiling`` for ≤ <
    (higher is looser: a cost cap raised). Values are in the new target's unit."""

    name: str
    direction: str
    unit: str | None
    new_target: Decimal
    new_text: str
    old_target: Decimal | None
    old_text: str | None
    old_actual: Decimal | None
    old_actual_text: str | None
    below_actual: bool            # looser than what was achieved the other year
    below_target: bool            # looser than the other year's target
    place: str                    # the new indicator's place
    line: int

    def to_json(self) -> dict:
        return {"name": self.name, "direction": self.direction, "unit": self.unit, "new_target": self.new_target,
                "new_text": self.new_text, "old_target": self.old_target, "old_text": self.old_text,
                "old_actual": self.old_actual, "old_actual_text": self.old_actual_text,
                "below_actual": self.below_actual, "below_target": self.below_target,
                "place": self.place, "line": self.line}

    @classmethod
    def from_json(cls, d: dict) -> Lowered:
        return cls(d["name"], d["direction"], d.get("unit"), _dec(d["new_target"]), d["new_text"],
                   _dec(d.get("old_target")), d.get("old_text"), _dec(d.get("old_actual")), d.get("old_actual_text"),
                   bool(d["below_actual"]), bool(d["below_target"]), d["place"], d["line"])


@dataclass(frozen=True)
class FormInfo:
    """A form of one side (表单), for one without a partner."""

    index: int
    kind: str
    name: str                     # the project, else the title
    place: str
    line: int

    def to_json(self) -> dict:
        return {"index": self.index, "kind": self.kind, "name": self.name, "place": self.place, "line": self.line}

    @classmethod
    def from_json(cls, d: dict) -> FormInfo:
        return cls(d["index"], d["kind"], d["name"], d["place"], d["line"])


@dataclass
class FormChange:
    """One form matched old ↔ new (表单对比): its figures, grades and indicators year on year."""

    old: FormInfo
    new: FormInfo
    matched_by: str               # "name" (same kind and project/title) | "position" (same kind and place)
    figures: list[Figure] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    lowered: list[Lowered] = field(default_factory=list)
    removed: list[IndicatorInfo] = field(default_factory=list)
    added: list[IndicatorInfo] = field(default_factory=list)

    def figure(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)

    def to_json(self) -> dict:
        return {"old": self.old.to_json(), "new": self.new.to_json(), "matched_by": self.matched_by,
                "figures": [f.to_json() for f in self.figures], "grades": [g.to_json() for g in self.grades],
                "indicators": {"lowered": [x.to_json() for x in self.lowered],
                               "removed": [x.to_json() for x in self.removed],
                               "added": [x.to_json() for x in self.added]}}

    @classmethod
    def from_json(cls, d: dict) -> FormChange:
        ind = d.get("indicators") or {}
        return cls(FormInfo.from_json(d["old"]), FormInfo.from_json(d["new"]), d["matched_by"],
                   [Figure.from_json(x) for x in d.get("figures") or ()],
                   [Grade.from_json(x) for x in d.get("grades") or ()],
                   [Lowered.from_json(x) for x in ind.get("lowered") or ()],
                   [IndicatorInfo.from_json(x) for x in ind.get("removed") or ()],
                   [IndicatorInfo.from_json(x) for x in ind.get("added") or ()])


def _finding_back(d: dict, side: Side) -> Finding:
    return finding_from(d, d.get("file") or side.file)


@dataclass
class Comparison:
    """Two submissions compared (比对): findings fixed, new and still open, and the forms year on year.

    ``same_unit`` is None when a side names no unit; ``notes`` are what a reviewer is warned of
    (not the same unit or kind, a side not checked, the years in reverse), in Chinese and English."""

    old: Side
    new: Side
    same_unit: bool | None
    same_kind: bool
    fixed: list[Finding] = field(default_factory=list)       # 已修正: in old, not in new
    added: list[Finding] = field(default_factory=list)       # 新增: in new, not in old
    still: list[Still] = field(default_factory=list)         # 仍未修正: in both
    forms: list[FormChange] = field(default_factory=list)
    forms_removed: list[FormInfo] = field(default_factory=list)
    forms_added: list[FormInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def new_errors(self) -> list[Finding]:
        """The new findings of severity error (what makes ``diff`` exit 1)."""
        return [f for f in self.added if f.severity == "error"]

    def counts(self) -> dict:
        return {"fixed": len(self.fixed), "new": len(self.added), "still_open": len(self.still),
                "new_errors": len(self.new_errors)}

    def body(self) -> dict:
        """The comparison without the envelope (one step of a history)."""
        return {"old": self.old.to_json(), "new": self.new.to_json(), "same_unit": self.same_unit,
                "same_kind": self.same_kind, "notes": list(self.notes), "counts": self.counts(),
                "findings": {"fixed": [f.to_json() for f in self.fixed],
                             "new": [f.to_json() for f in self.added],
                             "still_open": [{"old": s.old.to_json(), "new": s.new.to_json()}
                                            for s in self.still]},
                "forms": [f.to_json() for f in self.forms],
                "forms_removed": [f.to_json() for f in self.forms_removed],
                "forms_added": [f.to_json() for f in self.forms_added]}

    def to_json(self) -> dict:
        """``{"schema": "jixiao-diff/1", "jixiao": VERSION, ...}``; write it with ``render.json.dumps``."""
        return {"schema": SCHEMA, "jixiao": __version__, **self.body()}

    @classmethod
    def from_json(cls, d: dict) -> Comparison:
        if d.get("schema", SCHEMA) != SCHEMA:
            raise ValueError(f"不是 {SCHEMA} / not {SCHEMA}: {d.get('schema')!r}")
        old, new = Side.from_json(d["old"]), Side.from_json(d["new"])
        fs = d.get("findings") or {}
        return cls(old, new, d.get("same_unit"), bool(d.get("same_kind")),
                   [_finding_back(x, old) for x in fs.get("fixed") or ()],
                   [_finding_back(x, new) for x in fs.get("new") or ()],
                   [Still(_finding_back(x["old"], old), _finding_back(x["new"], new))
                    for x in fs.get("still_open") or ()],
                   [FormChange.from_json(x) for x in d.get("forms") or ()],
                   [FormInfo.from_json(x) for x in d.get("forms_removed") or ()],
                   [FormInfo.from_json(x) for x in d.get("forms_added") or ()],
                   list(d.get("notes") or ()))


@dataclass
class History:
    """One unit's submissions in order (历次提交): each by (year, then order given), and each
    consecutive pair compared."""

    sides: list[Side] = field(default_factory=list)
    steps: list[Comparison] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"schema": HISTORY_SCHEMA, "jixiao": __version__, "records": [s.to_json() for s in self.sides],
                "steps": [c.body() for c in self.steps]}

    @classmethod
    def from_json(cls, d: dict) -> History:
        if d.get("schema", HISTORY_SCHEMA) != HISTORY_SCHEMA:
            raise ValueError(f"不是 {HISTORY_SCHEMA} / not {HISTORY_SCHEMA}: {d.get('schema')!r}")
        return cls([Side.from_json(x) for x in d.get("records") or ()],
                   [Comparison.from_json(x) for x in d.get("steps") or ()])
