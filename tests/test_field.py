"""Real documents nobody here wrote: the field corpus (../shared/field, golden files read by hand
in tests/field/golden) and short real excerpts as portals and converters print them
(tests/field/texts, each with its source in index.json).

What is held: every field file's kind; no error a reviewer would not sign; at most one warning
per file; the department and place where the document names them (else unknown, never wrong);
the excerpts' kinds, and no error on an excerpt whose figures all hold.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.pipeline import check_path

HERE = Path(__file__).resolve().parent
FIELD = HERE.parents[1] / "shared" / "field"
GOLDEN = HERE / "field" / "golden"
TEXTS = HERE / "field" / "texts"
INDEX = json.loads((TEXTS / "index.json").read_text(encoding="utf-8"))

needs_field = pytest.mark.skipif(not FIELD.is_dir(), reason="../shared/field not beside the repo")


def golden(prefix: str) -> dict:
    return json.loads((GOLDEN / f"{prefix}.json").read_text(encoding="utf-8"))


PREFIXES = sorted(p.stem for p in GOLDEN.glob("*.json"))
_RESULTS: dict[str, object] = {}


def result(prefix: str):
    if prefix not in _RESULTS:
        _RESULTS[prefix] = check_path(FIELD / golden(prefix)["file"])
    return _RESULTS[prefix]


@needs_field
@pytest.mark.parametrize("prefix", PREFIXES)
def test_field_file_kind(prefix):
    r = result(prefix)
    assert r.error is None
    assert r.info.kind == golden(prefix)["kind"], r.info.kind_evidence


def numbers(text) -> set[Decimal]:
    return {Decimal(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", str(text or ""))}


def bare(text) -> str:
    return re.sub(r"[\s\d“”\"()（）]", "", str(text or ""))


def explained(finding, mistakes: list[dict]) -> bool:
    """A finding that reports a mistake found by hand: the same two figures, expected and found,
    or for a mistake of words, the hand-found text holding what the finding found."""
    return any(numbers(finding.expected) == numbers(m.get("expected")) and numbers(m.get("expected"))
               and numbers(finding.found) == numbers(m.get("found"))
               or len(bare(finding.found)) >= 8 and bare(finding.found) in bare(m.get("found")) for m in mistakes)


@needs_field
@pytest.mark.parametrize("prefix", PREFIXES)
def test_field_file_has_no_error_a_reviewer_would_not_sign(prefix):
    g, r = golden(prefix), result(prefix)
    mistakes = g.get("mistakes", [])
    errors = [f for f in r.findings if f.severity == "error" and not explained(f, mistakes)]
    assert errors == [], [f.message for f in errors]
    doubtful = [f for f in r.findings if f.severity == "warning" and not explained(f, mistakes)]
    assert len(doubtful) <= 1, [f.message for f in doubtful]


@needs_field
@pytest.mark.parametrize("prefix,count", [("001", 1), ("006", 1), ("007", 1), ("020", 1), ("023", 20)])
def test_field_mistakes_found_by_hand_are_reported(prefix, count):
    g, r = golden(prefix), result(prefix)
    found = [m for m in g["mistakes"] if any(explained(f, [m]) for f in r.findings)]
    assert len(found) == count


@needs_field
@pytest.mark.parametrize("prefix", PREFIXES)
def test_field_file_department_and_place_are_right_or_unknown(prefix):
    g, r = golden(prefix), result(prefix)
    if r.info.department is not None:
        assert r.info.department == g["department"]
    place = r.info.place
    if place.known and g.get("province") not in (None, "中央"):
        assert place.province.startswith(g["province"])


@needs_field
def test_field_departments_mostly_found():
    found = [p for p in PREFIXES if result(p).info.department is not None]
    assert len(found) >= len(PREFIXES) - 2


@needs_field
def test_field_unchecked_files_are_the_ones_with_nothing_to_check():
    unchecked = {p for p in PREFIXES if any(f.code == "JX011" for f in result(p).findings)}
    assert unchecked == {p for p in PREFIXES if golden(p)["kind"] == "other"}


@pytest.mark.parametrize("name", sorted(INDEX))
def test_excerpt_is_read_without_an_unfounded_error(name):
    entry = INDEX[name]
    r = check_path(TEXTS / name)
    assert r.error is None
    errors = [f for f in r.findings if f.severity == "error"]
    if not entry.get("mistakes"):
        assert errors == [], [f.message for f in errors]


def test_excerpt_kinds():
    right = [n for n in INDEX if check_path(TEXTS / n).info.kind == INDEX[n]["kind"]]
    assert len(right) / len(INDEX) >= 0.85, sorted(set(INDEX) - set(right))


@pytest.mark.parametrize("name,phrase", [
    ("final_chongqing_fuling_jiaoshi_2020.md", "43.78%"),
    ("final_chongqing_fuling_jiaoshi_2020.md", "2.2%"),
    ("budget_shaanxi_xincheng_wjj_2019.md", "42.86%"),      # the rate in brackets: 1.5 ÷ 3.80 = 39.47%
])
def test_excerpt_mistakes_found_by_hand_are_reported(name, phrase):
    r = check_path(TEXTS / name)
    assert any(f.code == "JX505" and phrase in f.message for f in r.findings)


def test_excerpt_departments_right_or_unknown():
    found = 0
    for name, entry in INDEX.items():
        got = check_path(TEXTS / name).info.department
        if got is None:
            continue
        found += 1
        named = [n for n in (entry["department"], entry.get("unit")) if n]   # the 主管部门, or the unit under it
        assert any(got in n or n in got for n in named), (name, got)
    assert found >= 10
