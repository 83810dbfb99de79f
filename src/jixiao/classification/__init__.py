"""Classification codes (政府收支分类科目): code tables as data, and lookups.

``functional.csv`` holds 支出功能分类 (类 3 digits, 款 5, 项 7: 208 / 20805 / 2080505);
``economic.csv`` holds 部门预算支出经济分类 (类 3 digits, 款 5: 301 / 30101). Each row names
the catalogue year and the document it was read from. Functional codes begin with 2 (支出) or 1
(收入); economic codes with 3.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ..resources import package_file
from ..schema import check_csv
from ..values import norm

HERE = package_file("classification")
_CODE = re.compile(r"^[123]\d{2}(?:\d{2}){0,2}$")
LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True)
class Code:
    """One classification code (科目)."""

    code: str
    name: str
    level: str
    parent: str | None
    year: int
    source: str


@cache
def table(scheme: str) -> dict[str, Code]:
    """``"functional"`` or ``"economic"`` → code → Code."""
    check_csv(HERE / f"{scheme}.csv", ("code", "name", "level", "parent", "year", "source"), filled=("source",))
    with (HERE / f"{scheme}.csv").open(encoding="utf-8", newline="") as f:
        return {r["code"]: Code(r["code"], r["name"], r["level"], r["parent"] or None, int(r["year"]), r["source"])
                for r in csv.DictReader(f)}


def as_code(text: str | None) -> str | None:
    """A cell that is a code (``"2080505"``, ``"208 05 05"``) → the code, else None."""
    s = re.sub(r"[\s.]", "", text or "")
    return s if _CODE.match(s) else None


def scheme_of(code: str) -> str:
    return "economic" if code.startswith("3") else "functional"


def lookup(code: str) -> Code | None:
    return table(scheme_of(code)).get(code)


def parent_of(code: str) -> str | None:
    return code[:-2] if len(code) > 3 else None


def level_of(code: str) -> str:
    return LEVELS.get(len(code), "")


def same_name(printed: str, official: str) -> bool:
    """Names agree when they differ only in width, spacing or bracket style."""
    def key(s: str) -> str:
        return norm(s).replace("(", "（").replace(")", "）").replace("“", "").replace("”", "").replace('"', "")
    return key(printed) == key(official)
