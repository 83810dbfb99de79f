"""``jixiao new LAYOUT`` (生成填报工作簿)."""

from __future__ import annotations


def new() -> None:
    """Write an entry workbook in an official layout, with live formulas (生成填报工作簿)."""
    raise SystemExit(4)
