"""Every self-evaluation form of the five seeds reads as a person read it by hand."""

import pytest

from golden_compare import GOLDEN, SEEDS, differences

PREFIXES = sorted(p.stem for p in GOLDEN.glob("[0-9][0-9][0-9].json"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_reads_as_golden(prefix):
    diffs = differences(prefix)
    assert not diffs, "\n".join(diffs)
