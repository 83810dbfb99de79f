"""Values (数值): numbers, money, percents and targets as printed in the tables.

One parser for everything that stands in an amount, rate, target or actual cell. Numbers are
``Decimal`` and keep their printed precision ("61.04" has two decimals, "0.00" too), because
tolerances are set by what was printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from . import limits

# --- text normalisation --------------------------------------------------------------

_OPS = {"≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤", "＞": ">", "＜": "<", "＝": "="}


def norm(text: str | None) -> str:
    """Canonical form for matching: NFKC, no whitespace, ``>=`` → ``≥``, ``<=`` → ``≤``."""
    if not text:
        return ""
    return _norm(text) if len(text) < 200 else _norm.__wrapped__(text)   # cells repeat; long prose does not


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    for a, b in _OPS.items():
        s = s.replace(a, b)
    s = re.sub(r"\s+", "", s)
    return s.replace(">=", "≥").replace("<=", "≤").replace("=>", "≥").replace("=<", "≤")


def clean(text: str | None) -> str:
    """Cell text for display: line breaks inside a cell removed, spaces collapsed."""
    if not text:
        return ""
    s = text.replace("\u3000", " ")
    # a line break or space between two CJK characters is layout, not content
    s = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])[\s]+(?=[\u3000-\u9fff\uff00-\uffef])", "", s)
    s = re.sub(r"\s*\n\s*", "", s)
    return re.sub(r"[ \t]+", " ", s).strip()


# --- numbers -------------------------------------------------------------------------

_NUM = r"[+-]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
_NUM_RE = re.compile(rf"^{_NUM}$")
BLANK_MARKS = {"", "—", "——", "-", "--", "/", "／", "…", "……", "无", "\\"}
_BLANK = frozenset(norm(m) for m in BLANK_MARKS)


def is_blank_mark(text: str | None) -> bool:
    """A cell that says 'nothing here': blank, a dash, a slash, an ellipsis."""
    return norm(text) in _BLANK


# a row a template keeps for an indicator that does not apply (效益指标 · 不适用)
NOT_APPLICABLE = frozenset({"不适用", "无", "暂无", "不涉及", "无此项"})


def is_not_applicable(text: str | None) -> bool:
    """A cell that says the row does not apply: 不适用, 无, 不涉及 — or nothing at all."""
    return is_blank_mark(text) or norm(text) in NOT_APPLICABLE


def parse_number(text: str | None) -> Decimal | None:
    """``"2,200,000"`` → ``Decimal("2200000")``; ``None`` when the text is not one number, or a
    run of digits longer than any figure (:data:`limits.NUMBER_DIGITS`)."""
    s = norm(text)
    if not s or len(s) > 2 * limits.NUMBER_DIGITS or not _NUM_RE.match(s) \
            or sum(c.isdigit() for c in s) > limits.NUMBER_DIGITS:
        return None
    try:
        return Decimal(s.replace(",", "").replace("，", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return None


def parse_points(text: str | None) -> Decimal | None:
    """A weight or score cell, with or without its unit: ``"10"``, ``"10分"``, ``"9.5 分"`` → the number."""
    s = norm(text)
    return parse_number(s[:-1] if s.endswith("分") else s)


def parse_percent(text: str | None) -> Decimal | None:
    """A rate cell: ``"61.04%"`` → ``61.04``; ``"100"`` → ``100`` (a rate column prints no %)."""
    s = norm(text)
    if s.endswith("%"):
        s = s[:-1]
    return parse_number(s)


def decimals(d: Decimal) -> int:
    """Printed decimal places of a number: ``61.04`` → 2, ``10`` → 0."""
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


@dataclass(frozen=True)
class Money:
    """An amount of money with its unit (金额): ``Decimal`` and ``"元"`` or ``"万元"``."""

    amount: Decimal
    unit: str

    def to(self, unit: str) -> Decimal:
        """The amount in another unit (元 ↔ 万元), exact."""
        if unit == self.unit:
            return self.amount
        if self.unit == "元" and unit == "万元":
            return self.amount / Decimal(10000)
        if self.unit == "万元" and unit == "元":
            return self.amount * Decimal(10000)
        raise ValueError(f"unknown money units {self.unit} → {unit}")


def money_unit(text: str | None) -> str | None:
    """The money unit a header or caption declares: ``"金额单位：万元"`` → ``"万元"``."""
    s = norm(text)
    if "万元" in s:
        return "万元"
    if re.search(r"[(（:：]元[)）]|单位[:：]?元|\(元\)|^元$", s):
        return "元"
    return None


# --- targets and actuals -----------------------------------------------------------

QUALITATIVE = "定性"
_OP_RE = re.compile(r"^(≥|≤|>|<|=)")
_RANGE_RE = re.compile(rf"^({_NUM})\s*[-~～至到]\s*({_NUM})\s*(\D{{0,8}})$")
_QTY_RE = re.compile(rf"^({_NUM})\s*([^\d]{{0,12}})$")
_AT_LEAST = re.compile(r"(以上|不低于|不少于|不小于|至少|及以上)")
_AT_MOST = re.compile(r"(以下|以内|不高于|不超过|不大于|不多于|控制在.*以内)")
_NUM_IN = re.compile(rf"({_NUM})\s*(%|‰|万元|元|万人|人次|人|户|次|个|家|项|件|份|天|日|月|年|篇|处|辆|台|场|期|批|条)?")


@dataclass(frozen=True)
class Target:
    """An indicator's target (指标值) as printed and as understood.

    ``op`` is one of ``≥ ≤ = > <``, ``定性`` for a qualitative target, ``range`` for ``6-9``
    (bounds in ``low``/``high``), or ``None`` for a bare value ("95%") or an unreadable text.
    """

    text: str
    op: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    def to_json(self) -> dict:
        out = {"text": self.text, "op": self.op, "value": self.value, "unit": self.unit}
        if self.op == "range":
            out.update(low=self.low, high=self.high)
        return out


@dataclass(frozen=True)
class Actual:
    """An indicator's actual value (实际完成值) as printed and as understood."""

    text: str
    value: Decimal | None = None
    unit: str | None = None
    op: str | None = None  # an actual that restates an operator ("≥95%") keeps it here

    def to_json(self) -> dict:
        out = {"text": self.text, "value": self.value, "unit": self.unit}
        if self.op:
            out["op"] = self.op
        return out


