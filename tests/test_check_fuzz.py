"""Damaged tables never crash the checks: every cell may be blank, garbled or absurd."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mini import CLEAN, text

from jixiao.pipeline import check_path

ODD = ["", "—", "/", "abc", "0", "0.00", "-3", "1e5", "≥", "%", "999999999999", "≤0", "=0", "0-0", "5-1",
       "定性", "0.0001%", "100万元", "3次", "未达成", "部分达成", "12.345.6"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(CLEAN)), st.sampled_from(ODD), max_size=8))
def test_checks_survive_damaged_cells(changes):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "damaged.txt"
        p.write_text(text(**changes), encoding="utf-8")
        r = check_path(p)
    internal = [f for f in r.findings if f.code in ("JX000", "JX005")]
    assert not internal, internal
    assert all(f.message and f.severity in ("error", "warning", "info") for f in r.findings)
