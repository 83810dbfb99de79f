"""Noise removal shared by the readers (去噪): scanner watermarks, page furniture, LaTeX.

OCR pipelines that turned a scan into text leave three kinds of debris: the scanning app's
watermark on every page, page numbers, and formulas written as LaTeX (``$\\geq 98\\%$``).
The patterns are data (``data/noise.toml``), not code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import package_file
from ..schema import NOISE, load_toml


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_toml(package_file("data", "noise.toml"), NOISE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    data = _data()
    pats = data.get("watermark_lines", []) + data.get("page_lines", [])
    return tuple(re.compile(p) for p in pats)


@lru_cache(maxsize=1)
def _debris() -> re.Pattern | None:
    data = _data()
    pats = data.get("inline_debris", [])
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


def strip_debris(line: str) -> str:
    """Remove converter markup such as ``[bookmark: _GoBack]`` from a line."""
    pat = _debris()
    return pat.sub("", line) if pat and "[" in line else line


def is_noise_line(line: str) -> bool:
    """True for a whole line that is a scanner watermark or a page number."""
    s = line.strip()
    return bool(s) and any(p.match(s) for p in _patterns())


_LATEX_SYMBOLS = {
    r"\geqslant": "≥", r"\leqslant": "≤", r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤",
    r"\neq": "≠", r"\times": "×", r"\div": "÷", r"\cdot": "·", r"\%": "%", r"\pm": "±",
    r"\left": "", r"\right": "", r"\,": "", r"\;": "", r"\!": "", r"\ ": "",
}
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
_COMMAND = re.compile(r"\\(geqslant|leqslant|geq|leq|ge|le|neq|times|div|cdot|pm|left|right|%|,|;|!| )")
_TEXT_CMD = re.compile(r"\\(?:text|mathrm|mathbf)\{([^}]*)\}")


def _math_to_text(m: re.Match) -> str:
    body = _TEXT_CMD.sub(r"\1", m.group(1))
    body = _COMMAND.sub(lambda c: _LATEX_SYMBOLS["\\" + c.group(1)], body)
    body = body.replace("{", "").replace("}", "")
    return re.sub(r"\s+", "", body)


def delatex(line: str) -> str:
    """Turn inline LaTeX into plain text: ``$\\geq 98\\%$`` → ``≥98%``."""
    if "$" not in line:
        return line
    return _MATH.sub(_math_to_text, line)
