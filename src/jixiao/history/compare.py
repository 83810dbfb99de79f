"""Comparison (比对): two records of the contract, old and new, side by side.

Findings are matched by their fingerprint (the check, the form, the subject and the two values,
not the place), so a resubmitted or re-typeset file shows exactly what was fixed, what is new and
what is still open. Forms are matched by kind and project (else title), years left out, else by
kind and position; their indicators by normalised name, for targets loosened below the other
year's actual or target, indicators removed and added, and the totals, grades, execution rates
and amounts year on year. Works on ``FileRecord``s, so the store's history uses it as ``diff`` does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from ..checks import Finding
from ..classify import tidy_body
from ..contract import FileRecord, Totals
from ..forms.model import Form, Indicator
from ..values import Money, norm
from .model import Comparison, Figure, FormChange, FormInfo, Grade, History, IndicatorInfo, Lowered, Side, Still

_YEAR = re.compile(r"[(（]?20\d{2}年度?[)）]?")
_MARKS = re.compile(r"[*＊※]+$")
FLOOR, CEILING = "floor", "ceiling"


# --- sides ---------------------------------------------------------------------------------

def side_of(record: FileRecord, label: str | None = None) -> Side:
    """What one record is (比对的一方): kind, unit and year, from its document and forms."""
    doc = record.document
    units: list[str] = []
    for f in record.forms:
        for name in (f.unit, f.department):
            if name and name not in units:
                units.append(name)
    year = doc.year if doc and doc.year else next((f.year for f in record.forms if f.year), None)
    return Side(label or record.file, record.file, record.sha256, doc.kind if doc else None,
                doc.kind_name if doc else None, doc.department if doc else None, tuple(units), year, record.checked)


def _unit_key(name: str) -> str:
    """A unit's name for matching: normalised, without its 部门/本级/(盖章) marks."""
    return norm(tidy_body(name))


def _one_unit(a: str, b: str) -> bool:
    """One name, or one the other's tail (昭化区医疗保障局 of 广元市昭化区医疗保障局)."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.endswith(short))


def same_unit(old: Side, new: Side) -> bool | None:
    """Whether both sides are one unit: the documents' departments, else any unit their forms share;
    None when a side names none."""
    if old.department and new.department:
        return _one_unit(_unit_key(old.department), _unit_key(new.department))
    a, b = {_unit_key(u) for u in old.units}, {_unit_key(u) for u in new.units}
    if not a or not b:
        return None
    return any(_one_unit(x, y) for x in a for y in b)


def _notes(old: Side, new: Side, unit: bool | None, kind: bool) -> list[str]:
    out = []
    if unit is False:
        out.append(f"两份文件不是同一单位（旧：{old.department or '、'.join(old.units)}；新：{new.department or '、'.join(new.units)}）"
                   " / the two files are not of the same unit")
    elif unit is None:
        out.append("未能判断两份文件是否同一单位（一方未写明单位） / could not tell whether the two files are of one unit")
    if not kind:
        out.append(f"两份文件类型不同（旧：{old.kind_name or old.kind}；新：{new.kind_name or new.kind}） / "
                   "the two files are of different kinds")
    for name, s in (("旧", old), ("新", new)):
        if not s.checked:
            out.append(f"{name}文件“{s.label}”未经复核，其问题清单不完整 / the {'old' if name == '旧' else 'new'} "
                       "file was not checked; its findings are not complete")
    if old.year and new.year and new.year < old.year:
        out.append(f"新文件年度（{new.year}）早于旧文件（{old.year}），比对方向可能颠倒 / the new file's year is "
                   "before the old one's: OLD and NEW may be swapped")
    return out


# --- findings ------------------------------------------------------------------------------

def _key(f: Finding) -> str:
    """A finding's identity: its fingerprint; a finding made without one (an unreadable file) by its
    code, subject and message."""
    return f.fingerprint or "\x1f".join((f.code, f.subject or "", f.message))


def match_findings(old: Sequence[Finding], new: Sequence[Finding]) -> tuple[list[Finding], list[Finding], list[Still]]:
    """(fixed, new, still open) by fingerprint; one fingerprint found twice on a side pairs in order."""
    pool: dict[str, list[Finding]] = defaultdict(list)
    for f in old:
        pool[_key(f)].append(f)
    added, still = [], []
    for f in new:
        olds = pool.get(_key(f))
        if olds:
            still.append(Still(olds.pop(0), f))
        else:
            added.append(f)
    paired = {id(s.old) for s in still}
    fixed = [f for f in old if id(f) not in paired]
    return fixed, added, still


# --- forms ---------------------------------------------------------------------------------

def _form_name(form: Form) -> str:
    return form.project or form.title or form.department or ""


def _form_key(form: Form) -> str:
    """A form's identity across years: kind and project (else title), years and trailing marks left out."""
    name = _MARKS.sub("", norm(_YEAR.sub("", norm(_form_name(form)))))
    return f"{form.kind}|{name}"


