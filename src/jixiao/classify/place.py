"""Where a document is from (所属地区): a department's name resolved county → city → province.

The names come from the department as the document names itself (its title, its 单位 /
主管部门 field), never from a place the prose mentions. The table of every province, city and
county-level division is data (``data/divisions.csv``, source in ``divisions.SOURCE.md``), with
the customary short forms people write (``division_aliases.csv``: 黔南州, 广西, 内蒙古 …).
A name found in more than one place (朝阳区, 鼓楼区) is resolved by a higher level named before
it; when nothing does, the place stays unknown and the candidates are said.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import package_file
from ..schema import check_csv
from ..values import norm

DATA = package_file("data")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class Place:
    """A resolved place (地区): the names at each level, and how it was found."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    code: str | None = None
    evidence: str = ""

    @property
    def known(self) -> bool:
        return self.code is not None

    def to_json(self) -> dict:
        return {"province": self.province, "city": self.city, "county": self.county, "code": self.code,
                "evidence": self.evidence}

    def names(self) -> list[str]:
        """Province, city, county — the names a rule profile's regions are matched against."""
        return [n for n in (self.province, self.city, self.county) if n]


@dataclass(frozen=True)
class Gazetteer:
    """Every division by code, and every name or alias → codes (地名表)."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[str, ...]]
    longest: int

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, top first."""
        out = []
        d = self.by_code.get(code)
        while d is not None:
            out.append(d)
            d = self.by_code.get(d.parent) if d.parent else None
        return out[::-1]

    def under(self, code: str, ancestor: str) -> bool:
        return any(d.code == ancestor for d in self.chain(code))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    by_code: dict[str, Division] = {}
    names: dict[str, set[str]] = {}
    check_csv(DATA / "divisions.csv", ("code", "name", "level", "parent"), filled=("code", "name", "level"))
    with open(DATA / "divisions.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            d = Division(row["code"], row["name"], row["level"], row["parent"] or None)
            by_code[d.code] = d
            names.setdefault(norm(d.name), set()).add(d.code)
    for d in by_code.values():
        # a province or a city is also written without its suffix (湖南, 岳阳); a county is not
        # (城关, 新华 … would be found inside other words)
        if d.level in ("province", "city"):
            short = re.sub(r"(省|市|地区|盟)$", "", d.name)
            if len(short) >= 2 and short != d.name:
                names.setdefault(norm(short), set()).add(d.code)
    alias_file = DATA / "division_aliases.csv"
    if alias_file.is_file():
        check_csv(alias_file, ("alias", "code", "note"), filled=("alias", "code"))
        with open(alias_file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["code"] in by_code:
                    names.setdefault(norm(row["alias"]), set()).add(row["code"])
    frozen = {k: tuple(sorted(v)) for k, v in names.items() if k}
    return Gazetteer(by_code, frozen, max(map(len, frozen)))


def _mentions(text: str, g: Gazetteer) -> list[tuple[str, tuple[str, ...]]]:
    """Division names in ``text``, left to right, the longest at each position, not overlapping."""
    out = []
    i = 0
    while i < len(text):
        for n in range(min(g.longest, len(text) - i), 1, -1):
            codes = g.by_name.get(text[i:i + n])
            if codes:
                out.append((text[i:i + n], codes))
                i += n
                break
        else:
            i += 1
    return out


def resolve(name: str | None) -> Place:
    """The place a department's name names (“岳阳市君山区医疗保障局” → 湖南省 岳阳市 君山区)."""
    text = norm(name)
    if not text:
        return Place(evidence="没有可据以判断地区的单位名称")
    g = gazetteer()
    context: str | None = None
    found: list[str] = []
    unsure: list[str] = []
    for word, codes in _mentions(text, g):
        fits = [c for c in codes if context is None or g.under(c, context)]
        deeper = [c for c in fits if c != context]
        if len(deeper) == 1:
            context = deeper[0]
            found.append(word)
        elif len(deeper) > 1 and context is None:
            unsure.append(f"“{word}”可指{'、'.join(g.chain(c)[0].name for c in deeper[:4])}等")
    if context is None:
        why = "；".join(unsure) if unsure else "单位名称中没有省、市、县名"
        return Place(evidence=f"据“{name}”无法确定地区：{why}")
    levels = {d.level: d.name for d in g.chain(context)}
    return Place(levels.get("province"), levels.get("city"), levels.get("county"), context,
                 f"据“{name}”中的“{'、'.join(found)}”")
