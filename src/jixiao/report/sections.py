"""Required sections (必备部分): which parts a report must have, and which it has.

The outlines are data (``data/report_sections.toml``), each with its source. Which outlines
apply depends on the report's kind, on the places the document names (岳阳 → the 岳阳市 outline)
and on the rule profile chosen (jiangxi → the 江西 outline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import package_file
from ..blocks import SourceRef
from ..schema import SECTIONS, load_toml
from ..values import norm
from .reports import Report

DATA = package_file("data", "report_sections.toml")


@dataclass(frozen=True)
class Section:
    """One required part (必备部分) and the title patterns that name it."""

    id: str
    name: str
    patterns: tuple[re.Pattern, ...]
    outline: str          # the outline that requires it (its name)
    source: str

    def matches(self, title: str) -> bool:
        s = norm(title)
        return any(p.search(s) for p in self.patterns)


@dataclass(frozen=True)
class Outline:
    """A report outline (报告提纲) from the data file."""

    id: str
    name: str
    kind: str
    regions: tuple[str, ...]
    profiles: tuple[str, ...]
    source: str
    sections: tuple[Section, ...]
    attachments: tuple[str, ...]

    def applies(self, kind: str, texts: list[str], profile_id: str | None) -> bool:
        if self.kind != kind:
            return False
        if not self.regions and not self.profiles:
            return True
        return (profile_id in self.profiles) or any(r in t for r in self.regions for t in texts if t)


@cache
def outlines() -> tuple[Outline, ...]:
    data = load_toml(DATA, SECTIONS)
    out = []
    for o in data.get("outline", []):
        secs = tuple(Section(s["id"], s["name"], tuple(re.compile(p) for p in s["patterns"]), o["name"],
                             o["source"].strip()) for s in o.get("section", []))
        out.append(Outline(o["id"], o["name"], o["kind"], tuple(o.get("regions", ())), tuple(o.get("profiles", ())),
                           o["source"].strip(), secs, tuple(o.get("attachments", ()))))
    return tuple(out)


def applicable(report: Report, texts: list[str], profile_id: str | None) -> list[Outline]:
    """The outlines that apply to ``report``; ``texts`` are names the document gives."""
    return [o for o in outlines() if o.applies(report.kind, [report.title, *texts], profile_id)]


def required(report: Report, texts: list[str], profile_id: str | None) -> list[Section]:
    """The parts ``report`` must have: the applicable outlines joined by id, later ones overriding,
    in the order of the outline that names the most parts."""
    outs = applicable(report, texts, profile_id)
    by_id: dict[str, Section] = {}
    for o in outs:
        for s in o.sections:
            by_id[s.id] = s
    longest = max(outs, key=lambda o: len(o.sections), default=None)
    order = [s.id for s in longest.sections] if longest else []
    return sorted(by_id.values(), key=lambda s: order.index(s.id) if s.id in order else len(order))


def find(report: Report, section: Section) -> tuple[str, SourceRef] | None:
    """The heading of ``report`` naming ``section``: the shallowest first, then the earliest;
    short unnumbered lines last."""
    for h in sorted(report.all_headings(), key=lambda h: (h.level, h.ref.line)):
        if section.matches(h.title):
            return h.title, h.ref
    for title, ref in report.plain:
        if section.matches(title):
            return title, ref
    return None


@dataclass(frozen=True)
class SectionStatus:
    section: Section
    found: tuple[str, SourceRef] | None

    def to_json(self) -> dict:
        return {"id": self.section.id, "name": self.section.name, "outline": self.section.outline,
                "found": None if self.found is None else {"title": self.found[0], "line": self.found[1].line}}


def check_sections(report: Report, texts: list[str], profile_id: str | None) -> list[SectionStatus]:
    """Each required part of ``report`` with the heading that names it (None when missing)."""
    return [SectionStatus(s, find(report, s)) for s in required(report, texts, profile_id)]


def required_attachments(report: Report, texts: list[str], profile_id: str | None) -> tuple[str, ...]:
    """Attachments the applicable outlines require (used when the report lists none)."""
    for o in reversed(applicable(report, texts, profile_id)):
        if o.attachments:
            return o.attachments
    return ()