def form_info(form: Form, index: int) -> FormInfo:
    return FormInfo(index, form.kind, _form_name(form), form.ref.where, form.ref.line)


def match_forms(old: Sequence[Form], new: Sequence[Form]) -> tuple[list[tuple[int, int, str]], list[int], list[int]]:
    """Pairs (old index, new index, how), then the old and the new forms left alone. By kind and name
    first (in order where a name repeats), then by kind and position (the same index)."""
    pairs: list[tuple[int, int, str]] = []
    free_old: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(old):
        if _form_name(f):
            free_old[_form_key(f)].append(i)
    used_old: set[int] = set()
    left_new = []
    for j, f in enumerate(new):
        cands = free_old.get(_form_key(f)) if _form_name(f) else None
        if cands:
            i = cands.pop(0)
            used_old.add(i)
            pairs.append((i, j, "name"))
        else:
            left_new.append(j)
    still_new = []
    for j in left_new:
        if j < len(old) and j not in used_old and old[j].kind == new[j].kind:
            used_old.add(j)
            pairs.append((j, j, "position"))
        else:
            still_new.append(j)
    pairs.sort(key=lambda p: p[1])
    return pairs, [i for i in range(len(old)) if i not in used_old], still_new


# --- indicators ----------------------------------------------------------------------------

def _ind_key(ind: Indicator) -> str:
    return _MARKS.sub("", norm(ind.name))


def _ind_info(ind: Indicator) -> IndicatorInfo:
    return IndicatorInfo(ind.name or "", ind.level1, ind.level2, ind.target.text if ind.target else None,
                         ind.actual.text if ind.actual else None, ind.ref.where, ind.ref.line)


def _direction(op: str | None) -> str | None:
    if op in ("≤", "<"):
        return CEILING
    if op in ("≥", ">", "=", None):
        return FLOOR
    return None   # 定性, a range


def _in_unit(value: Decimal, unit: str | None, to: str | None) -> Decimal | None:
    """``value`` of ``unit`` expressed in ``to``: the same unit as is, 元 ↔ 万元 exactly, else None."""
    a, b = norm(unit) or None, norm(to) or None
    if a == b:
        return value
    if {a, b} == {"元", "万元"}:
        return Money(value, a).to(b)
    return None


def _looser(new: Decimal, old: Decimal, direction: str) -> bool:
    return new < old if direction == FLOOR else new > old


def lowered(old: Indicator, new: Indicator, years_apart: bool = True) -> Lowered | None:
    """The new target loosened below the old indicator's actual (only ``years_apart``: within one
    year's resubmission a target under its own year's actual is simply exceeded) or below its
    target, same unit and same direction; None when neither. An actual printed without a unit is in
    its own target's unit, except a fraction (≤ 1) under a percent target, which is ambiguous."""
    nt, ot, oa = new.target, old.target, (old.actual if years_apart else None)
    if nt is None or nt.value is None:
        return None
    direction = _direction(nt.op)
    if direction is None:
        return None
    actual = None
    if oa is not None and oa.value is not None:
        unit = oa.unit
        if unit is None and ot is not None and ot.unit and not (norm(ot.unit) == "%" and oa.value <= 1):
            unit = ot.unit
        if unit is not None or nt.unit is None:
            actual = _in_unit(oa.value, unit, nt.unit)
    target = None
    if ot is not None and ot.value is not None and _direction(ot.op) == direction:
        target = _in_unit(ot.value, ot.unit, nt.unit)
    below_actual = actual is not None and _looser(nt.value, actual, direction)
    below_target = target is not None and _looser(nt.value, target, direction)
    if not (below_actual or below_target):
        return None
    return Lowered(new.name or "", direction, nt.unit, nt.value, nt.text, target, ot.text if ot else None,
                   actual, oa.text if oa else None, below_actual, below_target, new.ref.where, new.ref.line)


def compare_indicators(old: Sequence[Indicator], new: Sequence[Indicator], years_apart: bool = True) \
        -> tuple[list[Lowered], list[IndicatorInfo], list[IndicatorInfo]]:
    """(lowered, removed, added) between two forms' indicators, matched by normalised name."""
    pool: dict[str, list[Indicator]] = defaultdict(list)
    for ind in old:
        if _ind_key(ind):
            pool[_ind_key(ind)].append(ind)
    low, added, paired = [], [], set()
    for ind in new:
        key = _ind_key(ind)
        if not key:
            continue
        olds = pool.get(key)
        if not olds:
            added.append(_ind_info(ind))
            continue
        o = olds.pop(0)
        paired.add(id(o))
        change = lowered(o, ind, years_apart)
        if change is not None:
            low.append(change)
    removed = [_ind_info(i) for i in old if _ind_key(i) and id(i) not in paired]
    return low, removed, added


