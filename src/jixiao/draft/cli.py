"""``jixiao draft FILE`` (据表起草说明)."""

from __future__ import annotations


def draft() -> None:
    """Write the prose from a file's tables, every figure computed (据表起草说明)."""
    raise SystemExit(4)