def _unit(u: str) -> str | None:
    u = u.strip()
    return u or None


def _quantity(s: str) -> tuple[Decimal, str | None] | None:
    m = _QTY_RE.match(s)
    if not m:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    return value, _unit(m.group(2))


def parse_target(text: str | None, op_cell: str | None = None, unit_cell: str | None = None) -> Target | None:
    """Parse a target as printed: ``"≥15次"``, ``"=100%"``, ``"6-9"``, ``"定性"``, ``"好"``.

    Tables that split the target over 指标性质 / 指标值 / 度量单位 pass the three cells;
    a unit of 其他 means none.
    """
    raw = clean(text)
    op_raw = norm(op_cell)
    unit_raw = clean(unit_cell)
    if unit_raw in {"其他", "其它", "/"}:
        unit_raw = ""
    if not raw and not op_raw:
        return None
    shown = raw
    if op_raw and op_raw != QUALITATIVE:
        shown = f"{op_raw}{raw}{unit_raw}"
    elif unit_raw:
        shown = f"{raw}{unit_raw}"
    s = norm(shown)
    if re.search(r"\d\s+\d", shown):  # digits split by a space: OCR debris, not a number
        m = _OP_RE.match(s)
        return Target(shown, m.group(1) if m else None)
    if op_raw == QUALITATIVE or s in {QUALITATIVE, "定性指标"}:
        return Target(shown or QUALITATIVE, QUALITATIVE)
    op = None
    m = _OP_RE.match(s)
    if m:
        op = m.group(1)
        s = s[len(op):]
    rng = _RANGE_RE.match(s) if op is None else None
    if rng:
        return Target(shown, "range", low=parse_number(rng.group(1)), high=parse_number(rng.group(2)),
                      unit=_unit(rng.group(3)))
    q = _quantity(s)
    if q:
        return Target(shown, op, q[0], q[1])
    if op is not None:
        return Target(shown, op)  # an operator with an unreadable value (OCR debris)
    words = _words_with_number(s)
    if words:
        return Target(shown, words[0], words[1], words[2])
    return Target(shown, QUALITATIVE)


def _words_with_number(s: str) -> tuple[str, Decimal, str | None] | None:
    """"参保率持续巩固在95%以上" → (≥, 95, %): one number and a word that makes it a bound."""
    nums = _NUM_IN.findall(s)
    if len(nums) != 1:
        return None
    if _AT_LEAST.search(s):
        op = "≥"
    elif _AT_MOST.search(s):
        op = "≤"
    else:
        return None
    value = parse_number(nums[0][0])
    return (op, value, nums[0][1] or None) if value is not None else None


def parse_actual(text: str | None) -> Actual | None:
    """Parse an actual: ``"20次"``, ``"95.47%"``, ``"0.95"``, ``"达成预期指标"``, ``"≥95%"``."""
    raw = clean(text)
    if not raw:
        return None
    s = norm(raw)
    op = None
    m = _OP_RE.match(s)
    if m:
        op = m.group(1)
        s = s[len(op):]
    if re.search(r"\d\s+\d", raw):
        return Actual(raw, None, None, op)
    q = _quantity(s)
    if q:
        return Actual(raw, q[0], q[1], op)
    nums = _NUM_IN.findall(s)
    if len(nums) == 1 and not re.search(r"\d{4}年", s):
        value = parse_number(nums[0][0])
        return Actual(raw, value, nums[0][1] or None, op)
    return Actual(raw, None, None, op)
