"""The seeds' findings as a reviewer judged them (tests/judged/seeds.json, written by an
independent reader of the seeds, not from jixiao's output): every error and warning jixiao gives
must have been judged, and at least 95% of each must be true; one problem is one finding."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from golden_compare import SEEDS, seed_path

from jixiao.pipeline import check_path

JUDGED = json.loads((Path(__file__).parent / "judged" / "seeds.json").read_text(encoding="utf-8"))["findings"]
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")


@cache
def findings() -> list:
    return [f for prefix in ("000", "001", "002", "003", "004") for f in check_path(seed_path(prefix)).findings]


@needs_seeds
def test_every_error_and_warning_was_judged():
    unjudged = [(f.ref.file[-30:] if f.ref else "", f.ref.line if f.ref else 0, f.code, f.message)
                for f in findings() if f.severity != "info" and f.fingerprint not in JUDGED]
    assert unjudged == [], "new findings on the seeds must be judged by reading the seed: " + repr(unjudged)


@needs_seeds
@pytest.mark.parametrize("severity", ["error", "warning"])
def test_at_least_95_percent_true(severity):
    verdicts = Counter(JUDGED[f.fingerprint]["verdict"] for f in findings()
                       if f.severity == severity and f.fingerprint in JUDGED)
    total = sum(verdicts.values())
    assert total and verdicts["true"] / total >= 0.95, verdicts


@needs_seeds
def test_one_problem_one_finding():
    assert all(n == 1 for n in Counter(f.fingerprint for f in findings()).values())


@needs_seeds
def test_rounding_tails_one_line_per_check():
    tails = Counter(f.code for f in findings() if f.severity == "info" and "尾数误差" in f.message)
    assert all(n == 1 for n in tails.values())
