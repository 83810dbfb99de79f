"""``jixiao render FILE --to xlsx|docx|pdf`` (按官方表样输出)."""

from __future__ import annotations


def render() -> None:
    """Render the official tables of a file's forms as XLSX, DOCX or PDF (按官方表样输出)."""
    raise SystemExit(4)