# --- figures -------------------------------------------------------------------------------

_CENT = Decimal("0.01")


def _totals(record: FileRecord, n: int) -> Totals | None:
    return next((t for t in record.totals if t.form == n), None)


def _rate(executed: Decimal | None, adjusted: Decimal | None) -> Decimal | None:
    """执行率 recomputed: executed ÷ adjusted × 100, to 0.01 (half up)."""
    if executed is None or not adjusted:
        return None
    return (executed / adjusted * 100).quantize(_CENT, ROUND_HALF_UP)


def _figures(of: Form, ot: Totals | None, nf: Form, nt: Totals | None) -> tuple[list[Figure], list[Grade]]:
    figures = [Figure("total_reported", ot.reported_score if ot else of.total_score,
                      nt.reported_score if nt else nf.total_score),
               Figure("total_recomputed", ot.score if ot else None, nt.score if nt else None)]
    om = of.budget.main if of.budget else None
    nm = nf.budget.main if nf.budget else None
    figures += [Figure("rate", om.rate if om else None, nm.rate if nm else None, "%", "%"),
                Figure("rate_computed", _rate(om.executed, om.adjusted) if om else None,
                       _rate(nm.executed, nm.adjusted) if nm else None, "%", "%")]
    ou, nu = (of.budget.unit if of.budget else None), (nf.budget.unit if nf.budget else None)
    for name in ("initial", "adjusted", "executed"):
        figures.append(Figure(name, getattr(om, name) if om else None, getattr(nm, name) if nm else None, ou, nu))
    grades = [Grade("reported", (ot.reported_grade if ot else None) or of.grade,
                    (nt.reported_grade if nt else None) or nf.grade),
              Grade("recomputed", ot.grade if ot else None, nt.grade if nt else None)]
    return ([f for f in figures if f.old is not None or f.new is not None],
            [g for g in grades if g.old is not None or g.new is not None])


def compare_forms(old: FileRecord, new: FileRecord, years_apart: bool = True) \
        -> tuple[list[FormChange], list[FormInfo], list[FormInfo]]:
    """Every matched form's figures and indicators, then the forms removed and added; ``years_apart``:
    the two are of different years (targets are then held against the other year's actuals too)."""
    pairs, gone, came = match_forms(old.forms, new.forms)
    out = []
    for i, j, how in pairs:
        of, nf = old.forms[i], new.forms[j]
        figures, grades = _figures(of, _totals(old, i), nf, _totals(new, j))
        low, removed, added = compare_indicators(of.indicators, nf.indicators, years_apart)
        out.append(FormChange(form_info(of, i), form_info(nf, j), how, figures, grades, low, removed, added))
    return out, [form_info(old.forms[i], i) for i in gone], [form_info(new.forms[j], j) for j in came]


# --- the whole -----------------------------------------------------------------------------

def compare(old: FileRecord, new: FileRecord, old_label: str | None = None, new_label: str | None = None) -> Comparison:
    """Compare two records of one unit (比对): findings fixed / new / still open by fingerprint, the
    forms matched and compared year on year, and whether they are one unit and kind."""
    a, b = side_of(old, old_label), side_of(new, new_label)
    unit = same_unit(a, b)
    kind = a.kind == b.kind
    fixed, added, still = match_findings(old.findings, new.findings)
    forms, gone, came = compare_forms(old, new, bool(a.year and b.year and a.year != b.year))
    return Comparison(a, b, unit, kind, fixed, added, still, forms, gone, came, _notes(a, b, unit, kind))


Entry = FileRecord | tuple[str, FileRecord]


def history(records: Iterable[Entry]) -> History:
    """One unit's records in order (历次提交): by year (a record without one last), then in the order
    given; each consecutive pair compared. Each entry is a ``FileRecord`` (labelled by its file) or a
    ``(label, FileRecord)`` pair (the store's name or time of a run)."""
    entries = [(e[0], e[1]) if isinstance(e, tuple) else (e.file, e) for e in records]
    sides = [side_of(r, label) for label, r in entries]
    order = sorted(range(len(entries)), key=lambda k: (sides[k].year is None, sides[k].year or 0, k))
    steps = [compare(entries[a][1], entries[b][1], entries[a][0], entries[b][0]) for a, b in zip(order, order[1:])]
    return History([sides[k] for k in order], steps)
