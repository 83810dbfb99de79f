"""Marks (批注标记): the findings to write into the file, numbered, each with all its places.

A ``Mark`` is one finding with a number (①②… in the PDF, the row of the 复核意见 list) and
every place it shows (its ``ref`` and ``also``, duplicates dropped). ``Outcome`` says what a
writer did: how many findings it marked at a place, how many it listed apart, and which places
it could not find in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import SourceRef
from ..checks import SEVERITIES, SEVERITY_ZH, Finding

AUTHOR = "jixiao"


@dataclass(frozen=True)
class Mark:
    """One finding to annotate (待批注的问题): its number and every place it shows."""

    number: int
    finding: Finding
    places: tuple[SourceRef, ...]

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def severity(self) -> str:
        return self.finding.severity

    def headline(self) -> str:
        """“JX205 错误 error：message” — the first line of a comment."""
        f = self.finding
        return f"{f.code} {SEVERITY_ZH.get(f.severity, f.severity)} {f.severity}：{f.message}"

    def note(self) -> str:
        """The comment's text (批注内容): code, severity, message, expected and found."""
        lines = [self.headline()]
        if self.finding.expected is not None:
            lines.append(f"应为 / expected：{self.finding.expected}")
        if self.finding.found is not None:
            lines.append(f"实为 / found：{self.finding.found}")
        return "\n".join(lines)

    def where(self) -> str:
        """All its places in the user's terms (第3页 表2!C5、第12段), or 全文 / whole file."""
        return "、".join(dict.fromkeys(p.where for p in self.places)) or "全文 / whole file"


@dataclass
class Outcome:
    """What an annotating writer did (批注结果)."""

    out: Path
    marked: set[int] = field(default_factory=set)   # numbers of the findings marked at ≥ 1 place
    places: int = 0                                  # places marked (a cell, a paragraph, a box)
    missed: list[str] = field(default_factory=list)  # places the writer could not find in the file
    total: int = 0

    @property
    def apart(self) -> int:
        """Findings listed apart (另列): no place of theirs could be marked."""
        return self.total - len(self.marked)


def marks_of(findings: list[Finding], min_severity: str = "info") -> list[Mark]:
    """The findings from ``min_severity`` up, numbered from 1 in their order, with their places."""
    keep = SEVERITIES[:SEVERITIES.index(min_severity) + 1]
    out: list[Mark] = []
    for f in findings:
        if f.severity not in keep:
            continue
        places = tuple(dict.fromkeys(((f.ref,) if f.ref is not None else ()) + f.also))
        out.append(Mark(len(out) + 1, f, places))
    return out


def worst(marks: list[Mark]) -> str:
    """The most severe severity among ``marks`` (a place several findings share)."""
    return min((m.severity for m in marks), key=lambda s: SEVERITIES.index(s) if s in SEVERITIES else 9)
