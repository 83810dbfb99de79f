"""Figures and the draft's shape (数字与文稿结构): amounts in 万元, shares and rates, placeholders.

Every figure the draft prints is computed here from Decimal inputs, rounded ROUND_HALF_UP to the
printed precision of the tables (万元 with two decimals, percentages with two); an input that is
missing becomes a visible placeholder 【请填写：…】, never a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)


def ask(what: str) -> str:
    """A visible placeholder for an input the tables do not hold (待填写)."""
    return f"【请填写：{what}】"


def explain(what: str = "偏差原因") -> str:
    """A visible placeholder for a reason only the department can give (待说明)."""
    return f"【请说明{what}】"


def to_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """An amount in 万元 (万元折算): a 元 table's figure divided by 10,000, unrounded."""
    if value is None:
        return None
    return value / TEN_THOUSAND if unit == "元" else value


def wan(value: Decimal | None) -> str:
    """An amount as the draft prints it: 万元, two decimals, half up (758.48); a missing amount is 0.00."""
    return f"{(value or Decimal(0)).quantize(CENT, ROUND_HALF_UP):f}"


def known(value: Decimal | None, what: str) -> str:
    """An amount the tables must hold (合计、总计): printed with ``wan``, else a placeholder, never 0.00."""
    return wan(value) if value is not None else ask(f"{what}（表中未列）")


def percent(num: Decimal | None, den: Decimal | None) -> str | None:
    """num ÷ den × 100 with two decimals, half up; None where the quotient does not exist."""
    if num is None or not den:
        return None
    return f"{(num / den * HUNDRED).quantize(CENT, ROUND_HALF_UP):f}"


def amount(value: Decimal | None, places: int = 2) -> str:
    """A figure of a self-evaluation form at its own unit, ``places`` decimals, half up."""
    q = Decimal(1).scaleb(-places)
    return f"{(value or Decimal(0)).quantize(q, ROUND_HALF_UP):f}"


@dataclass
class Section:
    """One heading of the draft (标题) with its paragraphs (段落); ``level`` 1 = 一、, 2 = （一）."""

    heading: str
    level: int = 1
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """A drafted text (起草文稿): its title, its sections, and the notes for the writer (核对提示)."""

    title: str
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, heading: str, *paragraphs: str, level: int = 1) -> Section:
        s = Section(heading, level, [p for p in paragraphs if p])
        self.sections.append(s)
        return s

    def text(self) -> str:
        """The draft as plain text, one paragraph a line (纯文本)."""
        out = [self.title, ""]
        for s in self.sections:
            out += [s.heading, ""] + [p + "\n" for p in s.paragraphs]
        if self.notes:
            out += ["核对提示", ""] + [n + "\n" for n in self.notes]
        return "\n".join(out)
